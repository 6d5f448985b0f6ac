// Review conferences over real HTTP on the demo province (src/review/): a conference on the
// units' thematic reports (a bad time refused beside its field), invitees (a unit and a person)
// with their invitation letters numbered on issue and rendered as DOCX and PDF (pdftotext: the
// layout, the code), agenda items, a presentation with its file, attendance by the staff and by
// the code on the letter (a wrong or reused code refused), closing refused before the minutes,
// a conclusion that becomes a task, an award refused when the same achievement comes twice,
// photos (the portal's upload checks) with their captions, closing with the draft article and
// its photos, and an editor taking it to the desk with them; refusals by role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { dmyDay } from '../lib/dates.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
function optionValue(html, name, label) {
  const sel = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  assert.ok(sel, `select ${name}`);
  for (const m of sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g))
    if (decodeEntities(m[2]).replace(/^— /, '') === label || decodeEntities(m[2]).startsWith(label)) return m[1];
  assert.fail(`no option ${label} in ${name}`);
}
function fieldError(html, name) {
  const m = html.match(new RegExp(`id="f-${name}-err"[^>]*>([\\s\\S]*?)</`));
  return m ? text(m[1]).trim() : null;
}
async function post(c, page, p, fields) {
  const g = await c.get(page);
  assert.equal(g.status, 200, `GET ${page}`);
  return c.postForm(p, fields);
}
async function pdfText(c, p) {
  const r = await fetch(`${srv.url}${p}`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(r.status, 200, p);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rvc-'));
  writeFileSync(path.join(dir, 'x.pdf'), Buffer.from(await r.arrayBuffer()));
  return execFileSync('pdftotext', ['-layout', path.join(dir, 'x.pdf'), '-']).toString();
}

const s = {};

test('a conference with invitees, letters, agenda and a presentation', async () => {
  const c = await as('bdv');
  const form = await c.get('/review/conferences/new');
  assert.equal(form.status, 200);
  const unit = optionValue(form.text, 'unit', 'Ban Dân vận Tỉnh ủy Cà Mau');
  const regime = optionValue(form.text, 'regime', 'BC-QCDV-NAM');
  const fields = { unit, kind: 'final', title: 'Hội nghị tổng kết 10 năm thực hiện Quy chế dân vận', years: '10',
                   regime, held_on: dmyDay(), starts_at: '8 giờ', place: 'Hội trường Tỉnh ủy', chair: 'Đồng chí Bí thư', online: '1' };
  let r = await c.postForm('/review/conferences', fields);
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'starts_at'), /HH:MM/);
  assert.match(r.text, /Hội trường Tỉnh ủy/, 'what was typed is kept');
  r = await post(c, '/review/conferences/new', '/review/conferences', { ...fields, starts_at: '07:30' });
  assert.equal(r.status, 303);
  s.conf = r.location;
  const base = s.conf;
  let show = await c.get(base);
  assert.match(text(show.text), /Báo cáo sơ kết, tổng kết của các đơn vị/);
  assert.match(text(show.text), /Chỉ kết thúc hội nghị khi đã có biên bản/);
  r = await post(c, `${base}/bridges/new`, `${base}/bridges`, { place: 'Hội trường Đảng ủy phường Bạc Liêu' });
  assert.equal(r.status, 303);
  const inv = await c.get(`${base}/invitees/new`);
  const ward = optionValue(inv.text, 'unit', 'Phường Bạc Liêu');
  s.ward = ward;
  r = await c.postForm(`${base}/invitees`, { unit: '', name: '', position: 'Bí thư' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'name'), /Chọn đơn vị hoặc ghi tên/);
  r = await post(c, `${base}/invitees/new`, `${base}/invitees`, { unit: ward, name: '', position: '' });
  assert.equal(r.status, 303);
  r = await post(c, `${base}/invitees/new`, `${base}/invitees`, { unit: '', name: 'Nguyễn Văn An', position: 'Bí thư Đảng ủy xã' });
  assert.equal(r.status, 303);
  r = await post(c, `${base}/agenda/new`, `${base}/agenda`, { starts_at: '08:00', ends_at: '07:45', title: 'Khai mạc', presenter: '' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'ends_at'), /sau giờ bắt đầu/);
  r = await post(c, `${base}/agenda/new`, `${base}/agenda`, { starts_at: '07:30', ends_at: '07:45', title: 'Khai mạc hội nghị', presenter: 'Đồng chí Bí thư' });
  assert.equal(r.status, 303);
  // a presentation with its file
  const g = await c.get(`${base}/presentations/new`);
  const csrf = g.text.match(/name="_csrf" value="([^"]+)"/)[1];
  const fd = new FormData();
  for (const [k, v] of Object.entries({ _csrf: csrf, title: 'Phát huy vai trò của Mặt trận', author: 'Trần Thị Bình', unit: ward, mode: 'spoken' }))
    fd.append(k, v);
  fd.append('file', new Blob(['nội dung tham luận'], { type: 'text/plain' }), 'tham-luan.txt');
  r = await c.request(`${base}/presentations`, { method: 'POST', body: fd, headers: { origin: srv.url } });
  assert.equal(r.status, 303);
  show = await c.get(base);
  const t = text(show.text);
  assert.match(t, /Phát huy vai trò của Mặt trận Trần Thị Bình Phường Bạc Liêu Trình bày tại hội nghị/);
  assert.match(t, /07:30 – 07:45 Khai mạc hội nghị/);
  assert.match(t, /Hội trường Đảng ủy phường Bạc Liêu/);
  const file = show.text.match(/href="(\/review\/conferences\/\d+\/presentations\/\d+\/file)"/)[1];
  assert.equal((await c.get(file)).text, 'nội dung tham luận');
  // letters: unnumbered until issued, then numbered in the organiser's series
  const letter = show.text.match(/href="(\/review\/conferences\/\d+\/invitations\/\d+)\.pdf"/g).map((h) => h.slice(6, -1));
  assert.equal(letter.length, 2);
  s.codes = [...show.text.matchAll(/<td>([A-Z2-9]{8})<\/td>/g)].map((m) => m[1]);
  assert.equal(s.codes.length, 2);
  r = await c.postForm(`${base}/invitations`, {});
  assert.equal(r.status, 303);
  show = await c.get(base);
  assert.match(text(show.text), /Giấy mời Số \d+-GM\/BDVTU/);
  const pt = await pdfText(c, letter[1]);
  assert.match(pt, /GIẤY MỜI/);
  assert.match(pt, /ĐẢNG CỘNG SẢN VIỆT NAM/);
  assert.match(pt, /Số \d+-GM\/BDVTU/);
  assert.match(pt, /Nguyễn Văn An/);
  assert.match(pt, new RegExp(s.codes[1]));
  assert.match(pt, /07:30/);
  const docx = await c.request(letter[0].replace(/\.pdf$/, '') + '.docx');
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
});

test('attendance by the staff and by the code; minutes before closing; conclusions and awards', async () => {
  const c = await as('bdv');
  const base = s.conf;
  let show = await c.get(base);
  const checkin = show.text.match(/action="(\/review\/conferences\/\d+\/invitees\/\d+\/checkin)"/)[1];
  let r = await c.postForm(checkin, {});
  assert.equal(r.status, 303);
  r = await post(c, base, checkin, {});
  assert.equal(r.status, 409, 'checked in once');
  r = await post(c, `${base}/checkin`, `${base}/checkin`, { code: 'ZZZZZZZZ' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'code'), /Không có giấy mời/);
  r = await post(c, `${base}/checkin`, `${base}/checkin`, { code: s.codes[0] });
  assert.equal(r.status, 422, 'the first invitee is already in');
  assert.match(fieldError(r.text, 'code'), /đã điểm danh/);
  r = await post(c, `${base}/checkin`, `${base}/checkin`, { code: s.codes[1].toLowerCase() });
  assert.equal(r.status, 303);
  show = await c.get(base);
  assert.match(text(show.text), /2\/2 đại biểu có mặt/);
  assert.match(text(show.text), /Có mặt \(bằng mã\)/);

  r = await post(c, base, `${base}/close`, { title: 'T', lead: 'L', body: 'B', author: 'A' });
  assert.equal(r.status, 409, 'no closing without minutes');
  r = await post(c, `${base}/minutes`, `${base}/minutes`, { minutes: '', by: 'Thư ký' });
  assert.equal(r.status, 422);
  r = await post(c, `${base}/minutes`, `${base}/minutes`, { minutes: 'Hội nghị khai mạc lúc 7 giờ 30.', by: 'Trần Văn Bình' });
  assert.equal(r.status, 303);
  r = await post(c, `${base}/conclusions/new`, `${base}/conclusions`, { text: 'Tiếp tục thực hiện Quy chế dân vận', lead: s.ward, deadline: dmyDay(-2) });
  assert.equal(r.status, 422);
  r = await post(c, `${base}/conclusions/new`, `${base}/conclusions`, { text: 'Tiếp tục thực hiện Quy chế dân vận', lead: s.ward, deadline: dmyDay(200) });
  assert.equal(r.status, 303);
  show = await c.get(base);
  assert.match(show.text, /href="\/tasks\/\d+"/, 'the conclusion is a task');

  const award = { kind: 'collective', unit: s.ward, person: '', achievement: 'Thành tích xuất sắc trong 10 năm thực hiện Quy chế dân vận',
                  form: 'Bằng khen', decision: '125-QĐ/TU', decided_on: dmyDay() };
  r = await post(c, `${base}/awards/new`, `${base}/awards`, award);
  assert.equal(r.status, 303);
  r = await post(c, `${base}/awards/new`, `${base}/awards`, { ...award, achievement: 'THÀNH TÍCH xuất sắc trong 10 năm thực hiện quy chế dân vận!', decision: '126-QĐ/TU' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'achievement'), /đã được khen thưởng/);
  assert.match(r.text, /126-QĐ\/TU/, 'the decision typed is kept');
  r = await post(c, `${base}/awards/new`, `${base}/awards`, { ...award, kind: 'individual', person: 'Trần Thị Bình', decision: '127-QĐ/TU' });
  assert.equal(r.status, 303, 'a person of that unit is another recipient');
});

// A 1×1 PNG with an alpha channel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function postPhoto(c, base, fields, data, name, type) {
  const g = await c.get(`${base}/photos/new`);
  assert.equal(g.status, 200);
  assert.match(g.text, /enctype="multipart\/form-data"/);
  const fd = new FormData();
  fd.append('_csrf', g.text.match(/name="_csrf" value="([^"]+)"/)[1]);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (data) fd.append('photo', new Blob([data], { type }), name);
  return c.request(`${base}/photos`, { method: 'POST', body: fd, headers: { origin: srv.url } });
}

test('photos of the conference: checked as the portal checks uploads, listed with their captions', async () => {
  const c = await as('bdv');
  const base = s.conf;
  let r = await postPhoto(c, base, { caption: 'Quang cảnh hội nghị', alt: 'Hội trường với đại biểu' }, Buffer.from('không phải ảnh'), 'anh.jpg', 'image/jpeg');
  assert.equal(r.status, 422, 'a text file named .jpg is not a photo');
  assert.match(text(r.text), /Tệp này không phải là ảnh|not an image/);
  assert.match(r.text, /Quang cảnh hội nghị/, 'what was typed is kept');
  r = await postPhoto(c, base, { caption: 'Quang cảnh hội nghị', alt: '' }, PNG, 'anh.png', 'image/png');
  assert.equal(r.status, 422, 'the description for screen readers is required');
  r = await postPhoto(c, base, { caption: 'Quang cảnh hội nghị', alt: 'Hội trường với đại biểu' }, null);
  assert.equal(r.status, 422, 'no file chosen');
  r = await postPhoto(c, base, { caption: 'Quang cảnh hội nghị', alt: 'Hội trường với đại biểu' }, PNG, 'anh.png', 'image/png');
  assert.equal(r.status, 303);
  r = await postPhoto(c, base, { caption: 'Lần nữa', alt: 'Cùng ảnh' }, PNG, 'anh.png', 'image/png');
  assert.equal(r.status, 409, 'the same image twice');
  const show = await c.get(base);
  const m = show.text.match(/<img src="(\/review\/conferences\/\d+\/photos\/\d+)" alt="Hội trường với đại biểu"[^>]*><figcaption>Quang cảnh hội nghị<\/figcaption>/);
  assert.ok(m, 'the photo is shown with its caption');
  const img = await c.request(m[1]);
  assert.equal(img.status, 200, 'those who run the conference see it');
  assert.equal(img.headers.get('content-type'), 'image/png');
  const xem = await as('xem');
  assert.equal((await xem.get(m[1])).status, 200, 'a viewer of the unit sees it');
  assert.equal((await xem.get(`${base}/photos/new`)).status, 403);
  assert.equal((await (await as('xa2')).get(m[1])).status, 403, 'another unit does not');
  assert.equal((await c.get(`${base}/photos/99999`)).status, 404);
});

test('closing offers the draft article; an editor takes it to the desk', async () => {
  const c = await as('bdv');
  const base = s.conf;
  const close = await c.get(`${base}/close`);
  assert.equal(close.status, 200);
  assert.match(close.text, /1 tham luận/);
  assert.match(close.text, /Phát huy vai trò của Mặt trận/);
  const r = await c.postForm(`${base}/close`, {
    title: 'Tổng kết 10 năm thực hiện Quy chế dân vận', lead: 'Sáng 03/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị.',
    body: 'Hội nghị nghe 1 tham luận.', author: 'Lê Thị Thu Hà' });
  assert.equal(r.status, 303);
  const show = await c.get(base);
  assert.match(text(show.text), /Trạng thái Đã kết thúc /);
  assert.doesNotMatch(show.text, /href="[^"]*\/agenda\/new"/, 'a closed conference takes no new parts');
  assert.equal((await post(c, base, `${base}/agenda`, { starts_at: '09:00', ends_at: '09:30', title: 'X' })).status, 409);
  assert.equal((await c.get('/review/articles')).status, 403, 'staff are not editors');

  const ed = await as('bientap');
  const list = await ed.get('/review/articles');
  assert.equal(list.status, 200);
  assert.match(text(list.text), /Tổng kết 10 năm thực hiện Quy chế dân vận/);
  const draft = list.text.match(/href="(\/review\/conferences\/\d+\/article)"/)[1];
  const page = await ed.get(draft);
  assert.match(text(page.text), /Lê Thị Thu Hà/);
  assert.match(page.text, /<img src="\/media\/\d+\/thumb" alt="Hội trường với đại biểu"[^>]*><figcaption>Quang cảnh hội nghị</, 'the draft shows the photos');
  const taken = await ed.postForm(draft, {});
  assert.equal(taken.status, 303);
  assert.match(taken.location, /^\/desk\/\d+$/);
  const desk = await ed.get(taken.location);
  assert.equal(desk.status, 200);
  assert.match(desk.text, /Tổng kết 10 năm thực hiện Quy chế dân vận/);
  assert.match(desk.text, /Quang cảnh hội nghị/, 'the photo and its caption are in the article');
  assert.match(desk.text, /Hội trường với đại biểu/);
  const again = await post(ed, draft, draft, {});
  assert.equal(again.location, taken.location, 'taken once');
  assert.doesNotMatch((await c.get(base)).text, /href="[^"]*\/photos\/new"/, 'no more photos once on the desk');
  const late = await postPhoto(c, base, { caption: '', alt: 'Ảnh khác' }, Buffer.concat([PNG, Buffer.from([0])]), 'b.png', 'image/png');
  assert.equal(late.status, 409);
});

test('refusals: another unit, a viewer, signed out, unknown ids', async () => {
  const base = s.conf;
  const xa2 = await as('xa2');
  assert.equal((await xa2.get(base)).status, 403);
  const xem = await as('xem');
  assert.equal((await xem.get(base)).status, 200);
  assert.equal((await xem.get(`${base}/awards/new`)).status, 403);
  await xem.get(base);
  assert.equal((await xem.postForm(`${base}/awards`, {})).status, 403);
  assert.equal((await xem.get('/review/articles')).status, 403);
  const anon = new Client(srv.url);
  assert.ok([401, 303].includes((await anon.get(base)).status));
  const bdv = await as('bdv');
  assert.equal((await bdv.get('/review/conferences/99999')).status, 404);
  assert.equal((await bdv.get(`${base}/invitations/99999.pdf`)).status, 404);
  assert.equal((await bdv.get(`${base}/presentations/99999/file`)).status, 404);
});
