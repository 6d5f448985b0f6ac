// Several danvan servers on one PostgreSQL database (issue 16), with DANVAN_TEST_PG set
// (scripts/run-tests.sh's PostgreSQL pass; skipped on SQLite alone):
//  - `danvan copy` moves a SQLite demo province into PostgreSQL with every count equal, and
//    the copy serves;
//  - two servers on one database: a session made through one works through the other, a
//    write through one (a unit renamed) and a write by another process (an article retitled
//    with psql) are seen through the other at once (LISTEN/NOTIFY, not the 1 s polling), a
//    sign-out through one ends the session on the other;
//  - one killed with -9 while the other serves: everything acknowledged is still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, runDanvan, storeSql, testPg, pgCreateDb, pgDropDb } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

const skip = !testPg && 'needs DANVAN_TEST_PG (a PostgreSQL cluster: scripts/pg-tmp.sh)';
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Retries fn() until it returns true, up to ms; the milliseconds it took, or -1. */
async function within(ms, fn) {
  const t0 = Date.now();
  for (;;) {
    if (await fn()) return Date.now() - t0;
    if (Date.now() - t0 > ms) return -1;
    await sleep(20);
  }
}

test('danvan copy moves a SQLite province into PostgreSQL, counts compared, and it serves', { skip }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'danvan-copy-'));
  const file = path.join(dir, 'province.db');
  const url = await pgCreateDb();
  let srv;
  try {
    await runDanvan(['demo', '--db', file, '--no-serve'], { env: { DANVAN_TEST_PG: '' } });
    const { stdout } = await runDanvan(['copy', '--from', file, '--to', url]);
    assert.match(stdout, /41 tables compared, 0 differ|tables compared, 0 differ/);
    for (const t of ['units', 'users', 'reports', 'report_values', 'articles', 'audit_log']) {
      const a = await storeSql(file, `SELECT count(*) FROM ${t}`);
      const b = await storeSql(url, `SELECT count(*) FROM ${t}`);
      assert.equal(b, a, `${t}: same count`);
      assert.ok(Number(a) > 0, `${t} is not empty`);
    }
    // a second copy into the same (now full) database is refused
    await assert.rejects(runDanvan(['copy', '--from', file, '--to', url]), /copy failed/);
    srv = await startServer({ db: url });
    const c = new Client(srv.url);
    await c.login('admin', DEMO.admin);
    const u = await c.get('/units?q=ca+mau');
    assert.equal(u.status, 200);
    assert.match(text(u.text), /Tỉnh Cà Mau/);
    const s = await c.get('/tim-kiem?q=dan+van');
    assert.equal(s.status, 200);
    assert.match(s.text, /<mark>/i, 'the search index was rebuilt');
    // new rows take ids after the copied ones
    const before = Number(await storeSql(url, 'SELECT max(id) FROM audit_log'));
    await c.get('/logout');
    await new Client(srv.url).login('bdv', DEMO.bdv);
    assert.ok(Number(await storeSql(url, 'SELECT max(id) FROM audit_log')) > before);
  } finally {
    await srv?.stop();
    await pgDropDb(url);
    await rm(dir, { recursive: true, force: true });
  }
});

let url, a, b;
before(async () => {
  if (skip) return;
  url = await pgCreateDb();
  await runDanvan(['demo', '--db', url, '--no-serve']);
  a = await startServer({ db: url });
  b = await startServer({ db: url });
});
after(async () => {
  await a?.stop();
  await b?.stop();
  if (url) await pgDropDb(url);
});

test('two servers, one database: sessions, unit tree, page cache and sign-out are shared at once', { skip }, async () => {
  const ca = new Client(a.url);
  await ca.login('admin', DEMO.admin);
  const cb = new Client(b.url);
  cb.cookies = new Map(ca.cookies); // the same browser, sent to the other server
  const home = await cb.get('/units');
  assert.equal(home.status, 200, 'the session made through A works through B');

  // a unit renamed through A: B's unit tree shows it at once
  const hit = (await ca.get('/units?q=so+y+te')).text.match(/<a href="(\/units\/\d+)">Sở Y tế tỉnh Cà Mau<\/a>/);
  assert.ok(hit);
  const href = hit[1];
  assert.match(text((await cb.get(href)).text), /Sở Y tế tỉnh Cà Mau/); // B has it cached now
  await ca.get(`${href}/edit`);
  const r = await ca.postForm(href, {
    name: 'Sở Y tế tỉnh Cà Mau (mới)', short_name: 'SYT', code: '96-SYT', type: 'department',
    valid_from: '01/07/2025', note: '',
  });
  assert.equal(r.status, 303);
  const ms = await within(900, async () => /Sở Y tế tỉnh Cà Mau \(mới\)/.test(text((await cb.get(href)).text)));
  assert.ok(ms >= 0 && ms < 900, `B shows A's rename within 900 ms (took ${ms} ms)`);

  // an article retitled by another process (psql): B's cached public page is dropped at once
  const slug = await storeSql(url, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1");
  const pub = new Client(b.url);
  assert.equal((await pub.get(`/bai-viet/${slug}`)).status, 200);
  await pub.get(`/bai-viet/${slug}`); // served from B's page cache now
  await storeSql(url, `UPDATE articles SET title = 'Tiêu đề sửa từ nơi khác' WHERE slug = '${slug}'`);
  const ms2 = await within(900, async () => /Tiêu đề sửa từ nơi khác/.test((await pub.get(`/bai-viet/${slug}`)).text));
  assert.ok(ms2 >= 0 && ms2 < 900, `B's page cache follows another process's write within 900 ms (took ${ms2} ms)`);

  // signing out through A ends the session on B too
  await ca.get('/units');
  const out = await ca.postForm('/logout', {});
  assert.ok([302, 303].includes(out.status), `logout → ${out.status}`);
  const ms3 = await within(900, async () => (await cb.get('/units')).status !== 200);
  assert.ok(ms3 >= 0 && ms3 < 900, `B refuses the ended session within 900 ms (took ${ms3} ms)`);
});

test('one server killed with -9 while the other serves: nothing acknowledged is lost', { skip }, async () => {
  const ca = new Client(a.url);
  await ca.login('admin', DEMO.admin);
  const hit = (await ca.get('/units?q=so+giao+duc')).text.match(/<a href="(\/units\/\d+)">([^<]*)<\/a>/);
  assert.ok(hit, 'a unit to rename');
  const href = hit[1];
  await ca.get(`${href}/edit`);
  const edit = ca.lastHtml;
  const val = (n) => decodeEntities((edit.match(new RegExp(`name="${n}"[^>]*value="([^"]*)"`)) || [])[1] || '');
  const r = await ca.postForm(href, {
    name: 'Đơn vị đổi tên trước khi máy chủ A dừng', short_name: val('short_name'), code: val('code'),
    type: (edit.match(/<option value="([a-z_]+)" selected/) || [])[1] || 'department',
    valid_from: val('valid_from'), note: '',
  });
  assert.equal(r.status, 303, 'A acknowledged the write');
  await a.crash();
  a = null;
  const cb = new Client(b.url);
  await cb.login('admin', DEMO.admin);
  assert.match(text((await cb.get(href)).text), /Đơn vị đổi tên trước khi máy chủ A dừng/);
  assert.equal((await cb.get('/')).status, 200, 'B serves the portal');
  const n = Number(await storeSql(url, "SELECT count(*) FROM audit_log WHERE entity = 'unit' AND action = 'update'"));
  assert.ok(n >= 2, 'both renames are in the audit log');
});
