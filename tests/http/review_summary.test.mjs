// The N-year summary report over real HTTP on the demo province (src/review/): created on a
// regime (a reversed span refused beside its field), its page draws the data per year from
// the records (reports received and on time; sessions and their participation, cadres,
// petitions, dialogues and models, counted from the demo's records of those areas), the
// chart of rates; the narrative saved twice gives two versions compared side by side; the PDF
// (turned into text by pdftotext) and the DOCX carry the 36-HD/VPTW heading, the outline's
// parts, the table per year, the chart of rates (the PDF's page drawn by pdftoppm is coloured
// where the chart is; the DOCX holds the PNG part and its relationship) and the appendix;
// issuing numbers it and freezes the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { isoDay } from '../lib/dates.mjs';

// Ten years up to this one: the demo's sessions and petitions are of the last weeks.
const LAST = isoDay().slice(0, 4), FIRST = String(Number(LAST) - 9);

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
// Prints how many pixels of a PNG are clearly coloured (not grey): the chart's lines.
const COLOURED = `
import sys, zlib, struct
d = open(sys.argv[1], 'rb').read()
w, h, depth, ctype = struct.unpack('>IIBB', d[16:26])
i, raw = 8, b''
while i < len(d):
    n, = struct.unpack('>I', d[i:i+4]); t = d[i+4:i+8]
    if t == b'IDAT': raw += d[i+8:i+8+n]
    i += 12 + n
raw = zlib.decompress(raw); bpp = {2: 3, 6: 4}[ctype]; stride = w * bpp
prev, out, k = bytearray(stride), 0, 0
for y in range(h):
    f = raw[k]; line = bytearray(raw[k+1:k+1+stride]); k += 1 + stride
    for x in range(stride):
        a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        r, g, b2 = line[x], line[x+1], line[x+2]
        if max(r, g, b2) - min(r, g, b2) > 60: out += 1
    prev = line
print(out)
`;

test('a summary report drafted from the data, its versions and its documents', async () => {
  const c = await as('bdv');
  const form = await c.get('/review/summaries/new');
  assert.equal(form.status, 200);
  const unit = optionValue(form.text, 'unit', 'Ban Dân vận Tỉnh ủy Cà Mau');
  const regime = optionValue(form.text, 'regime', 'BC-QCDV-6T');
  const f = { unit, title: 'Tổng kết 10 năm thực hiện Quy chế dân vận', from_year: LAST, to_year: FIRST, regime, subject_document: '' };
  let r = await c.postForm('/review/summaries', f);
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'to_year'), /Năm cuối phải sau năm đầu/);
  r = await post(c, '/review/summaries/new', '/review/summaries', { ...f, from_year: FIRST, to_year: LAST });
  assert.equal(r.status, 303);
  href = r.location;
  const page = await c.get(href);
  assert.equal(page.status, 200);
  const t = text(page.text);
  assert.match(t, /Số liệu qua các năm/);
  assert.ok(t.includes(FIRST), 'the first year');
  assert.match(t, /\d+\/\d+ \([\d,]+%\)/, 'reports received out of expected, with the rate');
  assert.doesNotMatch(t, /Chưa có số liệu|Số liệu chưa có/, 'every area is counted now');
  assert.match(page.text, /<svg viewBox="0 0 640 260"[\s\S]*<polyline/);
  assert.equal((page.text.match(/<polyline /g) || []).length, 5, 'five rates drawn');
  assert.match(t, /Phụ lục: theo đơn vị/);
  assert.match(t, /Phụ lục: học tập, quán triệt và Nhân dân theo đơn vị/);
  const people = page.text.match(/<section id="people"[\s\S]*?<\/section>/)[0];
  const rows = [...people.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]).trim()));
  const sum = (col) => rows.slice(1).reduce((n, r) => n + Number((r[col].split(/[ /]/)[0]).replace(/\./g, '')), 0);
  assert.equal(rows.length, 11, 'a head and ten years');
  assert.ok(sum(1) > 0, 'the demo\'s dissemination sessions are counted');
  assert.ok(sum(4 + 0) >= 0 && rows.slice(1).some((r) => !/^0\/0$/.test(r[4])), 'the demo\'s petitions are counted');
  assert.ok(rows.slice(1).some((r) => /^\d+\/\d+ \(/.test(r[3]) && !/^0\//.test(r[3])), 'units with a cadre are counted');

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
  assert.ok(pt.includes(`Năm ${FIRST}`) && pt.includes(`Năm ${LAST}`), 'the first and last years');
  assert.match(pt, /Tỷ lệ báo cáo đúng hạn/);
  assert.match(pt, /PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ/);
  assert.doesNotMatch(pt, /SỐ LIỆU CHƯA CÓ/);
  assert.match(pt, /Buổi học tập, quán triệt đã tổ chức/);
  assert.match(pt, /Kiến nghị, phản ánh đã giải quyết \/ tiếp nhận/);
  assert.match(pt, /Đơn vị có cán bộ phụ trách công tác dân vận/);
  assert.match(pt, /buổi học tập, quán triệt, [\d.]+\/[\d.]+ lượt người tham dự/, 'the appendix per unit counts sessions');
  // the chart: the page that names it is drawn in colour (the chart is the document's only colour)
  const pages = Number(execFileSync('pdfinfo', [file]).toString().match(/Pages:\s+(\d+)/)[1]);
  let chartPage = 0;
  for (let p = 1; p <= pages && !chartPage; p++)
    if (/Biểu đồ: các tỷ lệ qua các năm/.test(execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-']).toString())) chartPage = p;
  assert.ok(chartPage, 'the chart\'s title is on a page');
  execFileSync('pdftoppm', ['-f', String(chartPage), '-l', String(chartPage), '-r', '40', '-png', file, path.join(dir, 'chart')]);
  const png = readdirSync(dir).find((f) => f.startsWith('chart') && f.endsWith('.png'));
  const coloured = Number(execFileSync('python3', ['-c', COLOURED, path.join(dir, png)]).toString());
  assert.ok(coloured > 200, `the chart is drawn (coloured pixels: ${coloured})`);
  const fonts = execFileSync('pdffonts', [file]).toString();
  assert.match(fonts, /LiberationSerif/);
  assert.doesNotMatch(fonts, /DejaVu/);
  const docx = await c.request(`${href}/report.docx`);
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
  const dfile = path.join(dir, 'tong-ket.docx');
  const dres = await fetch(`${srv.url}${href}/report.docx`, { headers: { cookie: c.cookieHeader() } });
  writeFileSync(dfile, Buffer.from(await dres.arrayBuffer()));
  const list = execFileSync('unzip', ['-l', dfile]).toString();
  assert.match(list, /word\/media\/chart1\.png/, 'the DOCX holds the chart\'s image part');
  const rels = execFileSync('unzip', ['-p', dfile, 'word/_rels/document.xml.rels']).toString();
  assert.match(rels, /Id="rId3" Type="[^"]*\/relationships\/image" Target="media\/chart1\.png"/);
  const xml = execFileSync('unzip', ['-p', dfile, 'word/document.xml']).toString();
  assert.match(xml, /<a:blip r:embed="rId3"\/>/, 'the document draws the image by its relationship');
  // the appendix starts a page by its heading: a paragraph holding only a page break left
  // LibreOffice an empty page before it
  assert.match(xml, /<w:pPr><w:pageBreakBefore\/>[\s\S]{0,400}PHỤ LỤC/, 'the appendix heading starts a new page');
  assert.ok(!xml.includes('<w:br w:type="page"/>'), 'no paragraph made of a page break');
  assert.match(execFileSync('unzip', ['-p', dfile, '[[]Content_Types].xml']).toString(), /Extension="png" ContentType="image\/png"/);
  const media = execFileSync('unzip', ['-p', dfile, 'word/media/chart1.png']);
  assert.equal(media.subarray(1, 4).toString(), 'PNG');
  writeFileSync(path.join(dir, 'chart1.png'), media);
  assert.ok(Number(execFileSync('python3', ['-c', COLOURED, path.join(dir, 'chart1.png')]).toString()) > 200, 'the PNG is a drawn chart');
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
