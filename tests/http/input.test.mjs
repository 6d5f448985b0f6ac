// input.test.mjs - the declared input layer (http/input.h) seen from outside: a path
// parameter that is not of its declared type is a 404 before the handler reads anything, a
// query parameter that is not valid is dropped (the page still answers), and a form keeps
// its declared label, hint and typed value when a value is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

test('path ids that are not positive integers are 404 on every area', async () => {
  const admin = await as('admin');
  for (const p of ['/units/abc', '/units/0', '/units/-3', '/units/12x', '/units/99999999999999999999',
                   '/users/abc', '/users/0', '/desk/x1', '/desk/categories/0/move', '/media/abc',
                   '/regimes/abc', '/regimes/1/sections/abc/edit', '/reports/abc/history',
                   '/reports/1/x/1', '/reports/x/document.pdf']) {
    const method = p.endsWith('/move') ? 'POST' : 'GET';
    if (method === 'POST') await admin.get('/desk/categories'); // its _csrf
    const r = method === 'POST' ? await admin.postForm(p, { dir: 'up' }) : await admin.get(p);
    assert.equal(r.status, 404, `${method} ${p}`);
  }
});

test('declared path parameters of other types: language, slugs, sitemap numbers', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.get('/lang/fr')).status, 404);
  assert.equal((await c.get('/lang/vi?next=/gioi-thieu')).location, '/gioi-thieu');
  assert.equal((await c.get('/lang/en?next=//evil.test')).location, '/', 'only a local next');
  for (const p of ['/bai-viet/Not_A_Slug', '/chuyen-muc/..%2Fetc', '/the/UPPER', '/sitemap-0.xml', '/sitemap-x.xml']) {
    assert.equal((await c.get(p)).status, 404, p);
  }
});

test('invalid query parameters are dropped, not fatal', async () => {
  const c = new Client(srv.url);
  for (const p of ['/tim-kiem?q=dan&trang=abc', '/tim-kiem?q=dan&trang=0']) {
    assert.equal((await c.get(p)).status, 200, p);
  }
  const admin = await as('admin');
  for (const p of ['/audit?record=abc&before=x&actor=', '/desk?page=abc&status=nope',
                   '/reports/review?regime=x&page=-1&sort=weird&late=maybe']) {
    assert.equal((await admin.get(p)).status, 200, p);
  }
});

test('a refused value re-renders the field from its declaration, typed value kept', async () => {
  const admin = await as('admin');
  await admin.get('/units/new'); // its _csrf
  const r = await admin.postForm('/units', { name: 'Tổ dân phố 7', short_name: '', code: 'TDP7', type: 'commune',
                                             valid_from: '31/02/2025', note: '' });
  assert.equal(r.status, 200, 'the form again, not a redirect');
  const html = decodeEntities(r.text);
  assert.match(html, /<label for="f-valid_from">Hiệu lực từ/, 'the declared label, translated');
  assert.match(html, /id="f-valid_from-hint">Ngày theo dạng dd\/mm\/yyyy/, 'the declared hint');
  assert.match(html, /value="31\/02\/2025"/, 'what was typed comes back');
  assert.match(html, /id="f-valid_from-err"/, 'the error beside the field');
});
