// The XLSX form round trip and the report as a document, over real HTTP on the demo
// province with the regime of tests/lib/documents_seed.mjs: officer xa1 downloads the form,
// a hand-edited copy breaking a rule comes back with "Chỉ tiêu!D4: …" and nothing saved, a
// valid copy saves the draft; wrong files get a clear message; another commune's officer is
// refused; DOCX and PDF downloads (state layout for the ward, Party layout for Ban Dân vận),
// numbered once; the consolidated report of the province.
import { test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';
import { seedDocuments, editXlsx, pdfText, sql as sqlAt } from '../lib/documents_seed.mjs';

let srv;
let s;
const sql = (q) => sqlAt(srv.dbPath, q);
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

before(async () => {
  srv = await startServer();
  s = await seedDocuments(srv.dbPath);
});
after(async () => { await srv?.stop(); });

function tidyErrors(html) {
  const r = spawnSync('tidy', ['-q', '-errors', '--show-warnings', 'no', '-utf8'], { input: html, encoding: 'utf8' });
  assert.ok(r.status !== null, 'tidy ran');
  return r.stderr.split('\n').filter((l) => /Error:/.test(l));
}

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

async function bytes(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), buf: Buffer.from(await res.arrayBuffer()) };
}

async function upload(c, buf, name = 'form.xlsx', fields = {}) {
  const page = await c.get(`${s.base}/xlsx`);
  assert.equal(page.status, 200);
  const fd = new FormData();
  fd.append('_csrf', csrfFrom(page.text));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
  return c.request(`${s.base}/form.xlsx`, { method: 'POST', headers: { origin: srv.url }, body: fd });
}

test('xa1 downloads the form, a broken rule is named by sheet and cell and nothing is saved', async () => {
  const c = await as('xa1');
  const page = await c.get(`${s.base}/xlsx`);
  assert.equal(page.status, 200);
  assert.match(page.text, /href="[^"]*form\.xlsx"/);
  assert.deepEqual(tidyErrors(page.text), []);
  const f = await bytes(c, `${s.base}/form.xlsx`);
  assert.equal(f.status, 200);
  assert.equal(f.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(f.buf.subarray(0, 2).toString(), 'PK');

  const bad = await editXlsx(f.buf, { D3: '10', D4: '20', D8: '2.5' });
  const r = await upload(c, bad);
  assert.equal(r.status, 422);
  const t = text(r.text);
  assert.ok(t.includes('Chỉ tiêu!D4: Số đã giải quyết không được lớn hơn số tiếp nhận'), t.slice(0, 3000));
  assert.ok(/Chỉ tiêu!D8: /.test(t), 'the not-whole number in D8 is named');
  assert.deepEqual(tidyErrors(r.text), []);
  assert.equal(await sql(`SELECT count(*) FROM reports WHERE regime_id = ${s.regime}`), '0');
});

test('a valid upload saves the draft with every value', async () => {
  const c = await as('xa1');
  const f = await bytes(c, `${s.base}/form.xlsx`);
  const good = await editXlsx(f.buf, { D3: '30', D4: '20', D5: 'Có', D6: '45730', D8: '4', D9: '6' });
  const good2 = await editXlsx(good, { C2: 'Đã tổ chức 4 buổi đối thoại.' }, { sheet: 2 });
  const r = await upload(c, good2);
  assert.equal(r.status, 303, text(r.text).slice(0, 2000));
  assert.equal(r.location, `${s.base}?ok=saved`);
  const rows = await sql(`SELECT i.code || ':' || v.option_id || ':' || v.num FROM report_values v
      JOIN indicators i ON i.id = v.indicator_id JOIN reports r ON r.id = v.report_id
      WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit} ORDER BY i.code, v.option_id`);
  const vals = rows.split('\n').map((l) => l.replace(/:[0-9]+:/, ':'));
  assert.deepEqual(vals, ['I01:30.0', 'I02:20.0', 'I03:1.0', 'I04:20250314.0', 'I05:4.0', 'I05:6.0']);
  assert.equal(await sql(`SELECT body FROM report_sections s JOIN reports r ON r.id = s.report_id
      WHERE r.regime_id = ${s.regime} AND s.position = 1`), 'Đã tổ chức 4 buổi đối thoại.');
  assert.equal(await sql(`SELECT status FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}`), 'draft');

  // the next download is prefilled with what was saved
  const again = await bytes(c, `${s.base}/form.xlsx`);
  const back = await upload(c, again.buf);
  assert.equal(back.status, 303);
  assert.equal(await sql(`SELECT count(*) FROM report_values v JOIN reports r ON r.id = v.report_id
      WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit}`), '6');

  // a form downloaded before the last save is refused, unless replacing is asked for
  const stale = await editXlsx(good2, { D3: '31' });
  const refused = await upload(c, stale);
  assert.equal(refused.status, 409);
  assert.equal(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i
      ON i.id = v.indicator_id WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit} AND i.code = 'I01'`), '30.0');
  const replaced = await upload(c, stale, 'form.xlsx', { replace: '1' });
  assert.equal(replaced.status, 303);
  assert.equal(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i
      ON i.id = v.indicator_id WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit} AND i.code = 'I01'`), '31.0');
});

test('wrong files get a clear message', async () => {
  const c = await as('xa1');
  let r = await upload(c, Buffer.from('%PDF-1.4 this is not a workbook'), 'a.pdf');
  assert.equal(r.status, 422);
  assert.match(text(r.text), /XLSX/);
  // another report's form: the _meta unit id changed
  const f = await bytes(c, `${s.base}/form.xlsx`);
  const other = await editXlsx(f.buf, { B4: String(s.unit + 100000) }, { sheet: 3 });
  r = await upload(c, other);
  assert.equal(r.status, 422);
  assert.ok(r.text.length > 0);
  assert.equal(await sql(`SELECT count(*) FROM report_values v JOIN reports r ON r.id = v.report_id
      WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit}`), '6');
});

test('another commune\'s officer is refused', async () => {
  const c = await as('xa2');
  assert.equal((await c.get(`${s.base}/xlsx`)).status, 403);
  assert.equal((await bytes(c, `${s.base}/form.xlsx`)).status, 403);
  const page = await c.get('/reports');
  const fd = new FormData();
  fd.append('_csrf', csrfFrom(page.text) || '');
  fd.append('file', new Blob([Buffer.from('PK')]), 'x.xlsx');
  const r = await c.request(`${s.base}/form.xlsx`, { method: 'POST', headers: { origin: srv.url }, body: fd });
  assert.equal(r.status, 403);
});

test('the report as DOCX and PDF: state layout, numbered once when sent', async () => {
  const c = await as('xa1');
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}`));
  // a draft prints without a number
  let p = await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(p.status, 200);
  assert.equal(p.type, 'application/pdf');
  assert.equal(p.buf.subarray(0, 4).toString(), '%PDF');
  const draft = await pdfText(p.buf);
  if (draft !== null) assert.match(draft, /Số: \/BC-UBND/);

  await sql(`UPDATE reports SET status = 'submitted', first_submitted_at = '2025-07-05T02:00:00Z',
      submitted_at = '2025-07-05T02:00:00Z' WHERE id = ${id}`);
  p = await bytes(c, `/reports/${id}/document.pdf`);
  const t = await pdfText(p.buf);
  if (t !== null) {
    assert.ok(t.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), t);
    assert.ok(t.includes('Độc lập - Tự do - Hạnh phúc'));
    assert.ok(t.includes('Số: 1/BC-UBND'), t);
    assert.ok(t.includes('ngày 05 tháng 7 năm 2025'));
  }
  const d = await bytes(c, `/reports/${id}/document.docx`);
  assert.equal(d.status, 200);
  assert.equal(d.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal(d.buf.subarray(0, 2).toString(), 'PK');
  assert.equal(await sql(`SELECT doc_number || '/' || doc_series FROM reports WHERE id = ${id}`), '1/2025');
  // asking again keeps the number
  await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(await sql(`SELECT last_number FROM doc_counters WHERE issuer_unit_id = ${s.unit}`), '1');
  assert.equal((await bytes(await as('xa2'), `/reports/${id}/document.pdf`)).status, 403);
});

test('a Party body\'s report uses the 36-HD/VPTW layout; the province gets a consolidated draft', async () => {
  await sql(`INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at)
      VALUES (${s.regime}, ${s.period}, ${s.bdv}, 'submitted', '2099-01-01', '2025-07-05T02:00:00Z', '2025-07-05T02:00:00Z');`);
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.bdv}`));
  const c = await as('bdv');
  const p = await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(p.status, 200);
  assert.equal(p.buf.subarray(0, 4).toString(), '%PDF');
  const t = await pdfText(p.buf);
  if (t !== null) {
    assert.ok(t.includes('ĐẢNG CỘNG SẢN VIỆT NAM'), t);
    assert.ok(t.includes('Số 1-BC/BDVTU'), t);
    assert.ok(!t.includes('CỘNG HÒA XÃ HỘI'));
  }

  const admin = await as('admin');
  const parent = Number(await sql(`SELECT parent_id FROM unit_links WHERE child_id = ${s.unit} AND valid_to IS NULL`));
  const cons = await bytes(admin, `/reports/consolidated/${s.regime}/${s.period}/${parent}.pdf`);
  assert.equal(cons.status, 200);
  assert.equal(cons.buf.subarray(0, 4).toString(), '%PDF');
  const ct = await pdfText(cons.buf);
  if (ct !== null) assert.match(ct, /Tổng hợp/);
  const cd = await bytes(admin, `/reports/consolidated/${s.regime}/${s.period}/${parent}.docx`);
  assert.equal(cd.status, 200);
  assert.equal(cd.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
});
