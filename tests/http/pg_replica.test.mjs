// A streaming replica serving the public pages (issue 16), with DANVAN_TEST_PG set
// (scripts/run-tests.sh's PostgreSQL pass; skipped on SQLite alone). A primary cluster of
// its own (scripts/pg-tmp.sh start) holds the demo province and a danvan on it; a hot
// standby made from it with pg_basebackup (scripts/pg-tmp.sh replica) serves a second
// danvan, which finds the store read-only by itself:
//  - the public pages answer there (home, an article, search with its marks, petitions'
//    answers, feeds, sitemap);
//  - every write is refused with a 503 page saying it is a read-only copy, in the reader's
//    language (not a 500): signing in, a citizen's petition, a form without its token;
//  - what the primary commits reaches the replica's pages (streamed, cache invalidated by the
//    version counters: a standby cannot LISTEN).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { startServer, runDanvan, storeSql, testPg, repoRoot } from '../lib/server.mjs';
import { Client, decodeEntities } from '../lib/client.mjs';

const execFileP = promisify(execFile);
const skip = !testPg && 'needs DANVAN_TEST_PG (a PostgreSQL cluster: scripts/pg-tmp.sh)';
const pgTmp = path.join(repoRoot, 'scripts/pg-tmp.sh');
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dirOf = (out) => /PGTMP_DIR=(\S+)/.exec(out)[1];

let primaryDir, replicaDir, primaryUrl, replicaUrl, primary, replica;

before(async () => {
  if (skip) return;
  primaryDir = dirOf((await execFileP(pgTmp, ['start'])).stdout);
  primaryUrl = (await execFileP(pgTmp, ['url', primaryDir, 'danvan'])).stdout.trim();
  await runDanvan(['demo', '--db', primaryUrl, '--no-serve']);
  primary = await startServer({ db: primaryUrl });
  replicaDir = dirOf((await execFileP(pgTmp, ['replica', primaryDir])).stdout);
  replicaUrl = primaryUrl.replace(primaryDir, replicaDir);
  replica = await startServer({ db: replicaUrl });
});

after(async () => {
  await replica?.stop();
  await primary?.stop();
  for (const d of [replicaDir, primaryDir]) if (d) await execFileP(pgTmp, ['stop', d]).catch(() => {});
});

test('the replica is a hot standby and its server serves the public pages', { skip }, async () => {
  assert.equal(await storeSql(replicaUrl, 'SELECT pg_is_in_recovery()'), '1');
  assert.equal(await storeSql(primaryUrl, 'SELECT pg_is_in_recovery()'), '0');
  const c = new Client(replica.url);
  const home = await c.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau/);
  const slug = /href="\/bai-viet\/([^"]+)"/.exec(home.text)[1];
  const art = await c.get(`/bai-viet/${slug}`);
  assert.equal(art.status, 200);
  const search = await c.get('/tim-kiem?q=dan+van');
  assert.equal(search.status, 200);
  assert.match(search.text, /<mark>/i, 'search runs on the replica');
  const answers = await c.get('/kien-nghi/tra-loi?q=cau');
  assert.equal(answers.status, 200);
  for (const p of ['/feed/rss.xml', '/sitemap.xml', '/gioi-thieu', '/kien-nghi', '/login']) {
    assert.equal((await c.get(p)).status, 200, p);
  }
  assert.doesNotMatch(replica.logs().stderr, / error /, 'no store error on the replica');
});

test('writes are refused with a clear 503 page in the reader\'s language, never a 500', { skip }, async () => {
  const c = new Client(replica.url);
  await c.get('/login');
  const login = await c.postForm('/login', { username: 'admin', password: 'demo-admin-2025' });
  assert.equal(login.status, 503);
  assert.match(login.text, /<html lang="vi">/);
  assert.match(text(login.text), /Bản sao chỉ đọc/);
  assert.match(text(login.text), /bản sao chỉ đọc của cơ sở dữ liệu\. Chưa có gì được lưu\./);
  assert.equal(login.headers.get('retry-after'), null, 'a replica stays read-only: no "try again"');

  const en = new Client(replica.url);
  en.cookies.set('dv_lang', 'en');
  await en.get('/kien-nghi/gui');
  const petition = await en.postForm('/kien-nghi/gui', { content: 'Đường hỏng', name: 'Nguyễn Văn A' });
  assert.equal(petition.status, 503);
  assert.match(text(petition.text), /Read-only copy/);
  assert.match(text(petition.text), /read-only copy of the database\. Nothing was saved\./);

  const bare = await new Client(replica.url).postForm('/login', { username: 'x', password: 'y', _csrf: null });
  assert.equal(bare.status, 503, 'refused before any other check');
  assert.equal(await storeSql(primaryUrl, "SELECT count(*) FROM petitions WHERE name = 'Nguyễn Văn A'"), '0');
});

test('what the primary commits reaches the replica\'s pages', { skip }, async () => {
  const c = new Client(replica.url);
  const home = await c.get('/');
  const slug = /href="\/bai-viet\/([^"]+)"/.exec(home.text)[1];
  assert.equal((await c.get(`/bai-viet/${slug}`)).status, 200); // cached on the replica now
  const title = `Tiêu đề từ máy chủ chính ${Date.now()}`;
  await storeSql(primaryUrl, `UPDATE articles SET title = '${title}', version = version + 1 WHERE slug = '${slug}'`);
  const t0 = Date.now();
  let seen = false;
  while (!seen && Date.now() - t0 < 15000) {
    seen = (await c.get(`/bai-viet/${slug}`)).text.includes(title);
    if (!seen) await sleep(100);
  }
  assert.ok(seen, 'the replica shows the primary\'s change');
  console.log(`replica: the primary's change was on the replica's page after ${Date.now() - t0} ms`);
});
