// Sign-in, sessions, accounts and the audit log over real HTTP: login ok/ko, cookie flags,
// logout ending the session on the server, CSRF, throttling, account creation with a
// validation error, disabled accounts, password change, staff limits, the audit page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom, decodeEntities } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const main = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

async function loginForm(c) {
  const page = await c.get('/login');
  assert.equal(page.status, 200);
  return csrfFrom(page.text);
}

test('login succeeds with a secure session cookie and goes to next', async () => {
  const c = new Client(srv.url);
  const token = await loginForm(c);
  const r = await c.postForm('/login', { username: 'admin', password: DEMO.admin, next: '/users' }, { csrf: token });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/users');
  const sc = r.headers.getSetCookie().find((s) => s.startsWith('dv_session='));
  assert.ok(sc, 'no session cookie');
  assert.match(sc, /^dv_session=[0-9a-f]{64};/);
  assert.match(sc, /HttpOnly/);
  assert.match(sc, /SameSite=Lax/);
  const users = await c.get('/users');
  assert.equal(users.status, 200);
  assert.match(users.text, /xa1/);
});

test('an outside next is ignored', async () => {
  const c = new Client(srv.url);
  const token = await loginForm(c);
  const r = await c.postForm('/login', { username: 'xem', password: DEMO.xem, next: '//evil.example/' }, { csrf: token });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/dashboard', 'a viewer lands on the dashboard, not outside');
});

test('wrong password: the form again, generic message, username kept, password not', async () => {
  const c = new Client(srv.url);
  const token = await loginForm(c);
  const r = await c.postForm('/login', { username: 'bientap', password: 'wrong-password-1' }, { csrf: token });
  assert.equal(r.status, 200);
  assert.ok(!r.headers.getSetCookie().some((s) => s.startsWith('dv_session=') && !s.startsWith('dv_session=;')));
  assert.match(r.text, /Sai tên đăng nhập hoặc mật khẩu|Wrong username or password/);
  assert.match(r.text, /value="bientap"/);
  assert.doesNotMatch(r.text, /wrong-password-1/);
  const unknown = await c.postForm('/login', { username: 'nobody', password: 'whatever-123' });
  assert.equal(unknown.status, 200);
  assert.match(unknown.text, /Sai tên đăng nhập hoặc mật khẩu|Wrong username or password/);
});

test('POST without a CSRF token is refused with 403', async () => {
  const c = new Client(srv.url);
  await loginForm(c);
  const r = await c.postForm('/login', { username: 'admin', password: DEMO.admin, _csrf: null });
  assert.equal(r.status, 403);
  const c2 = new Client(srv.url);
  await c2.login('admin', DEMO.admin);
  const r2 = await c2.postForm('/logout', { _csrf: 'deadbeef' });
  assert.equal(r2.status, 403);
});

test('logout ends the session on the server', async () => {
  const c = new Client(srv.url);
  await c.login('xa2', DEMO.xa2);
  const cookie = c.cookies.get('dv_session');
  const page = await c.follow('/units');
  assert.equal(page.status, 200);
  const r = await c.postForm('/logout', {}, { csrf: csrfFrom(page.text) });
  assert.equal(r.status, 303);
  assert.equal(c.cookies.get('dv_session'), undefined);
  // replay the old cookie: it must no longer work
  const replay = await fetch(`${srv.url}/users/new`, { headers: { cookie: `dv_session=${cookie}` }, redirect: 'manual' });
  await replay.arrayBuffer();
  assert.equal(replay.status, 303);
  assert.match(replay.headers.get('location'), /^\/login/);
});

test('anonymous visitors are sent to the login page; officers and viewers cannot manage accounts', async () => {
  const anon = await fetch(`${srv.url}/users`, { redirect: 'manual' });
  await anon.arrayBuffer();
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=/users');
  const c = new Client(srv.url);
  await c.login('xa1', DEMO.xa1);
  assert.equal((await c.get('/users')).status, 403);
  assert.equal((await c.get('/users/1')).status, 403);
  assert.equal((await c.get('/audit')).status, 403);
});

test('staff cannot open an admin account nor grant admin', async () => {
  const c = new Client(srv.url);
  await c.login('bdv', DEMO.bdv);
  const list = await c.get('/users');
  assert.equal(list.status, 200);
  assert.doesNotMatch(main(list.text), />admin</);
  const admin = await c.get('/users/1');
  assert.equal(admin.status, 403);
  const form = await c.get('/users/new');
  assert.equal(form.status, 200);
  assert.doesNotMatch(form.text, /<option value="admin"/);
  const unit = form.text.match(/<select id="f-unit_id"[\s\S]*?<option value="(\d+)"/)[1];
  const r = await c.postForm('/users', {
    username: 'sneaky', full_name: 'Sneaky', unit_id: unit, role: 'admin',
    password: 'long enough pw', password2: 'long enough pw',
  });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-role-err"/);
  assert.equal((await c.get('/audit')).status, 403);
});

test('creating an account: validation errors beside the fields, values kept; then success', async () => {
  const c = new Client(srv.url);
  await c.login('admin', DEMO.admin);
  const form = await c.get('/users/new');
  const unit = form.text.match(/<select id="f-unit_id"[\s\S]*?<option value="(\d+)"/)[1];
  const bad = await c.postForm('/users', {
    username: 'Bad Name!', full_name: 'Trần Thị Bích', email: 'bich@example.vn', phone: '0901 234 567',
    position: 'Chuyên viên', unit_id: unit, role: 'viewer', password: 'secret pw 123', password2: 'different 123',
  });
  assert.equal(bad.status, 422);
  const m = main(bad.text);
  assert.match(m, /class="error-summary"/);
  assert.match(m, /href="#f-username"/);
  assert.match(m, /<span class="error" id="f-username-err">/);
  assert.match(m, /<span class="error" id="f-password2-err">/);
  assert.match(m, /id="f-username"[^>]*value="Bad Name!"[^>]*aria-describedby="f-username-hint f-username-err"[^>]*aria-invalid="true"/);
  assert.match(m, /value="Trần Thị Bích"/);
  assert.match(m, /value="bich@example.vn"/);
  assert.match(m, /value="0901 234 567"/);
  assert.match(m, new RegExp(`<option value="${unit}" selected>`));
  assert.match(m, /<option value="viewer" selected>/);
  assert.doesNotMatch(m, /secret pw 123|different 123/);

  const ok = await c.postForm('/users', {
    username: 'bich', full_name: 'Trần Thị Bích', email: 'bich@example.vn', unit_id: unit, role: 'viewer',
    password: 'secret pw 123', password2: 'secret pw 123',
  }, { csrf: csrfFrom(bad.text) });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /^\/users\/\d+$/);
  const show = await c.get(ok.location);
  assert.equal(show.status, 200);
  assert.match(show.text, /Trần Thị Bích/);
  const dup = await c.postForm('/users', {
    username: 'bich', full_name: 'Other', unit_id: unit, role: 'viewer', password: 'secret pw 123', password2: 'secret pw 123',
  }, { csrf: csrfFrom(show.text) });
  assert.equal(dup.status, 422);
  assert.match(dup.text, /id="f-username-err"/);

  const b = new Client(srv.url);
  await b.login('bich', 'secret pw 123');
});

test('a disabled account cannot sign in and its sessions end', async () => {
  const admin = new Client(srv.url);
  await admin.login('admin', DEMO.admin);
  const list = await admin.get('/users');
  const id = list.text.match(/href="\/users\/(\d+)">bientap</)[1];
  const victim = new Client(srv.url);
  await victim.login('bientap', DEMO.bientap);
  assert.equal((await victim.follow('/units')).status, 200);

  const show = await admin.get(`/users/${id}`);
  const r = await admin.postForm(`/users/${id}/disable`, {}, { csrf: csrfFrom(show.text) });
  assert.equal(r.status, 303);
  const after1 = await victim.get('/account/password');
  assert.equal(after1.status, 303, 'the disabled account keeps a live session');
  await assert.rejects(new Client(srv.url).login('bientap', DEMO.bientap));

  const show2 = await admin.get(`/users/${id}`);
  const r2 = await admin.postForm(`/users/${id}/enable`, {}, { csrf: csrfFrom(show2.text) });
  assert.equal(r2.status, 303);
  await new Client(srv.url).login('bientap', DEMO.bientap);
});

test('changing one\'s password: wrong current refused, other sessions end, new password works', async () => {
  const c = new Client(srv.url);
  await c.login('xa1', DEMO.xa1);
  const other = new Client(srv.url);
  await other.login('xa1', DEMO.xa1);
  const form = await c.get('/account/password');
  assert.equal(form.status, 200);
  const wrong = await c.postForm('/account/password', { current_password: 'not it at all', password: 'brand new pass 1', password2: 'brand new pass 1' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /id="f-current_password-err"/);
  const ok = await c.postForm('/account/password', { current_password: DEMO.xa1, password: 'brand new pass 1', password2: 'brand new pass 1' }, { csrf: csrfFrom(wrong.text) });
  assert.equal(ok.status, 303);
  assert.equal((await c.get('/account/password')).status, 200, 'this browser stays signed in');
  assert.equal((await other.get('/account/password')).status, 303, 'the other session has ended');
  await assert.rejects(new Client(srv.url).login('xa1', DEMO.xa1));
  await new Client(srv.url).login('xa1', 'brand new pass 1');
});

test('the audit log lists the changes, filters and pages', async () => {
  const c = new Client(srv.url);
  await c.login('admin', DEMO.admin);
  const r = await c.get('/audit');
  assert.equal(r.status, 200);
  const m = decodeEntities(main(r.text));
  assert.match(m, /<span class="field-name">Tên đăng nhập<\/span>: — → bich/, 'the field named in the reader\'s language');
  assert.match(m, /\d\d\/\d\d\/\d{4} \d\d:\d\d/);
  assert.doesNotMatch(m, /argon2/);
  const users = await c.get('/audit?entity=user&actor=admin');
  assert.equal(users.status, 200);
  assert.doesNotMatch(main(users.text), />cli</);
  const older = r.text.match(/href="(\/audit\?before=\d+)"/);
  assert.ok(older, 'no "Older entries" link');
  const p2 = await c.get(decodeEntities(older[1]));
  assert.equal(p2.status, 200);
});

test('six wrong passwords: the account is locked (429) without checking the password', async () => {
  const c = new Client(srv.url);
  let token = await loginForm(c);
  let last;
  for (let i = 0; i < 6; i++) {
    last = await c.postForm('/login', { username: 'xem', password: `wrong-${i}-password` }, { csrf: token });
    if (i < 5) assert.equal(last.status, 200, `attempt ${i + 1}`);
  }
  assert.equal(last.status, 429);
  assert.match(last.text, /15/);
  const right = await c.postForm('/login', { username: 'xem', password: DEMO.xem }, { csrf: token });
  assert.equal(right.status, 429, 'locked even with the right password');
});
