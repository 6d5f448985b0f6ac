// The XLSX form round trip and the report as a document, over real HTTP on the demo
// province with the regime of tests/lib/documents_seed.mjs: officer xa1 downloads the form,
// a hand-edited copy breaking a rule comes back with "Chỉ tiêu!D4: …" and nothing saved, a
// valid copy saves the draft; wrong files get a clear message; another commune's officer is
// refused; DOCX and PDF downloads (state layout for the ward, Party layout for Ban Dân vận,
// the ward's Party committee when the regime says so), numbered when submitted in the order
// of issue and never by a download, a returned report keeping its number; the consolidated
// report of the province.
import { test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';
import { seedDocuments, editXlsx, pdfText, pdfFonts, docxRead, isoPlus, sql as sqlAt } from '../lib/documents_seed.mjs';

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
  // a REAL prints as 30.0 in SQLite and 30 in PostgreSQL: compare the numbers
  const vals = rows.split('\n').map((l) => l.replace(/:[0-9]+:/, ':').replace(/:([0-9.]+)$/, (m, n) => `:${Number(n)}`));
  assert.deepEqual(vals, ['I01:30', 'I02:20', 'I03:1', 'I04:20250314', 'I05:4', 'I05:6']);
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
  assert.equal(Number(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i
      ON i.id = v.indicator_id WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit} AND i.code = 'I01'`)), 30); // REAL: 30.0 in SQLite, 30 in PostgreSQL
  const replaced = await upload(c, stale, 'form.xlsx', { replace: '1' });
  assert.equal(replaced.status, 303);
  assert.equal(Number(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i
      ON i.id = v.indicator_id WHERE r.regime_id = ${s.regime} AND r.unit_id = ${s.unit} AND i.code = 'I01'`)), 31); // REAL: 30.0 in SQLite, 30 in PostgreSQL
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

// The fields of the first report form on a page as a browser would post them.
function formFields(html) {
  const form = html.slice(html.indexOf('<form class="stack report-form"'));
  const body = form.slice(0, form.indexOf('</form>'));
  const f = {};
  for (const m of body.matchAll(/<input\b[^>]*>/g)) {
    const name = m[0].match(/name="([^"]*)"/);
    const type = (m[0].match(/type="([^"]*)"/) || [])[1];
    if (!name || type === 'file' || type === 'submit') continue;
    const v = m[0].match(/value="([^"]*)"/);
    f[decodeEntities(name[1])] = v ? decodeEntities(v[1]) : '';
  }
  for (const m of body.matchAll(/<textarea\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) f[m[1]] = decodeEntities(m[2]);
  for (const m of body.matchAll(/<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)"[^>]*selected/);
    f[m[1]] = sel ? sel[1] : '';
  }
  return f;
}

// Submits the report of base as it stands, through the web form.
async function submitAsIs(c, base) {
  const page = await c.get(base);
  assert.equal(page.status, 200);
  const r = await c.postForm(base, { ...formFields(page.text), action: 'submit' });
  assert.equal(r.status, 303, text(r.text).slice(0, 1500));
}

test('the report as DOCX and PDF: numbered when submitted, never by a download', async () => {
  const c = await as('xa1');
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}`));
  // a draft prints without a number, and reading it gives none
  let p = await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(p.status, 200);
  assert.equal(p.type, 'application/pdf');
  assert.equal(p.buf.subarray(0, 4).toString(), '%PDF');
  assert.match(await pdfText(p.buf), /Số: \/BC-UBND/);
  await bytes(c, `/reports/${id}/document.docx`);
  const year = isoPlus(0).slice(0, 4); // the ward as a State body numbers per calendar year
  assert.equal(await sql(`SELECT count(*) FROM doc_counters WHERE issuer_unit_id = ${s.unit} AND series = '${year}'`), '0');
  assert.equal(await sql(`SELECT doc_number IS NULL FROM reports WHERE id = ${id}`), '1');

  // submitting issues it: the number is given then, before anyone reads it
  await submitAsIs(c, s.base);
  const today = isoPlus(0);
  assert.equal(await sql(`SELECT doc_number || '/' || doc_series || ' ' || doc_date FROM reports WHERE id = ${id}`),
    `1/${today.slice(0, 4)} ${today}`);
  p = await bytes(c, `/reports/${id}/document.pdf`);
  const t = await pdfText(p.buf);
  assert.ok(t.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), t);
  assert.ok(t.includes('Độc lập - Tự do - Hạnh phúc'));
  assert.ok(t.includes('ỦY BAN NHÂN DÂN PHƯỜNG BẠC LIÊU'), t);
  assert.ok(t.includes('Số: 1/BC-UBND'), t);
  const [y, m, d] = today.split('-').map(Number);
  assert.ok(t.includes(`ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? '0' : ''}${m} năm ${y}`), t);
  assert.ok(!t.includes('I05'), 'no internal codes');
  for (const f of await pdfFonts(p.buf)) assert.match(f, /^LiberationSerif/);
  const dx = await bytes(c, `/reports/${id}/document.docx`);
  assert.equal(dx.status, 200);
  assert.equal(dx.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const doc = await docxRead(dx.buf);
  assert.ok(doc.tables[0].flat().includes('Số: 1/BC-UBND'), JSON.stringify(doc.tables[0]));
  // reading again changes nothing
  await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(await sql(`SELECT last_number FROM doc_counters WHERE issuer_unit_id = ${s.unit} AND series = '${year}'`), '1');
  assert.equal((await bytes(await as('xa2'), `/reports/${id}/document.pdf`)).status, 403);
});

test('numbers follow the order of issue; a returned report keeps its number', async () => {
  // a second period of the same regime, sent after the first: Số 2, whichever is read first
  await sql(`INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
      VALUES (${s.regime}, ${isoPlus(0).slice(0, 4)}, 2, 'Đợt hai', '${isoPlus(-30)}', '${isoPlus(10)}');
    INSERT INTO period_deadlines(period_id, level, deadline)
      VALUES ((SELECT id FROM periods WHERE regime_id = ${s.regime} AND seq = 2), '*', '${isoPlus(20)}');`);
  const p2 = Number(await sql(`SELECT id FROM periods WHERE regime_id = ${s.regime} AND seq = 2`));
  const c = await as('xa1');
  const base2 = `/reports/${s.regime}/${p2}/${s.unit}`;
  const page = await c.get(base2);
  const f = formFields(page.text);
  const r = await c.postForm(base2, { ...f, v_I01: '12', v_I02: '3', action: 'submit' });
  assert.equal(r.status, 303, text(r.text).slice(0, 1500));
  const [id1, id2] = (await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}
      ORDER BY period_id`)).split('\n').map(Number);
  const t2 = await pdfText((await bytes(c, `/reports/${id2}/document.pdf`)).buf);
  assert.ok(t2.includes('Số: 2/BC-UBND'), t2.slice(0, 300));
  const t1 = await pdfText((await bytes(c, `/reports/${id1}/document.pdf`)).buf);
  assert.ok(t1.includes('Số: 1/BC-UBND'), t1.slice(0, 300));

  // returned for correction: it is still the document numbered 1, and sent again it stays 1
  const staff = await as('bdv');
  await staff.get(`${s.base}`);
  const ret = await staff.postForm(`/reports/${id1}/return`, { comment: 'Bổ sung số liệu.' });
  assert.equal(ret.status, 303, text(ret.text).slice(0, 800));
  assert.equal(await sql(`SELECT status FROM reports WHERE id = ${id1}`), 'returned');
  const tr = await pdfText((await bytes(c, `/reports/${id1}/document.pdf`)).buf);
  assert.ok(tr.includes('Số: 1/BC-UBND'), tr.slice(0, 300));
  await submitAsIs(c, s.base);
  assert.equal(await sql(`SELECT doc_number FROM reports WHERE id = ${id1}`), '1');
  assert.equal(await sql(`SELECT last_number FROM doc_counters WHERE issuer_unit_id = ${s.unit}
      AND series = '${isoPlus(0).slice(0, 4)}'`), '2');
});

test('the regime names the issuing body: the ward\'s Party committee, 36-HD/VPTW', async () => {
  const admin = await as('admin');
  const edit = await admin.get(`/regimes/${s.regime}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /name="issuer_body"/);
  assert.match(edit.text, /name="number_on"/);
  await sql(`UPDATE regimes SET issuer_body = 'party' WHERE id = ${s.regime}`);
  const c = await as('xa1');
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}
      AND period_id = ${s.period}`));
  const t = await pdfText((await bytes(c, `/reports/${id}/document.pdf`)).buf);
  assert.ok(t.startsWith('ĐẢNG BỘ TỈNH CÀ MAU ĐẢNG ỦY PHƯỜNG BẠC LIÊU *'), t.slice(0, 300));
  assert.ok(t.includes('ĐẢNG CỘNG SẢN VIỆT NAM'));
  assert.ok(t.includes('T/M BAN THƯỜNG VỤ'));
  assert.ok(!t.includes('ỦY BAN NHÂN DÂN'));
  // the number it was issued with stays (a state series): the layout does not renumber it
  assert.ok(t.includes('Số 1-BC/ĐU'), t.slice(0, 300));
  await sql(`UPDATE regimes SET issuer_body = 'unit' WHERE id = ${s.regime}`);
});

test('who signs is set per unit and body, and printed', async () => {
  const c = await as('xa1');
  const page = await c.get(`${s.base}/xlsx`);
  const link = page.text.match(/id="signer-link" href="([^"]+)"/);
  assert.ok(link, 'the offline-entry page links to the signer form');
  const form = await c.get(`${link[1]}?body=state`);
  assert.equal(form.status, 200);
  assert.deepEqual(tidyErrors(form.text), []);
  assert.match(form.text, /name="signer_name"/);
  // a ward's bodies are its Party committee and its People's Committee, not "the unit"
  const wrong = await c.postForm(link[1], { body: 'unit', authority: '', position: 'X', signer_name: '' });
  assert.equal(wrong.status, 200);
  assert.match(wrong.text, /id="error-summary"/);
  const ok = await c.postForm(link[1], { body: 'state', authority: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH',
    signer_name: 'Nguyễn Văn An' });
  assert.equal(ok.status, 303, text(ok.text).slice(0, 800));
  assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'signer_set' AND entity_id = ${s.unit}`), '1');
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.unit}
      AND period_id = ${s.period}`));
  const t = await pdfText((await bytes(c, `/reports/${id}/document.pdf`)).buf);
  assert.ok(t.includes('KT. CHỦ TỊCH PHÓ CHỦ TỊCH'), t.slice(-300));
  assert.ok(t.includes('Nguyễn Văn An'));
  assert.ok(!t.includes('TM. ỦY BAN NHÂN DÂN'));
  // another commune's officer may not set it
  const other = await as('xa2');
  assert.equal((await other.get(link[1])).status, 403);
});

test('a Party body\'s report uses the 36-HD/VPTW layout; the province gets a consolidated draft', async () => {
  const c = await as('bdv');
  const bdvBase = `/reports/${s.regime}/${s.period}/${s.bdv}`;
  const page = await c.get(bdvBase);
  assert.equal(page.status, 200);
  const r = await c.postForm(bdvBase, { ...formFields(page.text), v_I01: '5', action: 'submit' });
  assert.equal(r.status, 303, text(r.text).slice(0, 1500));
  const id = Number(await sql(`SELECT id FROM reports WHERE regime_id = ${s.regime} AND unit_id = ${s.bdv}`));
  const p = await bytes(c, `/reports/${id}/document.pdf`);
  assert.equal(p.status, 200);
  assert.equal(p.buf.subarray(0, 4).toString(), '%PDF');
  const t = await pdfText(p.buf);
  assert.ok(t.includes('ĐẢNG CỘNG SẢN VIỆT NAM'), t);
  assert.ok(t.startsWith('TỈNH ỦY CÀ MAU BAN DÂN VẬN *'), t.slice(0, 200));
  assert.ok(t.includes('Số 1-BC/BDVTU'), t);
  assert.ok(!t.includes('CỘNG HÒA XÃ HỘI'));
  // numbered in the Party term of the day: five years from 2020, each from October
  const [y, m] = isoPlus(0).split('-').map(Number);
  let start = 2020 + Math.floor((y - 2020) / 5) * 5;
  if (y === start && m < 10) start -= 5;
  assert.equal(await sql(`SELECT doc_series FROM reports WHERE id = ${id}`), `${start}-${start + 5}`);

  const admin = await as('admin');
  const cons = await bytes(admin, `/reports/consolidated/${s.regime}/${s.period}/${s.province}.pdf`);
  assert.equal(cons.status, 200);
  assert.equal(cons.buf.subarray(0, 4).toString(), '%PDF');
  const ct = await pdfText(cons.buf);
  assert.match(ct, /Tổng hợp kết quả thực hiện Quy chế dân vận/);
  // the province receives both reports: the ward's and the commission's, each counted
  assert.match(ct, /đã nhận 2\/2 báo cáo/);
  const cd = await bytes(admin, `/reports/consolidated/${s.regime}/${s.period}/${s.province}.docx`);
  assert.equal(cd.status, 200);
  assert.equal(cd.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const doc = await docxRead(cd.buf);
  const row = doc.tables.find((tb) => tb[0].includes('Chỉ tiêu')).find((rw) => rw[1] === 'Số đơn thư tiếp nhận');
  assert.equal(row[3], '36', 'the ward\'s 31 and the commission\'s 5');
});
