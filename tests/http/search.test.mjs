// Article search over real HTTP (GET /tim-kiem): articles written and published through the
// editors' desk are found whatever the reader's spelling ("dan van", "Dân Vận", "DÂN VẬN"
// give the same results; "da nang" finds "Đà Nẵng"), snippets mark the words with <mark>,
// drafts are not found, and hostile input (markup, FTS5 syntax, unbalanced quotes, broken
// UTF-8) answers 200 with everything escaped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
let editor;
before(async () => {
  srv = await startServer();
  editor = new Client(srv.url);
  await editor.login('bientap', DEMO.bientap);
  await write({ title: 'Dân vận khéo ở Đà Nẵng', lead: 'Kinh nghiệm làm công tác dân vận khéo của phường.', body: 'Cán bộ gần dân, hiểu dân.' });
  await write({ title: 'DÂN VẬN CHÍNH QUYỀN NĂM 2025', lead: 'Tổng kết phong trào thi đua.', body: 'Chính quyền các cấp thực hiện tốt quy chế dân chủ ở cơ sở.' });
  await write({ title: 'Bài có mã độc', lead: 'Thử <script>alert(1)</script> trong bài.', body: 'Đoạn <img src=x onerror=alert(2)> và "ngoặc" & kí hiệu xylophonzz.' });
  await write({ title: 'Bản nháp xylophonzz', lead: 'Chưa đăng.', body: 'Nháp.' }, { publish: false });
});
after(async () => { await srv?.stop(); });

// Creates an article through the desk and (by default) publishes it now.
async function write({ title, lead, body }, { publish = true } = {}) {
  const form = await editor.get('/desk/new');
  assert.equal(form.status, 200, 'the desk is open to the editor');
  const r = await editor.postForm('/desk', { title, lead, body, version: '0' });
  assert.equal(r.status, 303, `article "${title}" created: ${r.status}\n${r.text.slice(0, 1500)}`);
  if (!publish) return;
  const page = await editor.get(r.location);
  const m = page.text.match(/<form[^>]*action="(\/desk\/\d+\/publish)"[\s\S]*?name="version" value="(\d+)"/);
  assert.ok(m, 'the edit page has a publish form');
  const p = await editor.postForm(m[1], { version: m[2], publish: '1' });
  assert.equal(p.status, 303, `article "${title}" published: ${p.status}\n${p.text.slice(0, 1500)}`);
}

const reader = () => new Client(srv.url);
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

async function search(q, extra = '') {
  const r = await reader().get('/tim-kiem?q=' + encodeURIComponent(q) + extra);
  assert.equal(r.status, 200, `search ${JSON.stringify(q)} → ${r.status}`);
  return r;
}

// The result links in rank order.
const hits = (html) => [...html.matchAll(/<h2 class="search-title"><a href="(\/bai-viet\/[^"]+)">/g)].map((m) => m[1]);

test('"dan van", "Dân Vận" and "DÂN VẬN" find the same articles; case never changes the order', async () => {
  const a = await search('dan van');
  const b = await search('Dân Vận');
  const c = await search('DÂN VẬN');
  const ha = hits(a.text);
  assert.ok(ha.length >= 2, `at least our two articles: ${ha}`);
  const count = (html) => text(html).match(/(\d+) (bài viết|articles)/)[1];
  assert.equal(count(b.text), count(a.text), 'as many results with or without diacritics');
  assert.equal(count(c.text), count(a.text));
  // the letters as typed weigh in the order (diacritics), capitals do not
  assert.deepEqual(hits(c.text), hits(b.text));
  const t = text(a.text);
  assert.match(t, /Dân vận khéo ở Đà Nẵng/);
  assert.match(t, /DÂN VẬN CHÍNH QUYỀN NĂM 2025/);
  assert.match(a.text, /<mark>[Dd]ân<\/mark> <mark>[Vv]ận<\/mark>/, 'words are marked in the results');
  assert.match(a.text, /<mark>DÂN<\/mark> <mark>VẬN<\/mark>/, 'the original spelling is marked');
  assert.match(t, /\d+ (bài viết|articles)/, 'the number of results is given');
  // the query stays in the form
  assert.match(c.text, /<input type="search" id="search-q" name="q" value="DÂN VẬN"/);
});

test('"da nang" finds "Đà Nẵng"; snippets come with <mark>', async () => {
  const r = await search('da nang');
  assert.match(text(r.text), /Dân vận khéo ở Đà Nẵng/);
  assert.match(r.text, /<mark>Đà<\/mark> <mark>Nẵng<\/mark>/);
  const s = await search('quy che dan chu');
  assert.match(s.text, /<p class="search-snippet">[^<]*(<mark>[^<]+<\/mark>[^<]*)+<\/p>/);
});

test('drafts are not found; a word nobody wrote gives a clear message', async () => {
  const r = await search('xylophonzz');
  const h = hits(r.text);
  assert.equal(h.length, 1, 'only the published article');
  assert.doesNotMatch(text(r.text), /Bản nháp/);
  const none = await search('khongcotunaytrongbaiviet');
  assert.equal(hits(none.text).length, 0);
  assert.match(none.text, /class="search-none"/);
  const empty = await search('');
  assert.equal(hits(empty.text).length, 0);
  assert.doesNotMatch(empty.text, /class="search-none"/, 'no "no results" before a search');
});

test('article text in results is escaped', async () => {
  const r = await search('ma doc');
  assert.equal(hits(r.text).length, 1);
  const r2 = await search('alert');
  assert.doesNotMatch(r2.text, /<script>alert/);
  assert.doesNotMatch(r2.text, /<img src=x/);
  assert.match(r2.text, /&lt;script&gt;<mark>alert<\/mark>|&lt;script&gt;/);
  const r3 = await search('kí hiệu');
  assert.match(r3.text, /&amp;/);
  assert.doesNotMatch(r3.text, /\uE000|\uE001/, 'no private-use markers leak');
});

test('hostile input answers 200 with escaped output', async () => {
  for (const q of ['<script>alert(1)</script>', '"dan van', 'dan van"', '"', '""', 'NEAR(dan van', 'dan AND', 'OR',
    '*', ':', 'title:dan', '^dan', '-', '(', ')', "' OR 1=1 --", 'a'.repeat(5000), 'dân '.repeat(50)]) {
    const r = await search(q);
    assert.doesNotMatch(r.text, /<script>alert/, q);
    assert.match(r.text, /<\/html>\s*$/, 'a whole page');
  }
  const x = await search('<script>alert(1)</script>');
  assert.match(x.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  // FTS5 keywords are words: "dan AND van" requires the word "and"
  const k = await search('"dan van"');
  assert.deepEqual(hits(k.text), hits((await search('dan van')).text));
  // broken UTF-8, odd pages
  for (const path of ['/tim-kiem?q=%C3', '/tim-kiem?q=%FF%FE', '/tim-kiem?q=dan&trang=abc', '/tim-kiem?q=dan&trang=-1',
    '/tim-kiem?q=dan&trang=999999999999', '/tim-kiem?q=dan+van&trang=500', '/tim-kiem', '/tim-kiem?q=%00']) {
    const r = await reader().get(path);
    assert.equal(r.status, 200, path);
  }
});

test('results are paged with links that keep the query', async () => {
  const r = await search('dan');
  const m = text(r.text).match(/(\d+) (bài viết|articles)/);
  assert.ok(m, 'a count');
  const total = Number(m[1]);
  if (total > 10) {
    assert.match(r.text, /href="\/tim-kiem\?q=dan&amp;trang=2"/);
    const p2 = await search('dan', '&trang=2');
    const h1 = hits(r.text);
    const h2 = hits(p2.text);
    assert.ok(h2.length > 0);
    assert.equal(h1.filter((h) => h2.includes(h)).length, 0, 'page 2 shows other articles');
  } else {
    assert.doesNotMatch(r.text, /trang=2/);
  }
});
