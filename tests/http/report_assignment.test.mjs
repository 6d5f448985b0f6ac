// Reports only where the unit is assigned (issue 9, finding 1): every route of one unit's
// report answers 404, for every role that could otherwise reach it, when the regime does
// not assign the unit for that period: a regime of another province (Hà Nội's, reported by
// its wards) asked for Phường Bạc Liêu (xa1's Cà Mau ward), and a demo regime's period from
// before the ward existed (assignments and units are dated). Walked as the ward's officer
// (xa1), the province's staff (bdv), another province's staff (hn.staff, a reviewer of the
// Hà Nội regime) and an admin; nothing is stored by the POSTs. The JSON write API (a ward's token)
// is refused the same way. The assigned regime still works for the same people, the fast
// submission path included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql, runDanvan } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv, sql;
const HN_PASSWORD = 'hn-staff-password-2025';
const ids = {};

function isoPlus(days) {
  const now = new Date(Date.now() + 7 * 3600 * 1000); // Vietnam's date
  now.setUTCDate(now.getUTCDate() + days);
  return now.toISOString().slice(0, 10);
}

before(async () => {
  srv = await startServer();
  sql = (q) => storeSql(srv.dbPath, q);
  const R = `(SELECT id FROM regimes WHERE code = 'BC-HN-TEST')`;
  const period = (seq, d) => `INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
      VALUES (${R}, 2099, ${seq}, 'Đợt ${seq}', '${isoPlus(d - 30)}', '${isoPlus(d)}');
    INSERT INTO period_deadlines(period_id, level, deadline) VALUES (last_insert_rowid(), '*', '${isoPlus(d + 10)}');`;
  await sql(`BEGIN;
    INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from)
      VALUES ('BC-HN-TEST', 'Báo cáo của Hà Nội', 'thematic', (SELECT id FROM units WHERE code = '01' AND valid_to IS NULL), '2025-01-01');
    INSERT INTO regime_assignments(regime_id, kind, unit_type, valid_from) VALUES (${R}, 'type', 'ward', '2025-01-01');
    INSERT INTO indicators(regime_id, code, name, type) VALUES (${R}, 'I01', 'Số cuộc đối thoại', 'int');
    ${period(1, 20)}
    ${period(2, 50)}
    COMMIT;`);
  ids.regime = await sql(`SELECT id FROM regimes WHERE code = 'BC-HN-TEST'`);
  [ids.p1, ids.p2] = (await sql(`SELECT id FROM periods WHERE regime_id = ${ids.regime} ORDER BY seq`)).split('\n');
  ids.unit = await sql(`SELECT unit_id FROM users WHERE username = 'xa1'`);
  // a report as one filed before the fix: the routes by report id
  await sql(`INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at)
      VALUES (${ids.regime}, ${ids.p1}, ${ids.unit}, 'submitted', '${isoPlus(30)}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO report_attachments(report_id, filename, content_type, size, sha256, data)
      VALUES ((SELECT max(id) FROM reports), 'a.pdf', 'application/pdf', 4, 'x', X'25504446');`);
  ids.report = await sql(`SELECT id FROM reports WHERE regime_id = ${ids.regime}`);
  ids.att = await sql(`SELECT id FROM report_attachments WHERE report_id = ${ids.report}`);
  // a demo regime with a period open now, and a period that closed before the ward was founded
  [ids.demo, ids.demoNow] = (await sql(`SELECT regime_id, id FROM periods WHERE close_end >= '${isoPlus(0)}' AND regime_id <> ${ids.regime}
      ORDER BY close_end LIMIT 1`)).split('|');
  [ids.oldRegime, ids.demoOld] = (await sql(`SELECT regime_id, id FROM periods WHERE regime_id <> ${ids.regime}
      AND close_end < (SELECT valid_from FROM units WHERE id = ${ids.unit}) ORDER BY close_end LIMIT 1`)).split('|');
  assert.ok(ids.demoNow && ids.demoOld, 'the demo regime has a current period and one before the ward');
  await runDanvan(['user', 'add', 'hn.staff', '--db', srv.dbPath, '--name', 'Cán bộ Hà Nội', '--unit', '01',
    '--role', 'staff', '--scope', '01'], { env: { DANVAN_PASSWORD: HN_PASSWORD } });
});
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, user === 'hn.staff' ? HN_PASSWORD : DEMO[user]);
  c.csrf = csrfFrom((await c.get('/reports')).text);
  assert.ok(c.csrf, `${user} has a CSRF token`);
  return c;
}

function multipart(c, path) {
  const fd = new FormData();
  fd.append('_csrf', c.csrf);
  fd.append('file', new Blob([Buffer.from('PK\x03\x04')], { type: 'application/octet-stream' }), 'form.xlsx');
  return c.request(path, { method: 'POST', headers: { origin: c.baseUrl }, body: fd });
}

// Every route of one unit's report: [label, (client) => response].
function routes(regime, period, unit, report, att) {
  const base = `/reports/${regime}/${period}/${unit}`;
  const post = (path, fields) => (c) => c.postForm(path, fields, { csrf: c.csrf });
  const get = (path) => (c) => c.get(path);
  const list = [
    ['entry form', get(base)],
    ['save', post(base, { version: '0', action: 'save', v_I01: '1' })],
    ['submit', post(base, { version: '0', action: 'submit', v_I01: '1' })],
    ['unlock (no row)', post(`${base}/unlock`, { until: '31/12/2099', reason: 'thử' })],
    ['offline-entry page', get(`${base}/xlsx`)],
    ['XLSX download', get(`${base}/form.xlsx`)],
    ['XLSX upload', (c) => multipart(c, `${base}/form.xlsx`)],
    ['consolidated DOCX', get(`/reports/consolidated/${regime}/${period}/${unit}.docx`)],
    ['consolidated PDF', get(`/reports/consolidated/${regime}/${period}/${unit}.pdf`)],
  ];
  if (report) {
    list.push(
      ['history', get(`/reports/${report}/history`)],
      ['DOCX document', get(`/reports/${report}/document.docx`)],
      ['PDF document', get(`/reports/${report}/document.pdf`)],
      ['attachment', get(`/reports/${report}/attachments/${att}`)],
      ['attachment delete', post(`/reports/${report}/attachments/${att}/delete`, {})],
      ['approve', post(`/reports/${report}/approve`, {})],
      ['return', post(`/reports/${report}/return`, { comment: 'Sai đơn vị' })],
      ['unlock', post(`/reports/${report}/unlock`, { until: '31/12/2099', reason: 'thử' })],
    );
  }
  return list;
}

const ROLES = ['xa1', 'bdv', 'hn.staff', 'admin'];

test('every report route answers 404 for a regime that does not assign the unit, for every role', async () => {
  const before = await sql(`SELECT COUNT(*), group_concat(status || '/' || version) FROM reports WHERE regime_id = ${ids.regime}`);
  const wrong = [];
  for (const user of ROLES) {
    const c = await as(user);
    const cases = [
      ...routes(ids.regime, ids.p1, ids.unit, ids.report, ids.att),        // the row filed before the fix
      ...routes(ids.regime, ids.p2, ids.unit).map(([l, f]) => [`${l} (no row)`, f]),
      ...routes(ids.oldRegime, ids.demoOld, ids.unit).map(([l, f]) => [`${l} (demo regime, before the ward)`, f]),
    ];
    for (const [label, call] of cases) {
      const res = await call(c);
      if (res.status !== 404) wrong.push(`${user} ${label}: ${res.status}`);
    }
  }
  assert.deepEqual(wrong, [], 'every route answers 404');
  assert.equal(await sql(`SELECT COUNT(*), group_concat(status || '/' || version) FROM reports WHERE regime_id = ${ids.regime}`), before,
    'nothing was stored');
  assert.equal(await sql(`SELECT COUNT(*) FROM report_attachments WHERE report_id = ${ids.report}`), '1');
  const hn = await as('hn.staff');
  assert.doesNotMatch((await hn.get('/reports/review')).text, new RegExp(`/reports/${ids.regime}/${ids.p2}/${ids.unit}"`));
});

test('the assigned regime still works: the same routes for the officer, its staff and the admin', async () => {
  const ok = [];
  for (const user of ['xa1', 'bdv', 'admin']) {
    const c = await as(user);
    for (const [label, call] of routes(ids.demo, ids.demoNow, ids.unit).filter(([l]) => !/save|submit|upload|unlock/.test(l))) {
      const res = await call(c);
      if (res.status !== 200) ok.push(`${user} ${label}: ${res.status}`);
    }
  }
  assert.deepEqual(ok, [], 'every read answers 200');
  const other = await as('hn.staff');
  assert.equal((await other.get(`/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`)).status, 403, 'another province is refused');

  // a save and a submission by the officer (the second one through the fast path, the
  // assignment known from memory): stored
  const c = await as('xa1');
  const form = await c.get(`/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`);
  assert.equal(form.status, 200);
  const version = form.text.match(/name="version" value="(\d+)"/)[1];
  const fields = Object.fromEntries([...form.text.matchAll(/name="(v_[A-Za-z0-9_]+)"/g)].map(([, k]) => [k, '']));
  const saved = await c.postForm(`/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`, { ...fields, version, action: 'save' }, { csrf: c.csrf });
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  assert.match(saved.location, /\?ok=saved$/);
  const again = await c.get(`/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`);
  const v2 = again.text.match(/name="version" value="(\d+)"/)[1];
  const resaved = await c.postForm(`/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`, { ...fields, version: v2, action: 'save' }, { csrf: c.csrf });
  assert.equal(resaved.status, 303);
  assert.equal(await sql(`SELECT version FROM reports WHERE regime_id = ${ids.demo} AND period_id = ${ids.demoNow} AND unit_id = ${ids.unit}`),
    String(Number(v2) + 1));
});

test('the JSON write API refuses a regime that does not assign the unit (404), and takes the assigned one', async () => {
  const admin = await as('admin');
  const page = await admin.get('/tokens');
  const made = await admin.postForm('/tokens', { name: 'Phần mềm xã', unit_id: ids.unit, role: 'officer', lang: 'vi' },
    { csrf: csrfFrom(page.text) });
  const token = made.text.match(/<code class="secret">(dvt_[0-9a-f]{64})<\/code>/)?.[1];
  assert.ok(token, 'a token for the ward');
  const send = async (regime, period) => {
    const res = await fetch(`${srv.url}/api/dataValueSets`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ dataSet: Number(regime), period: String(period), dataValues: [] }),
    });
    await res.text();
    return res.status;
  };
  const before = await sql(`SELECT COUNT(*) FROM reports WHERE regime_id = ${ids.regime}`);
  assert.equal(await send(ids.regime, ids.p2), 404, 'another province\'s regime');
  assert.equal(await send(ids.oldRegime, ids.demoOld), 404, 'a period from before the ward');
  assert.equal(await sql(`SELECT COUNT(*) FROM reports WHERE regime_id = ${ids.regime}`), before, 'nothing was stored');
  assert.equal(await send(ids.demo, ids.demoNow), 200, 'the assigned regime');
});

test('an assignment ended meanwhile is seen by the next submission (the writer checks the version)', async () => {
  const c = await as('xa1');
  const url = `/reports/${ids.demo}/${ids.demoNow}/${ids.unit}`;
  const form = await c.get(url); // the unit's assignment is now in memory
  const version = form.text.match(/name="version" value="(\d+)"/)[1];
  // another process ends the types' assignments before the period closes
  await sql(`UPDATE regime_assignments SET valid_to = '${isoPlus(-1)}' WHERE regime_id = ${ids.demo} AND valid_to IS NULL`);
  const res = await c.postForm(url, { version, action: 'save' }, { csrf: c.csrf });
  assert.equal(res.status, 404);
  assert.equal(await sql(`SELECT version FROM reports WHERE regime_id = ${ids.demo} AND period_id = ${ids.demoNow} AND unit_id = ${ids.unit}`),
    version);
});
