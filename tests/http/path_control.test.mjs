// path_control.test.mjs - a path holding NUL or another control character is refused with 400
// everywhere (issue 9): `/static/app.css%00.png` used to serve app.css, because the decoded
// path ended at the NUL. Static files, the health check and routes alike; queries may still
// hold such characters (a search box's newline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ demo: false }); });
after(async () => { if (srv) await srv.stop(); });

const get = (p, headers = {}) => fetch(srv.url + p, { headers, redirect: 'manual' });

test('NUL and control characters in a path get 400, static, health and routes alike', async () => {
  for (const p of ['/static/app.css%00.png', '/static/app.css%00', '/healthz%00', '/login%00.png',
                   '/login%0d%0aSet-Cookie:%20x=1', '/login%09', '/login%7F', '/%1b[31m', '/units/1%00/edit']) {
    const res = await get(p);
    const body = await res.text();
    assert.equal(res.status, 400, `${p} is refused`);
    assert.match(res.headers.get('content-type'), /text\/html/, p);
    assert.match(body, /Yêu cầu không hợp lệ/, `${p}: the error page, in Vietnamese by default`);
    assert.doesNotMatch(body, /^(ok|:root|\s*\/\*)/, `${p}: not the file or the health answer`);
    assert.equal(res.headers.get('set-cookie'), null, `${p}: no cookie`);
  }
  const en = await get('/static/app.css%00.png', { cookie: 'dv_lang=en' });
  assert.equal(en.status, 400);
  assert.match(await en.text(), /Bad request/);
});

test('a raw control byte in the request line is refused too', async () => {
  const answer = await new Promise((resolve, reject) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let got = '';
    s.setEncoding('latin1').on('data', (d) => { got += d; });
    s.on('error', reject);
    s.on('close', () => resolve(got));
    s.once('connect', () => s.write(Buffer.from('GET /static/app.css\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 'latin1')));
  });
  assert.match(answer, /^HTTP\/1\.1 400 /);
});

test('the same paths without the control character, and a query holding one, still work', async () => {
  const css = await get('/static/app.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  assert.equal((await get('/healthz')).status, 200);
  assert.equal((await get('/login?next=%0A%00x')).status, 200, 'a query is not a path');
  assert.equal((await get('/no-such-page%20here')).status, 404, 'an encoded space is no control character');
});

test('a refused path keeps the connection alive (answered on the second callback)', async () => {
  const answer = await new Promise((resolve, reject) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let got = '';
    s.setEncoding('latin1').on('data', (d) => { got += d; if (/HTTP\/1\.1 200[\s\S]*\r\n\r\nok\n$/.test(got)) s.end(); });
    s.on('error', reject);
    s.on('close', () => resolve(got));
    s.once('connect', () => s.write('GET /healthz%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' +
                                    'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
  });
  assert.match(answer, /^HTTP\/1\.1 400 [\s\S]*HTTP\/1\.1 200 /, 'both answered on one connection');
});
