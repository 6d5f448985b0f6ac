// The JSON API and the XLSX/CSV downloads of dissemination sessions and cadres over real
// HTTP (demo province), on the model of the tasks API: API tokens read and write as their
// unit and role; a read-only (viewer) token and another commune's
// officer write nothing (nor a signed-in inspector: writing takes a token); no token is a 401 on the writing routes; the store holds what the
// API answered; the unit's sessions and the cadre coverage download as CSV and XLSX with
// the same rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv, ids = {}, tok = {};
const q = (sql) => storeSql(srv.dbPath, sql);

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

const call = async (t, method, path, body) => {
  const h = { 'content-type': 'application/json' };
  if (t) h.authorization = `Bearer ${t}`;
  const res = await fetch(srv.url + path, { method, headers: h, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: await res.json().catch(() => null) };
};

// The text of an XLSX download's shared strings (what its cells say).
async function xlsxStrings(c, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const file = join(mkdtempSync(join(tmpdir(), 'dv-xlsx-')), 'f.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString();
}

before(async () => {
  srv = await startServer();
  ids.x1 = Number(await q("SELECT unit_id FROM users WHERE username = 'xa1'"));
  ids.x2 = Number(await q("SELECT unit_id FROM users WHERE username = 'xa2'"));
  ids.bdv = Number(await q("SELECT unit_id FROM users WHERE username = 'bdv'"));
  ids.province = Number(await q("SELECT scope_unit_id FROM users WHERE username = 'bdv'"));
  ids.doc = Number(await q("SELECT id FROM documents WHERE code = '23-QĐ/TW'"));
  const admin = await as('admin');
  for (const [name, unit, role] of [['off', ids.x1, 'officer'], ['staff', ids.province, 'staff'], ['viewer', ids.x1, 'viewer']]) {
    const page = await admin.get('/tokens');
    const r = await admin.postForm('/tokens', { name: `API ${name}`, unit_id: unit, role, lang: 'vi' }, { csrf: csrfFrom(page.text) });
    tok[name] = r.text.match(/<code class="secret">(dvt_[0-9a-f]{64})<\/code>/)[1];
  }
});
after(async () => { await srv?.stop(); });

test('sessions: tokens read and record as their unit; every refusal', async () => {
  let r = await call(tok.off, 'GET', `/api/sessions?unit=${ids.x1}`);
  assert.equal(r.status, 200);
  const before = Number(await q(`SELECT count(*) FROM dissem_sessions WHERE unit_id = ${ids.x1}`));
  assert.equal(r.json.sessions.length, before);
  assert.equal((await call(tok.off, 'GET', `/api/sessions?unit=${ids.x2}`)).status, 403, 'another commune');
  assert.equal((await call(tok.staff, 'GET', `/api/sessions?unit=${ids.x2}`)).status, 200, 'the province staff');
  assert.equal((await call(null, 'POST', '/api/sessions', { unitId: ids.x1 })).status, 401);

  const body = { unitId: ids.x1, documentId: ids.doc, heldOn: '2026-11-20', place: 'Hội trường xã', form: 'online',
    groups: { party: { expected: 35900, attended: 35599 }, civil: { expected: 40, attended: 38 } },
    bridgePoints: ['Điểm cầu xã', 'Điểm cầu ấp 2'], absentees: [{ fullName: 'Trần Văn Tư', reason: 'ốm' }] };
  assert.equal((await call(tok.viewer, 'POST', '/api/sessions', body)).status, 403, 'a read-only token');
  const kt = new Client(srv.url); // an inspector's browser session: the writing API takes tokens only
  await kt.login('kiemtra', 'demo-kiemtra-2025');
  const res = await fetch(srv.url + '/api/sessions', { method: 'POST', headers: { cookie: kt.cookieHeader(), 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  assert.equal(res.status, 401, 'an inspector (no token)');
  assert.equal((await call(tok.off, 'POST', '/api/sessions', { ...body, unitId: ids.x2 })).status, 403, 'another commune');
  assert.equal((await call(tok.off, 'POST', '/api/sessions', { ...body, bridgePoints: [] })).status, 422, 'online without a bridge point');
  assert.equal((await call(tok.off, 'POST', '/api/sessions', { ...body, groups: { party: { expected: 2, attended: 3 } } })).status, 422);
  assert.equal((await call(tok.off, 'POST', '/api/sessions', { ...body, heldOn: '20/11/2026' })).status, 422);
  assert.equal(Number(await q(`SELECT count(*) FROM dissem_sessions WHERE unit_id = ${ids.x1}`)), before, 'nothing refused was written');

  r = await call(tok.off, 'POST', '/api/sessions', body);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const sid = r.json.id;
  r = await call(tok.off, 'GET', `/api/sessions/${sid}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.heldOn, '2026-11-20');
  assert.deepEqual(r.json.bridgePoints, ['Điểm cầu xã', 'Điểm cầu ấp 2']);
  assert.equal(r.json.groups.party.attended, 35599);
  assert.equal(r.json.attended, 35599 + 38);
  assert.equal(r.json.absentees[0].reason, 'ốm');
  assert.equal(await q(`SELECT form || '|' || held_on FROM dissem_sessions WHERE id = ${sid}`), 'online|2026-11-20');
  assert.equal((await call(tok.viewer, 'GET', `/api/sessions/${sid}`)).status, 200, 'a read-only token reads');
  const x2off = Number(await q(`SELECT min(id) FROM dissem_sessions WHERE unit_id = ${ids.x2}`));
  if (x2off) assert.equal((await call(tok.off, 'GET', `/api/sessions/${x2off}`)).status, 403);
  assert.equal((await call(tok.off, 'GET', '/api/sessions/99999999')).status, 404);
});

test('cadres: the coverage on a date, a new assignment, refusals', async () => {
  let r = await call(tok.staff, 'GET', `/api/cadres?unit=${ids.province}&date=2026-12-01`);
  assert.equal(r.status, 200);
  assert.equal(r.json.units, r.json.coverage.length);
  assert.equal(r.json.unitsWithCadre, r.json.coverage.filter((u) => u.cadre).length);
  assert.ok(r.json.coverage.some((u) => !u.cadre), 'a unit without a cadre is visible as such');
  assert.equal((await call(tok.off, 'GET', `/api/cadres?unit=${ids.province}`)).status, 403);
  assert.equal((await call(tok.off, 'GET', '/api/cadres?date=2026-13-45')).status, 400);
  const body = { unitId: ids.x1, fullName: 'Lê Thị Hoa', position: 'Phó Bí thư', decisionNumber: '12-QĐ/ĐU',
    decisionDate: '2026-11-25', validFrom: '2026-12-01' };
  assert.equal((await call(null, 'POST', '/api/cadres', body)).status, 401);
  assert.equal((await call(tok.viewer, 'POST', '/api/cadres', body)).status, 403, 'a read-only token');
  assert.equal((await call(tok.off, 'POST', '/api/cadres', { ...body, unitId: ids.x2 })).status, 403, 'another commune');
  assert.equal((await call(tok.off, 'POST', '/api/cadres', { ...body, fullName: '' })).status, 422);
  assert.equal((await call(tok.off, 'POST', '/api/cadres', { ...body, validUntil: '2026-11-01' })).status, 422);
  r = await call(tok.off, 'POST', '/api/cadres', body);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(await q(`SELECT full_name || '|' || valid_from FROM cadre_assignments WHERE id = ${r.json.id}`), 'Lê Thị Hoa|2026-12-01');
  r = await call(tok.off, 'GET', `/api/cadres?unit=${ids.x1}&date=2026-12-02`);
  assert.equal(r.json.coverage.find((u) => u.unitId === ids.x1).cadre.fullName, 'Lê Thị Hoa');
  assert.equal(r.json.history[0].fullName, 'Lê Thị Hoa');
});

test('downloads: the cadre coverage and a unit\'s sessions as CSV and XLSX', async () => {
  const c = await as('bdv');
  const page = await c.get(`/cadres?unit=${ids.province}&date=01/12/2026`);
  assert.match(page.text, /href="\/cadres\.xlsx\?unit=\d+&amp;date=01\/12\/2026"/);
  const csv = await c.get(`/cadres.csv?unit=${ids.province}&date=01/12/2026`);
  const strings = await xlsxStrings(c, `/cadres.xlsx?unit=${ids.province}&date=01/12/2026`);
  const firstUnit = csv.text.split('\n')[1].split(';')[0].replace(/"/g, '');
  assert.ok(strings.includes(firstUnit), `the XLSX names ${firstUnit} as the CSV does`);
  assert.match(strings, /Chưa phân công cán bộ|Không có cán bộ|Chưa có cán bộ/);
  const list = await c.get(`/units/${ids.x1}/sessions`);
  assert.match(list.text, new RegExp(`href="/units/${ids.x1}/sessions\\?format=xlsx"`));
  const scsv = await c.get(`/units/${ids.x1}/sessions?format=csv`);
  assert.equal(scsv.status, 200);
  assert.match(scsv.headers.get('content-type'), /text\/csv/);
  const n = Number(await q(`SELECT count(*) FROM dissem_sessions WHERE unit_id = ${ids.x1}`));
  assert.equal(scsv.text.trim().split('\n').length, n + 1, 'a row per session');
  assert.match(scsv.text, /Hội trường xã/);
  const sx = await xlsxStrings(c, `/units/${ids.x1}/sessions?format=xlsx`);
  assert.match(sx, /Hội trường xã/);
  const other = await as('xa2');
  assert.equal((await other.get(`/units/${ids.x1}/sessions?format=xlsx`)).status, 404, 'another commune downloads nothing');
});
