// hostile.test.mjs - hostile traffic against the real server (issue 17): oversized URLs and
// cookies, a 100 MB body, invalid UTF-8 in paths, queries and form fields, path traversal in
// static URLs, open redirects through `next`, and the session id rotated at sign-in. Each
// answer must be a clear 4xx (or the normal page), never a 5xx, and the server must stay up
// and shut down clean (startServer's stop() fails on any sanitizer report).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { if (srv) await srv.stop(); });

/** Sends raw bytes on one connection; the status line's code (0 when closed without one). */
function raw(bytes) {
  return new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let got = '';
    s.setTimeout(10_000, () => s.destroy());
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('error', (e) => { if (process.env.RAW_DEBUG) console.log('raw error', e.message); });
    s.on('close', () => resolve(Number((/^HTTP\/1\.1 (\d{3})/.exec(got) || [0, 0])[1])));
    s.end(bytes);
  });
}

const alive = async () => assert.equal((await fetch(srv.url + '/healthz')).status, 200);

test('a 40 KB URL gets 414 and a 20 KB cookie 431; the server keeps answering', async () => {
  assert.equal(await raw(`GET /${'a'.repeat(40_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414);
  assert.equal(await raw(`GET / HTTP/1.1\r\nHost: x\r\nCookie: s=${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`), 431);
  await alive();
});

test('a 100 MB body is refused from its Content-Length, without reading it', async () => {
  const code = await raw(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${100 << 20}\r\nConnection: close\r\n\r\nusername=a`);
  assert.equal(code, 413);
  await alive();
});

test('invalid UTF-8 in a path, a query and a header: a 4xx or the page, never 5xx', async () => {
  for (const p of ['/%FF%FE', '/tin-tuc/%C3%28', '/search?q=%ED%A0%80', '/units?parent=%F8%88%80%80%80',
    '/static/%C0%AE%C0%AE/etc/passwd', '/login?next=%E2%82']) {
    const r = await fetch(srv.url + p, { redirect: 'manual' });
    assert.ok(r.status < 500, `${p} → ${r.status}`);
  }
  const code = await raw('GET / HTTP/1.1\r\nHost: x\r\nAccept-Language: \xff\xfe\r\nCookie: dv_lang=\xc3\x28\r\nConnection: close\r\n\r\n');
  assert.ok(code > 0 && code < 500, `bad header bytes → ${code}`);
  await alive();
});

test('invalid UTF-8 in every sign-in field is refused as a failed sign-in, not an error', async () => {
  const c = new Client(srv.url);
  const page = await c.get('/login');
  const csrf = csrfFrom(page.text);
  const body = `_csrf=${encodeURIComponent(csrf)}&username=%FF%FEadmin&password=%C3%28&next=%ED%A0%80`;
  const r = await c.request('/login', { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok(r.status >= 200 && r.status < 500, `POST /login with bad UTF-8 → ${r.status}`);
  assert.notEqual(r.status, 303, 'not signed in');
  await alive();
});

test('path traversal in static URLs never serves a file from outside static/', async () => {
  for (const p of ['/static/../src/cli/main.c', '/static/%2e%2e/%2e%2e/etc/passwd', '/static/..%2fCMakeLists.txt',
    '/static/%2e%2e%5c%2e%2e%5cetc%5cpasswd', '/static//etc/passwd', '/media/..%2f..%2fetc%2fpasswd']) {
    const r = await fetch(srv.url + p, { redirect: 'manual' });
    const text = await r.text();
    assert.ok(r.status >= 300 && r.status < 500, `${p} → ${r.status}`);
    assert.doesNotMatch(text, /root:x:0:0|cmake_minimum_required|#include/, `${p} leaked a file`);
  }
});

test('next after sign-in never leaves the site', async () => {
  for (const next of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', '/\t/evil.test', '\\\\evil.test',
    'javascript:alert(1)', '/%0d%0aSet-Cookie:x=1', '%2f%2fevil.test']) {
    const c = new Client(srv.url);
    const page = await c.get('/login?next=' + encodeURIComponent(next));
    assert.ok(page.status < 500);
    const r = await c.postForm('/login', { username: 'admin', password: DEMO.admin, next }, { csrf: csrfFrom(page.text) });
    assert.equal(r.status, 303, `sign-in with next=${JSON.stringify(next)}`);
    const loc = r.location || '';
    assert.match(loc, /^\/(?![\/\\])/, `next=${JSON.stringify(next)} went to ${loc}`);
    assert.doesNotMatch(loc, /[\r\n\t]/);
  }
});

test('the session id is a new one at sign-in (no fixation through an anonymous cookie)', async () => {
  const c = new Client(srv.url);
  await c.get('/login');
  const before = new Map(c.cookies);
  c.cookies.set('dv_session', 'attacker-chosen-session-id');
  await c.login('admin', DEMO.admin);
  const after = new Map(c.cookies);
  const changed = [...after].filter(([k, v]) => before.get(k) !== v && v !== 'attacker-chosen-session-id');
  assert.ok(changed.length > 0, 'sign-in sets a fresh session cookie');
  for (const [, v] of after) assert.notEqual(v, 'attacker-chosen-session-id');
  assert.equal((await c.get('/')).status, 200);
});

// ---- additions (issue 17, second pass) ----

test('a multipart part without a name is dropped, not a crash (found by fuzz_http_request)', async () => {
  for (const path of ['/login', '/bai-viet/x/gui', '/reports/1/1/1']) {
    const body = '--XyZ\r\nContent-Disposition: form-data; name="t\r\n\r\nunterminated\r\n--XyZ\r\n' +
      'Content-Disposition: form-data\r\n\r\nno name at all\r\n--XyZ--\r\n';
    const r = await fetch(srv.url + path, { method: 'POST', body, redirect: 'manual',
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' } });
    await r.text();
    assert.ok(r.status >= 300 && r.status < 500, `${path} → ${r.status}`);
    await alive();
  }
  await alive();
});

test('the language switch: next and Referer never leave the site', async () => {
  for (const next of ['//evil.test', 'https://evil.test/', '/\\evil.test', '\\\\evil.test', '/%0d%0aLocation:%20http://evil.test',
    'javascript:alert(1)', '/\t/evil.test', '%2F%2Fevil.test']) {
    const r = await fetch(`${srv.url}/lang/en?next=${encodeURIComponent(next)}`, { redirect: 'manual',
      headers: { referer: 'https://evil.test/x' } });
    assert.ok(r.status >= 300 && r.status < 400, `next=${next} → ${r.status}`);
    const loc = r.headers.get('location') || '';
    assert.match(loc, /^\/(?![\/\\])/, `next=${JSON.stringify(next)} went to ${loc}`);
  }
});

test('CR/LF in every account and unit field that can reach an e-mail header never gets stored', async () => {
  const c = new Client(srv.url);
  await c.login('admin', DEMO.admin);
  const form = await c.get('/users/new');
  const unit = form.text.match(/<select id="f-unit_id"[\s\S]*?<option value="(\d+)"/)[1];
  const evil = 'Tên\r\nBcc: victim@evil.test';
  const r = await c.postForm('/users', { username: 'hdrinject', full_name: evil, position: evil, phone: '1\r\nX: y',
    email: 'a@b.vn\r\nBcc: victim@evil.test', unit_id: unit, role: 'viewer', password: 'secret pw 123', password2: 'secret pw 123' },
  { csrf: csrfFrom(form.text) });
  assert.ok(r.status === 422 || r.status === 303, `POST /users → ${r.status}`);
  const { storeSql } = await import('../lib/server.mjs');
  // a CR or LF in the column (LIKE with the characters themselves: SQLite and PostgreSQL)
  const crlf = (c) => `(${c} LIKE '%\r%' OR ${c} LIKE '%\n%')`;
  const rows = await storeSql(srv.dbPath, `SELECT count(*) FROM users WHERE ${crlf('full_name')} OR ${crlf('email')} ` +
    `OR ${crlf('position')} OR ${crlf('phone')}`);
  assert.equal(rows, '0', 'no stored name, address, position or phone holds a line break');
  const units = await storeSql(srv.dbPath, `SELECT count(*) FROM units WHERE ${crlf('name')}`);
  assert.equal(units, '0');
});

test('slowloris: 300 trickling connections from 150 addresses; /healthz and a page still answer quickly', async () => {
  const socks = [];
  for (let i = 0; i < 300; i++) {
    const addr = `127.0.${1 + (i % 150 >> 7)}.${2 + (i % 150) % 128}`;
    const s = net.connect({ port: srv.port, host: '127.0.0.1', localAddress: addr });
    s.on('error', (e) => { if (process.env.RAW_DEBUG) console.log('raw error', e.message); });
    s.write('GET / HTTP/1.1\r\nHost: x\r\n');
    socks.push(s);
  }
  const drip = setInterval(() => { for (const s of socks) if (!s.destroyed) s.write('X-a: b\r\n'); }, 500);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const times = [];
    for (let k = 0; k < 5; k++) {
      for (const p of ['/healthz', '/']) {
        const t0 = Date.now();
        const res = await fetch(srv.url + p, { signal: AbortSignal.timeout(5000) });
        await res.text();
        assert.equal(res.status, 200, p);
        times.push(Date.now() - t0);
      }
    }
    console.log(`# slowloris: 300 slow connections held; /healthz and / answered in ${Math.min(...times)}–${Math.max(...times)} ms`);
    assert.ok(Math.max(...times) < 2000, `answers took up to ${Math.max(...times)} ms`);
  } finally {
    clearInterval(drip);
    for (const s of socks) s.destroy();
  }
  await alive();
});
