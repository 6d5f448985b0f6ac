// cli.test.mjs - the danvan subcommands on real files: --version and --help, init, the
// national import (idempotent, bad rows named by line, nothing half-imported), user
// management, an online backup taken while the server is answering requests, and the
// route list (`danvan routes`).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { binPath, repoRoot, serverEnv, startServer, testPg } from '../lib/server.mjs';
import { Client } from '../lib/client.mjs';

const execFileP = promisify(execFile);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'danvan-cli-'));
after(() => rm(tmp, { recursive: true, force: true }));

/** Runs danvan; resolves { code, stdout, stderr } whatever the exit code. */
async function danvan(args, { env = {}, input } = {}) {
  const p = execFileP(binPath, args, { env: serverEnv(env), maxBuffer: 32 << 20 });
  if (input !== undefined) { p.child.stdin.end(input); }
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('--version and every subcommand --help', async () => {
  const v = await danvan(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^danvan \d+\.\d+\.\d+/);
  for (const cmd of ['init', 'serve', 'demo', 'import-units', 'user', 'backup', 'routes']) {
    const h = await danvan([cmd, '--help']);
    assert.equal(h.code, 0, `${cmd} --help exits 0`);
    assert.match(h.stdout, new RegExp(`usage: danvan ${cmd}`));
  }
  const bad = await danvan(['frobnicate']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown command/);
});

test('routes: every route once, with its handler and a file:line that exists', async () => {
  const help = await danvan(['--help']);
  assert.match(help.stdout, /^\s+routes\s+list every route/m);
  // No database: DANVAN_DB points at a file that must not appear.
  const db = path.join(tmp, 'routes-none.db');
  const r = await danvan(['routes'], { env: { DANVAN_DB: db } });
  assert.equal(r.code, 0, r.stderr);
  await assert.rejects(readFile(db), 'routes opens no database');
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^METHOD\s+PATTERN\s+FLAGS\s+HANDLER\s+FILE:LINE\s+ACCESS$/);
  const rows = lines.slice(1).map((l) => {
    const [method, pattern, flags, handler, where, ...access] = l.split(/\s+/);
    return { method, pattern, flags, handler, where, access: access.join(' ') };
  });
  assert.ok(rows.length > 100, `${rows.length} routes`);
  const seen = new Map();
  const sources = new Map();
  for (const row of rows) {
    assert.match(row.method, /^(GET|POST|PUT|DELETE|PATCH)$/, JSON.stringify(row));
    assert.match(row.pattern, /^\//, JSON.stringify(row));
    assert.match(row.flags, /^(-|(public|no-csrf|slow)(,(public|no-csrf|slow))*)$/, JSON.stringify(row));
    assert.match(row.handler, /^[a-z_][a-z0-9_]*$/, JSON.stringify(row));
    assert.ok(row.access.length > 0, `${row.pattern} names who may`);
    if (row.access === 'public') assert.match(row.flags, /public/, `${row.pattern}: "public" only for a public route`);
    const key = `${row.method} ${row.pattern}`;
    assert.ok(!seen.has(key), `${key} declared twice: ${seen.get(key)} and ${row.where}`);
    seen.set(key, row.where);
    const m = /^(src\/[\w/]+\.c):(\d+)$/.exec(row.where);
    assert.ok(m, `${key}: file:line ${row.where}`);
    if (!sources.has(m[1])) sources.set(m[1], (await readFile(path.join(repoRoot, m[1]), 'utf8')).split('\n'));
    const line = sources.get(m[1])[Number(m[2]) - 1] ?? '';
    // The line named declares this route: its pattern and handler stand there.
    assert.ok(line.includes(`"${row.pattern}"`) && line.includes(row.handler), `${row.where} declares ${key}: ${line}`);
  }
  // Match order: a literal route comes before the parameter route it would otherwise hide.
  const order = rows.map((x) => `${x.method} ${x.pattern}`);
  assert.ok(order.indexOf('GET /units/new') < order.indexOf('GET /units/:id'));
});

test('import-units: whole table, then a re-run changes nothing', async () => {
  const db = path.join(tmp, 'import.db');
  const tsv = path.join(repoRoot, 'data/vn-admin-units-2025.tsv');
  const first = await danvan(['import-units', '--db', db, tsv]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /3355 created, 0 updated, 0 unchanged/);
  const again = await danvan(['import-units', '--db', db, tsv]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 created, 0 updated, 3355 unchanged/);
});

test('import-units: a bad row is named by its line and nothing is imported', async () => {
  const db = path.join(tmp, 'bad.db');
  const bad = path.join(tmp, 'bad.tsv');
  await writeFile(bad, 'province_code\tprovince_name\tcommune_code\tcommune_name\n' +
    '96\tTỉnh Cà Mau\t32002\tPhường An Xuyên\n' +
    '96\tTỉnh Cà Mau\t3200X\tPhường Lý Văn Lâm\n');
  const r = await danvan(['import-units', '--db', db, bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /line 3/);
  const users = await danvan(['user', 'list', '--db', db]);
  assert.equal(users.code, 0);
  // The store exists (migrated) but holds no unit: a fresh import of the good row works.
  const good = path.join(tmp, 'good.tsv');
  await writeFile(good, 'province_code\tprovince_name\tcommune_code\tcommune_name\n96\tTỉnh Cà Mau\t32002\tPhường An Xuyên\n');
  const ok = await danvan(['import-units', '--db', db, good]);
  assert.match(ok.stdout, /2 created, 0 updated, 0 unchanged/);
});

test('user add / list / passwd / disable / enable from the command line', async () => {
  const db = path.join(tmp, 'users.db');
  assert.equal((await danvan(['demo', '--db', db, '--no-serve'])).code, 0);
  const add = await danvan(['user', 'add', 'canbo.moi', '--db', db, '--name', 'Nguyễn Văn Mới',
    '--unit', '96', '--role', 'viewer'], { env: { DANVAN_PASSWORD: 'mat-khau-du-dai' } });
  assert.equal(add.code, 0, add.stderr);
  const short = await danvan(['user', 'add', 'canbo.ngan', '--db', db, '--name', 'X', '--unit', '96',
    '--role', 'viewer'], { env: { DANVAN_PASSWORD: 'short' } });
  assert.notEqual(short.code, 0);
  const list = await danvan(['user', 'list', '--db', db]);
  assert.match(list.stdout, /canbo\.moi/);
  assert.match(list.stdout, /admin/);
  assert.equal((await danvan(['user', 'passwd', 'canbo.moi', '--db', db], { input: 'mot-mat-khau-khac\n' })).code, 0);
  assert.equal((await danvan(['user', 'disable', 'canbo.moi', '--db', db])).code, 0);
  assert.match((await danvan(['user', 'list', '--db', db])).stdout, /canbo\.moi.*(disabled|khóa)/i);
  assert.equal((await danvan(['user', 'enable', 'canbo.moi', '--db', db])).code, 0);
  assert.doesNotMatch((await danvan(['user', 'list', '--db', db])).stdout, /canbo\.moi.*(disabled|khóa)/i);
});

// SQLite's online backup; a PostgreSQL store is backed up with pg_dump / pg_basebackup
// (not `testPg && '…'`: node skips a test on any skip but undefined and false, '' too: it never ran)
test('backup while serving: a consistent copy with the live data', { skip: testPg ? 'SQLite only' : false }, async () => {
  const srv = await startServer();
  try {
    const c = new Client(srv.url);
    await c.login('bdv', 'demo-bdv-2025');
    const out = path.join(tmp, 'backup.db');
    // Keep the server busy while the backup runs.
    const load = Promise.all(Array.from({ length: 40 }, () => c.get('/units')));
    const b = await danvan(['backup', '--db', srv.dbPath, out]);
    await load;
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /backed up/);
    const head = await readFile(out);
    assert.equal(head.subarray(0, 15).toString(), 'SQLite format 3');
    // The copy opens as a store with the demo accounts in it.
    const list = await danvan(['user', 'list', '--db', out]);
    assert.match(list.stdout, /bdv/);
    const again = await danvan(['backup', '--db', srv.dbPath, out]);
    assert.equal(again.code, 1, 'an existing file is never overwritten');
  } finally {
    await srv.stop();
  }
});
