// Browser: a reader opens the seed article, follows "Gửi bài viết", sees the errors of a
// bad address beside the field (values kept, form accessible), corrects it and sends; the
// aiosmtpd sink receives exactly one plain-text message with the title and the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSqlSync } from '../lib/server.mjs';
import { startSmtp } from '../lib/smtp.mjs';
import { launchBrowser, collectPageErrors, assertAccessible } from '../lib/browser.mjs';

let srv;
let smtp;
let browser;
let slug;
let title;

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { DANVAN_SMTP_URL: smtp.url } });
  browser = await launchBrowser();
  [slug, title] = storeSqlSync(srv.dbPath,
    "SELECT slug || '|' || title FROM articles WHERE slug LIKE 'ban-thuong-vu-tinh-uy-to-chuc-hoi-nghi%' AND status = 'published'")
    .split('|');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await smtp?.stop();
});

test('a reader sends the seed article by e-mail from its page', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  const res = await page.goto(`${srv.url}/bai-viet/${slug}`);
  assert.equal(res.status(), 200);

  await Promise.all([
    page.waitForURL((u) => u.pathname === `/bai-viet/${slug}/gui`),
    page.locator(`a[href="/bai-viet/${slug}/gui"]`).first().click(),
  ]);
  await assertAccessible(page);
  assert.ok((await page.textContent('main')).includes(title.slice(0, 40)), 'the form names the article');

  // a wrong address first: the error is beside the field, everything typed is kept
  await page.getByLabel('Họ và tên của bạn').fill('Nguyễn Thị Lan');
  await page.getByLabel('Địa chỉ e-mail người nhận').fill('lan@khong-hop-le');
  await page.getByLabel('Lời nhắn (không bắt buộc)').fill('Bài hay, bạn đọc nhé.');
  await page.locator('form.stack button[type=submit]').click();
  await page.waitForSelector('#f-to-err');
  await assertAccessible(page);
  assert.equal(await page.inputValue('#f-name'), 'Nguyễn Thị Lan');
  assert.equal(await page.inputValue('#f-message'), 'Bài hay, bạn đọc nhé.');
  assert.equal(await page.getAttribute('#f-to', 'aria-invalid'), 'true');
  assert.equal((await smtp.messages()).length, 0);
  errors.length = 0; // the 422 answer itself is expected

  await page.fill('#f-to', 'lan.nguyen@example.vn');
  await Promise.all([
    page.waitForURL((u) => u.pathname === `/bai-viet/${slug}`),
    page.locator('form.stack button[type=submit]').click(),
  ]);
  assert.match(await page.textContent('body'), /Đã gửi bài viết\./);

  const ms = await smtp.waitFor(1);
  assert.equal(ms.length, 1);
  assert.deepEqual(ms[0].rcptTo, ['lan.nguyen@example.vn']);
  assert.ok(ms[0].subject.endsWith(title));
  assert.ok(ms[0].body.includes(`/bai-viet/${slug}`));
  assert.ok(ms[0].body.includes('Nguyễn Thị Lan gửi bạn bài viết này.'));
  assert.ok(ms[0].body.includes('Bài hay, bạn đọc nhé.'));
  assert.equal(ms[0].contentType, 'text/plain');
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});
