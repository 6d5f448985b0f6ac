// Unit pages over real HTTP on the demo province: the tree, search without diacritics, a
// unit's page, access refused across communes, the create form's validation (typed values
// kept, error beside the field) and the CSRF check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities, csrfFrom } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

// The first /units/N link whose text is `name`.
function linkTo(html, name) {
  for (const m of html.matchAll(/<a href="(\/units\/\d+)">([^<]*)<\/a>/g)) {
    if (decodeEntities(m[2]) === name) return m[1];
  }
  return null;
}

test('admin sees the 34 provinces, searches "ca mau" and opens the province', async () => {
  const c = await as('admin');
  const r = await c.get('/units');
  assert.equal(r.status, 200);
  const links = r.text.match(/<li><a href="\/units\/\d+">/g) || [];
  assert.equal(links.length, 34);
  assert.match(text(r.text), /Tỉnh Cà Mau/);

  const s = await c.get('/units?q=ca+mau');
  assert.equal(s.status, 200);
  const href = linkTo(s.text, 'Tỉnh Cà Mau');
  assert.ok(href, 'search "ca mau" finds Tỉnh Cà Mau');
  assert.ok(linkTo(s.text, 'Tỉnh ủy Cà Mau'), 'and the provincial Party committee');

  const s2 = await c.get('/units?q=' + encodeURIComponent('phuong an xuyen'));
  assert.ok(linkTo(s2.text, 'Phường An Xuyên'), 'search "phuong an xuyen"');
  assert.match(text(s2.text), /Tỉnh Cà Mau/, 'hit shows its parent path');

  const p = await c.get(href);
  assert.equal(p.status, 200);
  const t = text(p.text);
  assert.match(t, /96/);
  assert.match(t, /01\/07\/2025/);
  assert.ok(linkTo(p.text, 'Phường Bạc Liêu'), 'communes are listed');
  assert.ok(linkTo(p.text, 'Tỉnh ủy Cà Mau'), 'provincial bodies are listed');
  assert.match(p.text, /href="\/units\/new\?parent=\d+"/, 'admin sees "new subordinate unit"');

  assert.equal((await c.get('/units/99999999')).status, 404);
});

test('staff bdv sees the province; "dan van" search stays inside it', async () => {
  const c = await as('bdv');
  const r = await c.get('/units');
  assert.equal(r.status, 200);
  assert.ok(linkTo(r.text, 'Tỉnh Cà Mau'));
  assert.equal(linkTo(r.text, 'Thành phố Hà Nội'), null);
  const s = await c.get('/units?q=dan+van');
  assert.ok(linkTo(s.text, 'Ban Dân vận Tỉnh ủy Cà Mau'));
  const b = await c.get(linkTo(s.text, 'Ban Dân vận Tỉnh ủy Cà Mau'));
  assert.equal(b.status, 200);
  assert.match(text(b.text), /Lê Thị Thu Hà/, 'people of the unit are listed');
  assert.doesNotMatch(b.text, /\/edit"/, 'no edit link for staff');
  assert.equal((await c.get('/units/new')).status, 403);
});

test('officer xa1 gets 403 on xa2\'s commune and on the province', async () => {
  const admin = await as('admin');
  const s = await admin.get('/units?q=' + encodeURIComponent('Phường Vĩnh Trạch'));
  const xa2Href = linkTo(s.text, 'Phường Vĩnh Trạch');
  const provHref = linkTo((await admin.get('/units?q=ca+mau')).text, 'Tỉnh Cà Mau');
  assert.ok(xa2Href && provHref);

  const c = await as('xa1');
  const own = await c.get('/units');
  assert.equal(own.status, 200);
  const ownHref = linkTo(own.text, 'Phường Bạc Liêu');
  assert.ok(ownHref, 'xa1 sees its own commune');
  assert.equal((await c.get(ownHref)).status, 200);
  assert.equal((await c.get(xa2Href)).status, 403);
  assert.equal((await c.get(provHref)).status, 403);
  const hits = await c.get('/units?q=ca+mau');
  assert.equal(linkTo(hits.text, 'Tỉnh Cà Mau'), null, 'search stays in the officer\'s scope');
});

test('create: a bad date re-renders the form with the typed values and the error beside the field', async () => {
  const c = await as('admin');
  const prov = linkTo((await c.get('/units?q=ca+mau')).text, 'Tỉnh Cà Mau');
  const pid = prov.split('/').pop();
  const form = await c.get(`/units/new?parent=${pid}`);
  assert.equal(form.status, 200);
  const r = await c.postForm('/units', {
    parent: pid, name: 'Ban Nội chính Tỉnh ủy Cà Mau', short_name: '', code: '96-TU-BNC',
    type: 'party_commission', valid_from: '31/02/2025', note: '',
  });
  assert.equal(r.status, 200);
  assert.match(r.text, /value="Ban Nội chính Tỉnh ủy Cà Mau"/, 'typed name kept');
  assert.match(r.text, /value="31\/02\/2025"/, 'typed date kept');
  assert.match(r.text, /<span class="error" id="f-valid_from-err">[^<]+<\/span>/);
  assert.match(r.text, /id="f-valid_from"[^>]*aria-invalid="true"[^>]*aria-describedby="f-valid_from-err/);
  assert.match(r.text, /class="error-summary"/);

  // fixed: created, then POST-redirect-GET with the flash
  const ok = await c.postForm('/units', {
    parent: pid, name: 'Ban Nội chính Tỉnh ủy Cà Mau', code: '96-TU-BNC', type: 'party_commission',
    valid_from: '01/07/2025',
  });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /^\/units\/\d+$/);
  const shown = await c.get(ok.location);
  assert.match(text(shown.text), /Ban Nội chính Tỉnh ủy Cà Mau/);
  assert.match(shown.text, /class="flash"/);

  // the same code again: error on the code field
  const dup = await c.postForm('/units', {
    parent: pid, name: 'Trùng mã', code: '96-TU-BNC', type: 'agency', valid_from: '01/07/2025',
  });
  assert.equal(dup.status, 200);
  assert.match(dup.text, /id="f-code-err"/);

  // close it, then it shows as closed
  const id = ok.location.split('/').pop();
  await c.get(`/units/${id}/close`);
  const bad = await c.postForm(`/units/${id}/close`, { date: '01/01/2020' });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /id="f-date-err"/);
  const closed = await c.postForm(`/units/${id}/close`, { date: '02/07/2025' });
  assert.equal(closed.status, 303);
  assert.match(text((await c.get(`/units/${id}`)).text), /02\/07\/2025/);
});

test('edit keeps values and saves; POST without _csrf is refused', async () => {
  const c = await as('admin');
  const href = linkTo((await c.get('/units?q=so+y+te')).text, 'Sở Y tế tỉnh Cà Mau');
  assert.ok(href);
  const e = await c.get(`${href}/edit`);
  assert.equal(e.status, 200);
  assert.match(e.text, /value="Sở Y tế tỉnh Cà Mau"/);
  assert.match(e.text, /value="01\/07\/2025"/);
  const r = await c.postForm(href, {
    name: 'Sở Y tế tỉnh Cà Mau', short_name: 'SYT', code: '96-SYT', type: 'department',
    valid_from: '01/07/2025', note: 'Cơ quan chuyên môn thuộc UBND tỉnh',
  });
  assert.equal(r.status, 303);
  assert.match(text((await c.get(href)).text), /Cơ quan chuyên môn thuộc UBND tỉnh/);

  const forged = await c.postForm('/units', { name: 'X', code: 'X1', type: 'agency', valid_from: '01/07/2025', _csrf: null });
  assert.equal(forged.status, 403);
  const forged2 = await c.postForm(`${href}/close`, { date: '02/07/2025', _csrf: null });
  assert.equal(forged2.status, 403);
  const staff = await as('bdv');
  await staff.get('/units');
  assert.equal((await staff.postForm(`${href}/close`, { date: '02/07/2025' })).status, 403);
});

// The unit page's list of people is kept in memory (people_cache.c): an account created in
// the unit, or moved out of it, shows on the page at once, not seconds later.
test('a unit page shows an account created or moved just now', async () => {
  const c = await as('admin');
  const form = await c.get('/users/new');
  const unit = form.text.match(/<select id="f-unit_id"[\s\S]*?<option value="(\d+)"/)[1];
  const before = await c.get(`/units/${unit}`);
  assert.equal(before.status, 200);
  assert.doesNotMatch(text(before.text), /Lâm Thị Cache/);
  const ok = await c.postForm('/users', {
    username: 'cache1', full_name: 'Lâm Thị Cache', position: 'Chuyên viên', unit_id: unit, role: 'viewer',
    password: 'secret pw 123', password2: 'secret pw 123',
  }, { csrf: csrfFrom(form.text) });
  assert.equal(ok.status, 303);
  const after = await c.get(`/units/${unit}`);
  assert.match(text(after.text), /Lâm Thị Cache/, 'the new account is listed at once');

  const edit = await c.get(`${ok.location}/edit`);
  assert.equal(edit.status, 200);
  const other = [...edit.text.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]).find((v) => v !== unit && v.length > 2);
  const moved = await c.postForm(`${ok.location}`, {
    full_name: 'Lâm Thị Cache', position: 'Chuyên viên', unit_id: other, role: 'viewer',
  }, { csrf: csrfFrom(edit.text) });
  assert.ok(moved.status === 303, `edit answered ${moved.status}`);
  const gone = await c.get(`/units/${unit}`);
  assert.doesNotMatch(text(gone.text), /Lâm Thị Cache/, 'moved out: no longer listed');
});
