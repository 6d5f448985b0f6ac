// portal_layout.test.mjs - the public portal as a reader sees it on a 390 px phone and a
// 1280 px desktop: the header takes a modest part of the phone's first screen, the home page
// has a lead story with its photo, the other featured stories and even cards in clear
// sections, the article's breadcrumb does not repeat its title, the seed article shows its
// drawn photo under "Toàn cảnh Hội nghị …" with its published wording (typos included), the
// language switch keeps the page, nothing is wider than the screen, and axe-core finds no
// serious or critical violation. Screenshots are kept in test-results/portal/ to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertAccessible, collectPageErrors, signIn } from '../lib/browser.mjs';

const SHOTS = path.resolve('test-results/portal');
const WIDTHS = [{ width: 390, height: 844 }, { width: 1280, height: 900 }];
const SEED = '/bai-viet/ban-thuong-vu-tinh-uy-to-chuc-hoi-nghi-tong-ket-10-nam-thuc-hien-quyet-dinh-so';

let srv;
let browser;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(viewport, p) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const errors = collectPageErrors(page);
  const res = await page.goto(srv.url + p);
  assert.equal(res.status(), 200, p);
  return { page, errors };
}

async function shoot(page, name, viewport) {
  await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}.png`), fullPage: true });
}

/** Nothing sticks out sideways: the page scrolls only vertically. */
async function assertNoSideScroll(page, viewport) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= viewport.width, `page is ${w} px wide on a ${viewport.width} px screen`);
}

for (const viewport of WIDTHS) {
  test(`home page at ${viewport.width} px: lead story with photo, even cards, sections, modest header`, async () => {
    const { page, errors } = await open(viewport, '/');
    await page.waitForLoadState('load');
    await shoot(page, 'home', viewport);
    await assertAccessible(page);
    await assertNoSideScroll(page, viewport);

    const header = await page.locator('header.portal-top').boundingBox();
    if (viewport.width === 390) assert.ok(header.height <= viewport.height * 0.2, `header ${header.height} px of ${viewport.height}`);
    else assert.ok(header.height <= 130, `header ${header.height} px`);
    // one language switch, and on the phone the search is one tap away
    assert.equal(await page.locator('header .portal-lang').count(), 1);
    if (viewport.width === 390) assert.ok(await page.locator('.portal-search-link').isVisible());
    else assert.ok(await page.locator('.portal-search input').isVisible());

    // the lead story: first on the page, its photo loaded and large
    const lead = page.locator('.lead-story');
    assert.equal(await lead.count(), 1);
    const img = lead.locator('.lead-photo img');
    const loaded = await img.evaluate((el) => el.complete && el.naturalWidth);
    assert.ok(loaded >= 1000, `the lead photo loaded (${loaded} px)`);
    const ib = await img.boundingBox();
    assert.ok(ib.width >= viewport.width * (viewport.width === 390 ? 0.9 : 0.5), `lead photo ${ib.width} px wide`);
    assert.ok(ib.y < viewport.height, 'the lead photo is on the first screen');
    assert.ok(await lead.locator('.lead-title a').innerText());
    assert.ok((await page.locator('.top-list li').count()) >= 1, 'the other featured stories');

    // even cards: within each block the cards are as tall as each other
    for (const block of await page.locator('.home-block').all()) {
      const hs = await block.locator('.card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      if (hs.length < 2) continue;
      const spread = (Math.max(...hs) - Math.min(...hs)) / Math.max(...hs);
      assert.ok(spread <= 0.12, `card heights ${hs.map(Math.round).join(', ')}`);
    }
    // clear sections: the latest news and at least three categories, each with a heading
    const sections = await page.locator('.home-block h2.section-title').allInnerTexts();
    assert.ok(sections.length >= 4, sections.join(' | '));
    assert.match(sections[0], /TIN MỚI NHẤT|Tin mới nhất/i);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`the seed article at ${viewport.width} px: drawn photo, caption, wording as published, short breadcrumb`, async () => {
    const { page, errors } = await open(viewport, SEED);
    await page.waitForLoadState('load');
    await shoot(page, 'article', viewport);
    await assertAccessible(page);
    await assertNoSideScroll(page, viewport);
    const fig = page.locator('.story-photo').first();
    assert.match(await fig.locator('figcaption').innerText(), /^Toàn cảnh Hội nghị Tổng kết 10 năm thực hiện Quyết định số 290-QĐ\/TW/);
    const dims = await fig.locator('img').evaluate((el) => [el.complete, el.naturalWidth, el.naturalHeight]);
    assert.deepEqual(dims, [true, 1200, 675], 'a real photo, not the old 800×450 placeholder');
    assert.match(await fig.locator('img').getAttribute('alt'), /Hội trường Tỉnh ủy/);
    // the article's own words, typos included
    const h1 = await page.locator('main h1').innerText();
    assert.match(h1, /CỦA HỆ THÓNG CHÍNH TRỊ\.$/);
    const body = await page.locator('.story-body').innerText();
    assert.match(body, /vị trí, vai trò công tác dận vận/);
    assert.match(body, /ổn định chính tri của địa phương/);
    assert.match(body, /động viện các tầng lớp nhân dân/);
    // the breadcrumb says where it is, the heading says what it is
    const crumbs = await page.locator('nav.crumbs').innerText();
    assert.match(crumbs, /Trang chủ/);
    assert.match(crumbs, /Hoạt động/);
    assert.doesNotMatch(crumbs, /HỘI NGHỊ/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`language switch at ${viewport.width} px keeps the reader on the page`, async () => {
    const { page } = await open(viewport, '/chuyen-muc/hoat-dong');
    await Promise.all([page.waitForURL((u) => u.pathname === '/chuyen-muc/hoat-dong'), page.locator('.portal-lang').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.locator('.portal-brand').innerText(), /Ca Mau Mass Mobilization Commission Portal/);
    await shoot(page, 'category-en', viewport);
    await assertAccessible(page);
    await assertNoSideScroll(page, viewport);
    await page.goto(srv.url + '/en/about');
    await shoot(page, 'about-en', viewport);
    await assertAccessible(page);
    assert.doesNotMatch(await page.locator('main').innerText(), /The Cổng/);
    await Promise.all([page.waitForURL((u) => u.pathname === '/gioi-thieu'), page.locator('.portal-lang').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    await page.close();
  });
}

test("the editor's preview at 390 and 1280 px looks like the portal's page", async () => {
  for (const viewport of WIDTHS) {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await signIn(page, srv.url, 'bientap');
    await page.goto(srv.url + '/desk');
    const href = await page.locator('a[href^="/desk/"][href$="0"], a[href^="/desk/"]').evaluateAll((as) =>
      as.map((a) => a.getAttribute('href')).find((h) => /^\/desk\/\d+$/.test(h)));
    assert.ok(href, 'an article on the desk');
    await page.goto(srv.url + href + '/preview');
    assert.equal(await page.locator('body.portal .portal-top').count(), 1);
    assert.ok(await page.locator('.preview-note').isVisible());
    await shoot(page, 'preview', viewport);
    await assertAccessible(page);
    await assertNoSideScroll(page, viewport);
    await page.close();
  }
});
