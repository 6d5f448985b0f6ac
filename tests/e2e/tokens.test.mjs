// API tokens in chromium: staff bdv reaches /tokens from the main menu, makes a token for a
// commune of the province (the secret is shown once), an integration sends a figure with it,
// the list shows when it was last used, and bdv revokes it; the token then no longer works.
// Every state of the page passes axe-core; screenshots at 390 px and 1280 px are kept in
// tests/out/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, storeSql, repoRoot } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';

let srv;
let browser;
const outDir = path.join(repoRoot, 'tests', 'out');
before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  fs.mkdirSync(outDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('bdv makes a token from the menu, an integration uses it, bdv revokes it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/units`);
  await page.getByRole('link', { name: 'Mã truy cập API', exact: true }).click();
  await page.waitForURL(/\/tokens$/);
  assert.equal(await page.locator('h1').textContent(), 'Mã truy cập API');
  await assertAccessible(page);

  // an empty name is refused beside the field
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tạo mã truy cập' }).click()]);
  await page.waitForSelector('#f-name-err');
  await assertAccessible(page);

  const unit = await storeSql(srv.dbPath, "SELECT unit_id FROM users WHERE username = 'xa1'");
  await page.locator('#f-name').fill('Phần mềm thống kê xã');
  await page.locator('#f-unit_id').selectOption(unit);
  await page.locator('#f-role').selectOption('officer');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tạo mã truy cập' }).click()]);
  const secret = (await page.locator('code.secret').textContent()).trim();
  assert.match(secret, /^dvt_[0-9a-f]{64}$/);
  await assertAccessible(page);
  await page.screenshot({ path: path.join(outDir, 'tokens-new-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(outDir, 'tokens-new-390.png'), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page fits a 390 px phone (scrollWidth ${width})`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // the integration sends a figure
  const regime = await storeSql(srv.dbPath, "SELECT code FROM regimes WHERE code = 'BC-DV-THANG'");
  const period = await storeSql(srv.dbPath, `SELECT max(p.id) FROM periods p JOIN regimes g ON g.id = p.regime_id
    WHERE g.code = 'BC-DV-THANG' AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.period_id = p.id AND r.unit_id = ${unit})`);
  const send = () => fetch(`${srv.url}/api/dataValueSets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dataSet: regime, period: Number(period), dataValues: [{ dataElement: 'T01', value: '4' }] }),
  });
  assert.equal((await send()).status, 200);

  // shown once: a reload has no secret, and the list shows the last use
  await page.goto(`${srv.url}/tokens`);
  assert.equal(await page.locator('code.secret').count(), 0);
  const row = page.locator('tr', { hasText: 'Phần mềm thống kê xã' });
  assert.doesNotMatch(await row.textContent(), /Chưa dùng/);
  await Promise.all([page.waitForURL(/\/tokens$/), row.getByRole('button', { name: /Thu hồi/ }).click()]);
  await page.waitForSelector('p.flash');
  assert.match(await page.locator('tr', { hasText: 'Phần mềm thống kê xã' }).textContent(), /Đã thu hồi/);
  await assertAccessible(page);
  await page.screenshot({ path: path.join(outDir, 'tokens-list-1280.png'), fullPage: true });
  assert.equal((await send()).status, 401);
  const unexpected = errors.filter((e) => !/^HTTP 422: .*\/tokens$/.test(e)); // the refused empty name
  assert.deepEqual(unexpected, [], `page errors:\n${unexpected.join('\n')}`);
  await page.close();
});
