// html_valid.test.mjs - every page people use goes through HTML Tidy (as cgit's tests do):
// public portal pages as a reader sees them, and the staff pages signed in, each in
// Vietnamese. Any Tidy error (not a warning) fails the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

/** Tidy's errors for an HTML document ([] when it is clean). */
function tidyErrors(html) {
  const r = spawnSync('tidy', ['-q', '-errors', '--show-warnings', 'no', '-utf8'], { input: html, encoding: 'utf8' });
  assert.ok(r.status !== null, 'tidy ran (apt package tidy)');
  return r.stderr.split('\n').filter((l) => /Error:/.test(l));
}

async function checkPages(client, paths) {
  for (const p of paths) {
    const res = await client.get(p);
    assert.equal(res.status, 200, `GET ${p}`);
    assert.deepEqual(tidyErrors(res.text), [], `HTML errors in ${p}`);
  }
}

test('public portal pages are valid HTML', async () => {
  const reader = new Client(srv.url);
  const home = await reader.get('/');
  const article = home.text.match(/href="(\/bai-viet\/[^"/]+)"/)[1];
  const category = home.text.match(/href="(\/chuyen-muc\/[^"/]+)"/)[1];
  const tagPage = (await reader.get(article)).text.match(/href="(\/the\/[^"/]+)"/);
  await checkPages(reader, ['/', category, article, `${article}/in`, `${article}/gui`,
    '/tim-kiem?q=dan+van', '/gioi-thieu', '/en/about', '/login', ...(tagPage ? [tagPage[1]] : [])]);
});

test('staff pages are valid HTML', async () => {
  const admin = new Client(srv.url);
  await admin.login('admin', DEMO.admin);
  const units = await admin.get('/units');
  const unit = units.text.match(/href="(\/units\/\d+)"/)[1];
  await checkPages(admin, ['/units', '/units?q=ca+mau', unit, `${unit}/edit`, `${unit}/signer`, '/users', '/users/new',
    '/account/password', '/audit', '/desk', '/desk/new', '/desk/categories', '/category-sets', '/category-sets/new',
    '/tokens']);
  // an article on the desk, its preview in the portal's layout, and the English home page
  const desk = await admin.get('/desk');
  const art = desk.text.match(/href="(\/desk\/\d+)"/)[1];
  await checkPages(admin, [art, `${art}/preview`]);
  await admin.get('/lang/en?next=/');
  await checkPages(admin, ['/', '/chuyen-muc/tin-tuc']);
});

test('reporting pages are valid HTML: the due list, the review queue and its filters, a report under review, the audit log filtered', async () => {
  const bdv = new Client(srv.url);
  await bdv.login('bdv', DEMO.bdv);
  const queue = await bdv.get('/reports/review');
  const report = queue.text.match(/href="(\/reports\/\d+\/\d+\/\d+)"/)[1];
  await checkPages(bdv, ['/reports', '/reports/review', '/reports/review?late=1&sort=new&page=2',
    '/reports/review?q=zzz-none', report, '/dashboard']);
  const admin = new Client(srv.url);
  await admin.login('admin', DEMO.admin);
  await checkPages(admin, ['/audit?entity=unit&action=update&from=01/01/2020&to=31/12/2099', '/audit?from=99/99/2020']);
});

test('cadre and dissemination pages are valid HTML: a unit\'s cadres, an assignment, the units without one, sessions, a session and its form, a pre-filled report', async () => {
  const xa1 = new Client(srv.url);
  await xa1.login('xa1', DEMO.xa1);
  const home = await xa1.get('/reports');
  const unit = (await xa1.get('/cadres')).text.match(/href="\/units\/(\d+)\/cadres"/)[1];
  const cadres = await xa1.get(`/units/${unit}/cadres`);
  const edit = cadres.text.match(/href="(\/cadres\/\d+\/edit)"/)[1];
  const sessions = await xa1.get(`/units/${unit}/sessions`);
  const session = sessions.text.match(/href="(\/sessions\/\d+)"/)[1];
  const yearly = home.text.match(/href="(\/reports\/\d+\/\d+\/\d+)"[^>]*>[^<]*<\/a>\s*<\/td>\s*<td>[^<]*Báo cáo năm/);
  await checkPages(xa1, [`/units/${unit}`, `/units/${unit}/cadres`, edit, '/cadres', '/cadres?date=31/12/2025',
    `/units/${unit}/sessions`, `/units/${unit}/sessions/new`, session, `${session}/edit`, ...(yearly ? [yearly[1]] : [])]);
});

test('review pages are valid HTML: the board, a plan, an inspection, the seed conference, the summary report and their forms', async () => {
  const bdv = new Client(srv.url);
  await bdv.login('bdv', DEMO.bdv);
  const board = await bdv.get('/review');
  const link = (re) => board.text.match(re)[1];
  const plan = link(/href="(\/review\/plans\/\d+)"/);
  const insp = link(/href="(\/review\/inspections\/\d+)"/);
  const conf = link(/href="(\/review\/conferences\/\d+)"/);
  const summ = link(/href="(\/review\/summaries\/\d+)"/);
  await checkPages(bdv, ['/review', plan, `${plan}/items/new`, insp, '/review/inspections/new', conf, '/review/conferences/new',
    summ, `${summ}/edit`, '/review/summaries/new', `${summ}/compare?a=1&b=2`]);
  const ed = new Client(srv.url);
  await ed.login('bientap', DEMO.bientap);
  await checkPages(ed, ['/review/articles']);
});
