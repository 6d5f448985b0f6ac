// print_fonts.test.mjs - the print view of a report in Debian's Chromium is set in Liberation
// Serif alone: with Debian 12's fonts-liberation 1.07 (no U+1EA0–U+1EF9) Chromium took most
// Vietnamese letters (ạ ả ấ … ỹ) from DejaVu Serif. scripts/install-deps.sh installs
// fonts-liberation2 and hides the 1.07 files from fontconfig
// (scripts/fontconfig/65-danvan-liberation2.conf). The page is printed to PDF (print media,
// A4) and pdffonts lists what it embeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { launchBrowser, signIn } from '../lib/browser.mjs';
import { pdfFonts } from '../lib/documents_seed.mjs';

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

test('a report printed from the browser uses Liberation Serif for its Vietnamese text', async () => {
  const path = await storeSql(srv.dbPath, `SELECT '/reports/' || r.regime_id || '/' || r.period_id || '/' || r.unit_id
      FROM reports r JOIN units u ON u.id = r.unit_id WHERE u.code = '96-UBND' AND u.valid_to IS NULL
      AND r.status IN ('submitted','approved') ORDER BY r.period_id DESC LIMIT 1`);
  assert.match(path, /^\/reports\/\d+\/\d+\/\d+$/);
  const page = await browser.newPage();
  await signIn(page, srv.url, 'bdv');
  await page.goto(srv.url + path);
  assert.ok((await page.textContent('main')).includes('Ủy ban nhân dân tỉnh Cà Mau'));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const fonts = await pdfFonts(pdf);
  assert.ok(fonts.some((f) => /^LiberationSerif/.test(f)), fonts.join(', '));
  assert.deepEqual(fonts.filter((f) => /DejaVuSerif/.test(f)), [], `fallback fonts: ${fonts.join(', ')}`);
  await page.close();
});
