// Citizens in chromium: on a 360-px phone a citizen reaches the petition form from the
// portal's home page, sends a petition with a photo, gets its tracking code and follows it
// by the code; staff bdv classifies and assigns it, the commune officer xa1 handles it and
// drafts the answer, bdv approves and publishes it, and the citizen reads the answer; a
// Dân vận khéo model is registered and shown in the gallery. Every page passes axe-core and
// fits the phone; screenshots go to tests/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';

let srv;
let browser, staff, officer; // one profile (cookie jar) per person
const outDir = path.join(repoRoot, 'tests', 'out');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
before(async () => {
  srv = await startServer();
  [browser, staff, officer] = await Promise.all([launchBrowser(), launchBrowser(), launchBrowser()]);
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
  await Promise.all([browser?.close(), staff?.close(), officer?.close()]);
  await srv?.stop();
});

async function open(b, width, height) {
  const page = await b.newPage();
  await page.setViewportSize({ width, height });
  return page;
}

async function fits(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `the page fits ${width} px (scrollWidth ${w})`);
}

const click = (page, locator) => Promise.all([page.waitForLoadState('load'), locator.click()]);

let code;

test('a citizen sends a petition on a phone and follows it by its code', async () => {
  const page = await open(browser, 360, 780);
  const errors = collectPageErrors(page);
  await page.goto(`${srv.url}/`);
  await click(page, page.locator('.home-citizen a[href="/kien-nghi/gui"]'));
  assert.equal(await page.locator('h1').textContent(), 'Gửi kiến nghị');
  await assertAccessible(page);
  await fits(page, 360);
  // sent empty: the messages stand beside the fields
  await click(page, page.getByRole('button', { name: 'Gửi kiến nghị' }));
  await page.waitForSelector('#f-content-err');
  await assertAccessible(page);
  await page.locator('#f-category_id').selectOption({ label: 'Hạ tầng, giao thông' });
  await page.locator('#f-commune_id').selectOption({ label: 'Phường Bạc Liêu' });
  await page.locator('#f-content').fill('Đèn tín hiệu giao thông ở ngã tư Trần Phú - Hai Bà Trưng hư hỏng nhiều ngày, rất nguy hiểm.');
  await page.locator('#f-file1').setInputFiles({ name: 'den.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#f-name').fill('Trương Văn Phúc');
  await page.locator('#f-phone').fill('0919 123 456');
  await click(page, page.getByRole('button', { name: 'Gửi kiến nghị' }));
  assert.match(page.url(), /\/kien-nghi\/ma\/KN-/);
  code = (await page.locator('.code').textContent()).trim();
  assert.match(code, /^KN-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.match(await page.locator('.flash').textContent(), /mã tra cứu/);
  await assertAccessible(page);
  await fits(page, 360);
  await page.screenshot({ path: path.join(outDir, 'citizen-sent-360.png'), fullPage: true });
  // later, by the code typed in lower case
  await page.goto(`${srv.url}/kien-nghi`);
  await page.locator('#f-ma').fill(code.toLowerCase());
  await click(page, page.getByRole('button', { name: 'Tra cứu' }));
  assert.ok(page.url().endsWith(`/kien-nghi/ma/${code}`));
  assert.ok(!(await page.content()).includes('Trương Văn Phúc'), 'never the petitioner');
  await assertAccessible(page);
  assert.deepEqual(errors.filter((e) => !/HTTP 422/.test(e)), [], 'only the refused empty form failed');
  await page.close();
});

async function act(page, legend, fill = async () => {}) {
  const form = page.locator('form.action-form', { has: page.locator('legend', { hasText: legend }) });
  await fill(form);
  await click(page, form.getByRole('button', { name: legend }));
}

test('staff classify, assign, handle, draft, approve and publish; the citizen reads the answer', async () => {
  const bdv = await open(staff, 1280, 900);
  await signIn(bdv, srv.url, 'bdv');
  await bdv.goto(`${srv.url}/units`);
  await click(bdv, bdv.getByRole('link', { name: 'Kiến nghị, phản ánh', exact: true }));
  await assertAccessible(bdv);
  await click(bdv, bdv.getByRole('link', { name: code, exact: true }));
  await assertAccessible(bdv);
  await act(bdv, 'Phân loại và thông báo tiếp nhận', (f) => f.locator('textarea[name=summary]').fill('Đèn tín hiệu ngã tư Trần Phú - Hai Bà Trưng hư hỏng'));
  await act(bdv, 'Giao đơn vị xử lý', async (f) => {
    const value = await f.locator('select[name=unit_id] option', { hasText: 'Phường Bạc Liêu' }).first().getAttribute('value');
    await f.locator('select[name=unit_id]').selectOption(value);
  });
  const href = bdv.url();
  const xa1 = await open(officer, 390, 844);
  await signIn(xa1, srv.url, 'xa1');
  await xa1.goto(href);
  await act(xa1, 'Bắt đầu xử lý');
  await act(xa1, 'Lưu dự thảo trả lời', (f) => f.locator('textarea[name=answer]').fill('UBND phường đã thay bộ điều khiển đèn tín hiệu ngày 02/12; đèn hoạt động bình thường.'));
  assert.equal(await xa1.locator('legend', { hasText: 'Duyệt trả lời' }).count(), 0, 'an officer does not approve');
  await assertAccessible(xa1);
  await fits(xa1, 390);
  await bdv.reload();
  await act(bdv, 'Duyệt trả lời');
  await act(bdv, 'Công khai trả lời');
  await bdv.screenshot({ path: path.join(outDir, 'citizen-desk-1280.png'), fullPage: true });
  const phone = await open(browser, 360, 780);
  await phone.goto(`${srv.url}/kien-nghi/ma/${code}`);
  assert.match(await phone.locator('.answer-text').textContent(), /thay bộ điều khiển/);
  await assertAccessible(phone);
  await fits(phone, 360);
  await phone.screenshot({ path: path.join(outDir, 'citizen-answer-360.png'), fullPage: true });
  await phone.goto(`${srv.url}/kien-nghi/tra-loi?q=den tin hieu`);
  assert.ok((await phone.content()).includes(code), 'found without diacritics');
  await Promise.all([bdv.close(), xa1.close(), phone.close()]);
});

test('a model is registered and shown in the gallery', async () => {
  const page = await open(officer, 1280, 900);
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}/citizen/models`);
  await click(page, page.getByRole('link', { name: 'Đăng ký mô hình' }));
  await assertAccessible(page);
  await page.locator('#f-name').fill('Mô hình "Dân vận khéo trong cải cách hành chính"');
  await page.locator('#f-field').selectOption('politics');
  await page.locator('#f-method').fill('Cán bộ một cửa hướng dẫn tận nhà cho người cao tuổi; nhắn tin kết quả qua Zalo.');
  await page.locator('#f-results').fill('98% hồ sơ đúng hạn; 320 lượt hướng dẫn tại nhà.');
  await click(page, page.getByRole('button', { name: 'Lưu' }).first());
  await page.locator('#f-file').setInputFiles({ name: 'mo-hinh.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#f-caption').fill('Hướng dẫn thủ tục tại nhà');
  await click(page, page.getByRole('button', { name: 'Thêm tệp' }));
  await assertAccessible(page);
  const phone = await open(browser, 360, 780);
  await phone.goto(`${srv.url}/dan-van-kheo?linh-vuc=politics`);
  await click(phone, phone.getByRole('link', { name: /cải cách hành chính/ }));
  assert.match(await phone.locator('h1').textContent(), /cải cách hành chính/);
  assert.equal(await phone.locator('.model-photo img').count(), 1);
  await assertAccessible(phone);
  await fits(phone, 360);
  await phone.goto(`${srv.url}/dan-van-kheo`);
  await assertAccessible(phone);
  await fits(phone, 360);
  await phone.screenshot({ path: path.join(outDir, 'citizen-gallery-360.png'), fullPage: true });
  await Promise.all([page.close(), phone.close()]);
});
