// The desk's category page in chromium on a phone-sized screen: the editor follows the menu
// link, creates a category (a bad slug first: the message sits beside the field and the
// typed text stays), moves it up, hides it; every state passes axe-core (no serious or
// critical violation) and nothing overflows the screen sideways. The forms are plain HTML
// posts; tests/http/categories.test.mjs drives them without any script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';
import { DEMO } from '../lib/client.mjs';

let srv;
let browser;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function fitsThePhone(page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(over <= 1, `the page is ${over}px wider than the screen`);
}

const headings = (page) => page.locator('li.category-item h2').allTextContents();

test('an editor creates, moves and hides a category on a phone', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bientap', DEMO.bientap);
  await page.goto(`${srv.url}/desk`);
  await page.locator('a[href="/desk/categories"]').first().click();
  await page.waitForURL(/\/desk\/categories$/);
  await assertAccessible(page);
  await fitsThePhone(page);

  await page.locator('#f-name').fill('Tiếp xúc cử tri');
  await page.locator('#f-slug').fill('Tiếp Xúc');
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: /Tạo chuyên mục|Create category/ }).click()]);
  assert.equal(await page.locator('#f-slug-err').count(), 1);
  assert.equal(await page.locator('#f-slug').inputValue(), 'Tiếp Xúc');
  assert.equal(await page.locator('#f-name').inputValue(), 'Tiếp xúc cử tri');
  await assertAccessible(page);
  await fitsThePhone(page);

  await page.locator('#f-slug').fill('tiep-xuc-cu-tri');
  await Promise.all([page.waitForURL(/\/desk\/categories$/), page.getByRole('button', { name: /Tạo chuyên mục|Create category/ }).click()]);
  let names = await headings(page);
  assert.equal(names.at(-1), 'Tiếp xúc cử tri');
  await assertAccessible(page);

  const item = page.locator('li.category-item', { has: page.locator('h2', { hasText: 'Tiếp xúc cử tri' }) });
  await Promise.all([page.waitForURL(/\/desk\/categories$/), item.getByRole('button', { name: /Chuyển lên|Move up/ }).click()]);
  names = await headings(page);
  assert.equal(names.at(-2), 'Tiếp xúc cử tri');

  await Promise.all([page.waitForURL(/\/desk\/categories$/), item.getByRole('button', { name: /Ẩn với bạn đọc|Hide from readers/ }).click()]);
  assert.equal(await item.getByRole('button', { name: /Hiện cho bạn đọc|Show to readers/ }).count(), 1);
  await assertAccessible(page);
  await fitsThePhone(page);
  assert.deepEqual(errors, []);
  const res = await page.goto(`${srv.url}/chuyen-muc/tiep-xuc-cu-tri`);
  assert.equal(res.status(), 404);
});
