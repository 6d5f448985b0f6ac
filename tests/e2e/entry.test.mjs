// Report entry in chromium, officer → reviewer: xa1 opens what is due, types a value that
// breaks a rule and saves the draft (kept, the rule shown as a warning linking the field),
// submits (refused: the message beside the field, the summary links it, the values stay),
// corrects it and submits; bdv finds it in the review list and approves it once the
// confirmation is ticked. The due list, the form with a warning and with an error, and the
// review list pass axe-core (no serious or critical violations).
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

const VALUES = {
  v_I02: '3', v_I03: '2', v_I04: '1.250', v_I05: '4', v_I06: '20', v_I07: '25',
  v_I08_DANG: '2', v_I08_CQ: '1', v_I08_MTDT: '3', v_I09: '5', v_I11: '12,5', v_I12: '95,5',
  // I02-I04 are pre-filled from the records (the demo's sources): typing other figures says why
  p_I02: 'Văn bản cụ thể hóa ban hành trên giấy, chưa nhập vào hệ thống.',
  p_I03: 'Hai hội nghị ở thôn chưa nhập vào hệ thống.', p_I04: 'Đếm theo danh sách ký tên.',
};

test('officer saves with an error, corrects and submits; the reviewer approves', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}/reports`);
  await assertAccessible(page);
  // the 6-month/annual regime's open report (the demo's monthly regime has other indicators)
  const link = page.locator('table.list tbody tr', { hasText: 'Quy chế công tác dân vận' })
    .locator('a[href^="/reports/"]').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((u) => u.pathname === href);

  await page.locator('#f-v_I01').selectOption('1');
  for (const [k, v] of Object.entries(VALUES)) await page.locator(`#f-${k}`).fill(v);
  await page.locator('#f-s_1').fill('Kết quả thực hiện tốt.');
  await Promise.all([page.waitForURL(/ok=saved/), page.getByRole('button', { name: /Lưu nháp|Save draft/ }).click()]);
  // a draft keeps I07 (resolved) > I06 (received): a warning that links the field, no error
  const warn = page.locator('.notice.warning');
  assert.match(await warn.textContent(), /Số đã giải quyết không được lớn hơn số tiếp nhận/);
  assert.equal(await warn.locator('a[href="#f-v_I07"]').count(), 1);
  assert.equal(await page.locator('#f-v_I07').inputValue(), '25');
  assert.equal(await page.locator('#f-v_I04').inputValue(), '1.250');
  await assertAccessible(page);
  // submitting applies the rule: the message beside I07, the values kept
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Gửi báo cáo|Submit report/ }).click()]);
  const err = page.locator('#f-v_I07-err');
  assert.match(await err.textContent(), /Số đã giải quyết không được lớn hơn số tiếp nhận/);
  assert.equal(await page.locator('#f-v_I07').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-v_I07').getAttribute('aria-describedby'), /f-v_I07-err/);
  assert.equal(await page.locator('#f-v_I04').inputValue(), '1.250');
  assert.equal(await page.locator('#f-s_1').inputValue(), 'Kết quả thực hiện tốt.');
  assert.ok(await page.locator('#error-summary a[href="#f-v_I07"]').count() === 1);
  await assertAccessible(page);

  await page.locator('#f-v_I07').fill('18');
  await Promise.all([page.waitForURL(/ok=submitted/), page.getByRole('button', { name: /Gửi báo cáo|Submit report/ }).click()]);
  assert.equal(await page.locator('#f-v_I07').count(), 0, 'a submitted report is read-only');

  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/reports/review?sort=new`);
  await assertAccessible(page);
  await page.locator(`a[href="${href}"]`).click();
  await page.waitForURL((u) => u.pathname === href);
  await assertAccessible(page);
  // approving without ticking the confirmation changes nothing and says why
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /^(Phê duyệt|Approve)$/ }).click()]);
  assert.match(await page.locator('#f-confirm-err').textContent(), /xác nhận|confirm/);
  await assertAccessible(page);
  await page.locator('#f-confirm').check();
  await Promise.all([page.waitForURL(/\/reports\/review\?ok=approved/), page.getByRole('button', { name: /^(Phê duyệt|Approve)$/ }).click()]);
  assert.equal(await page.locator(`a[href="${href}"]`).count(), 0, 'no longer waiting');
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});
