// Official documents of the demo province's monthly regime (BC-DV-THANG, issued by each
// commune's Party committee: regimes.issuer_body = 'party'), over real HTTP, read as their
// users read them (pdftotext, pdffonts, python-docx):
//  - the first page of each kind is kept as a PNG in test-results/documents/ for a person to
//    look at: a State body's report, a Party body's (a commune's Đảng ủy), the commission's
//    consolidated report and the province's;
//  - every PDF embeds Liberation Serif alone (no DejaVu fallback for ạ ả ấ … ỹ);
//  - the consolidated reports count and sum exactly what the dashboard and the pivot show
//    for the same unit and period; narratives grouped, each unit's name once;
//  - layouts: the province's consolidated report as Tỉnh ủy (-BC/TU), not as a People's
//    Committee, not sent to its own commission; no "THỦ TRƯỞNG CƠ QUAN", no internal codes;
//  - numbers given in the order reports were sent; a closed unit's report prints the name it
//    had, without the interface's "(trước 01/07/2025)".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO } from '../lib/client.mjs';
import { sql as sqlAt, pdfText, pdfFonts, docxRead, keepFirstPage, keepFile, docNumber } from '../lib/documents_seed.mjs';

let srv;
let ids;
const sql = (q) => sqlAt(srv.dbPath, q);

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

async function bytes(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function json(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader(), accept: 'application/json' } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
}

before(async () => {
  srv = await startServer();
  const regime = Number(await sql(`SELECT id FROM regimes WHERE code = 'BC-DV-THANG'`));
  // the last month whose deadline has passed: the one before the newest with reports
  const period = Number(await sql(`SELECT p.id FROM periods p WHERE p.regime_id = ${regime}
      AND EXISTS (SELECT 1 FROM reports r WHERE r.period_id = p.id) ORDER BY p.close_end DESC LIMIT 1 OFFSET 1`));
  const one = (where) => sql(`SELECT r.id FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.regime_id = ${regime}
      AND r.period_id = ${period} AND r.status IN ('submitted','approved') AND ${where} ORDER BY u.name LIMIT 1`);
  ids = {
    regime, period,
    province: Number(await sql(`SELECT id FROM units WHERE code = '96' AND valid_to IS NULL`)),
    commission: Number(await sql(`SELECT receiver_unit_id FROM regimes WHERE id = ${regime}`)),
    state: Number(await one(`u.code = '96-UBND' AND u.valid_to IS NULL`)),
    party: Number(await one(`u.type IN ('ward','commune')`)),
  };
  for (const [k, v] of Object.entries(ids)) assert.ok(v > 0, k);
});
after(async () => { await srv?.stop(); });

async function onlyLiberation(buf, what) {
  const fonts = await pdfFonts(buf);
  assert.ok(fonts.length > 0, what);
  for (const f of fonts) assert.match(f, /^LiberationSerif/, `${what} embeds ${f}`);
}

test('the first page of each kind of document, kept as a PNG; one font in each', async () => {
  const c = await as('bdv');
  const kinds = {
    'state-body-report': `/reports/${ids.state}/document.pdf`,
    'party-body-report': `/reports/${ids.party}/document.pdf`,
    'consolidated-commission': `/reports/consolidated/${ids.regime}/${ids.period}/${ids.commission}.pdf`,
    'consolidated-province': `/reports/consolidated/${ids.regime}/${ids.period}/${ids.province}.pdf`,
  };
  for (const [name, path] of Object.entries(kinds)) {
    const buf = await bytes(c, path);
    assert.equal(buf.subarray(0, 4).toString(), '%PDF', name);
    await onlyLiberation(buf, name);
    const png = await keepFirstPage(buf, name);
    assert.ok(existsSync(png) && statSync(png).size > 2000, png);
    const t = await pdfText(buf);
    assert.ok(!t.includes('THỦ TRƯỞNG CƠ QUAN'), name);
    assert.ok(!/\bT0\d\b/.test(t), `${name} prints no internal codes: ${t.slice(0, 600)}`);
    assert.ok(!/BÁO CÁO Báo cáo/i.test(t), `${name}: the title does not repeat itself`);
  }
});

test('a State body and a commune\'s Party committee each in their own layout, numbered', async () => {
  const c = await as('bdv');
  const st = await pdfText(await bytes(c, `/reports/${ids.state}/document.pdf`));
  assert.ok(st.includes('ỦY BAN NHÂN DÂN TỈNH CÀ MAU'), st.slice(0, 400));
  assert.ok(st.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  assert.match(st, /Số: \d+\/BC-UBND/);
  assert.ok(st.includes('TM. ỦY BAN NHÂN DÂN'));
  const pt = await pdfText(await bytes(c, `/reports/${ids.party}/document.pdf`));
  assert.ok(pt.includes('ĐẢNG BỘ TỈNH CÀ MAU'), pt.slice(0, 400));
  assert.match(pt, /ĐẢNG ỦY (XÃ|PHƯỜNG) /);
  assert.ok(pt.includes('ĐẢNG CỘNG SẢN VIỆT NAM'));
  assert.match(pt, /Số \d+-BC\/ĐU/);
  assert.ok(!pt.includes('ỦY BAN NHÂN DÂN'), 'the commune\'s report is the Party committee\'s');
  assert.ok(pt.includes('T/M BAN THƯỜNG VỤ'));
});

test('the province\'s consolidated report is the Provincial Committee\'s, not sent to its own commission', async () => {
  const c = await as('bdv');
  const t = await pdfText(await bytes(c, `/reports/consolidated/${ids.regime}/${ids.period}/${ids.province}.pdf`));
  assert.ok(t.startsWith('TỈNH ỦY CÀ MAU'), t.slice(0, 300));
  assert.ok(!t.includes('TỈNH CÀ MAU TỈNH ỦY'), 'no "TỈNH CÀ MAU" above "TỈNH ỦY CÀ MAU"');
  assert.match(t, /Số -BC\/TU /);
  assert.ok(!t.includes('TUCMTC'));
  assert.ok(!t.includes('ỦY BAN NHÂN DÂN'));
  assert.ok(!/Nơi nhận: - Ban Dân vận Tỉnh ủy Cà Mau;/.test(t), t.slice(-400));
  const k = await pdfText(await bytes(c, `/reports/consolidated/${ids.regime}/${ids.period}/${ids.commission}.pdf`));
  assert.ok(k.startsWith('TỈNH ỦY CÀ MAU BAN DÂN VẬN *'), k.slice(0, 300));
  assert.match(k, /Số -BC\/BDVTU /);
  assert.ok(!k.includes('- Ban Dân vận Tỉnh ủy Cà Mau;'), 'the commission is not its own recipient');
});

// The sums the pivot shows for the unit: its line (the units under it) and, for the
// commission, which receives every report of the tree, the top unit's own report too.
function pivotSum(p, root, withOwn) {
  let s = 0;
  for (const r of p.rows) if (r.unit_id === root && (!r.own || withOwn) && r.values[0] !== null) s += r.values[0];
  return s;
}

test('the consolidated report counts and sums what the dashboard and the pivot show', async () => {
  const c = await as('bdv');
  const q = `regime=${ids.regime}&from=${ids.period}&to=${ids.period}&unit=${ids.province}`;
  const dash = await json(c, `/api/reporting/completeness?${q}`);
  const counts = dash.periods[0].counts;
  assert.ok(counts.expected > 50 && counts.received > 0, JSON.stringify(counts));
  const numeric = (await sql(`SELECT id || '|' || name FROM indicators WHERE regime_id = ${ids.regime}
      AND type IN ('int','decimal','bool') ORDER BY position`)).split('\n').map((l) => l.split('|'));
  const pivots = [];
  for (const [id, name] of numeric) pivots.push({ name, p: await json(c, `/api/reporting/pivot?${q}&indicator=${id}`) });
  // the pivot's line for the province is the sum of the reports under it (a tree of more
  // than 64 units once left it empty), and there is something to sum
  for (const { name, p } of pivots) {
    const under = p.rows.filter((r) => r.unit_id !== ids.province && (!r.parent || r.own) && r.values[0] !== null)
      .reduce((a, r) => a + r.values[0], 0);
    assert.equal(pivotSum(p, ids.province, false), under, `pivot line of the province for ${name}`);
  }
  assert.ok(pivotSum(pivots[0].p, ids.province, false) > 0, 'the first indicator has values');

  for (const unit of [ids.commission, ids.province]) {
    const docx = await bytes(c, `/reports/consolidated/${ids.regime}/${ids.period}/${unit}.docx`);
    await keepFile(docx, `consolidated-${unit === ids.commission ? 'commission' : 'province'}.docx`);
    const d = await docxRead(docx);
    const all = d.paragraphs.join('\n');
    const m = all.match(/đã nhận ([\d.]+)\/([\d.]+) báo cáo/i);
    assert.ok(m, all.slice(0, 800));
    assert.equal(docNumber(m[1]), counts.received, `unit ${unit}: received`);
    assert.equal(docNumber(m[2]), counts.expected, `unit ${unit}: expected`);
    const table = d.tables.find((t) => t[0].includes('Chỉ tiêu'));
    assert.ok(table, 'the data table');
    for (const { name, p } of pivots) {
      const row = table.find((r) => r[1] === name);
      assert.ok(row, `a row for ${name}`);
      const want = pivotSum(p, ids.province, unit === ids.commission);
      assert.equal(docNumber(row[3]), want, `unit ${unit}, ${name}: document ${row[3]}, pivot ${want}`);
    }
    // narratives: grouped, each unit's name once before its text
    assert.ok(all.includes('Các xã, phường, đặc khu:'), 'the communes\' group');
    const twice = d.paragraphs.find((l) => /^- ([^:]+): \1:/.test(l));
    assert.equal(twice, undefined, `a name written twice: ${twice}`);
    assert.ok(d.paragraphs.some((l) => /^- (Phường|Xã|Đặc khu) [^:]+: \S/.test(l)), 'a commune\'s narrative');
    // the DOCX as its reader opens it: A4, one font, page numbers from page 2
    assert.deepEqual(d.page_mm, [210, 297]);
    assert.deepEqual(d.fonts, ['Liberation Serif']);
    assert.equal(d.first_page_header, true);
  }
});

test('numbers follow the order reports were sent; a closed unit prints its own name', async () => {
  // within each issuer and series, a later first submission never has a smaller number
  const bad = await sql(`SELECT count(*) FROM reports a JOIN reports b ON a.unit_id = b.unit_id
      AND a.doc_series = b.doc_series AND a.regime_id IN (SELECT id FROM regimes WHERE doc_type = 'BC')
      AND b.regime_id IN (SELECT id FROM regimes WHERE doc_type = 'BC')
      WHERE a.first_submitted_at < b.first_submitted_at AND a.doc_number > b.doc_number`);
  assert.equal(bad, '0');
  const dup = await sql(`SELECT count(*) FROM (SELECT unit_id, doc_series, doc_number FROM reports
      WHERE doc_number IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1) dups`);
  assert.equal(dup, '0');
  assert.equal(await sql(`SELECT count(*) FROM reports WHERE status <> 'draft' AND doc_number IS NULL`), '0');

  const old = Number(await sql(`SELECT r.id FROM reports r JOIN units u ON u.id = r.unit_id
      WHERE u.name = 'Ủy ban nhân dân tỉnh Cà Mau (trước 01/07/2025)' AND r.doc_number IS NOT NULL LIMIT 1`));
  assert.ok(old > 0);
  const c = await as('bdv');
  const t = await pdfText(await bytes(c, `/reports/${old}/document.pdf`));
  assert.ok(t.startsWith('ỦY BAN NHÂN DÂN TỈNH CÀ MAU CỘNG HÒA'), t.slice(0, 200));
  assert.ok(!/trước 01\/07\/2025/i.test(t), `no interface suffix in a document: ${t}`);
  assert.match(t, /năm 202[45]/);
});
