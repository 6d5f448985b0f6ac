// The directive area's settings page over real HTTP (demo province): the escalation days
// (settings.directive_escalate_days, 15 by default) are changed by the owners of the setting
// (an admin, the province's staff) from links in the menu and on the follow-up board; a wrong
// value is a 422 with a Vietnamese message beside the field and what was typed kept; the
// board uses the new value at once; an officer, an inspector and a viewer are refused, and a
// post without the CSRF token changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

const PW = { ...DEMO, kiemtra: 'demo-kiemtra-2025' };
let srv;
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const q = (sql) => storeSql(srv.dbPath, sql);
const valueOf = (html) => (html.match(/<input[^>]*id="f-escalate_days"[^>]*value="([^"]*)"/) || [])[1];

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, PW[user]);
  return c;
}

before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('the province staff reach the page from the menu and the board, and change the days', async () => {
  const bdv = await as('bdv');
  const board = await bdv.get('/tasks/board');
  assert.equal(board.status, 200);
  assert.match(board.text, /<a href="\/tasks\/settings">Đổi số ngày báo lên cấp trên<\/a>/);
  assert.match(board.text, /<a[^>]*href="\/tasks\/settings"[^>]*>Thiết lập nhiệm vụ<\/a>/, 'the menu entry');
  const page = await bdv.get('/tasks/settings');
  assert.equal(page.status, 200);
  assert.equal(valueOf(page.text), '15');
  assert.match(text(page.text), /Nhiệm vụ quá hạn được báo lên cấp trên sau 15 ngày kể từ hạn\./);

  for (const typed of ['mười', '0', '400', '']) {
    await bdv.get('/tasks/settings');
    const bad = await bdv.postForm('/tasks/settings', { escalate_days: typed });
    assert.equal(bad.status, 422, `"${typed}" is refused`);
    assert.match(bad.text, /id="f-escalate_days-err"/, 'the message beside the field');
    assert.match(bad.text, /href="#f-escalate_days"/, 'the error summary links the field');
    assert.equal(valueOf(bad.text) ?? '', typed, 'what was typed is kept');
    assert.equal(await q("SELECT value FROM settings WHERE key = 'directive_escalate_days'"), '15');
  }
  const err = (await bdv.postForm('/tasks/settings', { escalate_days: '400' })).text;
  assert.match(text(err.match(/id="f-escalate_days-err"[^>]*>[\s\S]*?<\//)[0]), /365/, 'in Vietnamese, with the bound');

  await bdv.get('/tasks/settings');
  const ok = await bdv.postForm('/tasks/settings', { escalate_days: '20' });
  assert.equal(ok.status, 303);
  assert.equal(await q("SELECT value FROM settings WHERE key = 'directive_escalate_days'"), '20');
  assert.equal(await q("SELECT count(*) FROM audit_log WHERE entity = 'directive_settings' AND changes LIKE '%20%'"), '1');
  const after = await bdv.get('/tasks/settings');
  assert.match(text(after.text), /Đã lưu thiết lập\./);
  assert.equal(valueOf(after.text), '20');
  assert.match(text((await bdv.get('/tasks/board')).text), /sau 20 ngày/, 'the board uses the new value at once');

  const admin = await as('admin');
  assert.equal((await admin.get('/tasks/settings')).status, 200);
  await admin.get('/tasks/settings');
  assert.equal((await admin.postForm('/tasks/settings', { escalate_days: '15' })).status, 303);
  assert.equal(await q("SELECT value FROM settings WHERE key = 'directive_escalate_days'"), '15');
});

test('an officer, an inspector and a viewer are refused; no CSRF token changes nothing', async () => {
  for (const user of ['xa1', 'kiemtra', 'xem']) {
    const c = await as(user);
    assert.equal((await c.get('/tasks/settings')).status, 403, `${user} reads no settings`);
    const board = await c.get('/tasks/board');
    assert.doesNotMatch(board.text, /href="\/tasks\/settings"/, `${user} sees no link`);
    await c.get('/tasks/board');
    assert.equal((await c.postForm('/tasks/settings', { escalate_days: '3' })).status, 403, `${user} changes nothing`);
  }
  const bdv = await as('bdv');
  await bdv.get('/tasks/settings');
  const r = await bdv.postForm('/tasks/settings', { _csrf: '', escalate_days: '3' });
  assert.equal(r.status, 403, 'no CSRF token');
  assert.equal(await q("SELECT value FROM settings WHERE key = 'directive_escalate_days'"), '15');
});
