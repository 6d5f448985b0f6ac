// Browser smoke test: the login page renders in chromium without CSP or script errors and
// without serious/critical accessibility problems, and a demo user can log in through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible } from '../lib/browser.mjs';
import { DEMO } from '../lib/client.mjs';

let srv;
let browser;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('login page is clean and accessible; bdv logs in', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  const res = await page.goto(`${srv.url}/login`);
  assert.equal(res.status(), 200);
  await assertAccessible(page);

  const form = page.locator('form:has(input[type=password])');
  await form.locator('input:not([type]), input[type=text], input[type=email]').first().fill('bdv');
  await form.locator('input[type=password]').fill(DEMO.bdv);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    form.locator('button[type=submit], input[type=submit], button:not([type])').first().click(),
  ]);
  await assertAccessible(page);
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});
