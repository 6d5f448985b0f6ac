// Reporting pages on a phone and a desktop in chromium: the reports due and the review
// queue fit a 390 px screen (no sideways scrolling, each cell labelled), pass axe-core, and
// are kept as screenshots in test-results/report-ux/ for a person to look at; the queue's
// filter works by its form without JavaScript; the dashboard's total column stays in view
// at 1280 px; the audit log passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, checkA11y, formatViolations, signIn } from '../lib/browser.mjs';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/report-ux');
let srv;
let phone;
let desktop;
before(async () => {
  mkdirSync(outDir, { recursive: true });
  srv = await startServer();
  phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
  desktop = await launchBrowser({ viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await phone?.close();
  await desktop?.close();
  await srv?.stop();
});

async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

async function accessible(page, what) {
  const v = await checkA11y(page);
  assert.deepEqual(v, [], `${what}: ${formatViolations(v)}`);
}

test('the reports due and the review queue fit a 390 px phone and pass axe-core', async () => {
  const page = await phone.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  assert.equal(new URL(page.url()).pathname, '/reports/review', 'staff land on the review queue');
  await accessible(page, 'review queue');
  assert.ok(await fitsWidth(page), 'the review queue does not scroll sideways');
  const firstCell = page.locator('table.phone-cards tbody tr').first().locator('td').first();
  assert.match(await firstCell.evaluate((td) => getComputedStyle(td, '::before').content), /Đơn vị/);
  await page.screenshot({ path: path.join(outDir, 'review-390.png'), fullPage: false });

  // the filter, folded away on the list, by its form: late ones only, newest first
  assert.equal(await page.locator('details.filters').getAttribute('open'), null, 'folded while nothing is filtered');
  await page.locator('details.filters > summary').click();
  await page.locator('#f-late').check();
  await page.locator('#f-sort').selectOption('new');
  await Promise.all([page.waitForURL(/late=1/), page.getByRole('button', { name: /^(Lọc|Filter)$/ }).click()]);
  assert.match(page.url(), /sort=new/);
  assert.notEqual(await page.locator('details.filters').getAttribute('open'), null, 'open while it filters');
  const rows = page.locator('table.phone-cards tbody tr');
  assert.ok(await rows.count() > 0);
  assert.equal(await rows.count(), await page.locator('table.phone-cards tbody tr:has(.overdue)').count(), 'only late ones');
  await accessible(page, 'review queue filtered');
  assert.ok(await fitsWidth(page));

  await page.goto(`${srv.url}/reports`);
  await accessible(page, 'reports due');
  assert.ok(await fitsWidth(page), 'the due list does not scroll sideways');
  await page.screenshot({ path: path.join(outDir, 'due-390.png'), fullPage: false });
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});

test('the dashboard keeps its total column in view at 1280 px; the audit log passes axe-core', async () => {
  const page = await desktop.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/dashboard`);
  const last = page.locator('table.matrix thead th').last();
  const box = await last.boundingBox();
  assert.ok(box && box.x + box.width <= 1280, `the total column ends within the screen (${box && box.x + box.width})`);
  assert.ok(await page.locator('a[href^="/reports/consolidated/"]').count() > 0, 'the consolidated report is offered');
  await accessible(page, 'dashboard');
  await page.screenshot({ path: path.join(outDir, 'dashboard-1280.png'), fullPage: false });
  await signIn(page, srv.url, 'admin');
  await page.goto(`${srv.url}/audit?entity=unit&action=update`);
  await accessible(page, 'audit log');
  await page.screenshot({ path: path.join(outDir, 'audit-1280.png'), fullPage: false });
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});
