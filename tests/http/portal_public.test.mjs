// The public portal's pages (src/portal/public_routes.c): every route answers, pagination,
// the article page's parts (caption, credit, back link, OpenGraph, canonical), the print
// view, About in both languages, 404s in the portal layout, RSS/Atom and sitemaps validated
// by xmllint, ETag/304, and exact cache invalidation when an editor publishes on the desk.
//
// Test data is written with the sqlite3 CLI into the server's database before the first
// public request (so nothing is cached yet); the search triggers (tokenizer 'vi' exists
// only inside danvan) are dropped and re-created around the inserts. On PostgreSQL (psql)
// the triggers stay: they are PL/pgSQL, in the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startServer, storeSql as sql, isPg } from '../lib/server.mjs';
import { Client, decodeEntities } from '../lib/client.mjs';

let srv;

const PNG_1x1 = '89504E470D0A1A0A0000000D4948445200000001000000010806000000' +
  '1F15C4890000000D4944415478DA63F8FFFF3F0005FE02FEA7D6A4C50000000049454E44AE426082';


async function xmllint(xml) {
  const child = execFile('xmllint', ['--noout', '-']);
  const done = new Promise((resolve) => {
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => resolve({ code, err }));
  });
  child.stdin.end(xml);
  const { code, err } = await done;
  assert.equal(code, 0, `xmllint: ${err}`);
}

const count = (s, re) => (s.match(re) || []).length;
const get = (path, headers = {}) => fetch(srv.url + path, { headers, redirect: 'manual' });
const BULK = 2100;

before(async () => {
  srv = await startServer();
  const pg = isPg(srv.dbPath);
  const pad2 = (e) => (pg ? `lpad((${e})::text, 2, '0')` : `printf('%02d', ${e})`);
  const triggers = pg ? '' : await sql(srv.dbPath,
    "SELECT group_concat(sql || ';', char(10)) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'");
  const names = pg ? [] : (await sql(srv.dbPath, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'"))
    .split('\n').filter(Boolean);
  await sql(srv.dbPath, `BEGIN;
${names.map((n) => `DROP TRIGGER ${n};`).join('\n')}
INSERT INTO categories(slug, name, position) VALUES ('kiem-thu', 'Kiểm thử', 99);
INSERT INTO tags(slug, name) VALUES ('the-kiem-thu', 'Thẻ kiểm thử');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
INSERT INTO articles(slug, title, lead, body_md, body_html, status, published_at, updated_at)
  SELECT 'kiem-thu-' || ${pad2('i')}, 'Bài kiểm thử số ' || ${pad2('i')}, 'Sapo kiểm thử ' || i, 'x',
         '<p>Nội dung kiểm thử ' || i || '</p>', 'published',
         '2024-01-' || ${pad2('i')} || 'T01:00:00Z', '2024-01-' || ${pad2('i')} || 'T01:00:00Z' FROM n;
INSERT INTO article_categories(article_id, category_id)
  SELECT id, (SELECT id FROM categories WHERE slug = 'kiem-thu') FROM articles WHERE slug LIKE 'kiem-thu-%';
INSERT INTO article_tags(article_id, tag_id)
  SELECT id, (SELECT id FROM tags WHERE slug = 'the-kiem-thu') FROM articles WHERE slug IN ('kiem-thu-01', 'kiem-thu-02', 'kiem-thu-03');
INSERT INTO media(sha256, content_type, width, height, data, thumb, thumb_type)
  VALUES ('p2-test-pixel', 'image/png', 1, 1, X'${PNG_1x1}', X'${PNG_1x1}', 'image/png');
INSERT INTO articles(slug, title, lead, body_md, body_html, status, published_at, updated_at)
  VALUES ('anh-kiem-thu', 'Hội nghị kiểm thử có ảnh', 'Sapo của bài có ảnh', 'x', '<p>Thân bài có ảnh</p>',
          'published', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+1 day'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+1 day'));
INSERT INTO article_photos(article_id, position, media_id, caption, alt)
  VALUES ((SELECT id FROM articles WHERE slug = 'anh-kiem-thu'), 0, (SELECT id FROM media WHERE sha256 = 'p2-test-pixel'),
          'Toàn cảnh hội nghị kiểm thử', 'Ảnh hội trường kiểm thử');
INSERT INTO article_authors(article_id, position, name, unit_label)
  VALUES ((SELECT id FROM articles WHERE slug = 'anh-kiem-thu'), 0, 'Văn Minh', 'MT tỉnh');
INSERT INTO article_categories(article_id, category_id)
  VALUES ((SELECT id FROM articles WHERE slug = 'anh-kiem-thu'), (SELECT id FROM categories WHERE slug = 'kiem-thu'));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK})
INSERT INTO articles(slug, title, status, published_at, updated_at)
  SELECT 'khoi-luong-' || i, 'Bài số lượng ' || i, 'published', '2001-01-01T00:00:00Z', '2001-01-01T00:00:00Z' FROM n;
INSERT INTO articles(slug, title, lead, body_md, body_html, status)
  VALUES ('bai-cho-duyet-kiem-thu', 'Bài chờ duyệt kiểm thử', 'Sapo chờ duyệt', 'Thân bài', '<p>Thân bài</p>', 'pending');
${triggers}
COMMIT;`);
});

after(() => srv?.stop());

test('home: portal layout, featured and latest with thumbnails and leads, OpenGraph, canonical', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<html lang="vi">/);
  assert.match(html, /Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau/);
  assert.match(html, /<link rel="canonical" href="http:\/\/[^"]+\/">/);
  assert.match(html, /<meta property="og:title" content="[^"]+">/);
  assert.match(html, /<meta property="og:type" content="website">/);
  assert.match(html, /<meta property="og:url" content="http:\/\/[^"]+\/">/);
  assert.match(html, /class="skip" href="#main"/);
  assert.match(html, /action="\/tim-kiem"/);
  assert.match(html, /href="\/lang\/en\?next=%2F" lang="en" hreflang="en">English</, 'one switch, back to this page');
  assert.match(html, /href="\/chuyen-muc\/kiem-thu"/, 'category menu');
  assert.match(html, /href="\/bai-viet\/anh-kiem-thu"/);
  assert.match(html, /src="\/media\/\d+\/thumb"/);
  assert.match(html, /Sapo của bài có ảnh/);
  assert.match(html, /Nghị định 42\/2022|Decree 42\/2022/);
  assert.doesNotMatch(html, /Quản trị|Administration/, 'no admin link for readers');
  assert.equal(res.headers.get('set-cookie'), null, 'a cached public page sets no cookie');
});

test('category pages: 12 per page, numbered links, rel=prev/next, canonical per page, 404 past the end', async () => {
  const p1 = await (await get('/chuyen-muc/kiem-thu')).text();
  assert.equal(count(p1, /<article class="card/g), 12);
  assert.match(p1, /<link rel="next" href="http:\/\/[^"]+\/chuyen-muc\/kiem-thu\?trang=2">/);
  assert.doesNotMatch(p1, /<link rel="prev"/);
  assert.match(p1, /<span aria-current="page">1<\/span>/);
  assert.match(p1, /<a href="\/chuyen-muc\/kiem-thu\?trang=3">3<\/a>/);
  assert.match(p1, /href="\/chuyen-muc\/kiem-thu\/rss.xml"/);
  const p2res = await get('/chuyen-muc/kiem-thu?trang=2');
  assert.equal(p2res.status, 200);
  const p2 = await p2res.text();
  assert.match(p2, /<link rel="prev" href="http:\/\/[^"]+\/chuyen-muc\/kiem-thu">/);
  assert.match(p2, /<link rel="next" href="http:\/\/[^"]+\/chuyen-muc\/kiem-thu\?trang=3">/);
  assert.match(p2, /<link rel="canonical" href="http:\/\/[^"]+\/chuyen-muc\/kiem-thu\?trang=2">/);
  const p3 = await (await get('/chuyen-muc/kiem-thu?trang=3')).text();
  assert.equal(count(p3, /<article class="card/g), 26 - 24);
  assert.doesNotMatch(p3, /<link rel="next"/);
  assert.equal((await get('/chuyen-muc/kiem-thu?trang=4')).status, 404);
  assert.equal((await get('/chuyen-muc/kiem-thu?trang=abc')).status, 404);
  assert.equal((await get('/chuyen-muc/khong-co')).status, 404);
});

test('tag page lists its articles', async () => {
  const res = await get('/the/the-kiem-thu');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.equal(count(html, /<article class="card/g), 3);
  assert.match(html, /Thẻ kiểm thử/);
  assert.equal((await get('/the/khong-co')).status, 404);
});

test('article page: lead photo with caption and alt, body, credit, back link, tools, OpenGraph, views', async () => {
  const res = await get('/bai-viet/anh-kiem-thu');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>Hội nghị kiểm thử có ảnh<\/h1>/);
  assert.match(html, /<figure class="story-photo">\s*<img src="\/media\/\d+" alt="Ảnh hội trường kiểm thử"[^>]*>\s*<figcaption>Toàn cảnh hội nghị kiểm thử<\/figcaption>/);
  assert.match(html, /<p>Thân bài có ảnh<\/p>/);
  assert.match(html, /\(Văn Minh - MT tỉnh\)/);
  assert.match(html, /<a href="\/chuyen-muc\/kiem-thu">\[Trở về\]<\/a>/);
  assert.doesNotMatch(html, /javascript:/);
  assert.match(html, /href="\/bai-viet\/anh-kiem-thu\/in"[^>]*>Bản in</);
  assert.match(html, /href="\/bai-viet\/anh-kiem-thu\/gui">Gửi bài viết</);
  assert.match(html, /<meta property="og:type" content="article">/);
  assert.match(html, /<meta property="og:image" content="http:\/\/[^"]+\/media\/\d+">/);
  assert.match(html, /<meta property="og:description" content="Sapo của bài có ảnh">/);
  assert.match(html, /<link rel="canonical" href="http:\/\/[^"]+\/bai-viet\/anh-kiem-thu">/);
  assert.match(html, /<time datetime="[^"]+">\d\d\/\d\d\/\d{4} \d\d:\d\d<\/time>/);
  assert.match(html, /href="\/the\/|href="\/chuyen-muc\/kiem-thu"/);
  // Every view is counted; the count shown is filled into the cached page at most once a
  // second (page_cache_set_live), so a reload within the same second may show the same number.
  const v1 = Number(html.match(/Lượt xem: (\d+)/)[1]);
  const again = await get('/bai-viet/anh-kiem-thu');
  const v2 = Number((await again.text()).match(/Lượt xem: (\d+)/)[1]);
  assert.ok(v2 === v1 || v2 === v1 + 1, `the count shown is this second's (${v1} then ${v2})`);
  assert.equal(again.headers.get('etag'), res.headers.get('etag'), 'the view count does not change the cached page');
  for (let i = 0; i < 3; i++) await (await get('/bai-viet/anh-kiem-thu')).text();
  await new Promise((ok) => setTimeout(ok, 1100));
  const later = await get('/bai-viet/anh-kiem-thu');
  const v3 = Number((await later.text()).match(/Lượt xem: (\d+)/)[1]);
  assert.ok(v3 >= v1 + 5, `a second later the count shows every view, this one included (${v1} then ${v3})`);
  assert.equal(later.headers.get('etag'), res.headers.get('etag'));
  // Vietnam time: 2024-01-05T01:00:00Z is 08:00 in Ca Mau
  const k5 = await (await get('/bai-viet/kiem-thu-05')).text();
  assert.match(k5, />05\/01\/2024 08:00</);
  assert.match(k5, /Bài liên quan/, 'related articles');
});

test('print view: no navigation, portal name, canonical URL, date, photo with caption', async () => {
  const res = await get('/bai-viet/anh-kiem-thu/in');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.doesNotMatch(html, /portal-menu|role="search"|portal-foot/);
  assert.match(html, /Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau/);
  assert.match(html, /<p class="print-url">http:\/\/[^<]+\/bai-viet\/anh-kiem-thu<\/p>/);
  assert.match(html, /<figcaption>Toàn cảnh hội nghị kiểm thử<\/figcaption>/);
  assert.match(html, /\d\d\/\d\d\/\d{4} \d\d:\d\d/);
  assert.match(html, /<link rel="canonical" href="http:\/\/[^"]+\/bai-viet\/anh-kiem-thu">/);
  assert.equal((await get('/bai-viet/khong-co/in')).status, 404);
});

test('About in Vietnamese and English', async () => {
  const vi = await get('/gioi-thieu');
  assert.equal(vi.status, 200);
  const vh = await vi.text();
  assert.match(vh, /<html lang="vi">/);
  assert.match(vh, /<link rel="canonical" href="http:\/\/[^"]+\/gioi-thieu">/);
  const en = await get('/en/about');
  assert.equal(en.status, 200);
  const eh = await en.text();
  assert.match(eh, /<html lang="en">/);
  assert.match(eh, /<h1>About \/ Contact<\/h1>/);
  assert.match(eh, /Decree 42\/2022/);
  assert.match(eh, /<meta property="og:url" content="http:\/\/[^"]+\/en\/about">/);
  // the portal's name in English, the Vietnamese name marked as such, never "The Cổng thông tin … is"
  assert.match(eh, /The Ca Mau Mass Mobilization Commission Portal \(in Vietnamese: <span lang="vi">Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau<\/span>\) is/);
  assert.doesNotMatch(eh, /The (<span lang="vi">)?Cổng/);
  assert.match(eh, /<title>About \/ Contact · Ca Mau Mass Mobilization Commission Portal<\/title>/);
  // each About's language switch leads to the other About
  assert.match(vh, /href="\/lang\/en\?next=%2Fen%2Fabout"/);
  assert.match(eh, /href="\/lang\/vi\?next=%2Fgioi-thieu" lang="vi" hreflang="vi">Tiếng Việt</);
});

test('the language switch keeps the reader on the same page, in the other language', async () => {
  for (const path of ['/', '/chuyen-muc/kiem-thu?trang=2', '/bai-viet/kiem-thu-07', '/tim-kiem?q=kiểm thử']) {
    const c = new Client(srv.url);
    const vi = await c.get(path);
    assert.equal(vi.status, 200, path);
    const href = decodeEntities(vi.text.match(/<a class="portal-lang" href="([^"]+)"/)[1]);
    assert.ok(href.startsWith('/lang/en?next='), `${path}: ${href}`);
    const sw = await c.get(href);
    assert.equal(sw.status, 303, `${path}: the switch redirects`);
    const back = new URL(sw.location, srv.url);
    assert.equal(back.pathname + back.search, new URL(path, srv.url).pathname + new URL(path, srv.url).search,
      `${path}: back to the same page`);
    const en = await c.get(back.pathname + back.search);
    assert.equal(en.status, 200);
    assert.match(en.text, /<html lang="en">/, `${path} in English`);
    assert.match(en.text, /<a class="portal-brand" href="\/">[\s\S]*?Ca Mau Mass Mobilization Commission Portal<\/span>/);
    assert.match(en.text, />Home</);
    // and back to Vietnamese, on the same page again
    const href2 = decodeEntities(en.text.match(/<a class="portal-lang" href="([^"]+)"/)[1]);
    assert.ok(href2.startsWith('/lang/vi?next='), href2);
    const sw2 = await c.get(href2);
    assert.equal(new URL(sw2.location, srv.url).pathname, new URL(path, srv.url).pathname);
    const vi2 = await c.get(sw2.location);
    assert.match(vi2.text, /<html lang="vi">/);
  }
});

test('the article breadcrumb names where the article sits, not its whole title again', async () => {
  const html = await (await get('/bai-viet/kiem-thu-07')).text();
  const crumbs = html.match(/<nav class="crumbs"[\s\S]*?<\/nav>/)[0];
  assert.match(crumbs, /<a href="\/">Trang chủ<\/a>/);
  assert.match(crumbs, /<a href="\/chuyen-muc\/kiem-thu">Kiểm thử<\/a>/);
  assert.doesNotMatch(crumbs, /Bài kiểm thử số 07/);
  assert.match(html, /<h1>Bài kiểm thử số 07<\/h1>/);
});

test('unknown slugs get a 404 in the portal layout', async () => {
  for (const p of ['/bai-viet/khong-ton-tai', '/bai-viet/bai-cho-duyet-kiem-thu']) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    const html = await res.text();
    assert.match(html, /class="portal-top"/);
    assert.match(html, /<meta name="robots" content="noindex">/);
  }
});

test('feeds: RSS 2.0 and Atom, all and per category, well-formed with titles and links', async () => {
  for (const [path, type, re, n] of [
    ['/feed/rss.xml', 'application/rss+xml', /<item>/g, 20],
    ['/feed/atom.xml', 'application/atom+xml', /<entry>/g, 20],
    ['/chuyen-muc/kiem-thu/rss.xml', 'application/rss+xml', /<item>/g, 20],
    ['/chuyen-muc/kiem-thu/atom.xml', 'application/atom+xml', /<entry>/g, 20],
  ]) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.ok(res.headers.get('content-type').startsWith(type), path);
    const xml = await res.text();
    await xmllint(xml);
    assert.equal(count(xml, re), n, path);
  }
  const rss = await (await get('/feed/rss.xml')).text();
  assert.match(rss, /<rss version="2.0"/);
  assert.match(rss, /<title>Hội nghị kiểm thử có ảnh<\/title>\s*<link>http:\/\/[^<]+\/bai-viet\/anh-kiem-thu<\/link>/);
  const cat = await (await get('/chuyen-muc/kiem-thu/atom.xml')).text();
  assert.match(cat, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.match(cat, /<title>Bài kiểm thử số 25<\/title>/);
  assert.match(cat, /<link rel="alternate" type="text\/html" href="http:\/\/[^"]+\/bai-viet\/kiem-thu-25"\/>/);
  assert.doesNotMatch(cat, /khoi-luong-/);
  assert.equal((await get('/chuyen-muc/khong-co/rss.xml')).status, 404);
});

test('sitemap: an index of files of at most 2,000 URLs covering every public page', async () => {
  const idx = await (await get('/sitemap.xml')).text();
  await xmllint(idx);
  const files = [...idx.matchAll(/<loc>http:\/\/[^<]+(\/sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]);
  const published = Number(await sql(srv.dbPath, "SELECT count(*) FROM articles WHERE status = 'published'"));
  const cats = Number(await sql(srv.dbPath, 'SELECT count(*) FROM categories'));
  const tags = Number(await sql(srv.dbPath,
    "SELECT count(*) FROM tags WHERE EXISTS (SELECT 1 FROM article_tags t JOIN articles a ON a.id = t.article_id WHERE t.tag_id = tags.id AND a.status = 'published')"));
  const expected = published + cats + tags + 3;
  assert.ok(expected > 2000);
  assert.equal(files.length, Math.ceil(expected / 2000));
  let total = 0;
  const all = new Set();
  for (const f of files) {
    const res = await get(f);
    assert.equal(res.status, 200, f);
    const xml = await res.text();
    await xmllint(xml);
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    assert.ok(locs.length <= 2000, `${f}: ${locs.length} URLs`);
    total += locs.length;
    for (const l of locs) all.add(l);
  }
  assert.equal(total, expected);
  assert.equal(all.size, expected, 'no URL twice');
  assert.ok([...all].some((u) => u.endsWith('/bai-viet/anh-kiem-thu')));
  assert.ok([...all].some((u) => u.endsWith('/chuyen-muc/kiem-thu')));
  assert.ok([...all].some((u) => u.endsWith('/the/the-kiem-thu')));
  assert.ok([...all].some((u) => u.endsWith('/en/about')));
  assert.ok(![...all].some((u) => u.includes('bai-cho-duyet')), 'no unpublished article');
  assert.equal((await get(`/sitemap-${files.length + 1}.xml`)).status, 404);
});

test('sitemap: every file and every dated page give their last change (<lastmod>)', async () => {
  const iso = (s) => s.replace(/\.\d+/, '');
  const idx = await (await get('/sitemap.xml')).text();
  const entries = [...idx.matchAll(/<sitemap>\s*<loc>[^<]+(\/sitemap-\d+\.xml)<\/loc>\s*<lastmod>([^<]+)<\/lastmod>\s*<\/sitemap>/g)];
  assert.equal(entries.length, count(idx, /<sitemap>/g), 'each file has its <lastmod>');
  for (const [, file, lastmod] of entries) {
    const xml = await (await get(file)).text();
    const mods = [...xml.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1]).sort();
    assert.equal(lastmod, mods[mods.length - 1], `${file}: the index gives its newest change`);
  }
  const first = await (await get('/sitemap-1.xml')).text();
  const modOf = (path) => {
    const m = first.match(new RegExp(`<loc>http://[^<]+${path}</loc>\\s*<lastmod>([^<]+)</lastmod>`));
    return m && m[1];
  };
  // an article: its updated_at; a category or tag: its newest published article's; home: the newest of all
  const art = await sql(srv.dbPath, "SELECT updated_at FROM articles WHERE slug = 'kiem-thu-07'");
  const files = [...idx.matchAll(/(\/sitemap-\d+\.xml)/g)].map((m) => m[1]);
  let artMod = null;
  for (const f of files) {
    const m = (await (await get(f)).text()).match(/<loc>http:\/\/[^<]+\/bai-viet\/kiem-thu-07<\/loc>\s*<lastmod>([^<]+)<\/lastmod>/);
    if (m) artMod = m[1];
  }
  assert.equal(artMod, iso(art));
  const cat = await sql(srv.dbPath, "SELECT max(a.updated_at) FROM articles a JOIN article_categories x ON x.article_id = a.id JOIN categories c ON c.id = x.category_id WHERE c.slug = 'kiem-thu' AND a.status = 'published'");
  assert.equal(modOf('/chuyen-muc/kiem-thu'), iso(cat));
  const tag = await sql(srv.dbPath, "SELECT max(a.updated_at) FROM articles a JOIN article_tags x ON x.article_id = a.id JOIN tags t ON t.id = x.tag_id WHERE t.slug = 'the-kiem-thu' AND a.status = 'published'");
  assert.equal(modOf('/the/the-kiem-thu'), iso(tag));
  const all = await sql(srv.dbPath, "SELECT max(updated_at) FROM articles WHERE status = 'published'");
  assert.match(first, new RegExp(`<loc>http://[^<]+/</loc>\\s*<lastmod>${iso(all)}</lastmod>`), 'the home page');
});

test('conditional GET: strong ETag, 304 on If-None-Match, public no-cache', async () => {
  for (const p of ['/', '/bai-viet/kiem-thu-07', '/chuyen-muc/kiem-thu', '/feed/rss.xml', '/sitemap.xml']) {
    const a = await get(p);
    const etag = a.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{32}"$/, p);
    assert.equal(a.headers.get('cache-control'), 'public, no-cache');
    const b = await get(p, { 'If-None-Match': etag });
    assert.equal(b.status, 304, p);
    assert.equal(b.headers.get('etag'), etag);
    assert.equal((await b.text()).length, 0);
    const c = await get(p, { 'If-None-Match': '"0000"' });
    assert.equal(c.status, 200);
  }
});

test('publishing on the desk changes the home page at once; other articles stay cached', async () => {
  const home1 = await get('/');
  const e1 = home1.headers.get('etag');
  assert.doesNotMatch(await home1.text(), /Bài chờ duyệt kiểm thử/);
  const other1 = (await get('/bai-viet/kiem-thu-07')).headers.get('etag');
  const feed1 = (await get('/feed/rss.xml')).headers.get('etag');

  const ed = new Client(srv.url);
  await ed.login('bientap', 'demo-bientap-2025');
  const id = await sql(srv.dbPath, "SELECT id FROM articles WHERE slug = 'bai-cho-duyet-kiem-thu'");
  const desk = await ed.get(`/desk/${id}`);
  assert.equal(desk.status, 200, 'the editor opens the article on the desk');
  const version = await sql(srv.dbPath, `SELECT version FROM articles WHERE id = ${id}`);
  const pub = await ed.postForm(`/desk/${id}/publish`, { version });
  assert.ok([200, 303].includes(pub.status), `publish answered ${pub.status}`);
  assert.equal(await sql(srv.dbPath, `SELECT status FROM articles WHERE id = ${id}`), 'published');

  const home2 = await get('/', { 'If-None-Match': e1 });
  assert.equal(home2.status, 200, 'the home page changed');
  assert.notEqual(home2.headers.get('etag'), e1);
  assert.match(await home2.text(), /Bài chờ duyệt kiểm thử/);
  assert.notEqual((await get('/feed/rss.xml')).headers.get('etag'), feed1, 'the feed changed');
  const other2 = await get('/bai-viet/kiem-thu-07', { 'If-None-Match': other1 });
  assert.equal(other2.status, 304, "another article's page kept its ETag");
  assert.equal((await get('/bai-viet/bai-cho-duyet-kiem-thu')).status, 200);
});

test('signed-in staff see an Administration link; their pages are not cached', async () => {
  const c = new Client(srv.url);
  await c.login('bientap', 'demo-bientap-2025');
  const r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.text, /<a href="\/units">Quản trị<\/a>/);
  assert.equal(r.headers.get('etag'), null);
  const anon = await (await get('/')).text();
  assert.doesNotMatch(anon, /Quản trị/);
});
