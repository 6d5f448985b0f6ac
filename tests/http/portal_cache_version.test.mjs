// The page cache notices changes made by another process (src/portal/portal_version.c):
// pages the server has cached change after sqlite3 writes the store directly (as a second
// server or the CLI would), within about a second, while view counting alone does not
// empty the cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';

let srv;

const sql = (text) => storeSql(srv.dbPath, text);

const get = (path, headers = {}) => fetch(srv.url + path, { headers });

/** GETs path until its body matches re (at most ~5 s); returns the body. */
async function eventually(path, re) {
  let body = '';
  for (let i = 0; i < 50; i++) {
    body = await (await get(path)).text();
    if (re.test(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${path} never matched ${re}`);
}

before(async () => { srv = await startServer(); });
after(() => srv.stop());

test('an article page cached by the server changes after another process edits the article', async () => {
  const slug = await sql("SELECT slug FROM articles WHERE status = 'published' ORDER BY id DESC LIMIT 1");
  const path = `/bai-viet/${slug}`;
  const first = await get(path);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  await first.text();
  const again = await get(path, { 'If-None-Match': etag });
  assert.equal(again.status, 304, 'the page is served from the cache');

  // body_html is not in the search index, so plain sqlite3 can write it
  await sql(`UPDATE articles SET body_html = '<p>Đoạn sửa từ tiến trình khác</p>' WHERE slug = '${slug}'`);
  const body = await eventually(path, /Đoạn sửa từ tiến trình khác/);
  assert.ok(body.includes('Đoạn sửa từ tiến trình khác'));
  const after = await get(path, { 'If-None-Match': etag });
  assert.equal(after.status, 200, 'the old ETag no longer matches');
});

test('a category renamed by another process shows in the cached menu of every page', async () => {
  const home = await (await get('/')).text();
  const name = await sql('SELECT name FROM categories ORDER BY position, id LIMIT 1');
  assert.ok(home.includes(name));
  await sql(`UPDATE categories SET name = 'Chuyên mục đổi tên' WHERE name = '${name}'`);
  await eventually('/', /Chuyên mục đổi tên/);
  await eventually('/gioi-thieu', /Chuyên mục đổi tên/);
});

test('view counts written to the store do not move the counter', async () => {
  const v0 = await sql("SELECT value FROM settings WHERE key = 'portal_version'");
  await sql("UPDATE articles SET view_count = view_count + 3 WHERE status = 'published'");
  assert.equal(await sql("SELECT value FROM settings WHERE key = 'portal_version'"), v0);
});

test('an article whose slug changes keeps its old address, and its print view, as 301s', async () => {
  const slug = await sql("SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1");
  assert.equal((await get(`/bai-viet/${slug}`)).status, 200);
  await sql(`UPDATE articles SET slug = '${slug}-moi' WHERE slug = '${slug}'`);
  const moved = await eventuallyStatus(`/bai-viet/${slug}`, 301);
  assert.equal(moved.headers.get('location'), `/bai-viet/${slug}-moi`);
  const print = await fetch(`${srv.url}/bai-viet/${slug}/in`, { redirect: 'manual' });
  assert.equal(print.status, 301);
  assert.equal(print.headers.get('location'), `/bai-viet/${slug}-moi/in`);
  assert.equal((await get(`/bai-viet/${slug}-moi`)).status, 200);
  // the old slug taken again by an article: it is that article's address, no redirect
  await sql(`UPDATE articles SET slug = '${slug}' WHERE slug = '${slug}-moi'`);
  assert.equal(await sql(`SELECT count(*) FROM slug_history WHERE kind = 'article' AND old_slug = '${slug}'`), '0');
  assert.equal((await eventuallyStatus(`/bai-viet/${slug}`, 200)).status, 200);
});

/** GETs path (redirects not followed) until its status is status (at most ~5 s). */
async function eventuallyStatus(path, status) {
  let res;
  for (let i = 0; i < 50; i++) {
    res = await fetch(srv.url + path, { redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status === status) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${path} never answered ${status} (last ${res.status})`);
}
