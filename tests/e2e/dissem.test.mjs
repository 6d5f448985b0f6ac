// Dissemination and pre-fill in chromium (axe-core on every page, desktop and 360 px):
// the officer goes from the unit's page to its sessions and records one, choosing the
// unit's open dissemination task: the session page shows the rate, the bridge points and
// the task it is evidence of, and the task waits for the commission's decision. Then the
// officer opens the yearly report, finds the sessions counted from the records with their
// derivation, corrects the figure with a note and submits; the commission's reviewer sees
// the computed figure, the corrected one and the note. The cadres of the unit and the units
// without a cadre fit a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { launchBrowser, collectPageErrors, assertAccessible, signIn } from '../lib/browser.mjs';
import { Client, DEMO } from '../lib/client.mjs';
import { isoDay, dmyDay } from '../lib/dates.mjs';
import { writableYearlyForms } from '../lib/forms.mjs';

let srv, browser, X1, task, heldIso, heldOn, yearly;
const sql = (q) => storeSql(srv.dbPath, q);
const SHOTS = process.env.DANVAN_SHOTS; // a directory: screenshots of each page for a person to look at

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function fitsPhone(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${page.url()} is ${overflow}px wider than the phone screen`);
}

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  X1 = Number(await sql("SELECT unit_id FROM users WHERE username = 'xa1'"));
  const bdv = await sql("SELECT id FROM units WHERE code = '96-TU-BDV' AND valid_to IS NULL");
  await sql(`INSERT INTO tasks (title, source_kind, assigner_unit_id, lead_unit_id, product_kind, assigned_on, deadline_original, deadline)
             VALUES ('Quán triệt Kế hoạch thực hiện Quy định 23-QĐ/TW', 'other', ${bdv}, ${X1}, 'session', '${isoDay(-90)}', '${isoDay(30)}', '${isoDay(30)}')`);
  task = await sql(`SELECT id FROM tasks WHERE lead_unit_id = ${X1} AND product_kind = 'session'`);
  // held a fortnight ago, but within the current yearly period, whose report counts it
  yearly = await sql("SELECT id FROM regimes WHERE code = 'BC-QCDV-NAM'");
  const periodStart = await sql(`SELECT max(close_start) FROM periods WHERE regime_id = ${yearly} AND close_start <= '${isoDay()}'`);
  heldIso = isoDay(-15) < periodStart ? periodStart : isoDay(-15);
  heldOn = heldIso.split('-').reverse().join('/');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('record a session from the unit page: the task is submitted with it as evidence', async () => {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await signIn(page, srv.url, 'xa1');
  await page.goto(`${srv.url}/units/${X1}`);
  await page.locator('nav.unit-links').getByRole('link', { name: 'Hội nghị quán triệt' }).click();
  await page.waitForURL((u) => u.pathname === `/units/${X1}/sessions`);
  await assertAccessible(page);
  await shot(page, 'sessions-list');
  await page.getByRole('link', { name: 'Ghi nhận hội nghị quán triệt' }).click();
  await page.waitForURL((u) => u.pathname === `/units/${X1}/sessions/new`);
  await assertAccessible(page);
  await page.locator('#f-document_title').fill('Kế hoạch thực hiện Quy định 23-QĐ/TW');
  await page.locator('#f-held_on').fill(heldOn);
  await page.locator('#f-place').fill('Hội trường Đảng ủy phường');
  await page.locator('#f-form').selectOption('online');
  // online without bridge points: refused beside the field, the rest kept
  await page.locator('#f-expected_party').fill('35.900');
  await page.locator('#f-attended_party').fill('35.599');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Ghi nhận hội nghị' }).click()]);
  assert.match(await page.locator('#f-points-err').textContent(), /điểm cầu/);
  assert.equal(await page.locator('#f-attended_party').inputValue(), '35.599');
  assert.equal(await page.locator('#error-summary a[href="#f-points"]').count(), 1);
  await assertAccessible(page);
  await shot(page, 'session-form-error');
  await page.locator('#f-points').fill('Điểm cầu phường\nĐiểm cầu khóm 2');
  await page.locator('#f-absentees').fill('Nguyễn Văn Lợi: đi công tác');
  await page.locator('#f-task').selectOption(String(task));
  await Promise.all([page.waitForURL(/\/sessions\/\d+$/), page.getByRole('button', { name: 'Ghi nhận hội nghị' }).click()]);
  const body = await page.locator('main').textContent();
  assert.match(body, /35\.599\/35\.900 = 99,16%/);
  assert.match(body, /Điểm cầu khóm 2/);
  assert.match(body, /Quán triệt Kế hoạch thực hiện Quy định 23-QĐ\/TW/);
  assert.match(await page.locator('body').textContent(), /báo cáo hoàn thành nhiệm vụ/);
  await assertAccessible(page);
  await shot(page, 'session-show');
  const sid = page.url().match(/\/sessions\/(\d+)$/)[1];
  assert.equal(await sql(`SELECT c.evidence_session_id || '|' || t.state FROM task_completions c JOIN tasks t ON t.id = c.task_id WHERE t.id = ${task}`),
    `${sid}|submitted`);
  assert.deepEqual(errors.filter((e) => !/HTTP 422/.test(e)), []);
  await page.close();
});

test('the report form pre-fills from the records; the officer corrects with a note; the reviewer reads it', async () => {
  const page = await browser.newPage();
  await signIn(page, srv.url, 'xa1');
  const c = new Client(srv.url);
  await c.login('xa1', DEMO.xa1);
  // the form of the period the session was held in (the previous year's may still be open)
  const [pid, from, to] = (await sql(`SELECT id || '|' || close_start || '|' || close_end FROM periods
    WHERE regime_id = ${yearly} AND close_start <= '${heldIso}' AND close_end >= '${heldIso}'`)).split('|');
  const key = (await writableYearlyForms(c, { want: 4 })).find((k) => k.split('/')[1] === pid);
  assert.ok(key, 'xa1 may still write the yearly form of the period the session was held in');
  const own = Number(await sql(`SELECT count(*) FROM dissem_sessions WHERE unit_id = ${X1} AND held_on BETWEEN '${from}' AND '${to}'`));
  const href = `/reports/${key}`;
  await page.goto(`${srv.url}/reports`);
  let link = page.locator(`table.list tbody a[href="${href}"]`).first();
  if (!(await link.count())) { // listed among the newest only
    await page.goto(`${srv.url}/reports?sort=new`);
    link = page.locator(`table.list tbody a[href="${href}"]`).first();
  }
  await link.click();
  await page.waitForURL((u) => u.pathname === href);
  const pre = page.locator('.prefill', { has: page.locator('#f-p_I03') });
  const counted = Number(await pre.locator('.prefill-value').textContent());
  assert.ok(own >= 1 && counted >= own, `${counted} counted, ${own} held by the unit itself in the period, the one just recorded among them`);
  assert.equal(await page.locator('#f-v_I03').inputValue(), String(counted));
  assert.match(await pre.locator('.derivation').textContent(), /hội nghị từ .*Phường Bạc Liêu/);
  await assertAccessible(page);
  await shot(page, 'report-prefilled');
  await page.locator('#f-v_I01').selectOption('1');
  // I02 and I04 keep the figures counted from the records (a change would need its note)
  for (const [k, v] of Object.entries({ v_I05: '1', v_I06: '3', v_I07: '2', v_I08_DANG: '0', v_I08_CQ: '0', v_I08_MTDT: '0' }))
    await page.locator(`#f-${k}`).fill(v);
  await page.locator('#f-v_I03').fill(String(counted + 1));
  await page.locator('#f-p_I03').fill('Một hội nghị ở khóm 4 chưa được nhập.');
  await Promise.all([page.waitForURL(/ok=submitted/), page.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
  await signIn(page, srv.url, 'bdv');
  await page.goto(srv.url + href);
  const cell = page.locator('tr', { hasText: 'I03.' }).locator('td').nth(1);
  const t = await cell.textContent();
  assert.match(t, new RegExp(`^${counted + 1}`));
  assert.match(t, new RegExp(`Đếm từ dữ liệu hệ thống: ${counted}`));
  assert.match(t, /Đơn vị điều chỉnh: Một hội nghị ở khóm 4 chưa được nhập\./);
  await assertAccessible(page);
  await shot(page, 'report-review');
  await page.close();
});

test('cadres on a phone: the unit\'s cadre and the units without one', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, srv.url, 'bdv');
  await page.goto(`${srv.url}/cadres`);
  assert.match(await page.locator('.summary').textContent(), /\d+\/\d+ đơn vị có cán bộ phụ trách/);
  await fitsPhone(page);
  await assertAccessible(page);
  await shot(page, 'cadres-phone');
  await page.locator('ul.units-without a').first().click();
  await page.waitForURL(/\/units\/\d+\/cadres$/);
  assert.match(await page.locator('main').textContent(), /Đơn vị chưa có cán bộ phụ trách công tác dân vận/);
  await page.locator('#f-full_name').fill('Đặng Thị Thu');
  await page.locator('#f-valid_from').fill(dmyDay(-3));
  await Promise.all([page.waitForURL(/\/cadres$/), page.getByRole('button', { name: 'Ghi nhận phân công' }).click()]);
  assert.match(await page.locator('main').textContent(), /Cán bộ phụ trách: Đặng Thị Thu/);
  await fitsPhone(page);
  await assertAccessible(page);
  await shot(page, 'cadre-unit-phone');
  await page.goto(`${srv.url}/units/${X1}/sessions/new`);
  await fitsPhone(page);
  await assertAccessible(page);
  await shot(page, 'session-form-phone');
  const sid = await sql(`SELECT id FROM dissem_sessions WHERE unit_id = ${X1} ORDER BY id DESC LIMIT 1`);
  await page.goto(`${srv.url}/sessions/${sid}`);
  await fitsPhone(page);
  await shot(page, 'session-show-phone');
  await page.close();
});
