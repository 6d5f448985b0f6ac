// reader.test.mjs - a citizen's path through the portal in the browser, with and without
// JavaScript: search without diacritics ("dan van"), open the seed article from the
// results, open its print view, and come back with the back link. axe-core on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertAccessible } from '../lib/browser.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

for (const javaScriptEnabled of [true, false]) {
  test(`search "dan van", read, print view, back (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const browser = await launchBrowser({ javaScriptEnabled });
    try {
      const page = await browser.newPage();
      await page.goto(`${srv.url}/`);
      await page.fill('#portal-q', 'dan van 290');
      await Promise.all([page.waitForURL(/\/tim-kiem\?/), page.press('#portal-q', 'Enter')]);
      if (javaScriptEnabled) await assertAccessible(page);
      // The seed article is found although the query has no diacritics, with marked terms.
      const hit = page.locator('main a[href^="/bai-viet/"]', { hasText: /290-QĐ\/TW/i }).first();
      assert.ok(await hit.count(), 'the seed article is among the results');
      assert.ok(await page.locator('main mark').count() > 0, 'matched words are highlighted');
      await Promise.all([page.waitForURL(/\/bai-viet\//), hit.click()]);
      const articleUrl = page.url();
      assert.match(await page.locator('main').innerText(), /Văn Minh/);
      if (javaScriptEnabled) await assertAccessible(page);

      await Promise.all([page.waitForURL(/\/in$/), page.click('a[href$="/in"]')]);
      const print = await page.locator('body').innerText();
      assert.match(print, new RegExp(articleUrl.replace(/^https?:\/\/[^/]+/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(await page.locator('form').count(), 0, 'the print view has no forms or navigation');
      if (javaScriptEnabled) await assertAccessible(page);

      await page.goto(articleUrl);
      const back = page.locator('.story-back a');
      const href = await back.getAttribute('href');
      assert.ok(href && href.startsWith('/') && !href.startsWith('javascript'), 'back link is a real link');
      await Promise.all([page.waitForURL((u) => u.pathname === href), back.click()]);
    } finally {
      await browser.close();
    }
  });
}
