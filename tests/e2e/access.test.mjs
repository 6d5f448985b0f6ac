// access.test.mjs - refusals as a person meets them in the browser: a commune officer who
// types another commune's address gets an accessible "access denied" page in Vietnamese,
// a form posted without its CSRF token is refused, and printing a page hides navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertAccessible, signIn } from '../lib/browser.mjs';
import { Client, DEMO } from '../lib/client.mjs';

let srv;
let browser;
let communeOfXa2;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  // Find xa2's commune page through the HTTP client (xa2 sees their own unit on /units).
  const c = new Client(srv.url);
  await c.login('xa2', DEMO.xa2);
  const list = await c.get('/units');
  communeOfXa2 = list.text.match(/href="(\/units\/\d+)"/)[1];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test("a commune officer cannot open another commune's page", async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'xa1');
  const res = await page.goto(srv.url + communeOfXa2);
  assert.equal(res.status(), 403);
  assert.match(await page.locator('h1').innerText(), /Không có quyền truy cập/);
  await assertAccessible(page);
  await page.close();
});

test('a form submitted without its CSRF token is refused', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/account/password`);
  await page.evaluate(() => document.querySelectorAll('input[name=_csrf]').forEach((e) => e.remove()));
  await page.locator('main form input[type=password]').nth(0).fill(DEMO.bdv);
  await page.locator('main form input[type=password]').nth(1).fill('mat-khau-moi-2025');
  await page.locator('main form input[type=password]').nth(2).fill('mat-khau-moi-2025');
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/account/password') && r.request().method() === 'POST'),
    page.locator('main form button[type=submit]').click(),
  ]);
  assert.equal(res.status(), 403);
  // The password did not change: the old one still signs in.
  const c = new Client(srv.url);
  const r = await c.login('bdv', DEMO.bdv);
  assert.ok(r.status === 303 || r.status === 200);
  assert.ok(c.cookies.has('dv_session'), 'the old password still works');
  await page.close();
});

test('the print stylesheet hides navigation and forms', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bdv');
  await page.goto(srv.url + communeOfXa2);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top nav').isVisible(), false);
  assert.equal(await page.locator('.account').isVisible(), false);
  assert.equal(await page.locator('main h1').isVisible(), true);
  await page.close();
});

test('pages fit a phone: no horizontal scrolling on the unit page', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, srv.url, 'bdv');
  await page.goto(srv.url + communeOfXa2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  await page.close();
});
