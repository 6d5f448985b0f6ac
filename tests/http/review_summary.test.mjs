// The N-year summary report over real HTTP on the demo province (src/review/): created on a
// regime (a reversed span refused beside its field), its page draws the data per year from
// the records (reports received and on time), names the areas whose data is missing, the
// chart of rates; the narrative saved twice gives two versions compared side by side; the PDF
// (turned into text by pdftotext) and the DOCX carry the 36-HD/VPTW heading, the outline's
// parts, the table per year and the appendix; issuing numbers it and freezes the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
function optionValue(html, name, label) {
  const sel = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  for (const m of sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g))
    if (decodeEntities(m[2]).replace(/^— /, '').startsWith(label)) return m[1];
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

let href;

test('a summary report drafted from the data, its versions and its documents', async () => {
  const c = await as('bdv');
  const form = await c.get('/review/summaries/new');
  assert.equal(form.status, 200);
  const unit = optionValue(form.text, 'unit', 'Ban Dân vận Tỉnh ủy Cà Mau');
  const regime = optionValue(form.text, 'regime', 'BC-QCDV-6T');
  const f = { unit, title: 'Tổng kết 10 năm thực hiện Quy chế dân vận', from_year: '2026', to_year: '2017', regime, subject_document: '' };
  let r = await c.postForm('/review/summaries', f);
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'to_year'), /Năm cuối phải sau năm đầu/);
  r = await post(c, '/review/summaries/new', '/review/summaries', { ...f, from_year: '2017', to_year: '2026' });
  assert.equal(r.status, 303);
  href = r.location;
  const page = await c.get(href);
  assert.equal(page.status, 200);
  const t = text(page.text);
  assert.match(t, /Số liệu qua các năm/);
  assert.match(t, /2017/);
  assert.match(t, /\d+\/\d+ \([\d,]+%\)/, 'reports received out of expected, with the rate');
  assert.match(t, /Chưa có số liệu về kiến nghị, phản ánh của Nhân dân/);
  assert.match(page.text, /<svg viewBox="0 0 640 260"[\s\S]*<polyline/);
  assert.match(t, /Phụ lục: theo đơn vị/);

  r = await post(c, `${href}/edit`, `${href}/versions`, { situation: 'Sau 10 năm, các cấp ủy đã quán triệt.', results: '', limitations: '',
    lessons: '', directions: '', recommendations: '', note: '' });
  assert.equal(r.status, 422, 'a version needs its note');
  assert.match(r.text, /Sau 10 năm, các cấp ủy đã quán triệt./);
  r = await post(c, `${href}/edit`, `${href}/versions`, { situation: 'Sau 10 năm, các cấp ủy đã quán triệt.', results: 'Kết quả nổi bật.',
    limitations: 'Công tác kiểm tra chưa kịp thời.', lessons: '', directions: '', recommendations: '', note: 'Bản thảo lần 1' });
  assert.equal(r.status, 303);
  r = await post(c, `${href}/edit`, `${href}/versions`, { situation: 'Sau 10 năm, các cấp ủy đã quán triệt sâu rộng.', results: 'Kết quả nổi bật.',
    limitations: 'Công tác kiểm tra chưa kịp thời.', lessons: 'Phát huy vai trò Nhân dân.', directions: '', recommendations: '', note: 'Bản thảo lần 2' });
  assert.equal(r.status, 303);
  const show = await c.get(href);
  const cmp = decodeEntities(show.text.match(/href="([^"]*\/compare\?a=2&amp;b=3)"/)[1]);
  const side = await c.get(cmp);
  assert.equal(side.status, 200);
  const st = text(side.text);
  assert.match(st, /I\. Tình hình triển khai thực hiện Sau 10 năm, các cấp ủy đã quán triệt\. Sau 10 năm, các cấp ủy đã quán triệt sâu rộng\. Có/);
  assert.match(st, /II\. Kết quả thực hiện của cả hệ thống chính trị Kết quả nổi bật\. Kết quả nổi bật\. Không/);
  assert.equal((await c.get(`${href}/compare?a=2&b=99`)).status, 404);

  r = await c.postForm(`${href}/issue`, {});
  assert.equal(r.status, 303);
  const issued = await c.get(href);
  assert.match(text(issued.text), /Số \d+-BC\/BDVTU/);
  assert.doesNotMatch(issued.text, /href="[^"]*\/edit"/, 'issued: no more editing');
  r = await post(c, href, `${href}/versions`, { situation: 'x', results: '', limitations: '', lessons: '', directions: '', recommendations: '', note: 'n' });
  assert.equal(r.status, 409);

  const pdf = await fetch(`${srv.url}${href}/report.pdf`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rvs-'));
  const file = path.join(dir, 'tong-ket.pdf');
  writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  const pt = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  writeFileSync('/tmp/review-summary-page.txt', pt); // the page as the test renders it (for the closing note)
  assert.match(pt, /ĐẢNG CỘNG SẢN VIỆT NAM/);
  assert.match(pt, /BAN DÂN VẬN/);
  assert.match(pt, /Số \d+-BC\/BDVTU/);
  assert.match(pt, /BÁO CÁO/);
  assert.match(pt, /I\. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN/);
  assert.match(pt, /Sau 10 năm, các cấp ủy đã quán triệt sâu rộng\./, 'the issued version');
  assert.match(pt, /VI\. KIẾN NGHỊ, ĐỀ XUẤT/);
  assert.match(pt, /SỐ LIỆU QUA CÁC NĂM/);
  assert.match(pt, /Năm 2017/);
  assert.match(pt, /Năm 2026/);
  assert.match(pt, /Tỷ lệ báo cáo đúng hạn/);
  assert.match(pt, /PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ/);
  assert.match(pt, /SỐ LIỆU CHƯA CÓ/);
  const fonts = execFileSync('pdffonts', [file]).toString();
  assert.match(fonts, /LiberationSerif/);
  assert.doesNotMatch(fonts, /DejaVu/);
  const docx = await c.request(`${href}/report.docx`);
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
});

test('refusals: another unit, a viewer, unknown ids', async () => {
  const xa2 = await as('xa2');
  assert.equal((await xa2.get(href)).status, 403);
  assert.equal((await xa2.get(`${href}/report.pdf`)).status, 403);
  const xem = await as('xem');
  assert.equal((await xem.get(href)).status, 200);
  assert.equal((await xem.get(`${href}/edit`)).status, 403);
  await xem.get(href);
  assert.equal((await xem.postForm(`${href}/issue`, {})).status, 403);
  const bdv = await as('bdv');
  assert.equal((await bdv.get('/review/summaries/99999')).status, 404);
  assert.equal((await bdv.get(`${href}/compare?a=x&b=1`)).status, 404);
  const anon = new Client(srv.url);
  assert.ok([401, 303].includes((await anon.get(href)).status));
});
