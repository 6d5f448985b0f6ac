// Starts a real danvan server for one test file: a fresh SQLite file in a temp dir (demo
// province or empty), a free loopback port, waits for /healthz, and on stop() checks the
// server shut down cleanly (exit 0, no sanitizer report), so leaks and UB fail the tests.
//
//   const srv = await startServer();          // { url, port, dbPath, dir, demoOutput, stop, logs }
//   after(() => srv.stop());
//
// srv.crash() kills the server with SIGKILL (no shutdown at all) and keeps its store;
// srv.restart() then serves that store again and returns the new server's handle.
import { spawn, execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** Runs SQL on a store with the sqlite3 CLI (psql for a PostgreSQL store, rows printed the
 * same way: columns joined by |), as another process would; its output, trimmed. */
export async function storeSql(dbPath, q) {
  if (isPg(dbPath)) {
    const { stdout } = await execFileP('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', dbPath, '-c', pgDialect(q)]);
    // booleans as SQLite prints them: a cell that is exactly t or f is 1 or 0
    return stdout.trim().split('\n').map((l) => l.split('|').map((c) => (c === 't' ? '1' : c === 'f' ? '0' : c)).join('|')).join('\n');
  }
  const { stdout } = await execFileP('sqlite3', ['-cmd', '.timeout 5000', dbPath, q]);
  return stdout.trim();
}

/** The one SQLite literal tests write that PostgreSQL reads otherwise: a blob X'…'. */
const pgDialect = (q) => q.replace(/\bX'([0-9A-Fa-f]*)'/g, "'\\x$1'::bytea");

/** storeSql, synchronously (execFileSync), for tests written that way. */
export function storeSqlSync(dbPath, q) {
  if (isPg(dbPath)) {
    const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', dbPath, '-c', pgDialect(q)]).toString();
    return out.trim().split('\n').map((l) => l.split('|').map((c) => (c === 't' ? '1' : c === 'f' ? '0' : c)).join('|')).join('\n');
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, q]).toString().trim();
}

/** The rows of q as objects (sqlite3 -json; on PostgreSQL json_agg over q), column → value. */
export async function storeRows(dbPath, q) {
  if (isPg(dbPath)) {
    const out = await storeSql(dbPath, `SELECT coalesce(json_agg(r), '[]') FROM (${q}) AS r`);
    return JSON.parse(out || '[]');
  }
  const { stdout } = await execFileP('sqlite3', ['-json', '-cmd', '.timeout 5000', dbPath, q], { maxBuffer: 64 << 20 });
  return stdout.trim() ? JSON.parse(stdout) : [];
}

/** DANVAN_TEST_PG=DIR (the socket directory of scripts/pg-tmp.sh's cluster) runs every
 * server on a fresh PostgreSQL database there instead of a SQLite file. */
export const testPg = process.env.DANVAN_TEST_PG || '';
export const isPg = (db) => /^postgres(ql)?:/.test(db);

/** A new empty database on the test cluster; its URL. */
export async function pgCreateDb() {
  const name = `dv_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await execFileP('psql', ['-X', '-q', '-h', testPg, '-U', 'postgres', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`]);
  return `postgresql:///${name}?host=${testPg}&user=postgres`;
}

/** Drops a database pgCreateDb made (nothing for a SQLite path). */
export async function pgDropDb(url) {
  if (!isPg(url)) return;
  const name = /^postgresql:\/\/\/(\w+)/.exec(url)?.[1];
  if (!name) return;
  try {
    await execFileP('psql', ['-X', '-q', '-h', testPg, '-U', 'postgres', '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  } catch { /* the cluster is thrown away anyway */ }
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = path.resolve(repoRoot, process.env.DANVAN_BIN || 'build-test/danvan');

const HEALTH_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
// (ThreadSanitizer reports a race as a WARNING and carries on: make tsan sets exitcode=66)
const SANITIZER_RE = /ERROR: (Address|Leak|Thread|Memory)Sanitizer|WARNING: ThreadSanitizer|runtime error:|SUMMARY: \w+Sanitizer/;

// Every child still alive when the test process exits is killed, so no server outlives a run;
// also when the test runner ends this file with a signal (a test timed out or was cancelled).
const live = new Set();
const liveDirs = new Set();
const killAll = () => {
  for (const c of live) { try { c.kill('SIGKILL'); } catch {} }
  if (!process.env.DANVAN_KEEP_TMP) for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
};
process.on('exit', killAll);
exitOnSignals();

/** Signals end the process through process.exit, so that 'exit' handlers clean up. */
export function exitOnSignals() {
  if (globalThis.__danvanSignals) return;
  globalThis.__danvanSignals = true;
  for (const [sig, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]]) {
    process.on(sig, () => process.exit(128 + n));
  }
}

/** Environment for every danvan process the tests start. */
export function serverEnv(extra = {}) {
  return {
    ...process.env,
    DANVAN_LOCALEDIR: path.join(path.dirname(binPath), 'locale'),
    ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0:exitcode=86',
    UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'halt_on_error=1:print_stacktrace=1',
    ...(!process.env.LSAN_OPTIONS && existsSync(path.join(repoRoot, 'tests/lsan.supp'))
      ? { LSAN_OPTIONS: `suppressions=${path.join(repoRoot, 'tests/lsan.supp')}:print_suppressions=0` } : {}),
    ...extra,
  };
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs `danvan ARGS...` to completion; throws with its output unless it exits 0. */
export async function runDanvan(args, { env = {} } = {}) {
  if (!existsSync(binPath)) throw new Error(`danvan binary not found at ${binPath} (run make test-build or set DANVAN_BIN)`);
  try {
    const { stdout, stderr } = await execFileP(binPath, args, { env: serverEnv(env), maxBuffer: 64 << 20 });
    if (SANITIZER_RE.test(stderr)) throw Object.assign(new Error('sanitizer report'), { stdout, stderr, code: 0 });
    return { stdout, stderr };
  } catch (e) {
    throw new Error(`danvan ${args.join(' ')} failed (exit ${e.code ?? e.signal}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a server. Options: demo (default true: `danvan demo --no-serve` fills the db first,
 * else `danvan init`), env (extra environment), args (extra `serve` arguments), dir (where
 * the store goes, instead of a new temporary directory; the caller removes it), db (serve
 * this existing store as it is: several servers on one PostgreSQL database; the caller
 * drops it).
 */
export async function startServer({ demo = true, env = {}, args = [], dir: inDir, db } = {}) {
  // dir: a directory of the caller's (a size-limited mount) instead of a fresh temp one
  const dir = inDir || await mkdtemp(path.join(os.tmpdir(), 'danvan-test-'));
  if (!inDir) liveDirs.add(dir);
  const dbPath = db || (testPg && !inDir ? await pgCreateDb() : path.join(dir, 'db'));
  const setup = demo ? ['demo', '--db', dbPath, '--no-serve'] : ['init', '--db', dbPath];
  let demoOutput = '';
  try {
    if (!db) ({ stdout: demoOutput } = await runDanvan(setup, { env }));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }

  // The port may be taken between freePort() and the server's bind: retry on "in use".
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch({ dir, dbPath, port, env, args, demoOutput, ownDb: !db });
    } catch (e) {
      if (attempt < 3 && /in use/i.test(e.message)) continue;
      if (!process.env.DANVAN_KEEP_TMP) await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }
}

async function launch({ dir, dbPath, port, env, args, demoOutput, ownDb = true }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binPath, ['serve', '--db', dbPath, '--listen', `127.0.0.1:${port}`, ...args], {
    env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  const verbose = !!process.env.DANVAN_TEST_VERBOSE;
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; if (verbose) process.stdout.write(d); });
  child.stderr.setEncoding('utf8').on('data', (d) => { err += d; if (verbose) process.stderr.write(d); });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { live.delete(child); resolve({ code, signal }); });
  });
  let exitInfo = null;
  exited.then((x) => { exitInfo = x; });
  const logs = () => ({ stdout: out, stderr: err });
  const describe = () => `--- server stdout ---\n${out}\n--- server stderr ---\n${err}`;

  // Wait for GET /healthz → 200 "ok".
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (exitInfo) {
      throw new Error(`danvan serve exited early (code ${exitInfo.code}, signal ${exitInfo.signal})\n${describe()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      const body = await res.text();
      if (res.status === 200 && body.trim() === 'ok') break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`danvan serve: /healthz not ready after ${HEALTH_TIMEOUT_MS} ms\n${describe()}`);
    }
    await sleep(50);
  }

  let crashed = false, restarted = false;
  async function crash() {
    crashed = true;
    if (!exitInfo) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  async function restart() {
    if (!crashed) throw new Error('restart() is for a server that crash() has killed');
    restarted = true;
    return launch({ dir, dbPath, port: await freePort(), env, args, demoOutput, ownDb });
  }

  let stopped = null;
  async function stop() {
    if (stopped) return stopped;
    if (crashed) { /* its store belongs to the restarted server now, or to nobody */
      if (!restarted && !process.env.DANVAN_KEEP_TMP) await rm(dir, { recursive: true, force: true });
      if (!restarted) liveDirs.delete(dir);
      return;
    }
    stopped = (async () => {
      if (!exitInfo) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(t);
      }
      const { code, signal } = exitInfo;
      if (!process.env.DANVAN_KEEP_TMP) await rm(dir, { recursive: true, force: true });
      liveDirs.delete(dir);
      if (!process.env.DANVAN_KEEP_TMP && ownDb) await pgDropDb(dbPath);
      if (code !== 0 || SANITIZER_RE.test(err)) {
        throw new Error(`danvan serve did not shut down cleanly on SIGTERM (code ${code}, signal ${signal}` +
          `${code === 86 || code === 66 ? ': sanitizer report' : ''})\n${describe()}`);
      }
    })();
    return stopped;
  }

  return { url, port, dbPath, dir, demoOutput, stop, crash, restart, logs, pid: child.pid };
}
