// An SMTP sink for tests: Debian's aiosmtpd (python3-aiosmtpd, run with /usr/bin/python3 —
// a pyenv python3 on PATH lacks the module) on a free loopback port, storing every message
// in a Maildir; messages() parses them with Python's email package.
//
//   const smtp = await startSmtp();       // { port, url, dir, messages(), waitFor(n), stop() }
//   const srv = await startServer({ env: { DANVAN_SMTP_URL: smtp.url } });
//   const [m] = await smtp.messages();    // { headers, subject, from, to, mailFrom, rcptTo, body, raw }
//   after(() => smtp.stop());
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, exitOnSignals } from './server.mjs';

const execFileP = promisify(execFile);
export const PYTHON = process.env.DANVAN_TEST_PYTHON || '/usr/bin/python3';

const live = new Set();
process.on('exit', () => {
  for (const { child, dir } of live) {
    try { child.kill('SIGKILL'); } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
});
exitOnSignals();

// Reads the Maildir (argv[1]) in delivery order; prints JSON. X-MailFrom / X-RcptTo are
// the envelope as aiosmtpd's Message handler records it.
const PARSE = String.raw`
import email, email.header, email.policy, json, mailbox, os, sys
md = mailbox.Maildir(sys.argv[1], factory=None, create=False)
out = []
files = []
for sub in ('new', 'cur'):
    d = os.path.join(sys.argv[1], sub)
    if os.path.isdir(d):
        files += [os.path.join(d, f) for f in os.listdir(d)]
files.sort(key=lambda f: (os.stat(f).st_mtime_ns, f))
for f in files:
    raw = open(f, 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.compat32)
    def dec(v):
        return str(email.header.make_header(email.header.decode_header(v))) if v is not None else None
    body = m.get_payload(decode=True)
    cs = m.get_content_charset() or 'us-ascii'
    out.append({
        'headers': [[k, v] for k, v in m.items()],
        'subject': dec(m.get('Subject')),
        'from': dec(m.get('From')),
        'to': m.get_all('To') or [],
        'cc': m.get_all('Cc') or [],
        'bcc': m.get_all('Bcc') or [],
        'replyTo': m.get_all('Reply-To') or [],
        'contentType': m.get_content_type(),
        'multipart': m.is_multipart(),
        'mailFrom': m.get('X-MailFrom'),
        'rcptTo': [a.strip() for a in (m.get('X-RcptTo') or '').split(',') if a.strip()],
        'body': body.decode(cs) if body is not None else None,
        'raw': raw.decode('utf-8', 'replace'),
    })
print(json.dumps(out))
`;

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startSmtp() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'danvan-smtp-'));
  const maildir = path.join(dir, 'Maildir');
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { child, dir };
  live.add(entry);
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { log += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { log += d; });
  let exited = null;
  const done = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));

  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      live.delete(entry);
      throw new Error(`aiosmtpd did not start on port ${port} (${JSON.stringify(exited)}):\n${log}\n` +
        'install it with: apt-get install python3-aiosmtpd');
    }
    await sleep(50);
  }

  async function messages() {
    const { stdout } = await execFileP(PYTHON, ['-c', PARSE, maildir], { maxBuffer: 64 << 20 })
      .catch((e) => (/No such file|FileNotFoundError|NoSuchMailboxError/.test(e.stderr || '') ? { stdout: '[]' } : Promise.reject(e)));
    return JSON.parse(stdout);
  }

  /** Waits until at least n messages arrived (default timeout 5 s); returns them. */
  async function waitFor(n, timeoutMs = 5000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const ms = await messages();
      if (ms.length >= n || Date.now() > end) return ms;
      await sleep(50);
    }
  }

  let stopped = null;
  function stop() {
    if (!stopped) {
      stopped = (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 5000);
          await done;
          clearTimeout(t);
        }
        await rm(dir, { recursive: true, force: true });
        live.delete(entry);
      })();
    }
    return stopped;
  }

  return { port, url: `smtp://127.0.0.1:${port}`, dir: maildir, messages, waitFor, stop, log: () => log };
}
