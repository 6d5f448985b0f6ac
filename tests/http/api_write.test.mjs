// The write API over real HTTP on the demo province: POST /api/dataValueSets with API
// tokens made on /tokens by an admin. A good draft is saved and shows in the web form; every
// refusal answers JSON in the token's language: no token or a session cookie (401), a
// revoked token (401), another unit (403), a read-only token (403), an unknown regime or a
// period of another regime (404), a bad value and a broken rule (422, with the very message
// the web form shows beside the field), a report already submitted (409, as the form says).
// Every write is in the audit log under the token's name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';

let srv, admin, xa1, monthly, halfYear, unit1, unit2, period, halfPeriod;
const tokens = {};

before(async () => {
  srv = await startServer();
  admin = new Client(srv.url);
  await admin.login('admin', DEMO.admin);
  xa1 = new Client(srv.url);
  await xa1.login('xa1', DEMO.xa1);
  monthly = Number(await storeSql(srv.dbPath, "SELECT id FROM regimes WHERE code = 'BC-DV-THANG'"));
  halfYear = Number(await storeSql(srv.dbPath, "SELECT id FROM regimes WHERE code = 'BC-QCDV-6T'"));
  unit1 = Number(await storeSql(srv.dbPath, "SELECT unit_id FROM users WHERE username = 'xa1'"));
  unit2 = Number(await storeSql(srv.dbPath, "SELECT unit_id FROM users WHERE username = 'xa2'"));
  // an open period of the monthly regime with nothing stored yet: the latest one
  period = Number(await storeSql(srv.dbPath, `SELECT max(p.id) FROM periods p WHERE p.regime_id = ${monthly} AND NOT EXISTS
    (SELECT 1 FROM reports r WHERE r.period_id = p.id AND r.unit_id = ${unit1})`));
  assert.ok(period > 0, 'a monthly period without a report of xa1');
  const form = await xa1.get(`/reports/${monthly}/${period}/${unit1}`);
  assert.equal(form.status, 200);
  assert.doesNotMatch(form.text, /khóa nhập liệu/, 'the period is open for entry');
  halfPeriod = Number(await storeSql(srv.dbPath, `SELECT min(id) FROM periods WHERE regime_id = ${halfYear}`));
  tokens.officer = await makeToken('Phần mềm thống kê xã', unit1, 'officer', 'vi');
  tokens.viewer = await makeToken('Bảng điều khiển chỉ đọc', unit1, 'viewer', 'vi');
  tokens.english = await makeToken('English integration', unit1, 'officer', 'en');
  tokens.revoked = await makeToken('Old system', unit1, 'officer', 'vi');
});
after(async () => { await srv?.stop(); });

async function makeToken(name, unitId, role, lang) {
  const page = await admin.get('/tokens');
  assert.equal(page.status, 200);
  const r = await admin.postForm('/tokens', { name, unit_id: unitId, role, lang }, { csrf: csrfFrom(page.text) });
  assert.equal(r.status, 200, `creating token ${name}`);
  const m = r.text.match(/<code class="secret">(dvt_[0-9a-f]{64})<\/code>/);
  assert.ok(m, 'the new secret is shown');
  return m[1];
}

async function send(token, body, headers = {}) {
  const h = { 'content-type': 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  const res = await fetch(`${srv.url}/api/dataValueSets`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const text = await res.text();
  assert.match(res.headers.get('content-type') || '', /application\/json/);
  return { status: res.status, json: JSON.parse(text) };
}

const set = (values, extra = {}) => ({
  dataSet: 'BC-DV-THANG', period, orgUnit: unit1,
  dataValues: Object.entries(values).map(([dataElement, value]) => ({ dataElement, value })), ...extra,
});

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
// The web form's own message beside a field after a save of `fields`.
async function formError(fields, submit) {
  const url = `/reports/${monthly}/${period}/${unit1}`;
  const form = await xa1.get(url);
  const version = (form.text.match(/name="version" value="(\d+)"/) || [])[1] || '0';
  const r = await xa1.postForm(url, { ...fields, version, action: submit ? 'submit' : 'save' }, { csrf: csrfFrom(form.text) });
  return (name) => {
    const m = r.text.match(new RegExp(`id="f-${name}-err"[^>]*>([\\s\\S]*?)</span>`));
    return m ? text(m[1]).replace(/^(Lỗi|Error):\s*/, '') : null;
  };
}

test('no token, or a signed-in browser without one: 401 in JSON, nothing saved', async () => {
  const r = await send(null, set({ T01: '1' }));
  assert.equal(r.status, 401);
  assert.equal(r.json.status, 'ERROR');
  // a session cookie is not enough: the route takes no CSRF token, so it takes no cookie either
  const c = await xa1.request('/api/dataValueSets', {
    method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url }, body: JSON.stringify(set({ T01: '1' })),
  });
  assert.equal(c.status, 401);
  assert.equal(await storeSql(srv.dbPath, `SELECT count(*) FROM reports WHERE regime_id = ${monthly} AND unit_id = ${unit1} AND period_id = ${period}`), '0');
});

test('a good draft is saved through the web form\'s save, shows in the form, audited under the token\'s name', async () => {
  const r = await send(tokens.officer, set({ T01: '12', T02: '1.250', T03: 3, T04: '20', T05: '18' },
    { narrative: [{ section: 1, text: 'Gửi từ phần mềm thống kê.' }] }));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.status, 'SUCCESS');
  assert.deepEqual(r.json.importCount, { imported: 6, updated: 0, deleted: 0, ignored: 0 });
  assert.equal(r.json.report.status, 'draft');
  assert.equal(r.json.dataSetComplete, false);
  const form = await xa1.get(r.json.report.href);
  assert.equal(form.status, 200);
  assert.match(form.text, /name="v_T01"[^>]*value="12"/);
  assert.match(form.text, /Gửi từ phần mềm thống kê\./);
  const actor = await storeSql(srv.dbPath, `SELECT actor FROM audit_log WHERE entity = 'report' AND entity_id = ${r.json.report.id} ORDER BY id DESC LIMIT 1`);
  assert.equal(actor, 'api:Phần mềm thống kê xã');
  // a second call merges: T01 changes, T03 is removed, the rest stays; the period named as
  // YEAR-SEQ and the unit by its code, as a system that does not know our ids sends them
  const periodCode = await storeSql(srv.dbPath, `SELECT year || '-' || seq FROM periods WHERE id = ${period}`);
  const unitCode = await storeSql(srv.dbPath, `SELECT code FROM units WHERE id = ${unit1}`);
  const r2 = await send(tokens.officer, { ...set({ T01: '13', T03: null }), period: periodCode, orgUnit: unitCode });
  assert.equal(r2.status, 200, JSON.stringify(r2.json));
  assert.deepEqual(r2.json.importCount, { imported: 0, updated: 1, deleted: 1, ignored: 0 });
  const form2 = await xa1.get(r.json.report.href);
  assert.match(form2.text, /name="v_T01"[^>]*value="13"/);
  assert.match(form2.text, /name="v_T05"[^>]*value="18"/);
  // the tokens page shows when it was last used
  const page = await admin.get('/tokens');
  const row = page.text.split('<tr>').find((x) => x.includes('Phần mềm thống kê xã'));
  assert.ok(row && !/Chưa dùng|Never/.test(row), 'last used is shown');
});

test('a bad value: 422 with the message the web form shows beside the field', async () => {
  const r = await send(tokens.officer, set({ T01: 'mười hai', T04: '-3' }));
  assert.equal(r.status, 422);
  assert.equal(r.json.status, 'ERROR');
  const byObj = Object.fromEntries(r.json.conflicts.map((c) => [c.object, c.value]));
  const web = await formError({ v_T01: 'mười hai', v_T04: '-3' }, false);
  assert.ok(byObj.T01 && byObj.T04, JSON.stringify(r.json.conflicts));
  assert.equal(byObj.T01, web('v_T01'));
  assert.equal(byObj.T04, web('v_T04'));
  assert.match(byObj.T01, /số nguyên/, 'in Vietnamese, the token\'s language');
  const unknown = await send(tokens.officer, set({ T99: '1' }));
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.conflicts[0].object, 'T99');
});

test('a broken rule on submission: 422 with the rule\'s message, as the form shows it', async () => {
  const values = { T01: '1', T03: '1', T04: '5', T05: '9', T07: 'false' };
  const r = await send(tokens.officer, set(values, { complete: true }));
  assert.equal(r.status, 422, JSON.stringify(r.json));
  const c = r.json.conflicts.find((x) => x.object === 'T05');
  assert.ok(c, JSON.stringify(r.json.conflicts));
  const web = await formError({ v_T01: '1', v_T03: '1', v_T04: '5', v_T05: '9', v_T07: '0' }, true);
  assert.equal(c.value, web('v_T05'));
  assert.equal(c.value, 'Số đã giải quyết không được lớn hơn số tiếp nhận');
});

test('English token: the refusals in English', async () => {
  const r = await send(tokens.english, set({ T01: 'twelve' }));
  assert.equal(r.status, 422);
  assert.match(r.json.conflicts[0].value, /whole number/);
  const vi = await send(tokens.english, set({ T01: 'twelve' }), { 'accept-language': 'vi' });
  assert.match(vi.json.conflicts[0].value, /số nguyên/);
});

test('another unit, a read-only token, a wrong regime: 403, 403, 404', async () => {
  const other = await send(tokens.officer, { ...set({ T01: '1' }), orgUnit: unit2 });
  assert.equal(other.status, 403);
  assert.equal(other.json.status, 'ERROR');
  assert.equal(await storeSql(srv.dbPath, `SELECT count(*) FROM reports WHERE unit_id = ${unit2} AND period_id = ${period}`), '0');
  const ro = await send(tokens.viewer, set({ T01: '1' }));
  assert.equal(ro.status, 403);
  assert.match(ro.json.message, /chỉ đọc|chỉ được đọc/);
  const wrong = await send(tokens.officer, { ...set({ T01: '1' }), dataSet: 'BC-QCDV-6T' }); // a monthly period
  assert.equal(wrong.status, 404);
  const wrong2 = await send(tokens.officer, { ...set({ T01: '1' }), period: halfPeriod }); // a half-year period
  assert.equal(wrong2.status, 404);
  const unknown = await send(tokens.officer, { ...set({ T01: '1' }), dataSet: 'NO-SUCH' });
  assert.equal(unknown.status, 404);
  const broken = await fetch(`${srv.url}/api/dataValueSets`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'application/json' }, body: '{not json',
  });
  assert.equal(broken.status, 400);
});

test('a revoked token is refused at once (401)', async () => {
  const before = await send(tokens.revoked, set({ T02: '7' }));
  assert.equal(before.status, 200, JSON.stringify(before.json));
  const page = await admin.get('/tokens');
  const row = page.text.split('<tr>').find((x) => x.includes('Old system'));
  const action = row.match(/action="(\/tokens\/\d+\/revoke)"/)[1];
  const rv = await admin.postForm(action, {}, { csrf: csrfFrom(page.text) });
  assert.equal(rv.status, 303);
  const after = await send(tokens.revoked, set({ T02: '8' }));
  assert.equal(after.status, 401);
  const list = await admin.follow('/tokens');
  assert.match(list.text, /Đã thu hồi/);
  const audit = await storeSql(srv.dbPath, "SELECT action FROM audit_log WHERE entity = 'api_token' ORDER BY id");
  assert.deepEqual(audit.split('\n'), ['create', 'create', 'create', 'create', 'revoke']);
  // an officer cannot open the tokens page
  const off = await xa1.get('/tokens');
  assert.equal(off.status, 403);
});

test('submitting, then sending again: 409 with the form\'s own message', async () => {
  const values = { T01: '2', T03: '1', T04: '5', T05: '4', T07: false };
  const r = await send(tokens.officer, set(values, { completeDate: '2026-12-01' }));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.report.status, 'submitted');
  assert.equal(r.json.dataSetComplete, true);
  const again = await send(tokens.officer, set({ T01: '3' }));
  assert.equal(again.status, 409);
  assert.match(again.json.message, /đã được gửi/);
  const actor = await storeSql(srv.dbPath, `SELECT actor || ' ' || action FROM audit_log WHERE entity = 'report' AND entity_id = ${r.json.report.id} ORDER BY id DESC LIMIT 1`);
  assert.equal(actor, 'api:Phần mềm thống kê xã submit');
});
