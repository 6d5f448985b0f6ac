// The editors' desk in chromium: the editor bientap writes an article with a photo (a PNG
// made in the test), publishes it, and the desk list, the edit form and the preview pass
// axe-core (no serious/critical violation); the contributor congtac sees no Publish button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';

// A 1×1 PNG with an alpha channel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let srv;
let browser;
let tmp;
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'danvan-desk-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('an editor writes an article with a photo and publishes it', async () => {
  const photo = path.join(tmp, 'hoi-nghi.png');
  await writeFile(photo, PNG);
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bientap');
  await page.locator('a[href="/desk"]').first().click();
  await page.waitForURL(/\/desk$/);
  await assertAccessible(page);
  await page.locator('a[href="/desk/new"]').click();
  await page.waitForURL(/\/desk\/new$/);
  await assertAccessible(page);
  await page.locator('#f-title').fill('Hội nghị tổng kết 10 năm Quy chế công tác dân vận');
  await page.locator('#f-lead').fill('Sáng 28/5/2020, Ban Thường vụ Tỉnh ủy tổ chức hội nghị tổng kết.');
  await page.locator('#f-body').fill('Tại hội nghị đã có **6 tham luận**.\n\n| Đơn vị | Số |\n| --- | --- |\n| MTTQ | 2 |');
  await page.locator('#f-author_name_0').fill('Văn Minh');
  await page.locator('#f-author_unit_0').fill('MT tỉnh');
  await page.locator('#f-upload_file_0').setInputFiles(photo);
  await page.locator('#f-upload_caption_0').fill('Toàn cảnh Hội nghị');
  await page.locator('#f-upload_alt_0').fill('Hội trường Tỉnh ủy với các đại biểu');
  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('form[enctype] button[type=submit]').click()]);
  assert.ok(await page.locator('img[src$="/thumb"]').count() === 1, 'the photo is attached');
  await assertAccessible(page);
  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('button[name=publish]').click()]);
  assert.match(await page.locator('main').textContent(), /Đã đăng/);
  await page.locator('a[href$="/preview"]').click();
  await page.waitForURL(/\/preview$/);
  assert.equal(await page.locator('figure figcaption').textContent(), 'Toàn cảnh Hội nghị');
  assert.equal(await page.locator('article table').count(), 1);
  await assertAccessible(page);
  assert.deepEqual(errors, []);
});

test('a contributor sees no publish button', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'congtac');
  await page.goto(`${srv.url}/desk/new`);
  await page.locator('#f-title').fill('Bài của cộng tác viên');
  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('form[enctype] button[type=submit]').click()]);
  assert.equal(await page.locator('button[name=publish]').count(), 0);
  assert.equal(await page.locator('form[action$="/submit"] button').count(), 1);
  await assertAccessible(page);
});
