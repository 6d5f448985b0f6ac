// Directives and tasks over real HTTP on the demo province (tests/http, real binary, real
// SQLite): every route answers its user; the registry finds documents without diacritics and
// shows the 290 → 1406 → units chain both ways with the days each unit took; assigning by
// type, completing with evidence, confirming and returning, changing a deadline (the original
// kept), explaining a delay, cascading; the board as of a past date and its CSV/XLSX; the JSON
// API with tokens. Every refusal: another unit's task, an inspector or a viewer writing, no CSRF,
// no token, a read-only token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';
import { isoDay, dmyDay } from '../lib/dates.mjs';

const PW = { ...DEMO, kiemtra: 'demo-kiemtra-2025' };
let srv, ids = {};
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const q = (sql) => storeSql(srv.dbPath, sql);

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, PW[user]);
  return c;
}

async function post(c, page, path, fields) {
  await c.get(page);
  return c.postForm(path, fields);
}

before(async () => {
  srv = await startServer();
  ids.d290 = Number(await q("SELECT id FROM documents WHERE code = '290-QĐ/TW'"));
  ids.d1406 = Number(await q("SELECT id FROM documents WHERE code = '1406-QĐ/TU'"));
  ids.plan = Number(await q("SELECT id FROM documents WHERE code = '45-KH/TU'"));
  ids.x1 = Number(await q("SELECT unit_id FROM users WHERE username = 'xa1'"));
  ids.x2 = Number(await q("SELECT unit_id FROM users WHERE username = 'xa2'"));
  ids.province = Number(await q("SELECT scope_unit_id FROM users WHERE username = 'bdv'"));
  ids.bdv = Number(await q("SELECT unit_id FROM users WHERE username = 'bdv'"));
  // open tasks of xa1's and xa2's communes (the 2026 review report unless it is done)
  ids.t1 = Number(await q(`SELECT min(id) FROM tasks WHERE lead_unit_id = ${ids.x1} AND state IN ('open','returned')`));
  ids.t2 = Number(await q(`SELECT min(id) FROM tasks WHERE lead_unit_id = ${ids.x2}`));
  assert.ok(ids.d290 && ids.d1406 && ids.plan && ids.t2, 'the demo chain is there');
});
after(async () => { await srv?.stop(); });

test('every page of the area answers staff with 200', async () => {
  const c = await as('bdv');
  for (const p of ['/documents', '/documents.csv', '/documents/new', `/documents/${ids.d290}`, `/documents/${ids.d1406}`,
    '/tasks', `/tasks?unit=${ids.x1}`, '/tasks/mine', '/tasks/board', `/tasks/board?unit=${ids.province}&as_of=30/06/2020`,
    `/tasks/${ids.t2}`, `/tasks?unit=${ids.x1}&format=csv`, `/tasks?unit=${ids.x1}&format=xlsx`]) {
    const r = await c.get(p);
    assert.equal(r.status, 200, p);
  }
  const nav = await c.get('/documents');
  for (const href of ['/documents', '/tasks/mine', '/tasks/board']) assert.match(nav.text, new RegExp(`href="${href}"`), href);
});

test('search ignores diacritics and đ, over number, title and text', async () => {
  const c = await as('bdv');
  let r = await c.get('/documents?q=quy+che+dan+van');
  assert.match(r.text, /290-QĐ\/TW/);
  assert.match(r.text, /23-QĐ\/TW/);
  r = await c.get('/documents?q=1406');
  assert.match(r.text, /1406-QĐ\/TU/);
  r = await c.get('/documents?q=zzzkhongco');
  assert.match(text(r.text), /Không có văn bản phù hợp/);
  r = await c.get('/documents?type=QDI');
  assert.match(r.text, /290-QĐ\/TW/);
  assert.doesNotMatch(r.text, /1406-QĐ\/TU/);
  r = await c.get('/documents?from=01/01/2021');
  assert.doesNotMatch(r.text, /290-QĐ\/TW/);
});

test('a document shows its chain both ways and the days each unit took', async () => {
  const c = await as('bdv');
  const d290 = text((await c.get(`/documents/${ids.d290}`)).text);
  assert.match(d290, /Được cụ thể hóa bởi 1406-QĐ\/TU/);
  assert.match(d290, /Được thay thế bởi 23-QĐ\/TW/);
  const d1406 = text((await c.get(`/documents/${ids.d1406}`)).text);
  assert.match(d1406, /Cụ thể hóa 290-QĐ\/TW/);
  assert.match(d1406, /đơn vị được giao: \d+ đã ban hành \(\d+ chậm\), [1-9]\d* chưa ban hành/);
  assert.match(d1406, /Chưa ban hành/);
});

test('registering a document: a bad field keeps the rest; a DOCX-less paste is searchable', async () => {
  const c = await as('bdv');
  let r = await post(c, '/documents/new', '/documents', { number: '12', symbol: 'KH-BDVTU', doc_type: 'KH',
    issuer_unit_id: ids.bdv, title: 'Kế hoạch kiểm tra việc thực hiện', issued_on: '31/02/2026' });
  assert.equal(r.status, 422);
  assert.match(r.text, /value="Kế hoạch kiểm tra việc thực hiện"/);
  assert.match(r.text, /id="f-issued_on-err"/);
  r = await post(c, '/documents/new', '/documents', { number: '12', symbol: 'KH-BDVTU', doc_type: 'KH',
    issuer_unit_id: ids.bdv, title: 'Kế hoạch kiểm tra việc thực hiện', issued_on: dmyDay(-3),
    text: 'Đánh giá mô hình dân vận khéo ở ấp Đầm Dơi' });
  assert.equal(r.status, 303);
  r = await c.get('/documents?q=dam+doi');
  assert.match(r.text, /12-KH-BDVTU/);
});

test('assign by type, complete with evidence, return, complete again, confirm; the deadline history keeps the original', async () => {
  const bdv = await as('bdv');
  const xa1 = await as('xa1');
  let r = await post(bdv, `/documents/${ids.plan}`, `/documents/${ids.plan}/tasks`, { title: 'Tổ chức đối thoại với Nhân dân',
    assigner_unit_id: ids.bdv, select_kind: 'type', unit_id: ids.province, unit_type: 'ward', product_kind: 'activity',
    priority: 'high', deadline: dmyDay(26) });
  assert.equal(r.status, 303, 'assigned');
  const task = Number(await q(`SELECT id FROM tasks WHERE lead_unit_id = ${ids.x1} AND title = 'Tổ chức đối thoại với Nhân dân'`));
  assert.ok(task, 'a ward got it');
  r = await post(xa1, `/tasks/${task}`, `/tasks/${task}/complete`, { note: 'Đã tổ chức', evidence_link: 'javascript:alert(1)' });
  assert.equal(r.status, 422, 'a link must be http(s)');
  r = await post(xa1, `/tasks/${task}`, `/tasks/${task}/complete`, { note: 'Đã tổ chức' });
  assert.equal(r.status, 422, 'evidence is required');
  r = await post(xa1, `/tasks/${task}`, `/tasks/${task}/complete`, { note: 'Đã tổ chức', evidence_link: 'https://example.org/bien-ban' });
  assert.equal(r.status, 303);
  r = await post(xa1, `/tasks/${task}`, `/tasks/${task}/decide`, { decision: 'confirm' });
  assert.equal(r.status, 403, 'the lead unit does not confirm its own work');
  r = await post(bdv, `/tasks/${task}`, `/tasks/${task}/decide`, { decision: 'return' });
  assert.equal(r.status, 422, 'a return says why');
  r = await post(bdv, `/tasks/${task}`, `/tasks/${task}/decide`, { decision: 'return', decision_note: 'Thiếu biên bản' });
  assert.equal(r.status, 303);
  assert.match(text((await bdv.get(`/tasks/${task}`)).text), /Bị trả lại/);
  r = await post(bdv, `/tasks/${task}`, `/tasks/${task}/deadline`, { new_deadline: dmyDay(41), reason: 'Chờ Tết' });
  assert.equal(r.status, 303);
  r = await post(xa1, `/tasks/${task}`, `/tasks/${task}/complete`, { evidence_link: 'https://example.org/bien-ban-2' });
  assert.equal(r.status, 303);
  r = await post(bdv, `/tasks/${task}`, `/tasks/${task}/decide`, { decision: 'confirm' });
  assert.equal(r.status, 303);
  const page = text((await bdv.get(`/tasks/${task}`)).text);
  assert.match(page, /Hoàn thành đúng hạn/);
  assert.ok(page.includes(`Hạn ban đầu ${dmyDay(26)}`), 'the original deadline is shown');
  assert.ok(page.includes(`${dmyDay(26)} → ${dmyDay(41)}`), 'the change is in the history');
  assert.equal(await q(`SELECT deadline_original FROM tasks WHERE id = ${task}`), isoDay(26));
});

test('cascade to the units below and explain an overdue task', async () => {
  const bdv = await as('bdv');
  const province = await q(`SELECT id FROM tasks WHERE lead_unit_id = ${ids.bdv} LIMIT 1`);
  const parent = Number(await q(`SELECT id FROM tasks WHERE state <> 'confirmed' AND deadline >= '${isoDay()}' AND lead_unit_id IN
    (SELECT parent_id FROM unit_links WHERE valid_to IS NULL) LIMIT 1`)) || Number(province);
  assert.ok(parent, 'a task whose lead unit has units below');
  let r = await post(bdv, `/tasks/${parent}`, `/tasks/${parent}/cascade`, { deadline: '01/01/2000' });
  assert.equal(r.status, 422, 'a cascade with a deadline before today is refused beside its field');
  assert.match(r.text, /01\/01\/2000/, 'what was typed is kept');
  const overdue = Number(await q(`SELECT id FROM tasks WHERE lead_unit_id = ${ids.x1} AND state <> 'confirmed' AND deadline < '${isoDay()}' LIMIT 1`));
  assert.ok(overdue, 'the demo leaves xa1 an overdue task');
  const xa1 = await as('xa1');
  r = await post(xa1, `/tasks/${overdue}`, `/tasks/${overdue}/explain`, { reason: '' });
  assert.equal(r.status, 422);
  r = await post(xa1, `/tasks/${overdue}`, `/tasks/${overdue}/explain`, { reason: 'Thiếu cán bộ', expected_on: dmyDay(15) });
  assert.equal(r.status, 303);
  assert.match(text((await xa1.get(`/tasks/${overdue}`)).text), /Thiếu cán bộ/);
});

test('refusals: another unit\'s task, an inspector or viewer writing, no CSRF', async () => {
  const xa1 = await as('xa1');
  let r = await post(xa1, `/tasks/${ids.t2}`, `/tasks/${ids.t2}/complete`, { evidence_link: 'https://example.org/x' });
  assert.equal(r.status, 403, 'xa2\'s task');
  r = await xa1.get(`/tasks?unit=${ids.x2}`);
  assert.equal(r.status, 403, 'another commune\'s list');
  r = await xa1.get(`/tasks/board?unit=${ids.province}`);
  assert.equal(r.status, 403, 'the province board');
  for (const user of ['kiemtra', 'xem']) {
    const c = await as(user);
    assert.equal((await c.get(`/tasks/${ids.t2}`)).status, 200, `${user} reads a task`);
    assert.equal((await c.get('/tasks/board')).status, 200, `${user} reads the board`);
    r = await post(c, `/tasks/${ids.t2}`, `/tasks/${ids.t2}/complete`, { evidence_link: 'https://example.org/x' });
    assert.equal(r.status, 403, `${user} completes nothing`);
    r = await post(c, `/tasks/${ids.t2}`, `/tasks/${ids.t2}/deadline`, { new_deadline: dmyDay(30), reason: 'x' });
    assert.equal(r.status, 403, `${user} moves no deadline`);
    r = await post(c, `/documents/${ids.plan}`, `/documents/${ids.plan}/tasks`, { title: 'x', assigner_unit_id: ids.bdv,
      select_kind: 'unit', unit_id: ids.x1, product_kind: 'report', priority: 'normal', deadline: dmyDay(30) });
    assert.equal(r.status, 403, `${user} assigns nothing`);
    assert.equal((await c.get('/documents/new')).status, 403, `${user} registers nothing`);
  }
  const bdv = await as('bdv');
  await bdv.get(`/tasks/${ids.t2}`);
  r = await bdv.postForm(`/tasks/${ids.t2}/explain`, { _csrf: '', reason: 'x' });
  assert.equal(r.status, 403, 'no CSRF token');
  const n = await q(`SELECT count(*) FROM task_explanations WHERE task_id = ${ids.t2} AND reason = 'x'`);
  assert.equal(n, '0');
});

test('the board: four groups as of a past date, drill-down, CSV and XLSX', async () => {
  const c = await as('bdv');
  let r = await c.get(`/tasks/board?unit=${ids.province}&as_of=30/06/2020`);
  const t2020 = text(r.text);
  assert.match(t2020, /Tình trạng tính đến ngày 30\/06\/2020/);
  r = await c.get(`/tasks/board?unit=${ids.province}&as_of=31/12/2010`);
  assert.match(r.text, /<svg/);
  assert.match(r.text, new RegExp(`href="/tasks/board\\?unit=\\d+&amp;as_of=2010-12-31`), 'drill-down keeps the date');
  r = await c.get(`/tasks/board?unit=${ids.province}&as_of=31/12/2010&format=csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.match(r.text, /Tổng/);
  r = await c.get(`/tasks/board?unit=${ids.province}&format=xlsx`);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  r = await c.get('/tasks/board?as_of=99/99/2020');
  assert.equal(r.status, 200, 'a bad date falls back to today with its message');
});

test('JSON API: tokens read and write as their unit; refusals', async () => {
  const admin = await as('admin');
  async function token(name, unit, role) {
    const page = await admin.get('/tokens');
    const r = await admin.postForm('/tokens', { name, unit_id: unit, role, lang: 'vi' }, { csrf: csrfFrom(page.text) });
    return r.text.match(/<code class="secret">(dvt_[0-9a-f]{64})<\/code>/)[1];
  }
  const off = await token('Phần mềm xã', ids.x1, 'officer');
  const staff = await token('Phần mềm Ban', ids.bdv, 'staff');
  const viewer = await token('Bảng chỉ đọc', ids.x1, 'viewer');
  const call = async (tok, method, path, body) => {
    const h = { 'content-type': 'application/json' };
    if (tok) h.authorization = `Bearer ${tok}`;
    const res = await fetch(srv.url + path, { method, headers: h, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  let r = await call(off, 'GET', `/api/tasks?unit=${ids.x1}&as_of=${isoDay()}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.tasks.length > 0, JSON.stringify(r.json).slice(0, 300));
  assert.ok(r.json.tasks.every((t) => ['on_time', 'late', 'within', 'overdue', 'returned'].includes(t.status)),
    JSON.stringify(r.json.tasks.filter((t) => !['on_time', 'late', 'within', 'overdue', 'returned'].includes(t.status))).slice(0, 600));
  assert.equal((await call(off, 'GET', `/api/tasks?unit=${ids.x2}`)).status, 403);
  assert.equal((await call(off, 'GET', `/api/tasks/${ids.t2}`)).status, 403);
  assert.equal((await call(null, 'POST', '/api/tasks', { title: 'x' })).status, 401);
  r = await call(staff, 'POST', '/api/tasks', { title: 'Báo cáo nhanh', assignerUnitId: ids.bdv, leadUnitId: ids.x1,
    deadline: isoDay(15), product: 'report' });
  assert.equal(r.status, 201, 'the Ban assigns to the province\'s communes');
  assert.ok(r.json.id > 0);
  r = await call(off, 'POST', '/api/tasks', { title: 'x', assignerUnitId: ids.province, leadUnitId: ids.x1, deadline: isoDay(15) });
  assert.equal(r.status, 403, 'an officer\'s token does not assign for the province');
  r = await call(staff, 'POST', '/api/tasks', { title: '', assignerUnitId: ids.bdv, leadUnitId: ids.x1, deadline: isoDay(15) });
  assert.equal(r.status, 422);
  const mine = Number(await q(`SELECT min(id) FROM tasks WHERE lead_unit_id = ${ids.x1} AND state IN ('open','returned')`));
  assert.equal((await call(viewer, 'POST', `/api/tasks/${mine}/completions`, { link: 'https://example.org' })).status, 403);
  assert.equal((await call(off, 'POST', `/api/tasks/${ids.t2}/completions`, { link: 'https://example.org' })).status, 403);
  assert.equal((await call(off, 'POST', `/api/tasks/${mine}/completions`, { note: 'no evidence' })).status, 422);
  r = await call(off, 'POST', `/api/tasks/${mine}/completions`, { link: 'https://example.org/api', submittedOn: isoDay() });
  assert.equal(r.status, 201);
  assert.equal((await call(off, 'GET', `/api/tasks/${mine}`)).json.state, 'submitted');
});
