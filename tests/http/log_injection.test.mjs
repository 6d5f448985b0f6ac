// log_injection.test.mjs - text from a request cannot forge a log line or reach a terminal raw
// (issue 9, finding 9): the access log escapes control characters, bytes that are not UTF-8
// and its own separators in every field (target, referer, user agent), and the server's own
// log lines (log.c) escape what libmicrohttpd puts in them, such as a request's URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { startServer } from '../lib/server.mjs';

const FORGED = /^2026-01-01T00:00:00Z (info|warn) FAKELOGLINE/m;
// TIME access ADDRESS USER METHOD TARGET STATUS BYTES MSms "REFERER" "USER-AGENT"
const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ access (\S+) (\S+) (\S+) (\S+) (\d{3}) \d+ [\d.]+ms "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/;

let srv, dir, accessLog;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'danvan-log-'));
  accessLog = path.join(dir, 'access.log');
  srv = await startServer({ demo: false, env: { DANVAN_ACCESS_LOG: accessLog } });
});
after(async () => {
  if (srv) await srv.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Sends raw bytes (a whole request with Connection: close); the answer as latin1 text. */
function raw(bytes) {
  return new Promise((resolve, reject) => {
    const s = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    s.on('data', (d) => chunks.push(d));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    s.once('connect', () => s.write(Buffer.from(bytes, 'latin1')));
  });
}

/** The UTF-8 bytes of s, as the latin1 string raw() sends. */
const asBytes = (s) => Buffer.from(s, 'utf8').toString('latin1');

const request = (target, headers = '') =>
  raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`);

test('the access log keeps one line per request whatever the path, query and headers hold', async () => {
  const before = (await readFile(accessLog, 'latin1').catch(() => '')).split('\n').filter(Boolean).length;
  const answers = [
    await request('/x%0A2026-01-01T00:00:00Z%20info%20FAKELOGLINE'),
    await request('/login?next=%0D%0A2026-01-01T00:00:00Z%20info%20FAKELOGLINE'),
    await request('/caf\xe9\x1b[2J'),                                     // raw ESC, a lone latin-1 byte
    await request('/login', 'User-Agent: evil\x1b]0;owned\x07\x1b[31mRED\x1b[0m \xff\xfe\r\n' +
                            'Referer: https://a.test/" 200 0 0ms "x\r\n'),
    await request('/login?q=Vi%E1%BB%87t', asBytes('User-Agent: Trình duyệt\r\n')), // UTF-8 stays readable
  ];
  for (const a of answers) assert.match(a, /^HTTP\/1\.1 \d{3} /);
  const text = await readFile(accessLog, 'latin1');
  assert.doesNotMatch(text, FORGED, 'no forged line in the access log');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f]/, 'no control character but the line ends');
  const lines = text.split('\n').filter(Boolean).slice(before);
  assert.equal(lines.length, answers.length, 'one line per request');
  for (const l of lines) assert.match(l, LINE, `a well-formed line: ${JSON.stringify(l)}`);
  const f = lines.map((l) => l.match(LINE));

  assert.equal(f[0][4], '/x%0A2026-01-01T00:00:00Z%20info%20FAKELOGLINE', 'the target as received');
  assert.equal(f[0][5], '400', 'a control character in the path is refused');
  assert.equal(f[1][4], '/login?next=%0D%0A2026-01-01T00:00:00Z%20info%20FAKELOGLINE', 'the query is logged as received');
  assert.equal(f[2][4], '/caf\\xe9\\x1b[2J', 'raw control bytes and non-UTF-8 bytes are escaped');
  assert.equal(f[3][7], 'evil\\x1b]0;owned\\x07\\x1b[31mRED\\x1b[0m \\xff\\xfe', 'the user agent is escaped');
  assert.equal(f[3][6], 'https://a.test/\\" 200 0 0ms \\"x', 'a quote cannot end the referer field');
  assert.equal(Buffer.from(f[4][7], 'latin1').toString('utf8'), 'Trình duyệt', 'valid UTF-8 is kept');
  assert.equal(f[4][4], '/login?q=Vi%E1%BB%87t');
});

test("a request's URL in the server's own log lines stays on one line", async () => {
  // libmicrohttpd logs the (decoded) URL of a request whose answer it could not send: a
  // client that resets the connection right after its request gets one, now and then.
  const target = '/x%0A2026-01-01T00:00:00Z%20warn%20FAKELOGLINE';
  const seen = () => /Failed to send[^\n]*\/x(\n|\\n)2026-01-01T00:00:00Z warn FAKELOGLINE/.test(srv.logs().stderr);
  const until = Date.now() + 20_000;
  let tries = 0;
  for (; !seen() && Date.now() < until && tries < 3000; tries++) {
    await new Promise((resolve) => {
      const s = net.connect(srv.port, '127.0.0.1', () => {
        s.write(`POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`);
        s.resetAndDestroy();
        resolve();
      });
      s.on('error', resolve);
    });
    if (tries % 50 === 49) await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 200));
  const err = srv.logs().stderr;
  console.log(`the server logged the failed answer after ${tries} resets`);
  assert.ok(seen(), 'the server logged a failed answer naming the URL');
  assert.doesNotMatch(err, FORGED, 'no forged line in the server log');
  assert.match(err, /Failed to send[^\n]*\/x\\n2026-01-01T00:00:00Z warn FAKELOGLINE/, 'the newline is escaped');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(err, /[\x00-\x09\x0b-\x1f\x7f]/, 'no control character but the line ends');
});
