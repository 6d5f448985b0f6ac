// soak.mjs - `make soak` (scripts/soak.sh): mixed load on loopback against a release build.
//   phase 1  SOAK_SECONDS (default 600) of readers (portal pages, articles), searches,
//            report saves, article edits and exports; no 5xx allowed; the server's RSS
//            sampled every 2 s: growth after warm-up (the first fifth) must stay ≤ 5%;
//            halfway, writes pause, a `danvan backup` is taken, and the backup, served by a
//            second server, holds the very counts the live store had.
//   phase 2  SOAK_CYCLES (default 100) kill -9 cycles under mixed load: each acknowledged
//            save is in the store after the restart, and PRAGMA integrity_check is ok.
// Prints its figures; exits 1 when a check fails. Needs DANVAN_BIN (release) set.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, DEMO, csrfFrom } from '../tests/lib/client.mjs';
import { writableYearlyForms } from '../tests/lib/forms.mjs';

const BIN = process.env.DANVAN_BIN;
const SECONDS = Number(process.env.SOAK_SECONDS || 600);
const CYCLES = Number(process.env.SOAK_CYCLES || 100);
const dir = mkdtempSync(path.join(os.tmpdir(), 'danvan-soak-'));
const db = path.join(dir, 'db');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sql = (file, q) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', file, q]).toString().trim();
const failures = [];
const fail = (m) => { failures.push(m); console.log(`FAIL: ${m}`); };

let port = 8141 + Math.floor(Math.random() * 200);
const children = new Set(); // every server still running is killed when this ends, however it ends
process.on('exit', () => { for (const c of children) try { c.kill('SIGKILL'); } catch {} rmSync(dir, { recursive: true, force: true }); });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(1));
async function serve(file, env = {}) {
  const p = port++;
  const child = spawn(BIN, ['serve', '--db', file, '--listen', `127.0.0.1:${p}`], {
    env: { ...process.env, DANVAN_SYNC: 'full', DANVAN_ACCESS_LOG: 'off', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-20000); });
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(url + '/healthz')).status === 200) return { child, url, err: () => err }; } catch {}
    await sleep(50);
  }
  throw new Error(`server on ${file} did not start:\n${err}`);
}
const rss = (pid) => Number((/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8')) || [0, 0])[1]);

const GOOD = {
  v_I01: '1', v_I02: '3', v_I03: '2', v_I04: '1.250', v_I05: '4', v_I06: '20', v_I07: '18',
  v_I08_DANG: '2', v_I08_CQ: '1', v_I08_MTDT: '3', v_I09: '5', v_I10: '2', v_I11: '12,5', v_I12: '95,5',
  v_I13: '15/06/2026', s_2: 'Còn hạn chế.', s_3: '', s_4: 'Tiếp tục.',
};
const valueOf = (html, name) => (html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`)) || [])[1];

// Sessions live in the store, so one sign-in per account serves every restart: signing in
// again each cycle would (rightly) meet the per-address sign-in throttle.
const sessions = new Map();
async function signIn(c, who) {
  if (sessions.has(who)) { c.cookies = new Map(sessions.get(who)); return; }
  await c.login(who, DEMO[who]);
  sessions.set(who, new Map(c.cookies));
}

/** One worker of the mixed load; stats[kind] = {n, ms}; acked (optional) records saves. */
function worker(url, kind, stats, state, nth = 0) {
  return run(url, kind, stats, state, nth).catch((e) => {
    if (!state.killing) stats.errors.push(`${kind}: ${e.message}`); /* a kill -9 cuts a sign-in short */
  });
}
async function run(url, kind, stats, state, nth) {
  {
    const c = new Client(url);
    const who = { save: 'bdv', edit: 'bientap', export: 'xem' }[kind];
    if (who) await signIn(c, who);
    const forms = kind === 'save' ? (await writableYearlyForms(c, { want: Infinity })).filter((_, k) => k % 2 === nth % 2) : []; // two savers, two halves
    let article = null;
    if (kind === 'edit') {
      await c.get('/desk/new');
      const r = await c.postForm('/desk', { version: 0, title: `Bài soak ${state.id++}`, lead: 'Sapo.', body: 'Thân bài.' });
      article = r.location;
    }
    const slugs = state.slugs;
    let i = 0;
    while (!state.stop) {
      if (state.pauseWrites && (kind === 'save' || kind === 'edit')) { state.paused++; while (state.pauseWrites) await sleep(20); state.paused--; }
      const t0 = performance.now();
      let r;
      try {
        if (kind === 'read') r = await c.get(i % 3 ? `/bai-viet/${slugs[i % slugs.length]}` : i % 2 ? '/' : '/chuyen-muc/tin-tuc');
        else if (kind === 'search') r = await c.get(`/tim-kiem?q=${encodeURIComponent(['dân vận', 'hội nghị', 'Cà Mau', 'quy chế'][i % 4])}`);
        else if (kind === 'export') r = await c.get(['/dashboard.csv', '/dashboard.xlsx', '/dashboard', '/dashboard/pivot.csv'][i % 4]);
        else if (kind === 'edit') {
          const page = await c.get(article);
          r = await c.postForm(article, { title: `Bài soak sửa ${i}`, lead: 'Sapo.', body: `Thân bài ${i}.`, version: valueOf(page.text, 'version') },
            { csrf: csrfFrom(page.text) });
        } else if (kind === 'save') {
          const key = forms[(i * 7 + state.offset) % forms.length];
          const f = await c.get(`/reports/${key}`);
          const text = `soak ${state.run} ${i} ${Date.now()}`;
          r = await c.postForm(`/reports/${key}`, { ...GOOD, s_1: text, version: valueOf(f.text, 'version'), action: 'save' }, { csrf: csrfFrom(f.text) });
          if (r.status === 303 && (r.location || '').startsWith(`/reports/${key}`) && state.acked) state.acked.set(key, { i, text });
        }
      } catch (e) {
        if (state.stop) break;
        r = { status: 0, text: String(e) };
      }
      const s = stats[kind] || (stats[kind] = { n: 0, ms: 0, codes: {} });
      s.n++; s.ms += performance.now() - t0; s.codes[r.status] = (s.codes[r.status] || 0) + 1;
      if (r.status >= 500 || (r.status === 0 && !state.killing)) stats.errors.push(`${kind} → ${r.status}`);
      i++;
    }
  }
}

const KINDS = ['read', 'read', 'read', 'search', 'save', 'save', 'edit', 'export'];
const COUNTED = ['reports', 'report_values', 'report_sections', 'articles', 'article_history', 'audit_log', 'users', 'units'];
const counts = (file) => Object.fromEntries(COUNTED.map((t) => [t, Number(sql(file, `SELECT count(*) FROM ${t}`))]));

async function phase1() {
  const srv = await serve(db);
  const slugs = sql(db, "SELECT slug FROM articles WHERE status = 'published'").split('\n');
  const stats = { errors: [] }, state = { stop: false, slugs, id: 0, offset: 0, run: 'load', pauseWrites: false, paused: 0 };
  const workers = KINDS.map((k, n) => worker(srv.url, k, stats, state, n));
  const samples = [];
  const t0 = Date.now();
  let backupDone = false;
  while (Date.now() - t0 < SECONDS * 1000) {
    await sleep(2000);
    samples.push({ t: (Date.now() - t0) / 1000, kb: rss(srv.child.pid) });
    if (!backupDone && Date.now() - t0 >= SECONDS * 500) {
      backupDone = true;
      state.pauseWrites = true;
      while (state.paused < KINDS.filter((k) => k === 'save' || k === 'edit').length) await sleep(20);
      await sleep(300); // the group commit's last batch
      const live = counts(db);
      const out = path.join(dir, 'backup.db');
      execFileSync(BIN, ['backup', '--db', db, out], { stdio: 'pipe' });
      state.pauseWrites = false;
      const restored = await serve(out);
      const back = counts(out);
      const integrity = sql(out, 'PRAGMA integrity_check');
      const home = (await fetch(restored.url + '/')).status;
      restored.child.kill('SIGTERM');
      const same = COUNTED.every((t) => live[t] === back[t]);
      console.log(`backup during load: ${same ? 'same counts' : 'DIFFERENT counts'} (${COUNTED.map((t) => `${t} ${back[t]}`).join(', ')}), integrity ${integrity}, restored server answers / with ${home}`);
      if (!same) fail(`backup counts ${JSON.stringify(back)} ≠ live ${JSON.stringify(live)}`);
      if (integrity !== 'ok' || home !== 200) fail('the restored backup does not serve');
    }
  }
  state.stop = true;
  await Promise.all(workers);
  const integrity = sql(db, 'PRAGMA integrity_check');
  srv.child.kill('SIGTERM');
  const warm = samples.filter((s) => s.t >= SECONDS / 5);
  const base = warm.length ? warm[0].kb : samples[0].kb, last = samples[samples.length - 1].kb;
  const growth = ((last - base) / base) * 100;
  const peak = Math.max(...samples.map((s) => s.kb));
  console.log(`mixed load, ${SECONDS} s, ${KINDS.length} clients:`);
  for (const k of ['read', 'search', 'save', 'edit', 'export'])
    if (stats[k]) console.log(`  ${k.padEnd(7)} ${String(stats[k].n).padStart(7)} requests, ${(stats[k].ms / stats[k].n).toFixed(1)} ms mean, ${JSON.stringify(stats[k].codes)}`);
  console.log(`  5xx or failed requests: ${stats.errors.length}${stats.errors.length ? ' (' + stats.errors.slice(0, 5).join(', ') + ')' : ''}`);
  const peakAt = samples.reduce((a, s) => (s.kb > a.kb ? s : a), samples[0]);
  const byMinute = samples.filter((s, i) => i === samples.length - 1 || Math.floor(s.t / 60) !== Math.floor(samples[i + 1].t / 60));
  console.log(`  RSS each minute (MB): ${byMinute.map((s) => (s.kb / 1024).toFixed(1)).join(' ')}`);
  console.log(`  RSS after warm-up ${(base / 1024).toFixed(1)} MB, at the end ${(last / 1024).toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%), peak ${(peak / 1024).toFixed(1)} MB at ${Math.round(peakAt.t)} s`);
  console.log(`  integrity_check: ${integrity}`);
  if (stats.errors.length) fail(`${stats.errors.length} 5xx/failed requests`);
  if (growth > 5) fail(`RSS grew ${growth.toFixed(1)}% after warm-up`);
  if (integrity !== 'ok') fail('integrity_check');
}

async function phase2() {
  let lost = 0, acked = 0, bad = 0;
  const t0 = Date.now();
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const srv = await serve(db);
    const stats = { errors: [] }, state = { stop: false, slugs: ['x'], id: cycle * 10, offset: cycle, run: `kill${cycle}`, acked: new Map(), killing: false };
    const workers = ['save', 'save', 'edit', 'read', 'search'].map((k, n) => worker(srv.url, k, stats, state, n));
    await sleep(300 + Math.random() * 1500);
    state.killing = true;
    srv.child.kill('SIGKILL');
    state.stop = true;
    await Promise.all(workers);
    await new Promise((r) => (srv.child.exitCode !== null || srv.child.signalCode ? r() : srv.child.on('exit', r)));
    const again = await serve(db);
    const c = new Client(again.url);
    await signIn(c, 'bdv');
    for (const [key, { i, text }] of state.acked) {
      acked++;
      // the acknowledged save, or a later one of the same client that was in flight at the kill
      const page = await c.get(`/reports/${key}`);
      const m = new RegExp(`soak kill${cycle} (\\d+) `).exec(page.text);
      if (!m || Number(m[1]) < i) { lost++; fail(`cycle ${cycle}: the acknowledged save of ${key} (${text}) is gone (found ${m ? m[0] : 'none'})`); }
    }
    const integrity = sql(db, 'PRAGMA integrity_check');
    if (integrity !== 'ok') { bad++; fail(`cycle ${cycle}: integrity_check ${integrity}`); }
    if (stats.errors.length) fail(`cycle ${cycle}: ${stats.errors.length} 5xx before the kill (${stats.errors[0]})`);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.on('exit', r));
  }
  console.log(`kill -9 under mixed load: ${CYCLES} cycles in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${acked} acknowledged saves checked, ${lost} lost, ${bad} integrity failures`);
}

try {
  execFileSync(BIN, ['demo', '--db', db, '--no-serve'], { stdio: 'pipe' });
  if (SECONDS > 0) await phase1();
  await phase2();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures.length ? `soak: ${failures.length} failures` : 'soak: ok');
process.exit(failures.length ? 1 : 0);
