// Issue 9 findings 2, 3, 5, 10 against the real server: concurrent sign-ins are counted
// before hashing (account and address limits hold under a burst), concurrent hashes are
// bounded (memory peak from /proc/PID/status), an account lock does not lock out its owner
// signing in from a known address, and next= with a tab does not leave the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv, csrf, cookie;
before(async () => {
  srv = await startServer();
  const c = new Client(srv.url);
  const page = await c.get('/login');
  csrf = csrfFrom(page.text);
  cookie = c.cookieHeader();
});
after(async () => { await srv?.stop(); });

/** POST /login from localAddress; resolves to the status. */
function login(username, password, localAddress) {
  const body = new URLSearchParams({ username, password, _csrf: csrf }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, path: '/login', method: 'POST', localAddress,
      agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.url, cookie,
        'content-length': Buffer.byteLength(body), connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const kib = (field) => Number(readFileSync(`/proc/${srv.pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))[1]);

test('40 parallel sign-ins to one account from 40 addresses: at most 5 are checked', async () => {
  const tries = Array.from({ length: 40 }, (_, i) =>
    login('bientap', i === 20 ? DEMO.bientap : `wrong-${i}-password`, `127.0.1.${i + 1}`));
  const st = await Promise.all(tries);
  const wrong = st.filter((s) => s === 200).length;
  const ok = st.filter((s) => s === 303).length;
  assert.ok(wrong + ok <= 5, `checked ${wrong} wrong + ${ok} right of 40 (limit 5): ${st}`);
  assert.equal(st.filter((s) => s === 429).length, 40 - wrong - ok);
});

test('60 parallel sign-ins from one address: at most 20 answered before 429', async () => {
  const st = await Promise.all(Array.from({ length: 60 }, (_, i) => login(`nobody${i}`, 'wrong-password', '127.0.2.1')));
  const answered = st.filter((s) => s !== 429).length;
  assert.ok(answered <= 20, `answered ${answered} of 60 (limit 20)`);
});

test('16 concurrent sign-ins run at most hash_concurrency hashes at once', async () => {
  writeFileSync(`/proc/${srv.pid}/clear_refs`, '5'); // VmHWM starts again from VmRSS
  const base = kib('VmRSS');
  const hwm0 = kib('VmHWM');
  await Promise.all(Array.from({ length: 16 }, (_, i) => login(`ghost${i}`, 'wrong-password', `127.0.3.${i + 1}`)));
  const peak = kib('VmHWM') - Math.max(hwm0, base);
  console.log(`# RSS before ${base >> 10} MiB, peak rise ${peak >> 10} MiB, after ${kib('VmRSS') >> 10} MiB`);
  assert.ok(peak < 3 * 65536, `peak rose ${peak >> 10} MiB (2 hashes of 64 MiB allowed)`);
  assert.ok(kib('VmRSS') - base < 64 * 1024, `idle RSS ${kib('VmRSS') >> 10} MiB after, ${base >> 10} before`);
});

test('a stranger locking the account does not lock out its owner at a known address', async () => {
  assert.equal(await login('xa1', DEMO.xa1, '127.0.4.1'), 303, 'the owner signs in from home');
  for (let i = 0; i < 5; i++) await login('xa1', `wrong-${i}-password`, '127.0.4.99');
  assert.equal(await login('xa1', 'wrong-again-pass', '127.0.4.99'), 429, 'the stranger is locked');
  assert.equal(await login('xa1', DEMO.xa1, '127.0.4.50'), 429, 'an unknown address is locked too');
  const t0 = Date.now();
  assert.equal(await login('xa1', DEMO.xa1, '127.0.4.1'), 303, 'the owner still signs in from home');
  assert.ok(Date.now() - t0 >= 900, 'after a delay');
});

test('next with a tab or backslash never leaves the site', async () => {
  const c = new Client(srv.url);
  for (const next of ['/%09/evil.test', '/%5C/evil.test', '/%0D%0A/evil.test', '/ /evil.test']) {
    const r = await c.get(`/lang/en?next=${next}`);
    assert.equal(r.status, 303);
    assert.equal(r.location, '/', `lang next=${next} → ${JSON.stringify(r.location)}`);
  }
  await c.login('admin', DEMO.admin);
  const r = await c.get('/login?next=/%09/evil.test/phish');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/units');
  assert.equal((await c.get('/login?next=/users?q=a%26b')).location, '/users?q=a&b');
});
