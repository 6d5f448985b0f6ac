// Reporting as its users find it (issue 11, findability and what is shown), over real HTTP
// on the demo province: where each role lands after signing in; the due list by deadline;
// the review queue's filters, order and paging; approving needs its confirmation; a draft
// keeps values that break a rule (a warning) while a submission is refused; "1.250" comes
// back as typed, in Vietnamese and in English; the report page links its documents and the
// XLSX page, the dashboard the consolidated report; an open period shows no rate; unit
// lists in Vietnamese order with bodies first; unit search ranks the user's province first;
// the audit log in words, filtered, with links and the address of portal actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writableYearlyForms } from '../lib/forms.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}
const sql = (q) => storeSql(srv.dbPath, q);
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const valueOf = (html, name) => {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`));
  const v = m && m[0].match(/value="([^"]*)"/);
  return v ? decodeEntities(v[1]) : null;
};
const rowsOf = (html) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).filter((r) => /<td/.test(r));
const cellsOf = (row) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]).trim());
const vi = new Intl.Collator('vi');

async function loginLocation(user, next) {
  const c = new Client(srv.url);
  const page = await c.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  const r = await c.postForm('/login', { username: user, password: DEMO[user], ...(next ? { next } : {}) }, { csrf: csrfFrom(page.text) });
  assert.equal(r.status, 303);
  return r.location;
}

test('after sign-in each role lands where its work starts; a safe next wins, an outside one does not', async () => {
  assert.equal(await loginLocation('xa1'), '/reports');
  assert.equal(await loginLocation('bdv'), '/reports/review');
  assert.equal(await loginLocation('xem'), '/dashboard');
  assert.equal(await loginLocation('bientap'), '/desk');
  assert.equal(await loginLocation('congtac'), '/desk');
  assert.equal(await loginLocation('admin'), '/units');
  assert.equal(await loginLocation('xa1', '/units?q=ca+mau'), '/units?q=ca+mau');
  assert.equal(await loginLocation('xa1', '//evil.example/'), '/reports');
  // the landing pages answer the roles that land there
  for (const [u, path] of [['xa1', '/reports'], ['bdv', '/reports/review'], ['xem', '/dashboard'], ['bientap', '/desk']]) {
    assert.equal((await (await as(u)).get(path)).status, 200, `${u} ${path}`);
  }
});

test('the reports due: what is still to send first, by deadline; each cell says what it is on a phone', async () => {
  const c = await as('bdv');
  const due = await c.get('/reports');
  assert.equal(due.status, 200);
  const rows = rowsOf(due.text).map(cellsOf);
  assert.ok(rows.length > 3, 'several reports due');
  const toDo = ['chưa nhập', 'bản nháp', 'trả lại'];
  const iso = (dmy) => dmy.split('/').reverse().join('-');
  let seenSent = false;
  let prev = '';
  for (const r of rows) {
    const open = toDo.some((s) => r[5].toLowerCase().includes(s));
    if (!open) { seenSent = true; continue; }
    assert.ok(!seenSent, `a report to send (${r.join(' | ')}) comes before the sent ones`);
    if (r[3]) {
      assert.ok(iso(r[3]) >= prev, `deadlines ascend: ${r[3]} after ${prev}`);
      prev = iso(r[3]);
    }
  }
  assert.match(due.text, /<table class="list phone-cards">/);
  assert.match(due.text, /<td data-label="Hạn gửi">/);
});

test('the review queue: paged by 50, filtered by regime, period, unit and lateness, oldest or newest first', async () => {
  const c = await as('bdv');
  const total = Number(await sql(`SELECT count(*) FROM reports WHERE status = 'submitted'`));
  assert.ok(total > 50, `the demo has more than a page to review (${total})`);
  const p1 = await c.get('/reports/review');
  assert.equal(rowsOf(p1.text).length, 50);
  assert.match(text(p1.text), new RegExp(`1–50 / ${total}`));
  assert.match(p1.text, /rel="next" href="\/reports\/review\?page=2"/);
  const pages = Math.ceil(total / 50);
  const last = await c.get(`/reports/review?page=${pages}`);
  assert.equal(rowsOf(last.text).length, total - 50 * (pages - 1));
  assert.doesNotMatch(last.text, /rel="next"/);
  assert.match(last.text, /rel="prev"/);

  // oldest first by default, newest first when asked
  const firstUnit = async (q) => cellsOf(rowsOf((await c.get(`/reports/review${q}`)).text)[0])[0];
  const oldest = await sql(`SELECT u.name FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.status = 'submitted' ORDER BY r.submitted_at, r.id LIMIT 1`);
  const newest = await sql(`SELECT u.name FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.status = 'submitted' ORDER BY r.submitted_at DESC, r.id DESC LIMIT 1`);
  assert.equal(await firstUnit(''), oldest);
  assert.equal(await firstUnit('?sort=new'), newest);

  // by regime, and by period of that regime
  const [regime, rname] = (await sql(`SELECT g.id || '|' || g.name FROM reports r JOIN regimes g ON g.id = r.regime_id WHERE r.status = 'submitted' GROUP BY g.id ORDER BY count(*) DESC LIMIT 1`)).split('|');
  const nreg = Number(await sql(`SELECT count(*) FROM reports WHERE status = 'submitted' AND regime_id = ${regime}`));
  const byRegime = await c.get(`/reports/review?regime=${regime}&page=1`);
  assert.match(text(byRegime.text), new RegExp(`/ ${nreg} `));
  for (const r of rowsOf(byRegime.text).map(cellsOf)) assert.equal(r[1], rname);
  assert.match(byRegime.text, new RegExp(`<option value="${regime}" selected>`));
  const [period, plabel] = (await sql(`SELECT p.id || '|' || p.label FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.status = 'submitted' AND r.regime_id = ${regime} GROUP BY p.id LIMIT 1`)).split('|');
  const nper = Number(await sql(`SELECT count(*) FROM reports WHERE status = 'submitted' AND period_id = ${period}`));
  const byPeriod = await c.get(`/reports/review?regime=${regime}&period=${period}`);
  const prow = rowsOf(byPeriod.text).map(cellsOf);
  assert.equal(prow.length, Math.min(nper, 50));
  for (const r of prow) assert.equal(r[2], plabel);

  // by unit name, folded (no diacritics needed), and late only
  const unit = await sql(`SELECT u.name FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.status = 'submitted' ORDER BY r.id LIMIT 1`);
  const folded = unit.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const byUnit = await c.get(`/reports/review?q=${encodeURIComponent(folded)}`);
  const urow = rowsOf(byUnit.text).map(cellsOf);
  assert.ok(urow.length >= 1);
  for (const r of urow) assert.ok(r[0].toLowerCase().includes(unit.toLowerCase()) || r[0] === unit, r[0]);
  const nlate = Number(await sql(`SELECT count(*) FROM reports WHERE status = 'submitted' AND substr(first_submitted_at, 1, 10) > deadline`));
  const late = await c.get('/reports/review?late=1');
  assert.equal(rowsOf(late.text).length, Math.min(nlate, 50));
  for (const r of rowsOf(late.text)) assert.match(r, /class="overdue"/);
  const none = await c.get('/reports/review?q=khong-co-don-vi-nay');
  assert.match(text(none.text), /Không có báo cáo nào khớp bộ lọc/);
  assert.match(none.text, /href="\/reports\/review">Bỏ lọc/);
});

test('approving needs a ticked confirmation, apart from returning; a draft keeps a broken rule as a warning, a submission is refused', async () => {
  const c = await as('bdv');
  const queue = await c.get('/reports/review?sort=new');
  const url = queue.text.match(/href="(\/reports\/\d+\/\d+\/\d+)"/)[1];
  const page = await c.get(url);
  const id = page.text.match(/action="\/reports\/(\d+)\/approve"/)[1];
  assert.match(page.text, /<section class="review approve"[\s\S]*name="confirm" value="1" required[\s\S]*<\/section>\s*<section class="review return"/);
  assert.match(page.text, /<button type="submit" class="approve">/);
  assert.match(page.text, /<button type="submit" class="secondary">/);
  const bare = await c.postForm(`/reports/${id}/approve`, {}, { csrf: csrfFrom(page.text) });
  assert.equal(bare.status, 200); // the form again, as other validation errors do
  assert.match(bare.text, /id="f-confirm-err"/);
  assert.match(bare.text, /href="#f-confirm"/, 'the error summary links the checkbox');
  assert.equal(await sql(`SELECT status FROM reports WHERE id = ${id}`), 'submitted', 'nothing approved');
  const ok = await c.postForm(`/reports/${id}/approve`, { confirm: '1' });
  assert.equal(ok.status, 303);
  assert.equal(await sql(`SELECT status FROM reports WHERE id = ${id}`), 'approved');
});

// The yearly regime's open form of xa1 (I01…I14; I07 ≤ I06 is a rule).
async function yearlyForm(c) {
  const [key] = await writableYearlyForms(c, { status: /Chưa nhập|Bản nháp/ });
  return key ? `/reports/${key}` : null;
}
const GOOD = {
  v_I01: '1', v_I02: '3', v_I03: '2', v_I04: '1.250', v_I05: '4', v_I06: '20', v_I07: '18',
  v_I08_DANG: '2', v_I08_CQ: '1', v_I08_MTDT: '3', v_I09: '5', v_I10: '2', v_I11: '12,5', v_I12: '95,5',
  v_I13: '15/06/2026', v_I14: 'Ghi chú', s_1: 'Kết quả.', s_2: '', s_3: '', s_4: '',
  // I02-I04 are pre-filled from the records (the demo's sources): typing other figures says why
  p_I02: 'Văn bản cụ thể hóa ban hành trên giấy, chưa nhập vào hệ thống.',
  p_I03: 'Hai hội nghị ở thôn chưa nhập vào hệ thống.', p_I04: 'Đếm theo danh sách ký tên.',
};

test('"Lưu nháp" keeps values breaking a rule between fields; the rule refuses the submission', async () => {
  const c = await as('xa1');
  const url = await yearlyForm(c);
  assert.ok(url, 'xa1 has the yearly form open');
  const f = await c.get(url);
  const saved = await c.postForm(url, { ...GOOD, v_I07: '25', version: valueOf(f.text, 'version'), action: 'save' });
  assert.equal(saved.status, 303, text(saved.text).slice(0, 400));
  const back = await c.get(saved.location);
  assert.equal(valueOf(back.text, 'v_I07'), '25', 'the draft kept the value');
  assert.match(back.text, /class="notice warning"[\s\S]*href="#f-v_I07"[^>]*>[^<]*<\/a>: Số đã giải quyết không được lớn hơn số tiếp nhận/);
  assert.doesNotMatch(back.text, /id="f-v_I07-err"/, 'a warning, not an error');
  const [, regime, period, unit] = url.match(/(\d+)\/(\d+)\/(\d+)$/);
  assert.equal(Number(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i ON i.id = v.indicator_id
      WHERE r.regime_id = ${regime} AND r.period_id = ${period} AND r.unit_id = ${unit} AND i.code = 'I07'`)), 25); // REAL: 30.0 in SQLite, 30 in PostgreSQL
  const sub = await c.postForm(url, { ...GOOD, v_I07: '25', version: valueOf(back.text, 'version'), action: 'submit' });
  assert.equal(sub.status, 200);
  assert.match(sub.text, /id="f-v_I07-err"[^>]*>Số đã giải quyết không được lớn hơn số tiếp nhận/);
  assert.equal(await sql(`SELECT status FROM reports WHERE regime_id = ${regime} AND period_id = ${period} AND unit_id = ${unit}`), 'draft');
});

test('numbers come back as typed with the thousands separator of the language; documents and XLSX are linked', async () => {
  const c = await as('xa1');
  const url = await yearlyForm(c);
  const f = await c.get(url);
  const big = { ...GOOD, v_I04: '1.250', v_I06: '27.982', v_I07: '1.000', v_I11: '1.234,5' };
  const r = await c.postForm(url, { ...big, version: valueOf(f.text, 'version'), action: 'save' });
  assert.equal(r.status, 303);
  const back = await c.get(r.location);
  assert.equal(valueOf(back.text, 'v_I04'), '1.250');
  assert.equal(valueOf(back.text, 'v_I06'), '27.982');
  assert.equal(valueOf(back.text, 'v_I11'), '1.234,5');
  const [, regime, period, unit] = url.match(/(\d+)\/(\d+)\/(\d+)$/);
  assert.equal(Number(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i ON i.id = v.indicator_id
      WHERE r.regime_id = ${regime} AND r.period_id = ${period} AND r.unit_id = ${unit} AND i.code = 'I04'`)), 1250); // REAL: 30.0 in SQLite, 30 in PostgreSQL
  // the same report in English: 1,250 and 1,234.5, and what is typed so reads back the same
  const en = await as('xa1');
  en.cookies.set('dv_lang', 'en');
  const enPage = await en.get(url);
  assert.match(enPage.text, /<html lang="en"/);
  assert.equal(valueOf(enPage.text, 'v_I04'), '1,250');
  assert.equal(valueOf(enPage.text, 'v_I11'), '1,234.5');
  const enSave = await en.postForm(url, { ...big, v_I04: '1,250', v_I11: '1,234.5', version: valueOf(enPage.text, 'version'), action: 'save' });
  assert.equal(enSave.status, 303);
  assert.equal(await sql(`SELECT v.num FROM report_values v JOIN reports r ON r.id = v.report_id JOIN indicators i ON i.id = v.indicator_id
      WHERE r.regime_id = ${regime} AND r.period_id = ${period} AND r.unit_id = ${unit} AND i.code = 'I11'`), '1234.5');
  // links: the report's PDF and DOCX, the XLSX page; they answer
  const id = await sql(`SELECT id FROM reports WHERE regime_id = ${regime} AND period_id = ${period} AND unit_id = ${unit}`);
  assert.match(back.text, new RegExp(`href="/reports/${id}/document.pdf"`));
  assert.match(back.text, new RegExp(`href="/reports/${id}/document.docx"`));
  assert.match(back.text, new RegExp(`href="${url}/xlsx"`));
  assert.equal((await c.get(`${url}/xlsx`)).status, 200);
  // the document prints the numbers as the page does: "27.982", not "27982"
  const pdf = await fetch(`${srv.url}/reports/${id}/document.pdf`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ux-pdf-'));
  const file = path.join(dir, 'r.pdf');
  writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.match(pdfText, /27\.982/);
  assert.match(pdfText, /1\.234,5/);
  assert.doesNotMatch(pdfText, /27982/);
  // the dashboard offers the consolidated report of the unit and periods shown
  const s = await as('bdv');
  const dash = await s.get('/dashboard');
  const m = dash.text.match(/href="(\/reports\/consolidated\/\d+\/\d+\/\d+)\.pdf"/);
  assert.ok(m, 'a consolidated report link');
  assert.match(dash.text, new RegExp(`href="${m[1]}\\.docx"`));
  assert.equal((await s.get(`${m[1]}.pdf`)).status, 200);
});

test('an open period shows no rate on early senders; x/y and the rate share one base', async () => {
  const s = await as('bdv');
  const dash = await s.get('/dashboard');
  assert.equal(dash.status, 200);
  const counts = dash.text.slice(dash.text.indexOf('id="counts-h"'));
  const rows = rowsOf(counts.slice(0, counts.indexOf('</table>')));
  let open = 0;
  let closed = 0;
  for (const r of rows) {
    const c = [...r.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => text(m[1]).trim());
    const [expected, received, notDue] = [Number(c[1]), Number(c[2]), Number(c[7])];
    if (notDue > 0) {
      open++;
      assert.equal(c[9], '—', `${c[0]}: no received rate while ${notDue} reports are not yet due`);
      assert.equal(c[10], '—');
    } else if (expected > 0) {
      closed++;
      const rate = Number(c[9].replace('%', '').replace(',', '.'));
      assert.ok(Math.abs(rate - (100 * received) / expected) < 0.06, `${c[0]}: ${c[9]} is ${received}/${expected}`);
    }
  }
  assert.ok(open >= 1 && closed >= 1, `the demo has open (${open}) and closed (${closed}) periods`);
  assert.match(dash.text, /class="open-period"/, 'the chart marks the open period');
  assert.match(text(dash.text), /chưa đến hạn/);
  // the totals say x/y on the base of the rate: received of expected
  const foot = dash.text.slice(dash.text.indexOf('<tfoot>'), dash.text.indexOf('</tfoot>'));
  for (const cell of [...foot.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => decodeEntities(m[1]))) {
    const m = cell.match(/^(\d+)\/(\d+) · ([\d,]+)%$/);
    if (m) assert.ok(Math.abs(Number(m[3].replace(',', '.')) - (100 * m[1]) / m[2]) < 0.06, cell);
    else assert.match(cell, /^đã gửi \d+\/\d+ · \d+ chưa đến hạn$|^—$/, cell);
  }
});

test('units in Vietnamese order, bodies before communes, in the tree and the matrix; search ranks the own province first', async () => {
  const s = await as('admin');
  const prov = await sql(`SELECT id FROM units WHERE name = 'Tỉnh Cà Mau' AND valid_to IS NULL`);
  const page = await s.get(`/units/${prov}`);
  const kids = [...page.text.matchAll(/<li><a href="\/units\/(\d+)">([^<]+)<\/a> <span class="badge">/g)].map((m) => ({ id: m[1], name: decodeEntities(m[2]) }));
  assert.ok(kids.length > 20, 'the province lists its units');
  const types = Object.fromEntries((await sql(`SELECT id || '=' || type FROM units WHERE id IN (${kids.map((k) => k.id).join(',')})`)).split('\n').map((l) => l.split('=')));
  const territorial = (t) => ['province', 'commune', 'ward', 'special_zone'].includes(t);
  const group = kids.map((k) => (territorial(types[k.id]) ? 1 : 0));
  assert.deepEqual(group, [...group].sort(), 'bodies first, then the communes and wards');
  for (let i = 1; i < kids.length; i++) {
    if (group[i] === group[i - 1]) assert.ok(vi.compare(kids[i - 1].name, kids[i].name) <= 0, `${kids[i - 1].name} before ${kids[i].name}`);
  }
  // the matrix rows follow the same order
  const dash = await (await as('bdv')).get('/dashboard');
  const names = [...dash.text.matchAll(/<tr><th scope="row">(?:<a [^>]*>)?([^<]+)/g)].map((m) => decodeEntities(m[1]).trim());
  const communes = names.filter((n) => /^(Phường|Xã) /.test(n));
  assert.ok(communes.length > 20);
  for (let i = 1; i < communes.length; i++) assert.ok(vi.compare(communes[i - 1], communes[i]) <= 0, `${communes[i - 1]} before ${communes[i]}`);
  assert.ok(names.findIndex((n) => /^(Ủy ban|Ban|Hội|Tỉnh)/.test(n)) < names.findIndex((n) => /^(Phường|Xã) /.test(n)));
  // search: the admin's own province first
  const found = await s.get('/units?q=phuong+an');
  const list = found.text.slice(found.text.indexOf('<ul class="tree">'));
  const paths = [...list.slice(0, list.indexOf('</ul>')).matchAll(/<li>[\s\S]*?<\/li>/g)].map((m) => text(m[0]));
  assert.ok(paths.length > 3);
  const own = paths.map((p) => /Tỉnh Cà Mau/.test(p));
  assert.ok(own[0], `a unit of Cà Mau comes first: ${paths[0]}`);
  assert.deepEqual(own, [...own].sort((a, b) => b - a), 'Cà Mau before the other provinces');
});

test('the audit log speaks the reader\'s language, links records, filters by day, action and record, and keeps the address of portal actions', async () => {
  const a = await as('admin');
  const log = await a.get('/audit?entity=unit&action=update');
  assert.equal(log.status, 200);
  const t = text(log.text);
  assert.match(t, /Sửa đổi/);
  assert.doesNotMatch(t, /successor_id|on_date|\bupdate\b/, 'no raw codes');
  assert.match(log.text, /Đơn vị: <a href="\/units\/\d+">[^<]+<\/a>/, 'the record by name, linked');
  assert.match(log.text, /<span class="field-name">Đơn vị kế thừa<\/span>: — → <a href="\/units\/\d+">Tỉnh Cà Mau<\/a>/);
  const n = Number(await sql(`SELECT count(*) FROM audit_log WHERE entity = 'unit' AND action = 'update'`));
  assert.equal(rowsOf(log.text).length, Math.min(n, 50));
  // one record
  const unit = await sql(`SELECT entity_id FROM audit_log WHERE entity = 'unit' AND action = 'update' LIMIT 1`);
  const one = await a.get(`/audit?entity=unit&record=${unit}`);
  const nOne = Number(await sql(`SELECT count(*) FROM audit_log WHERE entity = 'unit' AND entity_id = ${unit}`));
  assert.equal(rowsOf(one.text).length, nOne);
  // by day (Vietnam time): today has the sign-ins, a day long past has nothing
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10).split('-').reverse().join('/');
  const day = await a.get(`/audit?action=login&from=${today}&to=${today}`);
  assert.ok(rowsOf(day.text).length >= 1);
  assert.match(text(day.text), /Đăng nhập/);
  const past = await a.get('/audit?from=01/01/2001&to=02/01/2001');
  assert.match(text(past.text), /Không có/);
  const bad = await a.get('/audit?from=32/13/2020');
  assert.match(bad.text, /id="f-date-err"/);
  // a portal action through the web keeps the address it came from (the desk's form is multipart)
  const ed = await as('bientap');
  const form = await ed.get('/desk/new');
  const fd = new FormData();
  fd.append('_csrf', csrfFrom(form.text));
  fd.append('version', '0');
  fd.append('title', 'Bài kiểm tra địa chỉ');
  const created = await ed.request('/desk', { method: 'POST', headers: { origin: srv.url }, body: fd });
  assert.equal(created.status, 303, text(created.text).slice(0, 300));
  assert.equal(await sql(`SELECT ip FROM audit_log WHERE entity = 'article' AND actor = 'bientap' ORDER BY id DESC LIMIT 1`), '127.0.0.1');
  const arts = await a.get('/audit?entity=article');
  assert.match(arts.text, /Bài viết: <a href="\/desk\/\d+">[^<]+<\/a>/);
  assert.doesNotMatch(text(arts.text), /article #/);
});
