// Petitions over real HTTP on the demo province: the public form (multipart, no account)
// gives a tracking code, shown and e-mailed; the status page never shows who sent it; bad
// input re-renders with the message beside the field and what was typed kept; the hidden
// field, floods per address and per contact, duplicates, oversized and fake attachments and
// header injection through the e-mail field are refused; staff classify, assign, handle,
// draft, approve (never their own draft), publish; the answer is found without diacritics;
// the petitioner reopens it; another commune's officer cannot see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { startSmtp } from '../lib/smtp.mjs';

let srv, smtp;
before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { DANVAN_SMTP_URL: smtp.url, DANVAN_BASE_URL: 'https://danvan.example.vn' } });
  await storeSql(srv.dbPath, "UPDATE settings SET value = '1000' WHERE key = 'citizen.rate_ip_hour'");
});
after(async () => { await srv?.stop(); await smtp?.stop(); });

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

function optionValue(html, name, label) {
  const sel = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  assert.ok(sel, `select ${name}`);
  for (const m of sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g))
    if (decodeEntities(m[2]).includes(label)) return m[1];
  return null;
}

let ids;
async function formIds(c) {
  const page = await c.get('/kien-nghi/gui');
  assert.equal(page.status, 200);
  ids = ids || {
    cat: optionValue(page.text, 'category_id', 'Đất đai'),
    commune: optionValue(page.text, 'commune_id', 'Phường Bạc Liêu'),
    other: optionValue(page.text, 'commune_id', 'Phường Vĩnh Trạch'),
  };
  assert.ok(ids.cat && ids.commune && ids.other, 'the form lists subjects and communes');
  return page;
}

// Sends the form as a browser would (multipart), with the session's CSRF token.
async function send(c, fields, files = []) {
  const page = await formIds(c);
  const fd = new FormData();
  const token = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
  fd.append('_csrf', token);
  const all = { category_id: ids.cat, commune_id: ids.commune, ...fields };
  for (const [k, v] of Object.entries(all)) if (v != null) fd.append(k, v);
  files.forEach((f, i) => fd.append(`file${i + 1}`, new Blob([f.data], { type: f.type }), f.name));
  return c.request('/kien-nghi/gui', { method: 'POST', body: fd, headers: { origin: srv.url } });
}

let n = 0;
const unique = (s) => `${s} (lần ${++n}, ${Date.now()})`;

test('a citizen sends a petition with a photo and gets a tracking code, shown and e-mailed', async () => {
  const c = new Client(srv.url);
  const r = await send(c, {
    content: unique('Đường dây điện trước nhà số 12 khóm 3 bị võng thấp, nguy hiểm cho người đi đường'),
    name: 'Nguyễn Văn Bình', email: 'binh.nguyen@example.vn', phone: '0913 456 789',
  }, [{ data: PNG, type: 'image/png', name: 'anh.png' }]);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const m = r.location.match(/^\/kien-nghi\/ma\/(KN-[ACDEFGHJKMNPQRTWXY234679]{4}-[ACDEFGHJKMNPQRTWXY234679]{4})$/);
  assert.ok(m, r.location);
  const page = await c.get(r.location);
  assert.equal(page.status, 200);
  const t = text(page.text);
  assert.ok(t.includes(m[1]) && t.includes('Đã nhận') && t.includes('Phường Bạc Liêu'));
  assert.ok(!t.includes('Nguyễn Văn Bình') && !t.includes('binh.nguyen') && !t.includes('0913'), 'no identity');
  const mails = await smtp.waitFor(1);
  const mail = mails.find((x) => (x.body || '').includes(m[1]));
  assert.ok(mail, 'the code is e-mailed');
  assert.deepEqual(mail.rcptTo.length ? mail.rcptTo : ['binh.nguyen@example.vn'], ['binh.nguyen@example.vn']);
  // typed another way, the code still finds it
  const look = await c.get(`/kien-nghi/tra-cuu?ma=${encodeURIComponent(m[1].toLowerCase().replace(/-/g, ' '))}`);
  assert.equal(look.status, 303);
  assert.equal(look.location, `/kien-nghi/ma/${m[1]}`);
  assert.equal((await c.get('/kien-nghi/tra-cuu?ma=KN-AAAA-AAAA')).status, 404);
  assert.equal((await c.get('/kien-nghi/ma/KN-0000-0000')).status, 404);
});

test('bad input re-renders with messages beside the fields and keeps what was typed', async () => {
  const c = new Client(srv.url);
  const r = await send(c, { content: 'ngắn', name: 'Trần Thị Hoa', email: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-content-err"/);
  assert.match(r.text, /id="f-email-err"/);
  assert.match(r.text, /value="Trần Thị Hoa"/);
  assert.match(r.text, />ngắn<\/textarea>/);
  assert.match(r.text, /<option value="[0-9]+" selected>Phường Bạc Liêu/);
});

test('the hidden field, fake and oversized attachments and header injection are refused', async () => {
  const c = new Client(srv.url);
  const base = { content: unique('Phản ánh tình trạng rác thải ùn ứ tại chợ phường nhiều ngày'), name: 'Lê Văn Cường' };
  const trap = await send(c, { ...base, phone: '0912345678', website: 'http://spam.example' });
  assert.equal(trap.status, 422);
  const fake = await send(c, { ...base, phone: '0912345678' }, [{ data: Buffer.from('<?php echo 1; ?>'), type: 'image/png', name: 'x.png' }]);
  assert.equal(fake.status, 422);
  assert.match(fake.text, /id="f-files-err"/);
  const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x41);
  big.write('%PDF-1.4\n');
  big.write('%%EOF', big.length - 6);
  const tooBig = await send(c, { ...base, phone: '0912345678' }, [{ data: big, type: 'application/pdf', name: 'big.pdf' }]);
  assert.equal(tooBig.status, 422);
  assert.match(text(tooBig.text), /2 MB/);
  const inj = await send(c, { ...base, email: 'a@example.vn\r\nBcc: victim@example.com' });
  assert.equal(inj.status, 422);
  assert.match(inj.text, /id="f-email-err"/);
  const before = (await smtp.messages()).length;
  const named = await send(c, { ...base, name: 'Lê Văn\r\nBcc: victim@example.com', email: 'cuong@example.vn' });
  assert.ok([303, 422].includes(named.status), String(named.status));
  const mails = await smtp.waitFor(before + (named.status === 303 ? 1 : 0));
  for (const m of mails) {
    assert.ok(!/^Bcc:/im.test(m.raw), 'no injected header');
    assert.ok(!m.rcptTo.includes('victim@example.com'));
  }
});

test('floods per address and per contact and duplicates are refused, without losing the text', async () => {
  await storeSql(srv.dbPath, "UPDATE settings SET value = '3' WHERE key = 'citizen.rate_contact_day'");
  const c = new Client(srv.url);
  const statuses = [];
  for (let i = 0; i < 4; i++)
    statuses.push((await send(c, { content: unique('Kiến nghị sửa chữa cống thoát nước khu dân cư'), name: 'Phạm Dũng', phone: '0987 000 111' })).status);
  assert.deepEqual(statuses, [303, 303, 303, 429]);
  const content = unique('Đề nghị lắp đèn chiếu sáng hẻm 5 đường Trần Phú');
  assert.equal((await send(c, { content, name: 'Võ Em', phone: '0987 000 222' })).status, 303);
  const dup = await send(c, { content, name: 'Võ Em', phone: '0987 000 222' });
  assert.equal(dup.status, 409);
  assert.ok(dup.text.includes(content.replace(/,/g, ',')), 'the text is kept');
  // the address limit: this address has sent more than 5 within the hour
  await storeSql(srv.dbPath, "UPDATE settings SET value = '5' WHERE key = 'citizen.rate_ip_hour'");
  const flood = await send(c, { content: unique('Phản ánh tiếng ồn karaoke ban đêm'), name: 'Đỗ Giang', email: 'giang@example.vn' });
  assert.equal(flood.status, 429);
  assert.equal(flood.headers.get('retry-after'), '3600');
  await storeSql(srv.dbPath, "UPDATE settings SET value = '1000' WHERE key IN ('citizen.rate_ip_hour', 'citizen.rate_contact_day')");
});

async function sendOne(content, commune = null) {
  const c = new Client(srv.url);
  await formIds(c);
  const r = await send(c, { content, name: 'Huỳnh Hải', phone: '0939 111 222', commune_id: commune || ids.commune });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return r.location.split('/').pop();
}

async function petitionHref(c, code) {
  const list = await c.get('/citizen/petitions');
  assert.equal(list.status, 200);
  const m = list.text.match(new RegExp(`<a href="(/citizen/petitions/\\d+)">${code}</a>`));
  return m ? m[1] : null;
}

async function act(c, href, fields) {
  await c.get(href);
  return c.postForm(`${href}/act`, fields);
}

test('staff classify, assign, handle, draft, approve and publish; the answer is public and searchable', async () => {
  const code = await sendOne(unique('Cầu khỉ ấp Giồng Me xuống cấp, học sinh đi lại nguy hiểm'));
  const bdv = await as('bdv');
  const href = await petitionHref(bdv, code);
  assert.ok(href, 'the provincial staff see it');
  const show = await bdv.get(href);
  assert.ok(text(show.text).includes('Huỳnh Hải'), 'staff see the petitioner');
  assert.equal((await act(bdv, href, { to: 'classified', category_id: ids.cat, summary: '' })).status, 422);
  assert.equal((await act(bdv, href, { to: 'classified', category_id: ids.cat, summary: 'Cầu khỉ ở ấp Giồng Me xuống cấp' })).status, 303);
  assert.equal((await act(bdv, href, { to: 'published' })).status, 422, 'nothing to publish before an approval');
  assert.equal((await act(bdv, href, { to: 'assigned', unit_id: ids.commune })).status, 303);
  const xa1 = await as('xa1');
  assert.ok(await petitionHref(xa1, code), 'the commune officer sees it');
  assert.equal((await act(xa1, href, { to: 'in_progress' })).status, 303);
  assert.equal((await act(xa1, href, { to: 'drafted', answer: 'UBND phường đã khảo sát và sẽ xây cầu bê tông trong quý I năm 2027.' })).status, 303);
  assert.equal((await act(xa1, href, { to: 'approved' })).status, 403, 'an officer does not approve');
  assert.equal((await act(bdv, href, { to: 'approved' })).status, 303);
  assert.equal((await act(bdv, href, { to: 'published' })).status, 303);
  const pub = await new Client(srv.url).get(`/kien-nghi/ma/${code}`);
  const t = text(pub.text);
  assert.ok(t.includes('xây cầu bê tông') && t.includes('Đã trả lời'));
  assert.ok(!t.includes('Huỳnh Hải'));
  const search = await new Client(srv.url).get('/kien-nghi/tra-loi?q=cau be tong giong me');
  assert.ok(text(search.text).includes(code), 'found without diacritics');
  // the petitioner reopens it
  const citizen = new Client(srv.url);
  const status = await citizen.get(`/kien-nghi/ma/${code}`);
  assert.ok(status.text.includes(`href="/kien-nghi/ma/${code}/mo-lai#reopen-h"`), 'a link to reopen it');
  assert.equal((await citizen.get(`/kien-nghi/ma/${code}/mo-lai`)).status, 200);
  const re = await citizen.postForm(`/kien-nghi/ma/${code}/mo-lai`, { reason: 'Đến nay vẫn chưa thấy khảo sát.' });
  assert.equal(re.status, 303);
  assert.ok(text((await citizen.get(`/kien-nghi/ma/${code}`)).text).includes('Người gửi mở lại'));
});

test('the author of a draft cannot approve it', async () => {
  const code = await sendOne(unique('Đề nghị nạo vét kênh thủy lợi ấp 4'));
  const bdv = await as('bdv');
  const href = await petitionHref(bdv, code);
  await act(bdv, href, { to: 'classified', category_id: ids.cat, summary: 'Nạo vét kênh ấp 4' });
  await act(bdv, href, { to: 'assigned', unit_id: ids.commune });
  await act(bdv, href, { to: 'in_progress' });
  assert.equal((await act(bdv, href, { to: 'drafted', answer: 'Sẽ nạo vét trong tháng 3.' })).status, 303);
  const r = await act(bdv, href, { to: 'approved' });
  assert.equal(r.status, 422);
  assert.ok(text(r.text).includes('người khác'), text(r.text).slice(0, 300));
});

test("another commune's officer cannot see or change a petition", async () => {
  const code = await sendOne(unique('Phản ánh lấn chiếm vỉa hè đường Hai Bà Trưng'));
  const bdv = await as('bdv');
  const href = await petitionHref(bdv, code);
  const xa2 = await as('xa2');
  assert.equal(await petitionHref(xa2, code), null);
  assert.equal((await xa2.get(href)).status, 404);
  await xa2.get('/citizen/petitions');
  assert.equal((await xa2.postForm(`${href}/act`, { to: 'refused', reason: 'x' })).status, 404);
  assert.equal((await new Client(srv.url).get(href)).status, 303, 'signed out: to the sign-in page');
});
