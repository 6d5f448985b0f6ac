// Draft photos are not public (issue 9, finding 7): a photo uploaded to a draft answers 404
// to a signed-out reader and to a desk user who neither uploaded it nor may publish (ids
// counted up reveal nothing), while its uploader and an editor see it (private, never kept
// by shared caches). Once the article is published the photo is public again, cached for a
// year with its ETag (304 on If-None-Match).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

// A 1×1 PNG with an alpha channel, and another one (its own SHA-256, so its own media row).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PNG2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

async function draftWithPhoto(c, title, data) {
  await c.get('/desk/new');
  const fd = new FormData();
  fd.append('_csrf', csrfFrom(c.lastHtml));
  for (const [k, v] of Object.entries({ version: 0, title, body: 'Nội dung.', upload_caption_0: 'Chú thích', upload_alt_0: 'Mô tả' }))
    fd.append(k, String(v));
  fd.append('upload_file_0', new Blob([data], { type: 'image/png' }), 'anh.png');
  const r = await c.request('/desk', { method: 'POST', headers: { origin: c.baseUrl }, body: fd });
  assert.equal(r.status, 303, r.text.slice(0, 1000));
  const page = await c.get(r.location);
  const m = page.text.match(/src="\/media\/(\d+)\/thumb"/);
  assert.ok(m, 'the photo is on the draft');
  return { href: r.location, media: m[1], page };
}

test('a draft\'s photo is 404 to the public and to other contributors, served privately to its uploader and editors', async () => {
  const editor = await as('bientap');
  const d = await draftWithPhoto(editor, 'Bài nháp có ảnh', PNG);
  const anon = new Client(srv.url);
  for (const path of [`/media/${d.media}`, `/media/${d.media}/thumb`]) {
    assert.equal((await anon.get(path)).status, 404, `signed out: ${path}`);
    const mine = await editor.get(path);
    assert.equal(mine.status, 200, `the uploader: ${path}`);
    assert.equal(mine.headers.get('cache-control'), 'private, no-store');
  }
  const article = d.href.split('/').pop();
  assert.equal((await anon.get(`/desk/${article}`)).status >= 300, true);

  const contributor = await as('congtac');
  assert.equal((await contributor.get(`/media/${d.media}`)).status, 404, 'another contributor');
  assert.equal((await (await as('bdv')).get(`/media/${d.media}/thumb`)).status, 404, 'not a desk user');
  const own = await draftWithPhoto(contributor, 'Bài nháp của cộng tác viên', PNG2);
  assert.equal((await contributor.get(`/media/${own.media}`)).status, 200, 'a contributor sees their own photo');
  assert.equal((await editor.get(`/media/${own.media}`)).status, 200, 'an editor sees it');
  assert.equal((await anon.get(`/media/${own.media}`)).status, 404);
});

test('once published the photo is public, cached for a year, with its ETag', async () => {
  const editor = await as('bientap');
  const d = await draftWithPhoto(editor, 'Bài sẽ đăng có ảnh', Buffer.concat([PNG, Buffer.from([0])]));
  const anon = new Client(srv.url);
  assert.equal((await anon.get(`/media/${d.media}`)).status, 404);
  const version = d.page.text.match(/name="version" value="(\d+)"/)[1];
  const id = d.href.split('/').pop();
  const pub = await editor.postForm(`/desk/${id}/publish`, { version });
  assert.equal(pub.status, 303);
  const img = await fetch(`${srv.url}/media/${d.media}`);
  assert.equal(img.status, 200);
  assert.match(img.headers.get('cache-control'), /public, max-age=31536000/);
  await img.arrayBuffer();
  const etag = img.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(`${srv.url}/media/${d.media}`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${srv.url}/media/${d.media}/thumb`)).status, 200);
});
