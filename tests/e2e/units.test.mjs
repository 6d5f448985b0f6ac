// Unit pages in chromium: bdv browses the tree, searches without diacritics and opens a
// commune; admin submits an invalid date and sees the message beside the field with the
// input kept; every page passes axe-core (no serious/critical) and one works without JS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';

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

test('bdv browses the tree, searches "phuong an xuyen" and opens the commune', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/units`);
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Tỉnh Cà Mau', exact: true }).click();
  await page.waitForURL(/\/units\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Tỉnh Cà Mau');
  await assertAccessible(page);

  await page.getByRole('link', { name: /^(Đơn vị|Units)$/ }).first().click();
  await page.waitForURL(/\/units$/);
  await page.locator('input[name=q]').fill('phuong an xuyen');
  await Promise.all([page.waitForURL(/\?q=/), page.locator('form.search button').click()]);
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Phường An Xuyên', exact: true }).click();
  await page.waitForURL(/\/units\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Phường An Xuyên');
  // breadcrumbs lead back to the province
  assert.ok(await page.locator('nav.crumbs a', { hasText: 'Tỉnh Cà Mau' }).count() > 0);
  await assertAccessible(page);
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});

test('admin: an invalid date shows the message beside the field, input kept', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'admin');
  await page.goto(`${srv.url}/units?q=ca+mau`);
  await page.getByRole('link', { name: 'Tỉnh Cà Mau', exact: true }).click();
  await page.waitForURL(/\/units\/\d+$/);
  await page.locator('a[href^="/units/new?parent="]').click();
  await page.waitForURL(/\/units\/new/);
  await assertAccessible(page);
  await page.locator('#f-name').fill('Ban Nội chính Tỉnh ủy Cà Mau');
  await page.locator('#f-code').fill('96-TU-BNC');
  await page.locator('#f-type').selectOption('party_commission');
  await page.locator('#f-valid_from').fill('32/13/2025');
  await Promise.all([page.waitForLoadState('load'), page.locator('form.stack button[type=submit]').click()]);
  await page.waitForSelector('#f-valid_from-err');
  assert.equal(await page.locator('#f-name').inputValue(), 'Ban Nội chính Tỉnh ủy Cà Mau');
  assert.equal(await page.locator('#f-valid_from').inputValue(), '32/13/2025');
  assert.equal(await page.locator('#f-valid_from').getAttribute('aria-invalid'), 'true');
  assert.ok((await page.locator('#f-valid_from-err').textContent()).length > 5);
  assert.equal(await page.locator('#f-type').inputValue(), 'party_commission');
  await assertAccessible(page);
  await page.close();
});

test('the unit pages work without JavaScript', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.newPage();
    await signIn(page, srv.url, 'bdv');
    await page.goto(`${srv.url}/units`);
    await page.locator('input[name=q]').fill('dan van');
    await Promise.all([page.waitForURL(/\?q=dan/), page.locator('form.search button').click()]);
    await page.getByRole('link', { name: 'Ban Dân vận Tỉnh ủy Cà Mau', exact: true }).click();
    await page.waitForURL(/\/units\/\d+$/);
    assert.equal(await page.locator('h1').textContent(), 'Ban Dân vận Tỉnh ủy Cà Mau');
  } finally {
    await nojs.close();
  }
});
