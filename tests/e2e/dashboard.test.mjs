// Dashboards in chromium: the completeness matrix and the indicator pivot pass axe-core (no
// serious or critical violations), on a desktop and on a phone-sized screen where the matrix
// scrolls inside its .table-wrap; drilling down works by clicking; no page errors (CSP).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';
import { seedDashboard } from '../lib/dashboard_seed.mjs';

let srv;
let browser;
let seeded;
before(async () => {
  srv = await startServer();
  seeded = await seedDashboard(srv.dbPath);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('matrix and pivot are accessible; drill-down by click', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'xem');
  await page.goto(`${srv.url}/dashboard?${seeded.q}`);
  assert.ok(await page.locator('table.matrix td.st-on_time').count() > 0);
  await assertAccessible(page);
  await page.locator('table.matrix a', { hasText: 'Tỉnh ủy Cà Mau' }).click();
  await page.waitForURL(/unit=\d+/);
  assert.ok(await page.locator('table.matrix th', { hasText: 'Ban Dân vận Tỉnh ủy Cà Mau' }).count() > 0);
  await assertAccessible(page);
  await page.goto(`${srv.url}/dashboard/pivot?${seeded.q}`);
  assert.ok(await page.locator('table.pivot tr.parent').count() > 0);
  await assertAccessible(page);
  assert.deepEqual(errors, [], `page errors:\n${errors.join('\n')}`);
  await page.close();
});

test('on a phone the matrix scrolls inside its wrapper, not the page', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/dashboard?${seeded.q}`);
  const { page: pw, wrap, inner } = await page.evaluate(() => {
    const w = document.querySelector('.table-wrap');
    return { page: document.documentElement.scrollWidth, wrap: w.clientWidth, inner: w.scrollWidth };
  });
  assert.ok(pw <= 375 + 1, `page width ${pw}`);
  assert.ok(inner >= wrap);
  await assertAccessible(page);
  await page.close();
});
