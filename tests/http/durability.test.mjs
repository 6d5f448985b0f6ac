// Durability over real HTTP: with DANVAN_SYNC=full, every report submission the server has
// answered (303) is in the store after the server is killed with SIGKILL in the middle of a
// burst of submissions, and the server serves that store again afterwards. The burst goes
// through the group commit's short way (report_save_async: the sync thread answers), as
// 24 clients at once submit 160 monthly reports of the demo province's units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer({ env: { DANVAN_SYNC: 'full' } }); });
after(async () => { await srv?.stop(); });

const sql = (q) => storeSql(srv.dbPath, q);

test('every submission answered before a kill -9 is in the store after it', async (t) => {
  const regime = await sql("SELECT id FROM regimes WHERE code = 'BC-DV-THANG'");
  const province = await sql("SELECT scope_unit_id FROM users WHERE username = 'bdv'");
  // (period, unit) pairs without a report: the province's units, the regime's last twelve months
  const pairs = (await sql(`SELECT p.id || '/' || u.id FROM periods p CROSS JOIN units u
    JOIN unit_links l ON l.child_id = u.id AND l.parent_id = ${province} AND l.valid_to IS NULL
    WHERE p.regime_id = ${regime} AND p.id IN (SELECT id FROM periods WHERE regime_id = ${regime} ORDER BY close_end DESC LIMIT 12)
    AND u.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.period_id = p.id AND r.unit_id = u.id)
    ORDER BY u.id, p.id LIMIT 160`)).split('\n');
  assert.ok(pairs.length >= 100, `unit-periods without a report: ${pairs.length}`);
  // entry stays open for them whatever today's date (the periods' deadlines are past)
  const inList = pairs.map((pu) => `'${pu}'`).join(',');
  await sql(`INSERT INTO lock_exceptions (period_id, unit_id, until, reason, granted_by)
    SELECT p.id, u.id, '2099-12-31', 'durability test', NULL FROM periods p, units u
    WHERE p.id || '/' || u.id IN (${inList})`);

  const staff = new Client(srv.url);
  await staff.login('bdv', DEMO.bdv);
  const form = await staff.get(`/reports/${regime}/${pairs[0]}`);
  assert.equal(form.status, 200);
  const csrf = csrfFrom(form.text);
  const fields = { version: '0', action: 'submit', v_T01: '5', v_T02: '1', v_T03: '2', v_T04: '10', v_T05: '3',
    v_T06: '0', v_T07: '1', v_T08: 'Gửi trước khi máy chủ dừng' };

  const acked = [];
  let next = 0, killed = false;
  const client = async () => {
    while (next < pairs.length && !killed) {
      const pu = pairs[next++];
      try {
        const r = await staff.postForm(`/reports/${regime}/${pu}`, fields, { csrf });
        if (r.status === 303) acked.push(pu);
        else assert.fail(`${pu}: ${r.status} ${r.text.slice(0, 200)}`);
      } catch (e) {
        if (!killed) throw e; /* a request the kill cut off was never answered: it may or may not be there */
      }
    }
  };
  const burst = Promise.all(Array.from({ length: 24 }, client));
  while (acked.length < 60) await new Promise((r) => setTimeout(r, 5));
  killed = true;
  await srv.crash();
  await burst;
  assert.ok(acked.length >= 60 && acked.length < pairs.length, `answered before the kill: ${acked.length}`);
  t.diagnostic(`${acked.length} of ${pairs.length} submissions answered before the kill`);

  const stored = (await sql(`SELECT period_id || '/' || unit_id FROM reports WHERE regime_id = ${regime}
    AND status = 'submitted' AND period_id || '/' || unit_id IN (${inList})`)).split('\n').filter(Boolean);
  const missing = acked.filter((pu) => !stored.includes(pu));
  assert.deepEqual(missing, [], 'every answered submission is in the store');
  const values = Number(await sql(`SELECT count(*) FROM report_values v JOIN reports r ON r.id = v.report_id
    WHERE r.regime_id = ${regime} AND r.period_id || '/' || r.unit_id IN (${acked.map((pu) => `'${pu}'`).join(',')})`));
  assert.equal(values, acked.length * 8, 'with all eight values each');

  srv = await srv.restart();
  const again = new Client(srv.url);
  await again.login('bdv', DEMO.bdv);
  const shown = await again.get(`/reports/${regime}/${acked[acked.length - 1]}`);
  assert.equal(shown.status, 200);
  assert.doesNotMatch(shown.text, /name="action" value="submit"/, 'submitted: no longer editable');
  assert.match(shown.text, /Gửi trước khi máy chủ dừng/);
});
