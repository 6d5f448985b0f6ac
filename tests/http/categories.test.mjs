// The desk's category page (src/portal/category_pages.c) over real HTTP on the demo
// province: editors and admins only (menu link, 403 for others), create with a slug made
// from the name, bad and taken slugs refused beside the field with the typed text kept,
// rename and new slug seen by readers at once (the cache is dropped), reorder, hide only
// when empty (a hidden category is off the menu and 404), CSRF checked, every write audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user, password = DEMO[user] || 'demo-congtac-2025') {
  const c = new Client(srv.url);
  await c.login(user, password);
  return c;
}

const sql = (text) => storeSql(srv.dbPath, text);

const reader = (path) => fetch(srv.url + path);
const names = (html) => [...html.matchAll(/<li class="category-item">\s*<h2>([^<]*)<\/h2>/g)].map((m) => decodeEntities(m[1]));

test('only editors and admins manage categories; the desk menu links the page', async () => {
  const ed = await as('bientap');
  const page = await ed.get('/desk/categories');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a[^>]*href="\/desk\/categories"/);
  for (const u of ['congtac', 'xem']) {
    const c = await as(u);
    const r = await c.get('/desk/categories');
    assert.equal(r.status, 403, u);
    assert.doesNotMatch((await c.get('/desk')).text, /href="\/desk\/categories"/);
  }
  const admin = await as('admin');
  assert.equal((await admin.get('/desk/categories')).status, 200);
  // no CSRF token: refused before the handler
  const r = await ed.postForm('/desk/categories', { _csrf: null, name: 'Không có mã' });
  assert.equal(r.status, 403);
});

test('create: a slug from the name; a bad or taken slug is refused beside the field, input kept', async () => {
  const ed = await as('bientap');
  await ed.get('/desk/categories');
  const ok = await ed.postForm('/desk/categories', { name: 'Đối thoại với dân', slug: '' });
  assert.equal(ok.status, 303);
  const page = await ed.follow('/desk/categories');
  assert.match(page.text, /\/chuyen-muc\/doi-thoai-voi-dan/);
  assert.equal(names(page.text).at(-1), 'Đối thoại với dân', 'a new category goes last');

  const bad = await ed.postForm('/desk/categories', { name: 'Chuyên mục thử', slug: 'Chuyên Mục' });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /id="f-slug-err"/);
  assert.match(bad.text, /value="Chuyên Mục"/);
  assert.match(bad.text, /value="Chuyên mục thử"/);
  assert.match(bad.text, /href="#f-slug"/, 'the summary links the field');

  const taken = await ed.postForm('/desk/categories', { name: 'Tin khác', slug: 'tin-tuc' });
  assert.equal(taken.status, 200);
  assert.match(taken.text, /id="f-slug-err"/);

  const empty = await ed.postForm('/desk/categories', { name: '   ', slug: 'abc' });
  assert.equal(empty.status, 200);
  assert.match(empty.text, /id="f-name-err"/);
  assert.match(empty.text, /value="abc"/);
});

test('rename and new slug: readers see them at once; the old address leads to the new one (301)', async () => {
  const id = await sql("SELECT id FROM categories WHERE slug = 'hoat-dong'");
  const before = await reader('/chuyen-muc/hoat-dong');
  assert.equal(before.status, 200);
  await (await reader('/')).text(); // cache the home page
  const ed = await as('bientap');
  await ed.get('/desk/categories');
  const bad = await ed.postForm(`/desk/categories/${id}`, { [`name_${id}`]: 'Hoạt động mới', [`slug_${id}`]: '-x-' });
  assert.equal(bad.status, 200);
  assert.match(bad.text, new RegExp(`id="f-slug_${id}-err"`));
  assert.match(bad.text, /value="Hoạt động mới"/);
  const ok = await ed.postForm(`/desk/categories/${id}`, { [`name_${id}`]: 'Hoạt động mới', [`slug_${id}`]: 'hoat-dong-moi' });
  assert.equal(ok.status, 303);
  const moved = await fetch(`${srv.url}/chuyen-muc/hoat-dong?trang=1`, { redirect: 'manual' });
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.get('location'), '/chuyen-muc/hoat-dong-moi?trang=1');
  const feed = await fetch(`${srv.url}/chuyen-muc/hoat-dong/rss.xml`, { redirect: 'manual' });
  assert.equal(feed.status, 301);
  assert.equal(feed.headers.get('location'), '/chuyen-muc/hoat-dong-moi/rss.xml');
  assert.equal((await reader('/chuyen-muc/hoat-dong-moi')).status, 200);
  assert.equal((await reader('/chuyen-muc/khong-co-dau')).status, 404, 'a slug that never was stays 404');
  assert.match(await (await reader('/')).text(), /Hoạt động mới/);
  assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE entity = 'category' AND entity_id = ${id} AND action = 'update'`), '1');
});

test('reorder moves a category up and down the menu', async () => {
  const ed = await as('bientap');
  const first = names((await ed.get('/desk/categories')).text);
  const id2 = await sql(`SELECT id FROM categories WHERE name = '${first[1]}'`);
  assert.equal((await ed.postForm(`/desk/categories/${id2}/move`, { dir: 'up' })).status, 303);
  const after = names((await ed.get('/desk/categories')).text);
  assert.deepEqual(after.slice(0, 2), [first[1], first[0]]);
  assert.equal((await ed.postForm(`/desk/categories/${id2}/move`, { dir: 'down' })).status, 303);
  assert.deepEqual(names((await ed.get('/desk/categories')).text), first);
  assert.equal((await ed.postForm(`/desk/categories/${id2}/move`, { dir: 'sideways' })).status, 400);
  const menu = await (await reader('/')).text();
  assert.ok(menu.indexOf(first[0]) < menu.indexOf(first[1]), 'the public menu follows the order');
});

test('hide: only an empty category; hidden is off the menu and 404; shown again', async () => {
  const ed = await as('bientap');
  await ed.get('/desk/categories');
  const full = await sql("SELECT c.id FROM categories c WHERE EXISTS (SELECT 1 FROM article_categories a WHERE a.category_id = c.id) LIMIT 1");
  const refused = await ed.postForm(`/desk/categories/${full}/hide`, { hidden: '1' });
  assert.equal(refused.status, 200);
  assert.match(refused.text, /class="error-summary"/);

  const id = await sql("SELECT id FROM categories WHERE slug = 'doi-thoai-voi-dan'");
  assert.equal((await reader('/chuyen-muc/doi-thoai-voi-dan')).status, 200);
  assert.equal((await ed.postForm(`/desk/categories/${id}/hide`, { hidden: '1' })).status, 303);
  assert.equal((await reader('/chuyen-muc/doi-thoai-voi-dan')).status, 404);
  assert.doesNotMatch(await (await reader('/')).text(), /Đối thoại với dân/);
  assert.doesNotMatch((await ed.get('/desk/new')).text, /Đối thoại với dân/, 'not offered to articles');
  const page = await ed.get('/desk/categories');
  assert.match(decodeEntities(page.text), /Đối thoại với dân/, 'still listed on the desk');
  assert.equal((await ed.postForm(`/desk/categories/${id}/hide`, { hidden: '0' })).status, 303);
  assert.equal((await reader('/chuyen-muc/doi-thoai-voi-dan')).status, 200);
  assert.equal(await sql(`SELECT group_concat(action) FROM audit_log WHERE entity = 'category' AND entity_id = ${id}`), 'create,hide,show');
});
