// Inspection and review in chromium, as the Ban Dân vận's staff (bdv): the annual plan and
// its item → the inspection made from it → decision, start, a team member, a finding → draft
// and conclusion notice → a recommendation (a task) → the lead unit's officer (xa1) completes
// the task with evidence and bdv confirms it on the directive area's task page → closed; then
// a review conference on a thematic regime (set up by bdv: its window around today, assigned
// to the ward): the guidance document chosen from the registry, the ward's officer sends its
// review report through the report form, the conference counts it; an invitee, the letter
// issued, attendance by the code on the letter, a photo, minutes → closing with the draft
// article, which an editor takes to the desk with its photo. The board, the forms, the
// inspection, conference and summary pages pass axe-core (no serious or critical violations),
// at desktop width and at 360 px; screenshots of the pages go to tests/out/review-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO } from '../lib/client.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';
import { dmyDay, isoDay } from '../lib/dates.mjs';

// next year's plan: the demo already has this year's
const planYear = String(Number(isoDay().slice(0, 4)) + 1);

const OUT = new URL('../out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
async function shot(page, name) {
  await page.screenshot({ path: `${OUT}review-${name}-${page.viewportSize().width}.png`, fullPage: true });
}
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const dmy = (d) => `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;

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
  await page.locator('#f-year').fill(planYear);
  await page.locator('#f-title').fill(`Kế hoạch kiểm tra năm ${planYear}`);
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
  await page.locator('#f-deadline').fill(dmyDay(57));
  await assertAccessible(page);
  await submit(page, 'Thêm');
  assert.match(await page.locator('main').textContent(), /0\/1 kiến nghị đã được xác nhận hoàn thành/);
  await assertAccessible(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  // the recommendation's task: a /tasks/<id> link in the page's body (the menu has /tasks/mine)
  const hrefs = await page.locator('main a[href^="/tasks/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const task = hrefs.find((h) => /^\/tasks\/\d+$/.test(h));
  // the lead unit (Phường Bạc Liêu) completes the task with its evidence, bdv confirms it:
  // the directive area's task pages
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}${task}`);
  await page.fill('#f-evidence_link', 'https://camau.dangcongsan.vn/ke-hoach-quy-che-dan-van');
  await page.fill('#f-note', 'Đã ban hành kế hoạch thực hiện Quy chế');
  await Promise.all([page.waitForLoadState('load'), page.locator('form[action$="/complete"] button[type=submit]').first().click()]);
  assert.match(await page.locator('main').innerText(), /Chờ xác nhận/);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}${task}`);
  await Promise.all([page.waitForLoadState('load'), page.locator('form[action$="/decide"] button[value=confirm]').first().click()]);
  assert.match(await page.locator('main').innerText(), /Hoàn thành/);
  await page.goto(`${srv.url}${insp}`);
  assert.match(await page.locator('main').textContent(), /Đã hoàn thành \(đã xác nhận\)/);
  await submit(page, 'Kết thúc theo dõi');
  assert.match(await page.locator('dl.facts').textContent(), /Đã kết thúc theo dõi/);
  await shot(page, 'inspection');
  assert.deepEqual(errors, []);
  await page.close();
});

// The thematic regime of the units' review reports, as the staff set it up on the regime
// pages: one indicator, a window around today, assigned to Phường Bạc Liêu.
async function thematicRegime() {
  const c = new Client(srv.url);
  await c.login('bdv', DEMO.bdv);
  const form = await c.get('/regimes/new');
  const recv = form.text.match(/<option value="(\d+)">[^<]*Ban Dân vận Tỉnh ủy Cà Mau<\/option>/)[1];
  const today = new Date();
  let r = await c.postForm('/regimes', { code: 'BC-TK-QCDV', name: 'Báo cáo tổng kết 10 năm thực hiện Quy chế dân vận', frequency: 'thematic',
    receiver: recv, grace_days: '0', doc_type: 'BC', active_from: `01/01/${today.getFullYear()}` });
  assert.equal(r.status, 303, 'regime');
  const href = r.location;
  await c.get(`${href}/indicators/new`);
  r = await c.postForm(`${href}/indicators`, { code: 'I01', name: 'Số hội nghị tổng kết đã tổ chức', type: 'int', unit_of_measure: 'hội nghị', required: '1' });
  assert.equal(r.status, 303, 'indicator');
  await c.get(`${href}/periods/new`);
  r = await c.postForm(`${href}/periods/new`, { year: String(today.getFullYear()), label: '',
    close_start: dmy(new Date(today.getTime() - 20 * 864e5)), close_end: dmy(new Date(today.getTime() + 20 * 864e5)) });
  assert.equal(r.status, 303, 'period');
  const unit = (await c.get(`${href}/assignments/new`)).text.match(/<option value="(\d+)">[^<]*Phường Bạc Liêu<\/option>/)[1];
  r = await c.postForm(`${href}/assignments`, { kind: 'unit', unit, valid_from: `01/01/${today.getFullYear()}` });
  assert.equal(r.status, 303, 'assignment');
}

test('conference: guidance → the units\' reports → invitation, attendance by code, photo, minutes → the draft article', async () => {
  await thematicRegime();
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/review`);
  await page.getByRole('link', { name: 'Hội nghị sơ kết, tổng kết mới' }).click();
  await page.locator('#f-unit').selectOption({ label: '— Ban Dân vận Tỉnh ủy Cà Mau' });
  await page.locator('#f-title').fill('Hội nghị sơ kết 5 năm');
  const guidance = (await page.locator('#f-guidance_document option').nth(1).textContent()).trim();
  await page.locator('#f-guidance_document').selectOption({ index: 1 });
  await page.locator('#f-regime').selectOption({ label: 'BC-TK-QCDV: Báo cáo tổng kết 10 năm thực hiện Quy chế dân vận' });
  await page.locator('#f-held_on').fill(dmy(new Date()));
  await page.locator('#f-place').fill('Hội trường Tỉnh ủy');
  await assertAccessible(page);
  await submit(page, 'Tạo');
  const conf = new URL(page.url()).pathname;
  let facts = await page.locator('dl.facts').innerText();
  assert.ok(facts.includes(guidance), 'the guidance document is named');
  assert.match(facts, /Đã nhận 0\/1 báo cáo/);
  // the ward's officer sends its review report through the report form
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}/reports`);
  const link = page.locator('table.list tbody tr', { hasText: 'Báo cáo tổng kết 10 năm' }).locator('a[href^="/reports/"]').first();
  await link.click();
  await page.waitForLoadState('load');
  await page.locator('#f-v_I01').fill('3');
  await assertAccessible(page);
  await Promise.all([page.waitForURL(/ok=submitted/), page.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}${conf}`);
  facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /Đã nhận 1\/1 báo cáo \(1 đúng hạn\)/, 'the conference counts the ward\'s report');
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
  await page.getByRole('link', { name: 'Thêm ảnh' }).click();
  await page.locator('#f-caption').fill('Quang cảnh hội nghị');
  await page.locator('#f-alt').fill('Đại biểu dự hội nghị tại Hội trường Tỉnh ủy');
  await page.locator('input[type=file][name=photo]').setInputFiles({ name: 'hoi-nghi.png', mimeType: 'image/png', buffer: PNG });
  await assertAccessible(page);
  await submit(page, 'Thêm');
  assert.match(await page.locator('#photos').innerText(), /Quang cảnh hội nghị/);
  await page.getByRole('link', { name: 'Lập biên bản' }).click();
  await page.locator('#f-minutes').fill('Hội nghị diễn ra đúng chương trình.');
  await page.locator('#f-by').fill('Trần Văn Bình');
  await submit(page, 'Lưu');
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Kết thúc hội nghị' }).click();
  assert.match(await page.locator('#f-body').inputValue(), /1 đại biểu có mặt/);
  await submit(page, 'Kết thúc và đề xuất tin bài');
  assert.match(await page.locator('#article').textContent(), /Hội nghị sơ kết 5 năm/);
  await shot(page, 'conference');
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page);
  await shot(page, 'conference');
  await page.setViewportSize({ width: 1280, height: 900 });

  await signIn(page, srv.url, 'bientap');
  await page.getByRole('link', { name: 'Tin bài từ hội nghị' }).first().click();
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Hội nghị sơ kết 5 năm' }).first().click();
  assert.match(await page.locator('#photos').innerText(), /Quang cảnh hội nghị/);
  await assertAccessible(page);
  await shot(page, 'article-draft');
  await submit(page, 'Chuyển vào bàn biên tập');
  assert.match(new URL(page.url()).pathname, /^\/desk\/\d+$/);
  assert.match(await page.content(), /Quang cảnh hội nghị/, 'the photo and its caption reach the desk');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo summary report and the seed conference pass axe-core', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/review`);
  await page.locator('#summaries a[href^="/review/summaries/"]').first().click();
  await assertAccessible(page);
  await shot(page, 'summary');
  await page.setViewportSize({ width: 360, height: 800 });
  await assertAccessible(page);
  await shot(page, 'summary');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${srv.url}/review`);
  await page.locator('#conferences a', { hasText: '290-QĐ/TW' }).first().click();
  assert.match(await page.locator('#presentations').textContent(), /Dân vận khéo/);
  assert.equal(await page.locator('#presentations tbody tr').count(), 6);
  await assertAccessible(page);
  await page.close();
});
