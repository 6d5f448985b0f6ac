// Category sets in chromium: bdv opens "Phân tổ" from the menu, creates a set (a bad code
// first: the message beside the field, the typed name kept), adds two categories and moves
// the second up with its button, then adds an indicator disaggregated by the set to the
// monthly regime; a commune officer's monthly report then asks one value per category.
// Every page passes axe-core (no serious or critical violations); the set and the regime
// page fit a 360 px phone screen (tables scroll inside their wrapper).
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

async function submit(page, name) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
}

async function fitsPhone(page) {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${page.url()} is ${overflow}px wider than the phone screen`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('staff creates a category set, orders its categories and disaggregates an indicator by it', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.getByRole('navigation', { name: /Trình đơn chính|Main menu/ }).getByRole('link', { name: 'Phân tổ' }).click();
  await page.waitForURL((u) => u.pathname === '/category-sets');
  await assertAccessible(page);

  await page.getByRole('link', { name: 'Thêm bộ phân tổ' }).click();
  await page.locator('#f-code').fill('GIOI TINH');
  await page.locator('#f-name').fill('Giới tính');
  await submit(page, 'Tạo bộ phân tổ');
  assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-code-err').textContent(), /Chỉ dùng chữ cái/);
  assert.equal(await page.locator('#f-name').inputValue(), 'Giới tính', 'the typed name is kept');
  assert.equal(await page.locator('#error-summary a[href="#f-code"]').count(), 1);
  await assertAccessible(page);
  await page.locator('#f-code').fill('GT');
  await submit(page, 'Tạo bộ phân tổ');
  await page.waitForURL(/\/category-sets\/\d+$/);
  const setUrl = page.url();

  for (const [code, name] of [['NAM', 'Nam'], ['NU', 'Nữ']]) {
    await page.getByRole('link', { name: 'Thêm nhóm' }).click();
    await page.locator('#f-code').fill(code);
    await page.locator('#f-name').fill(name);
    await submit(page, 'Thêm');
    await page.waitForURL((u) => u.href.startsWith(setUrl));
  }
  await page.getByRole('button', { name: 'Chuyển lên NU' }).click();
  await page.waitForLoadState('load');
  const codes = await page.locator('#options tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(codes, ['NU', 'NAM']);
  await assertAccessible(page);
  await fitsPhone(page);

  // the monthly regime: a new indicator split by sex
  await page.goto(`${srv.url}/regimes`);
  await page.getByRole('link', { name: /Báo cáo tháng về công tác dân vận/ }).click();
  await page.getByRole('link', { name: 'Thêm chỉ tiêu' }).click();
  await page.locator('#f-code').fill('GT01');
  await page.locator('#f-name').fill('Số người tham gia tập huấn');
  await page.locator('#f-type').selectOption('int');
  await page.locator('#f-category_set').selectOption({ label: 'Giới tính' });
  await submit(page, 'Thêm');
  const row = page.locator('#indicators tbody tr', { hasText: 'GT01' });
  assert.match(await row.textContent(), /Giới tính/);
  assert.equal(await row.getByRole('button', { name: /Chuyển xuống/ }).count(), 0, 'the last has no "down"');
  await row.getByRole('button', { name: 'Chuyển lên GT01' }).click();
  await page.waitForLoadState('load');
  const order = await page.locator('#indicators tbody tr td:first-child').allTextContents();
  assert.equal(order.at(-2), 'GT01', 'moved one place up');
  await assertAccessible(page);
  await fitsPhone(page);

  // a commune officer's monthly report asks one value per category
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}/reports`);
  // the open monthly report (an earlier month may already be locked)
  const hrefs = await page.locator('table.list tbody tr', { hasText: 'Báo cáo tháng' }).locator('a[href^="/reports/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    await page.goto(srv.url + href);
    if (await page.locator('#f-v_GT01_NU').count()) break;
  }
  assert.equal(await page.locator('#f-v_GT01_NU').count(), 1);
  assert.equal(await page.locator('#f-v_GT01_NAM').count(), 1);
  assert.equal(await page.locator('input[id^="f-v_GT01_"]').first().getAttribute('id'), 'f-v_GT01_NU', 'in the set\'s order');
  await assertAccessible(page);
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});
