// Cadres and dissemination sessions over real HTTP on the demo province (src/directive/
// cadre_*, session_*), and the report form's values pre-filled from them (report/prefill.h):
// every route answers its user and refuses the others (another unit's cadre or session: 404
// or 403; a viewer or an inspector writing: 403); a bad form comes back with messages beside
// the fields and the typed values kept; a new assignment ends the open one the day before;
// the units without a cadre on a date, also as CSV; recording a session submits the unit's
// dissemination task with the session as its evidence; the regime editor binds a source; the
// officer's correction of a pre-filled value keeps its note, which the reviewer reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, storeSql, binPath, serverEnv } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { isoDay } from '../lib/dates.mjs';

const execFileP = promisify(execFile);
let srv, X1, X2, yearly, periodStart;
const sql = (q) => storeSql(srv.dbPath, q);
const dmy = (iso) => iso.split('-').reverse().join('/');
// A session held `days` ago, but never before the current yearly period: the report of that
// period counts the sessions these tests record, whatever day the suite runs.
const heldIso = (days) => (isoDay(-days) < periodStart ? periodStart : isoDay(-days));
const heldOn = (days) => dmy(heldIso(days));
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

before(async () => {
  srv = await startServer();
  X1 = Number(await sql("SELECT unit_id FROM users WHERE username = 'xa1'"));
  X2 = Number(await sql("SELECT unit_id FROM users WHERE username = 'xa2'"));
  yearly = Number(await sql("SELECT id FROM regimes WHERE code = 'BC-QCDV-NAM'"));
  periodStart = await sql(`SELECT max(close_start) FROM periods WHERE regime_id = ${yearly} AND close_start <= '${isoDay()}'`);
  // an inspector of the whole province, made as an administrator would, from the command line
  await execFileP(binPath, ['user', 'add', 'thanhtra', '--db', srv.dbPath, '--name', 'Kiểm tra viên',
    '--unit', '96-TU-BDV', '--scope', '96', '--role', 'inspector'],
  { env: serverEnv({ DANVAN_PASSWORD: 'mat-khau-kiem-tra' }) });
});
after(async () => { await srv?.stop(); });

async function as(user, password = DEMO[user]) {
  const c = new Client(srv.url);
  await c.login(user, password);
  return c;
}

async function post(c, page, path, fields) {
  await c.get(page);
  return c.postForm(path, fields);
}

test('a unit page links to its cadre and its sessions; the menu has the cadres list', async () => {
  const c = await as('xa1');
  const p = await c.get(`/units/${X1}`);
  assert.equal(p.status, 200);
  assert.ok(p.text.includes(`href="/units/${X1}/cadres"`));
  assert.ok(p.text.includes(`href="/units/${X1}/sessions"`));
  assert.ok(p.text.includes('href="/cadres"'));
});

test("a unit's cadre today and its history; a handover ends the open assignment the day before", async () => {
  const c = await as('xa1');
  const p = await c.get(`/units/${X1}/cadres`);
  assert.equal(p.status, 200);
  const t = text(p.text);
  assert.match(t, /Cán bộ phụ trách: Phạm Văn Tâm/);
  assert.match(t, /Trần Văn Hùng .*03-QĐ\/ĐU.*01\/07\/2025 04\/01\/2026/);
  // a bad form: messages beside the fields, what was typed kept, nothing written
  const before = await sql(`SELECT count(*) FROM cadre_assignments WHERE unit_id = ${X1}`);
  const bad = await post(c, `/units/${X1}/cadres`, `/units/${X1}/cadres`,
    { full_name: '', position: 'Phó Bí thư', valid_from: '31/02/2026', decision_number: '20-QĐ/ĐU' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-full_name-err"/);
  assert.match(bad.text, /id="f-valid_from-err"/);
  assert.match(bad.text, /value="20-QĐ\/ĐU"/);
  assert.match(bad.text, /error-summary/);
  assert.equal(await sql(`SELECT count(*) FROM cadre_assignments WHERE unit_id = ${X1}`), before);
  // the last day before the first
  const rev = await c.postForm(`/units/${X1}/cadres`, { full_name: 'Lê Văn Cường', valid_from: '01/03/2026', valid_until: '01/02/2026' });
  assert.equal(rev.status, 422);
  assert.match(rev.text, /id="f-valid_until-err"/);
  // a handover
  const ok = await c.postForm(`/units/${X1}/cadres`, { full_name: 'Lê Văn Cường', position: 'Phó Bí thư',
    decision_number: '31-QĐ/ĐU', decision_date: '20/11/2026', valid_from: '01/12/2026' });
  assert.equal(ok.status, 303);
  assert.equal(await sql(`SELECT valid_until FROM cadre_assignments WHERE unit_id = ${X1} AND full_name = 'Phạm Văn Tâm'`), '2026-11-30');
  const after = text((await c.get(`/units/${X1}/cadres`)).text);
  assert.match(after, /phân công của cán bộ trước kết thúc/);
  assert.match(after, /Cán bộ phụ trách: Lê Văn Cường/);
  // inside another assignment's days: refused beside the date
  const overlap = await post(c, `/units/${X1}/cadres`, `/units/${X1}/cadres`, { full_name: 'X Y', valid_from: '01/08/2025', valid_until: '01/09/2025' });
  assert.equal(overlap.status, 422);
  assert.match(text(overlap.text), /đã có cán bộ khác được phân công/);
  // correcting one: the edit form, then a save
  const id = await sql(`SELECT id FROM cadre_assignments WHERE unit_id = ${X1} AND full_name = 'Lê Văn Cường'`);
  const edit = await c.get(`/cadres/${id}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /value="01\/12\/2026"/);
  const saved = await c.postForm(`/cadres/${id}`, { full_name: 'Lê Văn Cường', position: 'Phó Bí thư Thường trực',
    decision_number: '31-QĐ/ĐU', valid_from: '01/12/2026' });
  assert.equal(saved.status, 303);
  assert.equal(await sql(`SELECT position FROM cadre_assignments WHERE id = ${id}`), 'Phó Bí thư Thường trực');
  assert.ok(Number(await sql(`SELECT count(*) FROM audit_log WHERE entity = 'cadre' AND entity_id = ${id}`)) >= 2);
});

test("another unit's cadres: not shown to an officer, never changed by one", async () => {
  const c = await as('xa1');
  assert.equal((await c.get(`/units/${X2}/cadres`)).status, 404);
  await c.get(`/units/${X1}/cadres`);
  assert.equal((await c.postForm(`/units/${X2}/cadres`, { full_name: 'X', valid_from: '01/01/2026' })).status, 404);
  const other = await sql(`SELECT id FROM cadre_assignments WHERE unit_id = ${X2} LIMIT 1`);
  assert.equal((await c.get(`/cadres/${other}/edit`)).status, 404);
  assert.equal((await c.postForm(`/cadres/${other}`, { full_name: 'X', valid_from: '01/01/2026' })).status, 404);
  assert.equal((await c.get('/cadres/999999/edit')).status, 404);
  // without the form's token
  assert.equal((await c.postForm(`/units/${X1}/cadres`, { _csrf: null, full_name: 'X', valid_from: '01/01/2026' })).status, 403);
});

test('a viewer and an inspector read cadres and sessions and change nothing', async () => {
  for (const [user, pw] of [['xem', DEMO.xem], ['thanhtra', 'mat-khau-kiem-tra']]) {
    const c = await as(user, pw);
    const p = await c.get(`/units/${X1}/cadres`);
    assert.equal(p.status, 200, user);
    assert.doesNotMatch(p.text, /name="full_name"/, `${user} gets no form`);
    assert.equal((await c.postForm(`/units/${X1}/cadres`, { full_name: 'X', valid_from: '01/01/2026' })).status, 403, user);
    const id = await sql(`SELECT id FROM cadre_assignments WHERE unit_id = ${X1} LIMIT 1`);
    assert.equal((await c.get(`/cadres/${id}/edit`)).status, 403, user);
    assert.equal((await c.postForm(`/cadres/${id}`, { full_name: 'X', valid_from: '01/01/2026' })).status, 403, user);
    const list = await c.get(`/units/${X1}/sessions`);
    assert.equal(list.status, 200, user);
    assert.doesNotMatch(list.text, /sessions\/new/);
    assert.equal((await c.get(`/units/${X1}/sessions/new`)).status, 403, user);
    assert.equal((await c.postForm(`/units/${X1}/sessions`, { held_on: '01/11/2026', place: 'X', form: 'in_person', document_title: 'X' })).status, 403, user);
    const sid = await sql(`SELECT id FROM dissem_sessions WHERE unit_id = ${X1} LIMIT 1`);
    assert.equal((await c.get(`/sessions/${sid}`)).status, 200, user);
    assert.equal((await c.get(`/sessions/${sid}/edit`)).status, 403, user);
    assert.equal((await c.postForm(`/sessions/${sid}`, { held_on: '01/11/2026', place: 'X', form: 'in_person', document_title: 'X' })).status, 403, user);
    assert.equal((await c.get('/cadres')).status, 200, user);
  }
});

test('the units without a cadre on a date, over a subtree, on the page and as CSV', async () => {
  const c = await as('bdv');
  const p = await c.get('/cadres?date=31/12/2025');
  assert.equal(p.status, 200);
  const t = text(p.text);
  const m = t.match(/(\d+)\/(\d+) đơn vị có cán bộ phụ trách công tác dân vận vào ngày 31\/12\/2025/);
  assert.ok(m, t.slice(0, 600));
  const [withN, all] = [Number(m[1]), Number(m[2])];
  assert.ok(withN > all / 2 && withN < all, 'most units have a cadre, a few none');
  const without = Number(t.match(/Chưa có cán bộ phụ trách \((\d+)\)/)[1]);
  assert.equal(without, all - withN);
  // before anyone was assigned (the new province began on 01/07/2025)
  assert.match(text((await c.get('/cadres?date=30/06/2025')).text), /0\/\d+ đơn vị/);
  // a bad date: the message beside it, today's list
  const bad = await c.get('/cadres?date=32/13/2025');
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-date-err"/);
  // a subtree the user may not see
  const q = await sql("SELECT id FROM units WHERE code = '01' AND valid_to IS NULL");
  const other = await c.get(`/cadres?unit=${q}`);
  assert.equal(other.status, 422);
  assert.match(other.text, /id="f-unit-err"/);
  const csv = await c.get('/cadres.csv?date=31/12/2025');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text, /Chưa phân công cán bộ/);
  assert.equal(csv.text.trim().split(/\r\n/).length, all + 1);
  // an officer's own subtree
  const x = await as('xa1');
  assert.match(text((await x.get('/cadres')).text), /1\/1 đơn vị/);
});

test('a session: its rate, groups, bridge points and absentees; refused for another unit', async () => {
  const c = await as('bdv');
  const online = await sql("SELECT s.id FROM dissem_sessions s JOIN units u ON u.id = s.unit_id WHERE u.code = '96-OLD-TU'");
  const p = await c.get(`/sessions/${online}`);
  assert.equal(p.status, 200);
  const t = text(p.text);
  assert.match(t, /35\.599\/35\.900 = 99,16%/);
  assert.match(t, /Điểm cầu Huyện ủy Năm Căn/);
  assert.match(t, /Trực tuyến, có các điểm cầu/);
  const bdvOld = await sql("SELECT s.id FROM dissem_sessions s JOIN units u ON u.id = s.unit_id WHERE u.code = '96-OLD-TU-BDV' AND s.makeup_of IS NULL");
  const b = text((await c.get(`/sessions/${bdvOld}`)).text);
  assert.match(b, /Trần Thị Mỹ nghỉ ốm/);
  assert.match(b, /Đã quán triệt bù tại các hội nghị ngày: 06\/10\/2021/);
  // the old commission keeps its name of the time
  assert.match(b, /Ban Dân vận Tỉnh ủy Cà Mau \(trước 01\/07\/2025\)/);
  const x2 = await as('xa2');
  const mine = await sql(`SELECT id FROM dissem_sessions WHERE unit_id = ${X1} LIMIT 1`);
  assert.equal((await x2.get(`/sessions/${mine}`)).status, 404);
  assert.equal((await x2.get(`/sessions/${mine}/edit`)).status, 404);
  assert.equal((await x2.get(`/units/${X1}/sessions`)).status, 404);
  assert.equal((await x2.get(`/units/${X1}/sessions/new`)).status, 404);
  await x2.get(`/units/${X2}/sessions`);
  assert.equal((await x2.postForm(`/units/${X1}/sessions`, { held_on: '01/11/2026', place: 'X', form: 'in_person', document_title: 'X' })).status, 404);
  assert.equal((await x2.postForm(`/sessions/${mine}`, { held_on: '01/11/2026', place: 'X', form: 'in_person', document_title: 'X' })).status, 404);
  assert.equal((await x2.get('/sessions/999999')).status, 404);
});

test('recording a session: bad input comes back; a good one submits the dissemination task with it as evidence', async () => {
  // a dissemination task of the commune, assigned by the province's commission
  const bdv = await sql("SELECT id FROM units WHERE code = '96-TU-BDV' AND valid_to IS NULL");
  await sql(`INSERT INTO tasks (title, source_kind, assigner_unit_id, lead_unit_id, product_kind, assigned_on, deadline_original, deadline)
             VALUES ('Quán triệt Kế hoạch thực hiện Quy định 23-QĐ/TW', 'other', ${bdv}, ${X1}, 'session', '${isoDay(-90)}', '${isoDay(30)}', '${isoDay(30)}')`);
  const task = await sql(`SELECT id FROM tasks WHERE lead_unit_id = ${X1} AND product_kind = 'session'`);
  const c = await as('xa1');
  const form = await c.get(`/units/${X1}/sessions/new?task=${task}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${task}" selected>`));
  const bad = await c.postForm(`/units/${X1}/sessions`, { document_title: '', held_on: '01/11/2026', place: 'Hội trường',
    form: 'online', points: '', expected_party: '100', attended_party: '120', task });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-document-err"/);
  assert.match(bad.text, /id="f-points-err"/);
  assert.match(bad.text, /id="f-attended_party-err"/);
  assert.match(bad.text, /value="120"/);
  const ok = await c.postForm(`/units/${X1}/sessions`, { document_title: 'Kế hoạch thực hiện Quy định 23-QĐ/TW',
    held_on: heldOn(5), place: 'Hội trường Đảng ủy phường', form: 'online',
    points: 'Điểm cầu phường\nĐiểm cầu khóm 2\n', expected_party: '35.900', attended_party: '35.599',
    absentees: 'Nguyễn Văn Lợi: đi công tác\nTrần Thị Mỹ', task });
  assert.equal(ok.status, 303, (ok.text.match(/class="error-summary"[^]*?<\/div>/) || [''])[0]);
  const sid = ok.location.match(/\/sessions\/(\d+)/)[1];
  const show = text((await c.get(ok.location)).text);
  assert.match(show, /35\.599\/35\.900 = 99,16%/);
  assert.match(show, /báo cáo hoàn thành nhiệm vụ/);
  assert.match(show, /Minh chứng của nhiệm vụ Quán triệt Kế hoạch/);
  assert.match(show, /Nguyễn Văn Lợi đi công tác/);
  assert.equal(await sql(`SELECT evidence_session_id || '|' || decision || '|' || submitted_on FROM task_completions WHERE task_id = ${task}`),
    `${sid}|pending|${heldIso(5)}`);
  assert.equal(await sql(`SELECT state FROM tasks WHERE id = ${task}`), 'submitted');
  // a task no longer open is not offered, and is refused when posted
  const again = await c.postForm(`/units/${X1}/sessions`, { document_title: 'X', held_on: heldOn(4), place: 'X',
    form: 'in_person', task });
  assert.equal(again.status, 422);
  assert.match(again.text, /id="f-task-err"/);
  // a make-up session and a correction
  const mk = await c.postForm(`/units/${X1}/sessions`, { document_title: 'Kế hoạch thực hiện Quy định 23-QĐ/TW',
    held_on: heldOn(2), place: 'Phòng họp', form: 'in_person', expected_party: '2', attended_party: '2', makeup_of: sid });
  assert.equal(mk.status, 303);
  assert.match(text((await c.get(`/sessions/${sid}`)).text), new RegExp(`Đã quán triệt bù tại các hội nghị ngày: ${heldOn(2)}`));
  const edit = await c.get(`/sessions/${sid}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /Điểm cầu khóm 2/);
  const fix = await c.postForm(`/sessions/${sid}`, { document_title: 'Kế hoạch thực hiện Quy định 23-QĐ/TW', held_on: heldOn(5),
    place: 'Hội trường Đảng ủy phường', form: 'in_person', expected_party: '35900', attended_party: '35600' });
  assert.equal(fix.status, 303);
  assert.match(text((await c.get(`/sessions/${sid}`)).text), /35\.600\/35\.900 = 99,16%/);
});

test("a document's sessions in the units the user sees", async () => {
  await sql(`INSERT INTO documents (code, doc_type, title, issued_on) VALUES ('99-KH/TU', 'KH', 'Kế hoạch thử', '2026-10-01')`);
  const doc = await sql("SELECT id FROM documents WHERE code = '99-KH/TU'");
  const x1 = await as('xa1');
  await x1.get(`/units/${X1}/sessions/new?document=${doc}`);
  const r = await x1.postForm(`/units/${X1}/sessions`, { document: doc, held_on: dmy(isoDay(-6)), place: 'Phường', form: 'in_person',
    expected_civil: '10', attended_civil: '10' });
  assert.equal(r.status, 303);
  const x2 = await as('xa2');
  await x2.get(`/units/${X2}/sessions/new`);
  assert.equal((await x2.postForm(`/units/${X2}/sessions`, { document: doc, held_on: dmy(isoDay(-7)), place: 'Phường',
    form: 'in_person' })).status, 303);
  const bdv = await as('bdv');
  const all = text((await bdv.get(`/documents/${doc}/sessions`)).text);
  assert.match(all, /99-KH\/TU: Kế hoạch thử/);
  assert.ok(all.includes(dmy(isoDay(-6))) && all.includes(dmy(isoDay(-7))), 'both units\' sessions');
  const own = text((await x1.get(`/documents/${doc}/sessions`)).text);
  assert.ok(own.includes(dmy(isoDay(-6))), 'its own session');
  assert.ok(!own.includes(dmy(isoDay(-7))), 'not the other commune\'s');
  assert.equal((await x1.get('/documents/999999/sessions')).status, 404);
  // a document that does not exist is refused on the form
  await x1.get(`/units/${X1}/sessions/new`);
  const bad = await x1.postForm(`/units/${X1}/sessions`, { document: '999999', held_on: '02/11/2026', place: 'P', form: 'in_person' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-document-err"/);
});

test("the regime editor binds an indicator to a source; the report form pre-fills it; a correction's note reaches the reviewer", async () => {
  const staff = await as('bdv');
  const iid = await sql(`SELECT id FROM indicators WHERE regime_id = ${yearly} AND code = 'I03'`);
  const edit = await staff.get(`/regimes/${yearly}/indicators/${iid}/edit`);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /<option value="directive.sessions" selected>/);
  assert.match(edit.text, /<option value="directive.cadres_assigned">/);
  // a source on a text indicator is refused beside the field
  const i14 = await sql(`SELECT id FROM indicators WHERE regime_id = ${yearly} AND code = 'I14'`);
  await staff.get(`/regimes/${yearly}/indicators/${i14}/edit`);
  const bad = await staff.postForm(`/regimes/${yearly}/indicators/${i14}`, { code: 'I14', name: 'Ghi chú', type: 'text', prefill_source: 'directive.sessions' });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /id="f-prefill_source-err"/);
  const unknown = await staff.postForm(`/regimes/${yearly}/indicators/${i14}`, { code: 'I14', name: 'Ghi chú', type: 'int', prefill_source: 'no.such' });
  assert.match(unknown.text, /id="f-prefill_source-err"/);
  const ov = text((await staff.get(`/regimes/${yearly}`)).text);
  assert.match(ov, /điền sẵn: Số hội nghị quán triệt đã tổ chức/);

  const x1 = await as('xa1');
  const period = await sql(`SELECT max(id) FROM periods WHERE regime_id = ${yearly} AND close_start <= '${isoDay()}'`);
  const url = `/reports/${yearly}/${period}/${X1}`;
  const form = await x1.get(url);
  assert.equal(form.status, 200);
  const n = Number(await sql(`SELECT count(*) FROM dissem_sessions s JOIN periods p ON p.id = ${period} WHERE s.unit_id = ${X1} AND s.held_on BETWEEN p.close_start AND p.close_end`));
  assert.ok(n >= 2);
  assert.match(form.text, new RegExp(`id="f-v_I03"[^>]*value="${n}"|value="${n}"[^>]*id="f-v_I03"`));
  assert.match(text(form.text), new RegExp(`Đếm từ dữ liệu hệ thống: ${n} ${n} hội nghị từ`));
  // the officer counts one session the records lack, and says why
  const fields = { version: '0', action: 'submit', v_I01: '1', v_I02: '0', v_I03: String(n + 1), v_I04: '10', v_I05: '1', v_I06: '2', v_I07: '1',
    v_I08_DANG: '0', v_I08_CQ: '0', v_I08_MTDT: '0', v_I09: '0', v_I10: '0',
    p_I03: 'Một hội nghị tại khóm 4 chưa được nhập vào hệ thống.', p_I04: '' };
  // I04 differs from the records too, without a note: refused beside the note, values kept
  const refused = await x1.postForm(url, fields);
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="f-p_I04-err"[^>]*>[^<]*ghi lý do vào ô ghi chú/);
  assert.match(refused.text, new RegExp(`id="f-v_I03"[^>]*value="${n + 1}"|value="${n + 1}"[^>]*id="f-v_I03"`));
  assert.match(refused.text, /Một hội nghị tại khóm 4 chưa được nhập vào hệ thống\./);
  fields.p_I04 = 'Số cán bộ tham gia đếm lại theo danh sách ký tên.';
  const sub = await x1.postForm(url, fields);
  assert.equal(sub.status, 303, text(sub.text).slice(0, 500));
  const rid = await sql(`SELECT id FROM reports WHERE regime_id = ${yearly} AND period_id = ${period} AND unit_id = ${X1}`);
  // the computed value as a number: SQLite prints the REAL 2 as 2.0, PostgreSQL as 2
  const [computed, note] = (await sql(`SELECT computed || '|' || note FROM report_prefill r JOIN indicators i ON i.id = r.indicator_id WHERE report_id = ${rid} AND i.code = 'I03'`)).split('|');
  assert.equal(Number(computed), n);
  assert.equal(note, 'Một hội nghị tại khóm 4 chưa được nhập vào hệ thống.');
  const review = text((await staff.get(url)).text);
  assert.match(review, new RegExp(`${n + 1} Đếm từ dữ liệu hệ thống: ${n} \\(số đếm được khi lưu báo cáo\\)`));
  assert.match(review, /Đơn vị điều chỉnh: Một hội nghị tại khóm 4 chưa được nhập vào hệ thống\./);
  assert.match(review, /Đơn vị điều chỉnh: Số cán bộ tham gia đếm lại theo danh sách ký tên\./);
});
