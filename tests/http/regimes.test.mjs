// Reporting regime admin pages over real HTTP on the demo province: the demo regime lists
// its indicators and who reports; creating a regime with a bad field re-renders the form
// with the message beside the field and the typed values kept; adding an indicator and a
// rule (a bad rule is refused beside its field); generating periods; editing a period's
// deadline; an officer is refused. Indicators move up and down (POST buttons, positions
// kept dense). Category sets: created, their categories added, moved, edited and removed,
// the set renamed and used on an indicator; a category with reported values keeps its code
// and is not removed; a set no indicator uses is deleted, one in use is not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

// The value attribute of the input named `name`, decoded.
function valueOf(html, name) {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`));
  if (!m) return null;
  const v = m[0].match(/value="([^"]*)"/);
  return v ? decodeEntities(v[1]) : '';
}

// The field block (div.field) holding the control with id f-NAME.
function fieldBlock(html, name) {
  const i = html.indexOf(`id="f-${name}"`);
  if (i < 0) return '';
  const start = html.lastIndexOf('<div class="field', i);
  const end = html.indexOf('</div>', i);
  return html.slice(start, end);
}

// POST a form after loading a page of the same session (for its CSRF token).
async function post(c, page, path, fields) {
  await c.get(page);
  return c.postForm(path, fields);
}

async function regimeHref(c, code) {
  const list = await c.get('/regimes');
  assert.equal(list.status, 200);
  const m = list.text.match(new RegExp(`<td>${code}</td><td><a href="(/regimes/\\d+)">`));
  assert.ok(m, `${code} is listed`);
  return m[1];
}

test('the demo 6-month regime shows who reports, deadlines, sections and its indicators', async () => {
  const c = await as('bdv');
  const href = await regimeHref(c, 'BC-QCDV-6T');
  await regimeHref(c, 'BC-QCDV-NAM');
  const p = await c.get(href);
  assert.equal(p.status, 200);
  const t = text(p.text);
  for (const s of ['Số văn bản cụ thể hóa Quy chế công tác dân vận được ban hành',
    'Số kiến nghị, phản ánh đã được giải quyết', 'Tỷ lệ người dân hài lòng với việc giải quyết kiến nghị',
    'Kết quả đạt được', 'Phương hướng, nhiệm vụ thời gian tới',
    'Số đã giải quyết không được lớn hơn số tiếp nhận', '6 tháng đầu năm 2025', 'Khối']) {
    assert.ok(t.includes(s), `overview shows "${s}"`);
  }
  assert.match(t, /I07 <= I06/);
  assert.match(t, /\d+ đơn vị phải báo cáo kỳ/);
  // who reports: the communes by type and the provincial bodies one by one
  assert.match(t, /Ủy ban nhân dân tỉnh Cà Mau/);
  assert.match(t, /Phường thuộc Tỉnh Cà Mau/);
});

test('an officer gets 403 on the regime pages', async () => {
  const c = await as('xa1');
  assert.equal((await c.get('/regimes')).status, 403);
  assert.equal((await c.get('/regimes/new')).status, 403);
  assert.equal((await c.get('/regimes/1')).status, 403);
});

test('admin creates a regime (a bad field first), adds an indicator and a rule, generates periods, edits a deadline', async () => {
  const c = await as('admin');
  const form = await c.get('/regimes/new');
  assert.equal(form.status, 200);
  const recv = form.text.match(/<option value="(\d+)">[^<]*Ban Dân vận Tỉnh ủy Cà Mau<\/option>/);
  assert.ok(recv, 'the commission is a receiver choice');

  const bad = await c.postForm('/regimes', {
    code: 'BC QUY', name: 'Báo cáo quý về công tác dân vận', frequency: 'quarter', receiver: recv[1],
    grace_days: '2', doc_type: 'BC', active_from: '01/01/2025', active_to: '',
  });
  assert.equal(bad.status, 200, 'the form comes back');
  assert.match(fieldBlock(bad.text, 'code'), /class="error" id="f-code-err"/, 'the error is beside the code field');
  assert.match(bad.text, /aria-invalid="true"/);
  assert.match(bad.text, /href="#f-code"/, 'the summary links the field');
  assert.equal(valueOf(bad.text, 'name'), 'Báo cáo quý về công tác dân vận', 'typed values are kept');
  assert.equal(valueOf(bad.text, 'code'), 'BC QUY');
  assert.equal(valueOf(bad.text, 'active_from'), '01/01/2025');
  assert.match(bad.text, /<option value="quarter" selected>/);

  const ok = await c.postForm('/regimes', {
    code: 'BC-QUY', name: 'Báo cáo quý về công tác dân vận', frequency: 'quarter', receiver: recv[1],
    grace_days: '2', doc_type: 'BC', active_from: '01/01/2025', active_to: '',
  });
  assert.equal(ok.status, 303);
  const href = ok.location;
  assert.match(href, /^\/regimes\/\d+$/);

  // who reports: every commune of the province
  await c.get(`${href}/assignments/new`);
  const prov = (await c.get(`${href}/assignments/new`)).text.match(/<option value="(\d+)">Tỉnh Cà Mau<\/option>/);
  assert.ok(prov);
  const missingType = await c.postForm(`${href}/assignments`, { kind: 'type', unit: prov[1], unit_type: '', valid_from: '01/01/2025' });
  assert.equal(missingType.status, 200);
  assert.match(fieldBlock(missingType.text, 'unit_type'), /f-unit_type-err/);
  const as1 = await post(c, `${href}/assignments/new`, `${href}/assignments`, { kind: 'type', unit: prov[1], unit_type: 'commune', valid_from: '01/01/2025' });
  assert.equal(as1.status, 303);

  // deadlines
  await c.get(`${href}/deadlines/new`);
  assert.equal((await post(c, `${href}/deadlines/new`, `${href}/deadlines`, { level: 'commune', days: '5' })).status, 303);
  assert.equal((await post(c, `${href}/deadlines/new`, `${href}/deadlines`, { level: '*', days: '10' })).status, 303);

  // a level's deadline can be removed again ("*" travels in the URL)
  assert.equal((await post(c, `${href}/deadlines/new`, `${href}/deadlines`, { level: 'ward', days: '7' })).status, 303);
  let ov = await c.get(href);
  assert.match(ov.text, new RegExp(`action="${href}/deadlines/ward/delete"`));
  assert.equal((await c.postForm(`${href}/deadlines/ward/delete`, {})).status, 303);
  ov = await c.get(href);
  assert.doesNotMatch(ov.text, /deadlines\/ward\/delete/);
  assert.match(ov.text, new RegExp(`action="${href}/deadlines/\\*/delete"`));

  // an indicator, then a second one and a rule between them
  await c.get(`${href}/indicators/new`);
  const badInd = await c.postForm(`${href}/indicators`, { code: 'I01', name: '', type: 'int', unit_of_measure: 'kiến nghị' });
  assert.equal(badInd.status, 200);
  assert.match(fieldBlock(badInd.text, 'name'), /f-name-err/);
  assert.equal(valueOf(badInd.text, 'unit_of_measure'), 'kiến nghị');
  assert.equal((await post(c, `${href}/indicators/new`, `${href}/indicators`, { code: 'I01', name: 'Số kiến nghị tiếp nhận', type: 'int', unit_of_measure: 'kiến nghị', required: '1' })).status, 303);
  assert.equal((await post(c, `${href}/indicators/new`, `${href}/indicators`, { code: 'I02', name: 'Số kiến nghị đã giải quyết', type: 'int', unit_of_measure: 'kiến nghị' })).status, 303);
  const dup = await post(c, `${href}/indicators/new`, `${href}/indicators`, { code: 'I02', name: 'Trùng mã', type: 'int' });
  assert.equal(dup.status, 200);
  assert.match(fieldBlock(dup.text, 'code'), /f-code-err/);

  await c.get(`${href}/rules/new`);
  const badRule = await c.postForm(`${href}/rules`, { left_code: 'I02', op: '<=', right_operand: 'I99', message: 'Không hợp lệ' });
  assert.equal(badRule.status, 200);
  assert.match(fieldBlock(badRule.text, 'right_operand'), /f-right_operand-err/);
  assert.equal(valueOf(badRule.text, 'message'), 'Không hợp lệ');
  assert.equal((await post(c, `${href}/rules/new`, `${href}/rules`, { left_code: 'I02', op: '<=', right_operand: 'I01', message: 'Số đã giải quyết không được lớn hơn số tiếp nhận' })).status, 303);

  // periods: a bad range first, then 2025
  await c.get(href);
  const badGen = await c.postForm(`${href}/periods`, { from_year: '2026', to_year: '2025' });
  assert.equal(badGen.status, 200);
  assert.match(fieldBlock(badGen.text, 'to_year'), /f-to_year-err/);
  assert.equal((await post(c, href, `${href}/periods`, { from_year: '2025', to_year: '2025' })).status, 303);
  const show = await c.get(href);
  const t = text(show.text);
  assert.match(t, /Quý I năm 2025/);
  assert.match(t, /Quý IV năm 2025/);
  assert.match(t, /15\/12\/2024 – 14\/03\/2025/, 'Q1 closes 15/12 to 14/03');
  assert.match(t, /Xã: 19\/03\/2025/, 'commune deadline is 5 days after close');
  assert.match(t, /I02 <= I01/);
  assert.match(t, /Số kiến nghị đã giải quyết/);

  // edit Q1's commune deadline (a deadline before the window's end is refused beside it)
  const q1 = show.text.match(/<td>Quý I năm 2025<\/td>[\s\S]*?<a href="(\/regimes\/\d+\/periods\/\d+)">/);
  assert.ok(q1, 'Q1 has an edit link');
  const pf = await c.get(q1[1]);
  assert.equal(pf.status, 200);
  assert.equal(valueOf(pf.text, 'dl-commune'), '19/03/2025');
  const badDl = await c.postForm(q1[1], { close_start: '15/12/2024', close_end: '14/03/2025', label: 'Quý I năm 2025', 'dl-commune': '10/03/2025', 'dl-other': '24/03/2025' });
  assert.equal(badDl.status, 200);
  assert.match(fieldBlock(badDl.text, 'dl-commune'), /f-dl-commune-err/);
  assert.equal(valueOf(badDl.text, 'dl-commune'), '10/03/2025');
  const okDl = await post(c, q1[1], q1[1], { close_start: '15/12/2024', close_end: '14/03/2025', label: 'Quý I năm 2025', 'dl-commune': '21/03/2025', 'dl-other': '24/03/2025' });
  assert.equal(okDl.status, 303);
  assert.match(text((await c.get(href)).text), /Xã: 21\/03\/2025/);
});

test('the regime pages are valid HTML', async () => {
  const { spawnSync } = await import('node:child_process');
  const c = await as('admin');
  const href = await regimeHref(c, 'BC-QCDV-NAM');
  const show = await c.get(href);
  const period = show.text.match(/href="(\/regimes\/\d+\/periods\/\d+)"/)[1];
  const ind = show.text.match(/href="(\/regimes\/\d+\/indicators\/\d+\/edit)"/)[1];
  for (const p of ['/regimes', '/regimes/new', href, `${href}/edit`, `${href}/assignments/new`,
    `${href}/deadlines/new`, `${href}/sections/new`, `${href}/indicators/new`, ind, `${href}/rules/new`, period]) {
    const r = await c.get(p);
    assert.equal(r.status, 200, `GET ${p}`);
    const t = spawnSync('tidy', ['-q', '-errors', '--show-warnings', 'no', '-utf8'], { input: r.text, encoding: 'utf8' });
    assert.deepEqual(t.stderr.split('\n').filter((l) => /Error:/.test(l)), [], `HTML errors in ${p}`);
  }
});

test('staff adds a thematic period by hand and ends an assignment', async () => {
  const c = await as('bdv');
  const form = await c.get('/regimes/new');
  const recv = form.text.match(/<option value="(\d+)">[^<]*Ban Dân vận Tỉnh ủy Cà Mau<\/option>/)[1];
  const ok = await c.postForm('/regimes', {
    code: 'BC-CD-01', name: 'Báo cáo chuyên đề Dân vận khéo', frequency: 'thematic', receiver: recv,
    grace_days: '0', doc_type: 'BC', active_from: '01/01/2025',
  });
  assert.equal(ok.status, 303);
  const href = ok.location;
  const show = await c.get(href);
  assert.match(show.text, new RegExp(`href="${href}/periods/new"`), 'no generation, an "add a period" link instead');
  const bad = await post(c, `${href}/periods/new`, `${href}/periods/new`, { year: '2025', label: '', close_start: '01/06/2025', close_end: '31/05/2025' });
  assert.equal(bad.status, 200);
  assert.match(fieldBlock(bad.text, 'close_end'), /f-close_end-err/);
  const added = await post(c, `${href}/periods/new`, `${href}/periods/new`, { year: '2025', label: '', close_start: '01/06/2025', close_end: '30/09/2025' });
  assert.equal(added.status, 303);
  assert.match(text((await c.get(href)).text), /Chuyên đề 1 năm 2025 01\/06\/2025 – 30\/09\/2025/);

  const unit = (await c.get(`${href}/assignments/new`)).text.match(/<option value="(\d+)">[^<]*Ủy ban nhân dân tỉnh Cà Mau<\/option>/)[1];
  assert.equal((await post(c, `${href}/assignments/new`, `${href}/assignments`, { kind: 'unit', unit, valid_from: '01/01/2025' })).status, 303);
  const end = (await c.get(href)).text.match(/href="(\/regimes\/\d+\/assignments\/\d+\/end)"/)[1];
  const badEnd = await post(c, end, end, { valid_to: '01/01/2024' });
  assert.equal(badEnd.status, 200);
  assert.match(fieldBlock(badEnd.text, 'valid_to'), /f-valid_to-err/);
  assert.equal((await post(c, end, end, { valid_to: '01/07/2025' })).status, 303);
  assert.match(text((await c.get(href)).text), /01\/01\/2025 – 01\/07\/2025/);
});

// The indicator codes of a regime's overview, in order.
function indicatorCodes(html) {
  const sec = html.slice(html.indexOf('<section id="indicators"'), html.indexOf('</section>', html.indexOf('<section id="indicators"')));
  return [...sec.matchAll(/<tr><td>([^<]+)<\/td>/g)].map((m) => m[1]);
}

test('indicators move up and down with POST buttons; the ends have no button past them', async () => {
  const c = await as('bdv');
  const href = await regimeHref(c, 'BC-DV-THANG');
  let show = await c.get(href);
  const before = indicatorCodes(show.text);
  assert.ok(before.length >= 3, 'the monthly regime has indicators');
  const moveOf = (html, code) => {
    const row = html.match(new RegExp(`<tr><td>${code}</td>[\\s\\S]*?</tr>`))[0];
    return { action: row.match(/action="([^"]+\/move)"/)?.[1], up: /value="up"/.test(row), down: /value="down"/.test(row) };
  };
  const first = moveOf(show.text, before[0]);
  assert.ok(first.action && !first.up && first.down, 'the first has only "down"');
  const last = moveOf(show.text, before.at(-1));
  assert.ok(last.up && !last.down, 'the last has only "up"');
  assert.match(show.text, /href="\/category-sets"/, 'the indicators link to the category sets');

  assert.equal((await c.postForm(first.action, { dir: 'down' })).status, 303);
  show = await c.get(href);
  assert.deepEqual(indicatorCodes(show.text), [before[1], before[0], ...before.slice(2)]);
  // back up again, then a move past the top is refused
  assert.equal((await c.postForm(moveOf(show.text, before[0]).action, { dir: 'up' })).status, 303);
  show = await c.get(href);
  assert.deepEqual(indicatorCodes(show.text), before);
  assert.equal((await c.postForm(first.action, { dir: 'up' })).status, 400);
  assert.equal((await c.postForm(first.action, { dir: 'sideways' })).status, 400);
  assert.equal((await c.postForm(first.action, { dir: 'down', _csrf: null })).status, 403, 'CSRF is checked');
  assert.deepEqual(indicatorCodes((await c.get(href)).text), before);

  const officer = await as('xa1');
  await officer.get('/reports');
  assert.equal((await officer.postForm(first.action, { dir: 'down' })).status, 403);
});

test('category sets: create (bad and taken codes first), add, reorder, edit and remove categories, rename; used on an indicator', async () => {
  const c = await as('bdv');
  const list = await c.get('/category-sets');
  assert.equal(list.status, 200);
  assert.match(list.text, /<a href="\/category-sets"[^>]*aria-current="page"|<a[^>]*aria-current="page"[^>]*href="\/category-sets"/, 'the menu marks the page');
  assert.match(text(list.text), /KHOI Khối Đảng, Chính quyền, Mặt trận và đoàn thể/);

  await c.get('/category-sets/new');
  const bad = await c.postForm('/category-sets', { code: 'LINH VUC', name: 'Lĩnh vực' });
  assert.equal(bad.status, 200);
  assert.match(fieldBlock(bad.text, 'code'), /f-code-err/);
  assert.equal(valueOf(bad.text, 'name'), 'Lĩnh vực');
  const taken = await c.postForm('/category-sets', { code: 'KHOI', name: 'Khối khác' });
  assert.equal(taken.status, 200);
  assert.match(fieldBlock(taken.text, 'code'), /f-code-err/);
  const noName = await c.postForm('/category-sets', { code: 'LV', name: '   ' });
  assert.match(fieldBlock(noName.text, 'name'), /f-name-err/);
  const ok = await c.postForm('/category-sets', { code: 'LV', name: 'Lĩnh vực' });
  assert.equal(ok.status, 303);
  const set = ok.location;
  assert.match(set, /^\/category-sets\/\d+$/);

  for (const [code, name] of [['KT', 'Kinh tế'], ['VH', 'Văn hóa – xã hội'], ['QP', 'Quốc phòng, an ninh']]) {
    assert.equal((await post(c, `${set}/options/new`, `${set}/options`, { code, name })).status, 303);
  }
  const dupOpt = await post(c, `${set}/options/new`, `${set}/options`, { code: 'KT', name: 'Trùng' });
  assert.equal(dupOpt.status, 200);
  assert.match(fieldBlock(dupOpt.text, 'code'), /f-code-err/);
  assert.equal(valueOf(dupOpt.text, 'name'), 'Trùng');

  const codes = async () => [...(await c.get(set)).text.matchAll(/<tr><td>\d+<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(await codes(), ['KT', 'VH', 'QP']);
  const page = (await c.get(set)).text;
  const qp = page.match(/action="([^"]+\/options\/\d+)\/move"[^>]*>(?:(?!<\/tr>)[\s\S])*?Chuyển lên[^<]*QP/);
  assert.ok(qp, 'QP has a "move up" button');
  assert.equal((await c.postForm(`${qp[1]}/move`, { dir: 'up' })).status, 303);
  assert.deepEqual(await codes(), ['KT', 'QP', 'VH']);

  // edit a category's code and name (no values yet), then remove one
  const kt = (await c.get(set)).text.match(/href="([^"]+\/options\/\d+)\/edit"/)[1];
  assert.equal((await post(c, `${kt}/edit`, kt, { code: 'KTE', name: 'Kinh tế, tài chính' })).status, 303);
  assert.equal((await post(c, set, `${kt}/delete`, {})).status, 303);
  assert.deepEqual(await codes(), ['QP', 'VH']);

  // rename the set: the code stays
  const renamed = await post(c, `${set}/edit`, set, { name: 'Lĩnh vực công tác' });
  assert.equal(renamed.status, 303);
  const shown = text((await c.get(set)).text);
  assert.match(shown, /Lĩnh vực công tác/);
  assert.match(shown, /Mã LV|LV/);

  // the set is offered on an indicator form and saved with it
  const href = await regimeHref(c, 'BC-DV-THANG');
  const form = await c.get(`${href}/indicators/new`);
  const opt = form.text.match(/<option value="(\d+)">Lĩnh vực công tác<\/option>/);
  assert.ok(opt, 'the new set is a choice');
  assert.equal((await c.postForm(`${href}/indicators`, { code: 'LV01', name: 'Số mô hình theo lĩnh vực', type: 'int', category_set: opt[1] })).status, 303);
  assert.match(text((await c.get(href)).text), /LV01 Số mô hình theo lĩnh vực Số nguyên[^|]*Lĩnh vực công tác/);
});

test('a category that reports hold values for keeps its code and is not removed', async () => {
  const c = await as('admin');
  const list = await c.get('/category-sets');
  const set = list.text.match(/<td>KHOI<\/td><td><a href="(\/category-sets\/\d+)">/)[1];
  const page = (await c.get(set)).text;
  const dang = page.match(/<td>DANG<\/td>[\s\S]*?href="([^"]+\/options\/\d+)\/edit"/)[1];
  const edit = await c.get(`${dang}/edit`);
  assert.match(text(edit.text), /Đã có báo cáo nhập số liệu cho nhóm này: không thể đổi mã\./, 'the form says so beside the code');
  const refused = await c.postForm(dang, { code: 'D', name: 'Đảng' });
  assert.equal(refused.status, 200);
  assert.match(fieldBlock(refused.text, 'code'), /f-code-err[^>]*>[^<]*không thể đổi mã/);
  assert.equal(valueOf(refused.text, 'code'), 'D', 'the typed code is kept');
  assert.equal((await c.postForm(dang, { code: 'DANG', name: 'Khối Đảng' })).status, 303, 'the name can change');
  const del = await post(c, set, `${dang}/delete`, {});
  assert.equal(del.status, 303);
  const after = await c.get(del.location);
  assert.match(text(after.text), /Nhóm này đã có số liệu báo cáo, không thể xóa\./);
  assert.match(text(after.text), /DANG Khối Đảng/);
});

test('a set no indicator uses is deleted with its categories; a set in use is not', async () => {
  const c = await as('bdv');
  await c.get('/category-sets/new');
  const made = await c.postForm('/category-sets', { code: 'TAM', name: 'Bộ tạm' });
  assert.equal(made.status, 303);
  const set = made.location;
  assert.equal((await post(c, `${set}/options/new`, `${set}/options`, { code: 'A', name: 'Nhóm A' })).status, 303);
  const page = await c.get(set);
  assert.match(text(page.text), /Chưa có chỉ tiêu nào dùng bộ phân tổ này/);
  assert.match(page.text, new RegExp(`<form method="post" action="${set}/delete">`));
  const del = await c.postForm(`${set}/delete`, {});
  assert.equal(del.status, 303);
  assert.equal(del.location, '/category-sets');
  const list = await c.get(del.location);
  assert.match(text(list.text), /Đã xóa bộ phân tổ\./);
  assert.doesNotMatch(list.text, /<td>TAM<\/td>/);
  assert.equal((await c.get(set)).status, 404);

  // KHOI disaggregates demo indicators: no delete button, and a forged POST is refused
  const khoi = list.text.match(/<td>KHOI<\/td><td><a href="(\/category-sets\/\d+)">/)[1];
  const used = await c.get(khoi);
  assert.match(text(used.text), /Số chỉ tiêu đang dùng bộ phân tổ này: [1-9]\d*\. Bộ phân tổ đang được dùng thì không thể xóa\./);
  assert.doesNotMatch(used.text, /action="[^"]*\/delete">.*Xóa bộ phân tổ/);
  const refused = await c.postForm(`${khoi}/delete`, {});
  assert.equal(refused.status, 303);
  assert.equal(refused.location, khoi);
  const after = await c.get(khoi);
  assert.equal(after.status, 200);
  assert.match(text(after.text), /Có chỉ tiêu đang dùng bộ phân tổ này, không thể xóa\./);
});

test('an indicator that reports hold values for keeps its disaggregation; the typed form comes back', async () => {
  const c = await as('admin');
  const href = await regimeHref(c, 'BC-QCDV-6T');
  const page = (await c.get(href)).text;
  // I08 is disaggregated by Khối and the demo's reports hold values for it
  const edit = page.match(/<td>I08<\/td>[\s\S]*?href="(\/regimes\/\d+\/indicators\/\d+)\/edit"/)[1];
  const form = (await c.get(`${edit}/edit`)).text;
  const fields = { code: 'I08', name: valueOf(form, 'name') + ' (sửa)', type: 'int', unit_of_measure: valueOf(form, 'unit_of_measure') ?? '',
    required: '1', category_set: '', position: valueOf(form, 'position') };
  const refused = await c.postForm(edit, fields);
  assert.equal(refused.status, 200);
  assert.match(fieldBlock(refused.text, 'category_set'), /f-category_set-err[^>]*>[^<]*không thể thay đổi cách phân tổ/);
  assert.equal(valueOf(refused.text, 'name'), fields.name, 'the typed name is kept');
});

test('category set pages: officers are refused, unknown ones are 404, pages are valid HTML', async () => {
  const officer = await as('xa1');
  assert.equal((await officer.get('/category-sets')).status, 403);
  assert.equal((await officer.get('/category-sets/new')).status, 403);
  const { spawnSync } = await import('node:child_process');
  const c = await as('admin');
  assert.equal((await c.get('/category-sets/99999')).status, 404);
  const set = (await c.get('/category-sets')).text.match(/href="(\/category-sets\/\d+)"/)[1];
  const opt = (await c.get(set)).text.match(/href="([^"]+\/options\/\d+\/edit)"/)[1];
  assert.equal((await c.get(opt.replace(/\/options\/\d+/, '/options/99999'))).status, 404);
  for (const p of ['/category-sets', '/category-sets/new', set, `${set}/edit`, `${set}/options/new`, opt]) {
    const r = await c.get(p);
    assert.equal(r.status, 200, `GET ${p}`);
    const t = spawnSync('tidy', ['-q', '-errors', '--show-warnings', 'no', '-utf8'], { input: r.text, encoding: 'utf8' });
    assert.deepEqual(t.stderr.split('\n').filter((l) => /Error:/.test(l)), [], `HTML errors in ${p}`);
  }
});
