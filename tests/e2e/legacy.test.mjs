// Text pasted from old Vietnamese fonts into the desk editor, in chromium without
// JavaScript (and again with it, where axe-core can run): the body holds a TCVN3 phrase as Windows hands it to a browser (each byte
// read as Windows-1252) that automatic detection leaves alone ("Vò Quang" is itself valid
// Vietnamese); the editor chooses "Convert from TCVN3", shows the result (the form comes
// back with everything typed and a preview), saves, and the stored article holds Unicode.
// The lead is a TCVN3 phrase with a soft hyphen (TCVN3's ư, U+00AD): detected, converted.
// Every page passes axe-core; screenshots at 390 and 1280 px go to $DANVAN_SHOTS if set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, storeSql } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';

// iconv -f UTF-8 -t TCVN5712-1 of "Vũ Quang" is "V\xF2 Quang": 0xF2 is "ò" in Windows-1252
const BODY_TCVN3 = 'V\u00F2 Quang';
// "Ban Thường vụ": "Ban Th\xAD\xEAng v\xF4", 0xAD the soft hyphen
const LEAD_TCVN3 = 'Ban Th\u00AD\u00EAng v\u00F4';

let srv;
const browsers = {};
before(async () => {
  srv = await startServer();
  browsers.off = await launchBrowser({ javaScriptEnabled: false });
  browsers.on = await launchBrowser();
});
after(async () => {
  await browsers.off?.close();
  await browsers.on?.close();
  await srv?.stop();
});

const count = async (title) => storeSql(srv.dbPath, `SELECT count(*) FROM articles WHERE title = '${title}'`);

async function shots(page, name) {
  const dir = process.env.DANVAN_SHOTS;
  if (!dir) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
}

for (const js of ['off', 'on']) {
// axe-core needs JavaScript: the pages are checked in the run with it
const a11y = (page) => (js === 'on' ? assertAccessible(page) : null);

test(`a TCVN3 phrase pasted into the desk editor is converted by an explicit choice (JavaScript ${js})`, async () => {
  const browser = browsers[js];
  const title = `Đoàn công tác về Vũ Quang ${js}`;
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'bientap');
  await page.goto(`${srv.url}/desk/new`);
  // the choice is there before anything is typed, folded
  const choice = page.locator('#f-body-legacy');
  assert.equal(await choice.inputValue(), 'auto');
  assert.equal(await page.locator('details.legacy:has(#f-body-legacy)').getAttribute('open'), null);
  await a11y(page);

  await page.locator('#f-title').fill(title);
  await page.locator('#f-lead').fill(LEAD_TCVN3);
  await page.locator('#f-body').fill(BODY_TCVN3);
  await page.locator('details.legacy:has(#f-body-legacy) summary').click();
  await choice.selectOption('tcvn3');
  await Promise.all([
    page.waitForLoadState('load'),
    page.locator('button[name="legacy-preview"][value="body"]').click(),
  ]);

  // the form came back: nothing saved, everything typed kept, the preview shown
  assert.match(page.url(), /\/desk$/);
  assert.equal(await count(title), '0');
  assert.equal(await page.locator('#f-title').inputValue(), title);
  assert.equal(await page.locator('#f-body').inputValue(), BODY_TCVN3);
  assert.equal(await page.locator('#f-lead').inputValue(), LEAD_TCVN3);
  assert.equal(await page.locator('#f-body-legacy').inputValue(), 'tcvn3');
  assert.equal(await page.locator('#f-body-legacy-result').textContent(), 'Vũ Quang');
  // the lead was detected on its own: its soft hyphen reached detection
  assert.equal(await page.locator('#f-lead-legacy-result').textContent(), 'Ban Thường vụ');
  assert.equal(await page.locator('#f-lead-legacy').inputValue(), 'auto');
  await a11y(page);
  if (js === 'on') await shots(page, 'legacy-preview');

  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('form[enctype] button[type=submit]').click()]);
  const saved = await storeSql(srv.dbPath, `SELECT body_md || '|' || lead FROM articles WHERE title = '${title}'`);
  assert.equal(saved, 'Vũ Quang|Ban Thường vụ');
  // the edit form shows the stored Unicode text, the choice back on automatic
  assert.equal(await page.locator('#f-body').inputValue(), 'Vũ Quang');
  assert.equal(await page.locator('#f-body-legacy').inputValue(), 'auto');
  await a11y(page);
  assert.deepEqual(errors, []);
});

test(`when detection is unsure the desk asks before saving, and "leave as typed" keeps the text (JavaScript ${js})`, async () => {
  const browser = browsers[js];
  const title = `Xã Tam Lư ${js}`, kept = `Giữ nguyên ${js}`;
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bientap');
  await page.goto(`${srv.url}/desk/new`);
  // VNI "Tam Lư" reads as TCVN3 "Tam Lử" too: both are Vietnamese spellings
  await page.locator('#f-title').fill(title);
  await page.locator('#f-body').fill('Tam L\u00F6');
  await Promise.all([page.waitForLoadState('load'), page.locator('form[enctype] button[type=submit]').click()]);
  assert.match(page.url(), /\/desk$/, 'not saved');
  assert.equal(await count(title), '0');
  assert.equal(await page.locator('#f-body').inputValue(), 'Tam L\u00F6');
  assert.equal(await page.locator('#f-body').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.error-summary a[href="#f-body"]').count(), 1);
  assert.equal(await page.locator('details.legacy:has(#f-body-legacy)').getAttribute('open'), '');
  await a11y(page);
  if (js === 'on') await shots(page, 'legacy-unsure');

  await page.locator('#f-body-legacy').selectOption('vni');
  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('form[enctype] button[type=submit]').click()]);
  assert.equal(await storeSql(srv.dbPath, `SELECT body_md FROM articles WHERE title = '${title}'`), 'Tam Lư');

  // the same text left as typed on another article
  await page.goto(`${srv.url}/desk/new`);
  await page.locator('#f-title').fill(kept);
  await page.locator('#f-body').fill('Tam L\u00F6');
  await page.locator('details.legacy:has(#f-body-legacy) summary').click();
  await page.locator('#f-body-legacy').selectOption('none');
  await Promise.all([page.waitForURL(/\/desk\/\d+$/), page.locator('form[enctype] button[type=submit]').click()]);
  assert.equal(await storeSql(srv.dbPath, `SELECT body_md FROM articles WHERE title = '${kept}'`), 'Tam L\u00F6');
});
}
