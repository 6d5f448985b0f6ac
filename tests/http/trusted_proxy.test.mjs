// The client's address behind a reverse proxy (DANVAN_TRUSTED_PROXIES), over real HTTP on
// the demo province: from a trusted proxy, X-Forwarded-For names the citizen, so the
// petitions' limit per address counts each citizen and not the proxy, and what is stored
// (petitions.ip, the audit trail) is the citizen's address; an entry prepended by the client
// does not move it, and a header that is not an address keeps the proxy's. Without the
// setting the header is ignored, whatever it says, so no one escapes the limit by sending it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, decodeEntities } from '../lib/client.mjs';

let proxied, direct;
before(async () => {
  [proxied, direct] = await Promise.all([
    startServer({ env: { DANVAN_TRUSTED_PROXIES: '127.0.0.1' } }),
    startServer(),
  ]);
  for (const s of [proxied, direct])
    await storeSql(s.dbPath, "UPDATE settings SET value = '2' WHERE key = 'citizen.rate_ip_hour'");
});
after(async () => { await proxied?.stop(); await direct?.stop(); });

function firstOption(html, name) {
  const sel = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  assert.ok(sel, `select ${name}`);
  return sel[1].match(/<option value="([0-9]+)"/)[1];
}

let serial = 0;
const MINE = "content LIKE 'Đề nghị sửa đoạn đường ngập nước số %'"; // this test's petitions
// One petition through the public form, as a browser behind the proxy sends it.
async function petition(srv, xff) {
  const c = new Client(srv.url);
  const form = await c.get('/kien-nghi/gui');
  assert.equal(form.status, 200);
  serial++;
  const r = await c.postForm('/kien-nghi/gui', {
    category_id: firstOption(form.text, 'category_id'),
    commune_id: firstOption(form.text, 'commune_id'),
    name: 'Lê Thị Hoa',
    phone: `0912 345 ${String(serial).padStart(3, '0')}`,
    content: `Đề nghị sửa đoạn đường ngập nước số ${serial} trước trường tiểu học.`,
  }, { headers: xff == null ? {} : { 'x-forwarded-for': xff } });
  return r;
}

async function lastIp(srv) {
  return storeSql(srv.dbPath, 'SELECT ip FROM petitions ORDER BY id DESC LIMIT 1');
}

test('behind a trusted proxy each citizen has a limit of their own, under their own address', async () => {
  assert.equal((await petition(proxied, '203.0.113.7')).status, 303);
  assert.equal(await lastIp(proxied), '203.0.113.7');
  assert.equal((await petition(proxied, '203.0.113.7')).status, 303);
  const third = await petition(proxied, '203.0.113.7');
  assert.equal(third.status, 429, 'the third petition within the hour from one citizen is refused');
  assert.ok(decodeEntities(third.text).includes('Đề nghị sửa đoạn đường ngập nước'), 'the text is kept');
  // a client who prepends a made-up address is still the address the proxy saw
  assert.equal((await petition(proxied, '198.51.100.1, 203.0.113.7')).status, 429);
  // another citizen through the same proxy is not held back by the first
  assert.equal((await petition(proxied, '203.0.113.8')).status, 303);
  assert.equal(await lastIp(proxied), '203.0.113.8');
  // a chain of trusted proxies: the first untrusted address from the right
  assert.equal((await petition(proxied, '203.0.113.9, 127.0.0.1')).status, 303);
  assert.equal(await lastIp(proxied), '203.0.113.9');
  const audit = await storeSql(proxied.dbPath,
    "SELECT ip FROM audit_log WHERE entity = 'petition' ORDER BY id DESC LIMIT 1");
  assert.equal(audit, '203.0.113.9', 'the audit trail has the citizen, not the proxy');
});

test('a header that is not an address keeps the connection\'s own', async () => {
  for (const bad of ['<script>alert(1)</script>', 'unknown', '10.0.0.1\r\nX: y'.replace(/\r\n/, ' '), ''])
    await petition(proxied, bad);
  const ips = await storeSql(proxied.dbPath,
    `SELECT DISTINCT ip FROM petitions WHERE ${MINE} AND ip NOT LIKE '203.0.113.%' ORDER BY ip`);
  assert.equal(ips, '127.0.0.1', 'nothing but real addresses is stored');
});

test('without trusted proxies the header is ignored: sending it escapes no limit', async () => {
  const statuses = [];
  for (const xff of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
    statuses.push((await petition(direct, xff)).status);
  assert.deepEqual(statuses, [303, 303, 429]);
  const ips = await storeSql(direct.dbPath, `SELECT DISTINCT ip FROM petitions WHERE ${MINE}`);
  assert.equal(ips, '127.0.0.1');
});
