// Inspection and review in chromium, as the Ban Dân vận's staff (bdv): the annual plan and
// its item → the inspection made from it → decision, start, a team member, a finding → draft
// and conclusion notice → a recommendation (a task) → closed once the task is confirmed; then a
// review conference: an invitee, the letter issued, attendance by the code on the letter,
// minutes → closing with the draft article, which an editor takes to the desk. The board,
// the forms, the inspection, conference and summary pages pass axe-core (no serious or
// critical violations), at desktop width and at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSqlSync } from '../lib/server.mjs';
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

async function submit(page, label) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: label }).first().click()]);
  await page.waitForLoadState('load');
}

test('plan → inspection → conclusion → recommendation → closed', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.getByRole('link', { name: 'Kiểm tra, sơ kết, tổng kết' }).first().click();
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Kế hoạch năm mới' }).click();
  await page.locator('#f-unit').selectOption({ label: '— Ban Dân vận Tỉnh ủy Cà Mau' });
  await page.locator('#f-year').fill('2027');
  await page.locator('#f-title').fill('Kế hoạch kiểm tra năm 2027');
  await assertAccessible(page);
  await submit(page, 'Tạo');
  await page.getByRole('link', { name: 'Thêm vào kế hoạch' }).click();
  await page.locator('#f-subject').selectOption({ label: 'Phường Bạc Liêu' });
  await page.locator('#f-content').fill('Việc thực hiện Quy chế dân vận');
  await page.locator('#f-period_from').fill('01/01/2024');
  await page.locator('#f-period_to').fill('31/12/2025');
  await page.locator('#f-month').fill('10');
  await submit(page, 'Thêm');
  await page.getByRole('link', { name: 'Tiến hành kiểm tra' }).click();
  assert.equal(await page.locator('#f-period_from').inputValue(), '01/01/2024');
  await submit(page, 'Tạo');
  const insp = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Ban hành quyết định' }).click();
  await submit(page, 'Ban hành');
  await page.getByRole('link', { name: 'Ghi nhận ngày bắt đầu' }).click();
  await submit(page, 'Lưu');
  await page.getByRole('link', { name: 'Thêm thành viên' }).click();
  await page.locator('#f-name').fill('Lê Thị Thu Hà');
  await submit(page, 'Thêm');
  await page.getByRole('link', { name: 'Thêm kết quả' }).click();
  await page.locator('#f-text').fill('Chưa ban hành văn bản cụ thể hóa.');
  await submit(page, 'Thêm');
  await page.getByRole('link', { name: 'Viết dự thảo kết luận' }).click();
  await page.locator('#f-text').fill('Cần ban hành kế hoạch thực hiện Quy chế.');
  await submit(page, 'Lưu');
  await page.getByRole('link', { name: 'Ban hành thông báo kết luận' }).click();
  await submit(page, 'Ban hành');
  await page.getByRole('link', { name: 'Thêm kiến nghị' }).click();
  await page.locator('#f-text').fill('Ban hành kế hoạch thực hiện Quy chế');
  await page.locator('#f-deadline').fill('31/01/2027');
  await assertAccessible(page);
  await submit(page, 'Thêm');
  assert.match(await page.locator('main').textContent(), /0\/1 kiến nghị đã được xác nhận hoàn thành/);
  await assertAccessible(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  // the recommendation's task: a /tasks/<id> link in the page's body (the menu has /tasks/mine)
  const hrefs = await page.locator('main a[href^="/tasks/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const task = hrefs.find((h) => /^\/tasks\/\d+$/.test(h)).split('/').pop();
  // the lead unit's completion confirmed (the directives area's pages are not on this branch yet)
  storeSqlSync(srv.dbPath,
    `INSERT INTO task_completions (task_id, submitted_on, note, decision, decided_on, evidence_link) VALUES (${task}, '2026-12-03', 'Đã ban hành', 'confirmed', '2026-12-03', 'https://example.org');
     UPDATE tasks SET state = 'confirmed', done_on = '2026-12-03', confirmed_on = '2026-12-03' WHERE id = ${task};`);
  await page.goto(`${srv.url}${insp}`);
  await submit(page, 'Kết thúc theo dõi');
  assert.match(await page.locator('dl.facts').textContent(), /Đã kết thúc theo dõi/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('conference: invitation, attendance by code, minutes → the draft article for the editors', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/review`);
  await page.getByRole('link', { name: 'Hội nghị sơ kết, tổng kết mới' }).click();
  await page.locator('#f-unit').selectOption({ label: '— Ban Dân vận Tỉnh ủy Cà Mau' });
  await page.locator('#f-title').fill('Hội nghị sơ kết 5 năm');
  await page.locator('#f-held_on').fill('03/12/2026');
  await page.locator('#f-place').fill('Hội trường Tỉnh ủy');
  await assertAccessible(page);
  await submit(page, 'Tạo');
  await page.getByRole('link', { name: 'Mời đơn vị hoặc cá nhân' }).click();
  await page.locator('#f-name').fill('Nguyễn Văn An');
  await submit(page, 'Mời');
  await submit(page, 'Phát hành giấy mời (cấp số)');
  const code = (await page.locator('#invitees tbody tr td').nth(2).textContent()).trim();
  assert.match(code, /^[A-Z2-9]{8}$/);
  await page.getByRole('link', { name: 'Điểm danh bằng mã trên giấy mời' }).click();
  await page.locator('#f-code').fill(code);
  await submit(page, 'Điểm danh');
  assert.match(await page.locator('main').textContent(), /1\/1 đại biểu có mặt/);
  await page.getByRole('link', { name: 'Lập biên bản' }).click();
  await page.locator('#f-minutes').fill('Hội nghị diễn ra đúng chương trình.');
  await page.locator('#f-by').fill('Trần Văn Bình');
  await submit(page, 'Lưu');
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Kết thúc hội nghị' }).click();
  assert.match(await page.locator('#f-body').inputValue(), /1 đại biểu có mặt/);
  await submit(page, 'Kết thúc và đề xuất tin bài');
  assert.match(await page.locator('#article').textContent(), /Hội nghị sơ kết 5 năm/);
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  await signIn(page, srv.url, 'bientap');
  await page.getByRole('link', { name: 'Tin bài từ hội nghị' }).first().click();
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Hội nghị sơ kết 5 năm' }).first().click();
  await submit(page, 'Chuyển vào bàn biên tập');
  assert.match(new URL(page.url()).pathname, /^\/desk\/\d+$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo summary report and the seed conference pass axe-core', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/review`);
  await page.locator('#summaries a[href^="/review/summaries/"]').first().click();
  await assertAccessible(page);
  await page.goto(`${srv.url}/review`);
  await page.locator('#conferences a', { hasText: '290-QĐ/TW' }).first().click();
  assert.match(await page.locator('#presentations').textContent(), /Dân vận khéo/);
  assert.equal(await page.locator('#presentations tbody tr').count(), 6);
  await assertAccessible(page);
  await page.close();
});
