// portal_public.test.mjs - the public portal as a reader meets it in the browser: home,
// article, print view and About pass axe-core (no serious or critical violation), printing
// the article page hides the navigation, the article fits a 360 px phone screen, and the
// pages work with JavaScript disabled (the back link is a plain link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertAccessible, collectPageErrors } from '../lib/browser.mjs';

let srv;
let browser;
let articlePath;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  // The demo content has published articles; take the first one with a photo from the home page.
  const home = await (await fetch(srv.url + '/')).text();
  const withPhoto = home.match(/<a class="card-photo" href="(\/bai-viet\/[^"]+)"/);
  articlePath = withPhoto ? withPhoto[1] : home.match(/href="(\/bai-viet\/[^"/]+)"/)[1];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('home, article, print view, About and /en/about pass axe-core', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  for (const p of ['/', articlePath, `${articlePath}/in`, '/gioi-thieu', '/en/about', '/bai-viet/khong-ton-tai']) {
    const res = await page.goto(srv.url + p);
    assert.equal(res.status(), p.includes('khong-ton-tai') ? 404 : 200, p);
    await assertAccessible(page);
  }
  assert.deepEqual(errors.filter((e) => !e.includes('khong-ton-tai')), []);
  await page.close();
});

test('the article page has its parts and a back link that is a plain link', async () => {
  const page = await browser.newPage();
  await page.goto(srv.url + articlePath);
  assert.equal(await page.locator('main h1').count(), 1);
  const back = page.locator('.story-back a');
  assert.match(await back.innerText(), /\[Trở về\]/);
  const href = await back.getAttribute('href');
  assert.ok(href.startsWith('/'), `back link ${href}`);
  assert.equal(await page.locator('a[href$="/in"]', { hasText: 'Bản in' }).count(), 1);
  assert.equal(await page.locator('a[href$="/gui"]', { hasText: 'Gửi bài viết' }).count(), 1);
  await Promise.all([page.waitForURL((u) => u.pathname === href), back.click()]);
  await page.close();
});

test('printing the article page hides the navigation and shows the portal name and URL', async () => {
  const page = await browser.newPage();
  await page.goto(srv.url + articlePath);
  assert.equal(await page.locator('.print-only').first().isVisible(), false);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.portal-menu').isVisible(), false);
  assert.equal(await page.locator('.portal-search').isVisible(), false);
  assert.equal(await page.locator('.portal-foot').isVisible(), false);
  assert.equal(await page.locator('.story-tools').isVisible(), false);
  assert.equal(await page.locator('main h1').isVisible(), true);
  assert.equal(await page.locator('.print-only .print-portal').isVisible(), true);
  assert.match(await page.locator('.print-only .print-url').innerText(), /\/bai-viet\//);
  // the print view itself has no navigation at all
  await page.goto(`${srv.url}${articlePath}/in`);
  assert.equal(await page.locator('nav').count(), 0);
  assert.equal(await page.locator('.print-portal').isVisible(), true);
  await page.close();
});

test('the article page fits a 360 px wide phone screen', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const p of [articlePath, '/']) {
    await page.goto(srv.url + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${p} is ${overflow}px wider than the phone screen`);
  }
  await page.close();
});

test('the portal works with JavaScript disabled', async () => {
  const nojs = await launchBrowser({ javaScriptEnabled: false });
  try {
    const page = await nojs.newPage();
    await page.goto(srv.url + '/');
    const first = page.locator('.card-title a').first();
    const href = await first.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.pathname === href), first.click()]);
    assert.equal(await page.locator('main h1').count(), 1);
    const menu = page.locator('.portal-menu a[href^="/chuyen-muc/"]').first();
    const cat = await menu.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.pathname === cat), menu.click()]);
    assert.equal(await page.locator('main h1').count(), 1);
    await page.close();
  } finally {
    await nojs.close();
  }
});
