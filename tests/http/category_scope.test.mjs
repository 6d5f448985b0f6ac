// Category sets belong to a scope (issue 9, finding 6): staff of Hà Nội neither see nor
// change the set "Khối" that Cà Mau's regimes use (its page, rename, its options: 404, and
// nothing changes), while Cà Mau's staff still manage it; a set Hà Nội's staff create is
// theirs alone, and only the sets of one's scope can be chosen for an indicator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql, runDanvan } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv, sql, set, opt;
const HN_PASSWORD = 'hn-staff-password-2025';

before(async () => {
  srv = await startServer();
  sql = (q) => storeSql(srv.dbPath, q);
  set = await sql(`SELECT id FROM category_sets WHERE code = 'KHOI'`);
  opt = await sql(`SELECT id FROM category_options WHERE set_id = ${set} ORDER BY position LIMIT 1`);
  await runDanvan(['user', 'add', 'hn.staff', '--db', srv.dbPath, '--name', 'Cán bộ Hà Nội', '--unit', '01',
    '--role', 'staff', '--scope', '01'], { env: { DANVAN_PASSWORD: HN_PASSWORD } });
});
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, user === 'hn.staff' ? HN_PASSWORD : DEMO[user]);
  c.csrf = csrfFrom((await c.get('/category-sets')).text);
  return c;
}

const state = () => sql(`SELECT name || '|' || (SELECT group_concat(code || '=' || name || '@' || position, ',')
  FROM category_options WHERE set_id = ${set}) FROM category_sets WHERE id = ${set}`);

test('staff of another province get 404 on every page and write of the set, and nothing changes', async () => {
  const before = await state();
  const hn = await as('hn.staff');
  const list = await hn.get('/category-sets');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, new RegExp(`href="/category-sets/${set}"`), 'not listed');
  const wrong = [];
  for (const path of [`/category-sets/${set}`, `/category-sets/${set}/edit`, `/category-sets/${set}/options/new`,
    `/category-sets/${set}/options/${opt}/edit`]) {
    const r = await hn.get(path);
    if (r.status !== 404) wrong.push(`GET ${path}: ${r.status}`);
  }
  for (const [path, fields] of [[`/category-sets/${set}`, { name: 'Bị đổi tên' }],
    [`/category-sets/${set}/options/${opt}`, { code: 'DANG', name: 'Bị đổi' }],
    [`/category-sets/${set}/options`, { code: 'MOI', name: 'Mới' }],
    [`/category-sets/${set}/options/${opt}/move`, { dir: 'down' }],
    [`/category-sets/${set}/options/${opt}/delete`, {}],
    [`/category-sets/${set}/delete`, {}]]) {
    const r = await hn.postForm(path, fields, { csrf: hn.csrf });
    if (r.status !== 404) wrong.push(`POST ${path}: ${r.status}`);
  }
  assert.deepEqual(wrong, [], 'every route answers 404');
  assert.equal(await state(), before, 'nothing changed');
  assert.equal(await sql(`SELECT scope_unit_id = (SELECT receiver_unit_id FROM regimes WHERE code = 'BC-QCDV-6T') FROM category_sets WHERE id = ${set}`), '1',
    'the set belongs to the scope of the regimes that use it');
});

test('the province\'s own staff still manage it; a set made in Hà Nội is Hà Nội\'s alone', async () => {
  const bdv = await as('bdv');
  assert.match((await bdv.get('/category-sets')).text, new RegExp(`href="/category-sets/${set}"`));
  assert.equal((await bdv.get(`/category-sets/${set}`)).status, 200);
  await bdv.get(`/category-sets/${set}/edit`);
  const ren = await bdv.postForm(`/category-sets/${set}`, { name: 'Khối (Cà Mau)' }, { csrf: bdv.csrf });
  assert.equal(ren.status, 303);
  assert.equal(await sql(`SELECT name FROM category_sets WHERE id = ${set}`), 'Khối (Cà Mau)');

  const hn = await as('hn.staff');
  await hn.get('/category-sets/new');
  const made = await hn.postForm('/category-sets', { code: 'HN-KHOI', name: 'Khối Hà Nội' }, { csrf: hn.csrf });
  assert.equal(made.status, 303, made.text.slice(0, 500));
  const hnSet = await sql(`SELECT id FROM category_sets WHERE code = 'HN-KHOI'`);
  assert.equal(await sql(`SELECT scope_unit_id FROM category_sets WHERE id = ${hnSet}`), await sql(`SELECT id FROM units WHERE code = '01' AND valid_to IS NULL`));
  assert.match((await hn.get('/category-sets')).text, new RegExp(`href="/category-sets/${hnSet}"`));
  assert.equal((await bdv.get(`/category-sets/${hnSet}`)).status, 404);
  assert.doesNotMatch((await bdv.get('/category-sets')).text, new RegExp(`href="/category-sets/${hnSet}"`));

  // the indicator form offers, and accepts, only the sets of one's scope
  const regime = await sql(`SELECT id FROM regimes WHERE code = 'BC-QCDV-6T'`);
  const form = await bdv.get(`/regimes/${regime}/indicators/new`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${set}"`));
  assert.doesNotMatch(form.text, new RegExp(`<option value="${hnSet}"`));
  const add = await bdv.postForm(`/regimes/${regime}/indicators`, { code: 'X99', name: 'Thử', type: 'int', category_set: hnSet }, { csrf: bdv.csrf });
  assert.equal(add.status, 200);
  assert.match(add.text, /id="f-category_set-err"/);
  assert.equal(await sql(`SELECT COUNT(*) FROM indicators WHERE code = 'X99'`), '0');
});
