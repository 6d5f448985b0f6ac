// Directives and tasks in chromium (real server, real SQLite, axe-core): staff bdv reaches the
// registry from the menu, finds the province's plan without diacritics, assigns a task to the
// Fatherland Front committee, cascades it to the Farmers' Association, submits the child's
// completion with a link as evidence and confirms it (the parent shows 1/1 below done); the
// commune officer xa1 submits a completion that bdv returns, and explains an overdue task.
// Each page passes axe-core, at 1280 px and at a phone's 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';
import { isoDay, dmyDay } from '../lib/dates.mjs';

let srv, browser;
const q = (sql) => storeSql(srv.dbPath, sql);
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function submit(page, formSel, button = 'button[type=submit]') {
  await Promise.all([page.waitForLoadState('load'), page.locator(formSel).locator(button).first().click()]);
  await page.waitForLoadState('load');
}

test('assign → cascade → complete with evidence → confirm, at desktop and phone width', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv', 'demo-bdv-2025');
  assert.ok(await page.locator('a[href="/documents"]').count() > 0, 'the menu links the registry');
  await page.goto(`${srv.url}/documents`);
  await page.fill('#f-q', 'ke hoach thuc hien quy dinh 23');
  await submit(page, 'form.filters');
  await assertAccessible(page);
  await page.locator('a', { hasText: '45-KH/TU' }).first().click();
  await assertAccessible(page);
  const mttq = await q("SELECT id FROM units WHERE code = '96-MTTQ'");
  const bdvUnit = await q("SELECT unit_id FROM users WHERE username = 'bdv'");
  await page.fill('#f-title', 'Giám sát việc thực hiện Quy định 23');
  await page.selectOption('#f-assigner_unit_id', bdvUnit);
  await page.selectOption('#f-select_kind', 'unit');
  await page.selectOption('#f-unit_id', mttq);
  await page.selectOption('#f-product_kind', 'report');
  await page.fill('#f-deadline', dmyDay(26));
  await submit(page, 'form[action$="/tasks#assign"]');
  const parent = await q(`SELECT id FROM tasks WHERE lead_unit_id = ${mttq} AND title = 'Giám sát việc thực hiện Quy định 23'`);
  assert.ok(Number(parent) > 0, 'assigned');
  await page.goto(`${srv.url}/tasks/${parent}`);
  await assertAccessible(page);
  const hnd = await q("SELECT id FROM units WHERE code = '96-HND'");
  await page.selectOption('#f-unit_id', hnd);
  await page.fill('#f-deadline', dmyDay(15));
  await submit(page, 'form[action$="/cascade"]');
  const child = await q(`SELECT id FROM tasks WHERE parent_id = ${parent}`);
  assert.ok(Number(child) > 0, 'cascaded');
  await page.goto(`${srv.url}/tasks/${child}`);
  await page.fill('#f-evidence_link', 'https://camau.dangcongsan.vn/bao-cao-giam-sat');
  await page.fill('#f-note', 'Đã giám sát 12 xã');
  await submit(page, 'form[action$="/complete"]');
  assert.match(await page.locator('main, body').first().innerText(), /Chờ xác nhận/);
  await submit(page, 'form[action$="/decide"]', 'button[value=confirm]');
  assert.match(await page.locator('body').innerText(), /Hoàn thành đúng hạn/);
  await page.goto(`${srv.url}/tasks/${parent}`);
  assert.match(await page.locator('body').innerText(), /1\/1 đơn vị cấp dưới đã hoàn thành/);
  // the board's table fits the page at 1280 px (grouped headings), and stacks on a phone
  await page.goto(`${srv.url}/tasks/board`);
  await assertAccessible(page);
  const wide = await page.evaluate(() => { const t = document.querySelector('table.board'); return t.scrollWidth - t.parentElement.clientWidth; });
  assert.ok(wide <= 1, `the board fits 1280 px (overflow ${wide})`);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${srv.url}/tasks/board`);
  assert.equal(await page.locator('table.board tbody tr').first().evaluate((tr) => getComputedStyle(tr).display), 'block', 'a card per unit');
  assert.match(await page.locator('table.board tbody tr td').first().evaluate((td) => getComputedStyle(td, '::before').content), /Nhiệm vụ/);
  for (const p of [`/tasks/${parent}`, '/tasks/board', '/documents']) {
    await page.goto(srv.url + p);
    await assertAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${p} fits 360 px (overflow ${overflow})`);
  }
  assert.deepEqual(errors, []);
});

test('return a completion, and explain an overdue task', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  const x1 = await q("SELECT unit_id FROM users WHERE username = 'xa1'");
  const open = await q(`SELECT id FROM tasks WHERE lead_unit_id = ${x1} AND state = 'open' AND deadline >= '${isoDay()}' LIMIT 1`)
    || await q(`SELECT id FROM tasks WHERE lead_unit_id = ${x1} AND state IN ('open','returned') LIMIT 1`);
  assert.ok(Number(open) > 0, 'an open task of xa1');
  await signIn(page, srv.url, 'xa1', 'demo-xa1-2025');
  await page.goto(`${srv.url}/tasks/mine`);
  await assertAccessible(page);
  await page.goto(`${srv.url}/tasks/${open}`);
  await page.fill('#f-evidence_link', 'https://example.org/bien-ban');
  await submit(page, 'form[action$="/complete"]');
  await signIn(page, srv.url, 'bdv', 'demo-bdv-2025');
  await page.goto(`${srv.url}/tasks/${open}`);
  await page.fill('#f-decision_note', 'Thiếu biên bản hội nghị');
  await submit(page, 'form[action$="/decide"]', 'button[value=return]');
  assert.match(await page.locator('body').innerText(), /Bị trả lại/);
  await assertAccessible(page);
  const overdue = await q(`SELECT id FROM tasks WHERE lead_unit_id = ${x1} AND state <> 'confirmed' AND deadline < '${isoDay()}' LIMIT 1`);
  assert.ok(Number(overdue) > 0, 'the demo leaves xa1 an overdue task');
  await signIn(page, srv.url, 'xa1', 'demo-xa1-2025');
  await page.goto(`${srv.url}/tasks/${overdue}`);
  await page.fill('#f-reason', 'Đơn vị mới sắp xếp, thiếu cán bộ');
  await page.fill('#f-expected_on', dmyDay(15));
  await submit(page, 'form[action$="/explain"]');
  assert.match(await page.locator('body').innerText(), /Đơn vị mới sắp xếp, thiếu cán bộ/);
  await assertAccessible(page);
});
