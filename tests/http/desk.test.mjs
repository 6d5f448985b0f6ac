// The editors' desk over real HTTP on the demo province: a contributor writes and submits an
// article but cannot publish it (no button, POST refused with 403), an editor publishes it;
// a form with errors keeps the typed Markdown; a file that is not an image is refused with a
// message beside it and the rest of the form kept; a real image is stored and served from
// /media/:id with its type and a long cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';

const USERS = { ...DEMO, congtac: 'demo-congtac-2025' };

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, USERS[user]);
  return c;
}

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

// A 1×1 PNG with an alpha channel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** POST multipart/form-data with the client's cookies; files: { name: { data, filename, type } }. */
async function postMultipart(c, path, fields, files = {}) {
  const fd = new FormData();
  const all = { _csrf: csrfFrom(c.lastHtml), ...fields };
  for (const [k, v] of Object.entries(all)) if (v != null) fd.append(k, String(v));
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([f.data], { type: f.type }), f.filename);
  const res = await fetch(c.baseUrl + path, {
    method: 'POST', body: fd, redirect: 'manual', headers: { cookie: c.cookieHeader(), origin: c.baseUrl },
  });
  const body = await res.text();
  if ((res.headers.get('content-type') || '').startsWith('text/html')) c.lastHtml = body;
  return { status: res.status, text: body, location: res.headers.get('location'), headers: res.headers };
}

const BODY = 'Sau 10 năm thực hiện **Quyết định số 290-QĐ/TW**, nhận thức của cấp ủy được nâng lên.\n\n| Năm | Tham luận |\n| --- | --- |\n| 2020 | 6 |';

test('a contributor creates and submits; cannot publish; an editor publishes', async () => {
  const c = await as('congtac');
  const desk = await c.get('/desk');
  assert.equal(desk.status, 200);
  assert.match(desk.text, /href="\/desk\/new"/);
  const form = await c.get('/desk/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /enctype="multipart\/form-data"/);
  const r = await postMultipart(c, '/desk', {
    version: 0, title: 'Hội nghị tổng kết 10 năm thực hiện Quyết định 290', lead: 'Sáng 28/5/2020, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.',
    body: BODY, author_name_0: 'Văn Minh', author_unit_0: 'MT tỉnh', tags: 'Quy chế dân vận, Tổng kết',
  });
  assert.equal(r.status, 303, r.text.slice(0, 3000));
  const href = r.location;
  assert.match(href, /^\/desk\/\d+$/);
  const id = href.split('/').pop();

  const edit = await c.get(href);
  assert.equal(edit.status, 200);
  assert.match(edit.text, /hoi-nghi-tong-ket-10-nam-thuc-hien-quyet-dinh-290/);
  assert.match(edit.text, /value="Văn Minh"/);
  assert.doesNotMatch(edit.text, /action="\/desk\/\d+\/publish"/, 'no publish form for a contributor');
  assert.match(edit.text, /action="\/desk\/\d+\/submit"/);
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];

  const pub = await c.postForm(`/desk/${id}/publish`, { version });
  assert.equal(pub.status, 403);

  const sub = await c.postForm(`/desk/${id}/submit`, { version });
  assert.equal(sub.status, 303);
  const after = await c.get(href);
  assert.match(text(after.text), /Chờ duyệt|Pending review/);

  // the editor sees it and publishes it
  const e = await as('bientap');
  const list = await e.get('/desk?status=pending');
  assert.match(list.text, new RegExp(`href="/desk/${id}"`));
  const page = await e.get(href);
  assert.match(page.text, /action="\/desk\/\d+\/publish"/);
  const v2 = page.text.match(/name="version" value="(\d+)"/)[1];
  const p2 = await e.postForm(`/desk/${id}/publish`, { version: v2 });
  assert.equal(p2.status, 303);
  const done = await e.get(href);
  assert.match(text(done.text), /Đã đăng|Published on the portal/);

  const prev = await e.get(`${href}/preview`);
  assert.equal(prev.status, 200);
  assert.match(prev.text, /<table>/);
  assert.match(prev.text, /<strong>Quyết định số 290-QĐ\/TW<\/strong>/);
  assert.match(text(prev.text), /Văn Minh - MT tỉnh/);

  // after publishing: the desk links to the live article, which readers get
  const live = done.text.match(/<a href="(\/bai-viet\/[^"]+)">(Xem bài đã đăng trên cổng|View the published article)<\/a>/);
  assert.ok(live, 'a link to the published article');
  assert.equal(live[1], '/bai-viet/hoi-nghi-tong-ket-10-nam-thuc-hien-quyet-dinh-290');
  assert.equal((await fetch(srv.url + live[1])).status, 200);

  const hist = await e.get(`${href}/history`);
  assert.equal(hist.status, 200);
  assert.equal((hist.text.match(/<tr><td>\d+<\/td>/g) || []).length, 3, 'create, submit, publish');

  // a stale version is refused
  const stale = await e.postForm(`/desk/${id}/archive`, { version: v2 });
  assert.equal(stale.status, 200);
  assert.match(stale.text, /error-summary/);
});

test("the preview is the portal's own page layout, marked as a preview, before publishing", async () => {
  const c = await as('congtac');
  await c.get('/desk/new');
  const r = await postMultipart(c, '/desk', { version: 0, title: 'Bản nháp xem trước', lead: 'Sapo nháp.', body: 'Thân bài nháp.' });
  assert.equal(r.status, 303);
  const prev = await c.get(`${r.location}/preview`);
  assert.equal(prev.status, 200);
  assert.match(prev.text, /<body class="portal">/, 'the public layout');
  assert.match(prev.text, /<header class="portal-top">/);
  assert.match(prev.text, /<nav class="portal-menu"/);
  assert.match(prev.text, /<footer class="portal-foot">/);
  assert.match(prev.text, /<article class="story">[\s\S]*<h1>Bản nháp xem trước<\/h1>/, "the public article's markup");
  assert.match(prev.text, /<p class="story-lead">Sapo nháp\.<\/p>/);
  assert.match(prev.text, /class="flash preview-note" role="status">[^<]*(Xem trước|Preview)[\s\S]*?Bản nháp|Draft/);
  assert.match(prev.text, new RegExp(`href="${r.location}">`), 'back to the desk');
  assert.match(prev.text, /<meta name="robots" content="noindex">/);
  assert.doesNotMatch(prev.text, /<header class="top">/, 'not the staff layout');
  assert.doesNotMatch(prev.text, /\/gui"|Lượt xem/, 'no reader tools or views on a draft');
  assert.equal((await fetch(srv.url + '/bai-viet/ban-nhap-xem-truoc')).status, 404, 'still not public');
  // no live link before it is published
  assert.doesNotMatch((await c.get(r.location)).text, /Xem bài đã đăng trên cổng|View the published article/);
});

test('a viewer has no desk; an explicit address clash is refused with the text kept', async () => {
  const x = await as('xem');
  assert.equal((await x.get('/desk')).status, 403);
  const home = await x.get('/units');
  assert.doesNotMatch(home.text, /href="\/desk"/);

  const e = await as('bientap');
  await e.get('/desk/new');
  const a = await postMultipart(e, '/desk', { version: 0, title: 'Bài một', slug: 'bai-mot' });
  assert.equal(a.status, 303);
  await e.get('/desk/new');
  const b = await postMultipart(e, '/desk', { version: 0, title: 'Bài hai', slug: 'bai-mot', body: 'Nội dung *giữ lại*' });
  assert.equal(b.status, 200);
  assert.match(text(b.text), /already used by another article|đã được bài viết khác dùng/i);
  assert.match(b.text, /Nội dung \*giữ lại\*/);
  // without an explicit slug, the same title gets -2
  await e.get('/desk/new');
  const c2 = await postMultipart(e, '/desk', { version: 0, title: 'Bài một' });
  assert.equal(c2.status, 303);
  const pg = await e.get(c2.location);
  assert.match(pg.text, /value="bai-mot-2"/);
});

// 1x1 WebP images, lossless (VP8L) and lossy (VP8): decoded by Debian's webp-pixbuf-loader
const WEBP_LOSSLESS = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const WEBP_LOSSY = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAA=', 'base64');

test('WebP photos are accepted (lossless and lossy), kept as WebP, with a JPEG or PNG list copy', async () => {
  const e = await as('bientap');
  for (const [data, name] of [[WEBP_LOSSLESS, 'a.webp'], [WEBP_LOSSY, 'b.webp']]) {
    await e.get('/desk/new');
    const r = await postMultipart(e, '/desk', { version: 0, title: `Ảnh WebP ${name}`, upload_caption_0: 'Chú thích', upload_alt_0: 'Mô tả ảnh' },
      { upload_file_0: { data, filename: name, type: 'image/webp' } });
    assert.equal(r.status, 303, r.text.slice(0, 2000));
    const page = await e.get(r.location);
    const m = page.text.match(/src="\/media\/(\d+)\/thumb"/);
    assert.ok(m, `the WebP photo ${name} is stored`);
    const img = await fetch(`${srv.url}/media/${m[1]}`, { headers: { cookie: e.cookieHeader() } });
    assert.equal(img.headers.get('content-type'), 'image/webp');
    assert.deepEqual(Buffer.from(await img.arrayBuffer()), data);
    const thumb = await fetch(`${srv.url}/media/${m[1]}/thumb`, { headers: { cookie: e.cookieHeader() } });
    assert.equal(thumb.status, 200);
    assert.match(thumb.headers.get('content-type'), /^image\/(png|jpeg)$/);
    await thumb.arrayBuffer();
  }
});

test('validation keeps the typed body; a non-image upload is refused and the rest kept', async () => {
  const e = await as('bientap');
  await e.get('/desk/new');
  const body = '# Tiêu đề\n\nĐoạn văn <script>alert(1)</script> vẫn giữ nguyên.';
  const r = await postMultipart(e, '/desk', { version: 0, title: '', body, lead: 'Sa pô' });
  assert.equal(r.status, 200);
  assert.match(r.text, /id="f-title-err"/);
  assert.ok(r.text.includes('Đoạn văn &lt;script&gt;alert(1)&lt;/script&gt; vẫn giữ nguyên.'), 'body echoed, escaped');

  await e.get('/desk/new');
  const bad = await postMultipart(e, '/desk', { version: 0, title: 'Có ảnh giả', body: 'Giữ nội dung', upload_caption_0: 'Chú thích', upload_alt_0: 'Mô tả' },
    { upload_file_0: { data: Buffer.from('this is plain text, not a JPEG'), filename: 'photo.jpg', type: 'image/jpeg' } });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /id="f-upload_file_0-err"/);
  assert.match(text(bad.text), /not an image|không phải là ảnh/i);
  assert.match(bad.text, /Giữ nội dung/);
  assert.match(bad.text, /value="Có ảnh giả"/);
  assert.match(bad.text, /value="Chú thích"/);
});

test('an image upload is stored and served with its type', async () => {
  const e = await as('bientap');
  await e.get('/desk/new');
  const r = await postMultipart(e, '/desk', { version: 0, title: 'Bài có ảnh', upload_caption_0: 'Toàn cảnh hội nghị', upload_alt_0: 'Hội trường Tỉnh ủy' },
    { upload_file_0: { data: PNG, filename: 'anh.txt', type: 'text/plain' } });
  assert.equal(r.status, 303, r.text.slice(0, 2000));
  const page = await e.get(r.location);
  const m = page.text.match(/src="\/media\/(\d+)\/thumb"/);
  assert.ok(m, 'the stored photo is listed');
  assert.match(page.text, /value="Toàn cảnh hội nghị"/);
  const anon = new Client(srv.url);
  // a draft's photo: its uploader sees it, privately; the public cache headers come with
  // publication (media_access.test.mjs)
  assert.equal((await anon.get(`/media/${m[1]}`)).status, 404);
  const img = await fetch(`${srv.url}/media/${m[1]}`, { headers: { cookie: e.cookieHeader() } });
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.equal(img.headers.get('cache-control'), 'private, no-store');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);
  const thumb = await fetch(`${srv.url}/media/${m[1]}/thumb`, { headers: { cookie: e.cookieHeader() } });
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers.get('content-type'), 'image/png');
  assert.equal((await anon.get('/media/999999')).status, 404);
});

test('an editor publishes with a past date (dd/mm/yyyy): too early is refused beside the field', async () => {
  const e = await as('bientap');
  await e.get('/desk/new');
  const r = await postMultipart(e, '/desk', {
    version: 0, title: 'Bài chuyển từ trang cũ', lead: 'Đăng lần đầu năm 2019.', body: 'Nội dung.',
  });
  assert.equal(r.status, 303);
  const href = r.location;
  const id = href.split('/').pop();
  let page = await e.get(href);
  let version = page.text.match(/name="version" value="(\d+)"/)[1];

  const early = await e.postForm(`/desk/${id}/publish`, { version, publish_date: '31/12/1999', publish_time: '08:00' });
  assert.equal(early.status, 200);
  assert.match(early.text, /id="f-publish_date-err"/);
  assert.match(early.text, /value="31\/12\/1999"/, 'the typed date is kept');

  page = await e.get(href);
  version = page.text.match(/name="version" value="(\d+)"/)[1];
  const ok = await e.postForm(`/desk/${id}/publish`, { version, publish_date: '15/03/2019', publish_time: '09:30' });
  assert.equal(ok.status, 303);
  const slug = (await e.get(href)).text.match(/name="slug"[^>]*value="([^"]+)"/)[1];
  const pub = await fetch(`${srv.url}/bai-viet/${slug}`);
  const html = await pub.text();
  assert.equal(pub.status, 200);
  assert.match(html, /15\/03\/2019 09:30/);
  assert.match(html, /datetime="2019-03-15T02:30:00Z"|2019-03-15T02:30:00Z/);
});
