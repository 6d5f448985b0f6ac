// xlsx.test.mjs - the XLSX round trip in the browser: officer xa1 opens the offline-entry
// page, downloads the form, fills it (the test edits it with python's zipfile, as a person
// would in Excel), uploads it through the page's file input; a rule broken in a cell is
// named as "Chỉ tiêu!D4" with nothing saved, and a valid file saves the draft, whose values
// the web form then shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertAccessible, signIn } from '../lib/browser.mjs';
import { seedDocuments, editXlsx, sql as sqlAt } from '../lib/documents_seed.mjs';

let srv;
let browser;
let s;
let dir;
before(async () => {
  srv = await startServer();
  s = await seedDocuments(srv.dbPath);
  browser = await launchBrowser({ acceptDownloads: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'dv-e2e-xlsx-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
  const file = path.join(dir, `form-${Date.now()}.xlsx`);
  await dl.saveAs(file);
  return readFile(file);
}

async function uploadFile(page, buf, name) {
  const file = path.join(dir, name);
  await writeFile(file, buf);
  await page.setInputFiles('#f-file', file);
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
}

test('officer xa1 fills the form offline: a broken rule is named by cell, a valid file is saved', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}${s.base}/xlsx`);
  await assertAccessible(page);
  const form = await download(page);
  assert.equal(form.subarray(0, 2).toString(), 'PK');

  // resolved (D4) above received (D3): refused, nothing saved
  await uploadFile(page, await editXlsx(form, { D3: '10', D4: '25' }), 'bad.xlsx');
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Chỉ tiêu!D4: Số đã giải quyết không được lớn hơn số tiếp nhận/);
  assert.equal(await sqlAt(srv.dbPath, `SELECT count(*) FROM reports WHERE regime_id = ${s.regime}`), '0');
  await assertAccessible(page);

  // a valid file: saved, and the web form shows the values
  await uploadFile(page, await editXlsx(form, { D3: '30', D4: '25', D8: '7' }), 'good.xlsx');
  await page.waitForURL((u) => u.pathname === s.base && u.search.includes('ok=saved'));
  assert.equal(await page.inputValue('[name="v_I01"]'), '30');
  assert.equal(await page.inputValue('[name="v_I02"]'), '25');
  assert.equal(await page.inputValue('[name="v_I05_HND"]'), '7');

  // the offline page lists the saved values too
  await page.goto(`${srv.url}${s.base}/xlsx`);
  const saved = await page.locator('#saved-values').innerText();
  assert.match(saved, /I01\s+Số đơn thư tiếp nhận\s+30/);
  await page.close();
});
