// Accounts in a real browser: the admin signs in, creates an account, meets a validation
// error with the typed values kept, and the login, account list, account form and audit
// pages have no serious or critical axe violations; then signs out. Run twice: with
// JavaScript on and off (the application needs none; axe runs only with it on).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible } from '../lib/browser.mjs';
import { DEMO } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

for (const javaScriptEnabled of [true, false]) {
  test(`admin manages accounts (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const browser = await launchBrowser({ javaScriptEnabled });
    // axe runs inside the page, so it can only check the run with JavaScript on
    const a11y = (page) => (javaScriptEnabled ? assertAccessible(page) : null);
    try {
      const page = await browser.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${srv.url}/login`);
      await a11y(page);
      await page.fill('#f-username', 'admin');
      await page.fill('#f-password', DEMO.admin);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.stack button[type=submit]')]);

      await page.goto(`${srv.url}/users`);
      await a11y(page);
      await page.click('a[href="/users/new"]');
      await page.waitForURL(/\/users\/new$/);
      await a11y(page);

      const username = javaScriptEnabled ? 'lan.js' : 'lan.nojs';
      await page.fill('#f-username', username);
      await page.fill('#f-full_name', 'Phạm Thị Lan');
      await page.fill('#f-email', 'lan@example.vn');
      await page.selectOption('#f-role', 'officer');
      await page.fill('#f-password', 'mật khẩu mới 2025');
      await page.fill('#f-password2', 'khác hẳn 2025');
      await page.click('form.stack button[type=submit]');
      await page.waitForSelector('#f-password2-err');
      assert.equal(await page.inputValue('#f-username'), username);
      assert.equal(await page.inputValue('#f-full_name'), 'Phạm Thị Lan');
      assert.equal(await page.inputValue('#f-password'), '');
      assert.equal(await page.getAttribute('#f-password2', 'aria-invalid'), 'true');
      await a11y(page);

      await page.fill('#f-password', 'mật khẩu mới 2025');
      await page.fill('#f-password2', 'mật khẩu mới 2025');
      await Promise.all([page.waitForURL(/\/users\/\d+$/), page.click('form.stack button[type=submit]')]);
      assert.match(await page.textContent('main'), /Phạm Thị Lan/);
      await a11y(page);

      await page.goto(`${srv.url}/audit`);
      await a11y(page);
      assert.match(await page.textContent('main'), new RegExp(username.replace('.', '\\.')));

      await Promise.all([page.waitForURL(/\/login/), page.click('header .account form button[type=submit]')]);
      await page.goto(`${srv.url}/users`);
      assert.match(new URL(page.url()).pathname, /^\/login/);
      // the 422 of the validation error is expected; anything else is not
      const unexpected = errors.filter((e) => !/HTTP 422: .*\/users$/.test(e));
      assert.deepEqual(unexpected, [], `page errors:\n${unexpected.join('\n')}`);
    } finally {
      await browser.close();
    }
  });
}
