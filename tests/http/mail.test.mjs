// "Gửi bài viết": GET/POST /bai-viet/:slug/gui against a real aiosmtpd sink. One message per
// send, the subject decodes to the title, the body is plain text with the link and the
// sender's name; bad input is answered beside its field with the values kept; CR/LF in any
// field adds no header and no recipient; the per-address limit answers 429; an unknown or
// unpublished article is 404; an SMTP failure shows the form again with nothing lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSqlSync } from '../lib/server.mjs';
import { startSmtp } from '../lib/smtp.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
let smtp;
let slug;
let title;
let sent = 0; // successful sends from 127.0.0.1 so far (the rate limit counts them)

const SEED_PREFIX = 'ban-thuong-vu-tinh-uy-to-chuc-hoi-nghi-tong-ket-10-nam';

before(async () => {
  smtp = await startSmtp();
  srv = await startServer({ env: { DANVAN_SMTP_URL: smtp.url, DANVAN_BASE_URL: 'https://danvan.example.vn' } });
  const row = storeSqlSync(srv.dbPath, `SELECT slug || '|' || title FROM articles WHERE slug LIKE '${SEED_PREFIX}%' AND status = 'published'`);
  [slug, title] = row.split('|');
  assert.ok(slug, 'the seed article is in the demo data');
});

after(async () => {
  await srv?.stop();
  await smtp?.stop();
});

/** A fresh reader: GET the form (anonymous cookie + _csrf), then POST fields. */
async function send(fields, path = `/bai-viet/${slug}/gui`) {
  const c = new Client(srv.url);
  const form = await c.get(path);
  assert.equal(form.status, 200, form.text.slice(0, 500));
  const r = await c.postForm(path, fields);
  return { c, r };
}

const valueOf = (html, name) => {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return m ? decodeEntities(m[1]) : null;
};
const textareaOf = (html, name) => {
  const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`));
  return m ? decodeEntities(m[1]) : null;
};

test('the form: three labelled fields, CSRF token, link back to the article', async () => {
  const c = new Client(srv.url);
  const r = await c.get(`/bai-viet/${slug}/gui`);
  assert.equal(r.status, 200);
  assert.match(r.text, /name="_csrf"/);
  for (const f of ['name', 'to', 'message']) assert.match(r.text, new RegExp(`<label for="f-${f}"`));
  assert.match(r.text, /type="email"/);
  assert.ok(r.text.includes(`href="/bai-viet/${slug}"`));
});

test('unknown article → 404 for the form and the send', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.get('/bai-viet/khong-co-bai-nay/gui')).status, 404);
  await c.get(`/bai-viet/${slug}/gui`);
  const r = await c.postForm('/bai-viet/khong-co-bai-nay/gui', { name: 'A', to: 'a@example.vn' });
  assert.equal(r.status, 404);
  assert.equal((await smtp.messages()).length, 0);
});

test('a POST without the CSRF token is refused', async () => {
  const c = new Client(srv.url);
  await c.get(`/bai-viet/${slug}/gui`);
  const r = await c.postForm(`/bai-viet/${slug}/gui`, { name: 'A', to: 'a@example.vn', _csrf: null });
  assert.equal(r.status, 403);
  assert.equal((await smtp.messages()).length, 0);
});

test('send works: one message, subject = title, plain-text body with link and name', async () => {
  const { c, r } = await send({ name: 'Nguyễn Thị Lan', to: 'ban.doc@example.vn', message: 'Bài này hay, bạn xem nhé.\nLan' });
  assert.equal(r.status, 303, r.text.slice(0, 800));
  assert.equal(r.location, `/bai-viet/${slug}`);
  sent++;
  const ms = await smtp.waitFor(1);
  assert.equal(ms.length, 1);
  const m = ms[0];
  assert.deepEqual(m.rcptTo, ['ban.doc@example.vn']);
  assert.deepEqual(m.to, ['<ban.doc@example.vn>']);
  assert.equal(m.mailFrom, 'no-reply@danvan.local');
  assert.match(m.from, /<no-reply@danvan\.local>$/);
  assert.ok(m.subject.endsWith(title), m.subject);
  assert.match(m.subject, /^\[.+\] /);
  assert.equal(m.contentType, 'text/plain');
  assert.equal(m.multipart, false);
  assert.deepEqual(m.replyTo, []);
  assert.ok(m.body.includes(`https://danvan.example.vn/bai-viet/${slug}`), m.body);
  assert.ok(m.body.includes('Nguyễn Thị Lan gửi bạn bài viết này'), m.body);
  assert.ok(m.body.includes('Bài này hay, bạn xem nhé.\nLan'));
  assert.ok(m.body.includes('Thực hiện chương trình công tác của Ban Thường vụ Tỉnh ủy'), 'the lead');
  assert.doesNotMatch(m.body, /<[a-z][^>]*>/i, 'no HTML');
  // the flash on the next page
  const next = await c.get(r.location);
  if (next.status === 200) assert.match(next.text, /Đã gửi bài viết|The article has been sent/);
});

test('bad address: error beside the field, name and message kept, nothing sent', async () => {
  const before = (await smtp.messages()).length;
  const { r } = await send({ name: 'Trần Văn Bình', to: 'khong-phai-dia-chi', message: 'Lời nhắn <giữ lại>' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-to-err"/);
  assert.match(r.text, /aria-invalid="true"/);
  assert.equal(valueOf(r.text, 'name'), 'Trần Văn Bình');
  assert.equal(valueOf(r.text, 'to'), 'khong-phai-dia-chi');
  assert.equal(textareaOf(r.text, 'message'), 'Lời nhắn <giữ lại>');
  assert.ok(!r.text.includes('<giữ lại>'), 'the message is escaped');
  assert.equal((await smtp.messages()).length, before);
});

test('missing name, too long message: each error beside its field', async () => {
  const { r } = await send({ name: '', to: 'a@example.vn', message: 'x'.repeat(1001) });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-name-err"/);
  assert.match(r.text, /id="f-message-err"/);
  assert.doesNotMatch(r.text, /id="f-to-err"/);
  assert.equal(valueOf(r.text, 'to'), 'a@example.vn');
});

test('CR/LF injection in every field adds no header and no recipient', async () => {
  const before = (await smtp.messages()).length;
  // in the address: refused
  for (const to of ['a@example.vn\r\nBcc: evil@example.com', 'a@example.vn\nCc: evil@example.com',
    'a@example.vn,evil@example.com', 'a@example.vn>\r\nRCPT TO:<evil@example.com', '"a\r\nb"@example.vn']) {
    const { r } = await send({ name: 'A', to });
    assert.equal(r.status, 422, `to=${JSON.stringify(to)}`);
    assert.match(r.text, /id="f-to-err"/);
  }
  // in the name (one line): refused
  const { r: rn } = await send({ name: 'A\r\nBcc: evil@example.com', to: 'b@example.vn' });
  assert.equal(rn.status, 422);
  assert.match(rn.text, /id="f-name-err"/);
  assert.equal((await smtp.messages()).length, before, 'nothing sent for refused input');
  // in the message (multi-line): allowed, but only as body text
  const { r } = await send({ name: 'An', to: 'c@example.vn',
    message: 'Xin chào\r\nBcc: evil@example.com\r\nSubject: spam\r\n\r\n<b>html</b>\r\n.\r\nRCPT TO:<evil@example.com>' });
  assert.equal(r.status, 303, r.text.slice(0, 800));
  sent++;
  const ms = await smtp.waitFor(before + 1);
  assert.equal(ms.length, before + 1);
  const m = ms.at(-1);
  assert.deepEqual(m.rcptTo, ['c@example.vn']);
  assert.deepEqual(m.bcc, []);
  assert.deepEqual(m.cc, []);
  const names = m.headers.map(([k]) => k.toLowerCase());
  assert.equal(names.filter((n) => n === 'subject').length, 1);
  assert.equal(names.filter((n) => n === 'to').length, 1);
  assert.ok(!m.subject.includes('spam'));
  assert.ok(m.body.includes('Bcc: evil@example.com'), 'the text is in the body');
  assert.ok(m.body.includes('<b>html</b>'), 'as plain text');
  assert.equal(m.contentType, 'text/plain');
  for (const x of ms) assert.ok(!x.rcptTo.includes('evil@example.com'));
});

test('an unpublished article cannot be sent', async () => {
  // a draft written on the editors' desk
  const ed = new Client(srv.url);
  await ed.login('bientap', DEMO.bientap);
  await ed.get('/desk/new');
  const made = await ed.postForm('/desk', { title: 'Bản nháp thử gửi thư', lead: 'Chưa đăng.', body: 'Nội dung.' });
  assert.equal(made.status, 303, made.text.slice(0, 500));
  const status = storeSqlSync(srv.dbPath, "SELECT status FROM articles WHERE slug = 'ban-nhap-thu-gui-thu'");
  assert.equal(status, 'draft');
  const c = new Client(srv.url);
  assert.equal((await c.get('/bai-viet/ban-nhap-thu-gui-thu/gui')).status, 404);
  await c.get(`/bai-viet/${slug}/gui`);
  const r = await c.postForm('/bai-viet/ban-nhap-thu-gui-thu/gui', { name: 'A', to: 'a@example.vn' });
  assert.equal(r.status, 404);
});

test('SMTP failure: the form again with the message, nothing lost, not counted', async () => {
  const down = await startServer({ env: { DANVAN_SMTP_URL: 'smtp://127.0.0.1:1' } });
  try {
    const c = new Client(down.url);
    await c.get(`/bai-viet/${slug}/gui`);
    const r = await c.postForm(`/bai-viet/${slug}/gui`, { name: 'Lê Mai', to: 'mai@example.vn', message: 'Giữ lại nhé' });
    assert.equal(r.status, 503);
    assert.match(r.text, /Chưa gửi được bài viết/);
    assert.doesNotMatch(r.text, /Vui lòng sửa/, 'the reader made no mistake');
    assert.equal(valueOf(r.text, 'name'), 'Lê Mai');
    assert.equal(valueOf(r.text, 'to'), 'mai@example.vn');
    assert.equal(textareaOf(r.text, 'message'), 'Giữ lại nhé');
    const n = storeSqlSync(down.dbPath, 'SELECT count(*) FROM mail_sends');
    assert.equal(n, '0');
  } finally {
    await down.stop();
  }
});

/** An SMTP server that greets and accepts the sender but refuses every recipient (550). */
async function refusingSmtp() {
  const net = await import('node:net');
  const server = net.createServer((sock) => {
    sock.write('220 refuse.example ESMTP\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i).toUpperCase();
        buf = buf.slice(i + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) sock.write('250 refuse.example\r\n');
        else if (line.startsWith('MAIL')) sock.write('250 2.1.0 Ok\r\n');
        else if (line.startsWith('RCPT')) sock.write('550 5.7.1 Relaying denied\r\n');
        else if (line.startsWith('QUIT')) { sock.write('221 Bye\r\n'); sock.end(); }
        else sock.write('503 5.5.1 Bad sequence\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${server.address().port}`, stop: () => new Promise((r) => server.close(r)) };
}

test('the mail server refuses: "could not be sent", not "please correct", and what was typed is kept', async () => {
  const refuse = await refusingSmtp();
  const srv2 = await startServer({ env: { DANVAN_SMTP_URL: refuse.url } });
  try {
    const c = new Client(srv2.url);
    await c.get(`/bai-viet/${slug}/gui`);
    const fields = { name: 'Trần Văn Bình', to: 'binh@example.vn', message: 'Anh đọc bài này nhé.\nCảm ơn.' };
    const r = await c.postForm(`/bai-viet/${slug}/gui`, fields);
    assert.equal(r.status, 503);
    const box = r.text.match(/<div class="error-summary" role="alert"[^>]*>[\s\S]*?<\/div>/)[0];
    assert.match(box, /<h2>Chưa gửi được bài viết<\/h2>/);
    assert.match(box, /Máy chủ thư không nhận thư nên chưa gửi được\. Nội dung bạn đã nhập vẫn được giữ bên dưới; vui lòng thử lại sau\./);
    assert.doesNotMatch(r.text, /Vui lòng sửa các lỗi sau|Please correct/);
    assert.doesNotMatch(r.text, /aria-invalid="true"/, 'no field is blamed');
    assert.equal(valueOf(r.text, 'name'), fields.name);
    assert.equal(valueOf(r.text, 'to'), fields.to);
    assert.equal(textareaOf(r.text, 'message'), fields.message);
    assert.equal(storeSqlSync(srv2.dbPath, 'SELECT count(*) FROM mail_sends'), '0',
      'a refused send is not counted against the reader');
    // a real mistake still gets the correction summary
    const bad = await c.postForm(`/bai-viet/${slug}/gui`, { name: '', to: 'binh@example.vn' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Vui lòng sửa các lỗi sau|Please correct/);
  } finally {
    await srv2.stop();
    await refuse.stop();
  }
});

test('rate limit: 5 sends per 10 minutes from one address, then 429 with a message', async () => {
  const before = (await smtp.messages()).length;
  const startSent = sent;
  while (sent < 5) {
    const { r } = await send({ name: 'Bình', to: `b${sent}@example.vn` });
    assert.equal(r.status, 303, r.text.slice(0, 500));
    sent++;
  }
  const { r } = await send({ name: 'Bình', to: 'quanhieu@example.vn', message: 'giữ' });
  assert.equal(r.status, 429);
  assert.ok(r.headers.get('retry-after'));
  assert.match(r.text, /quá nhiều|too many/i);
  assert.equal(valueOf(r.text, 'to'), 'quanhieu@example.vn');
  assert.equal(textareaOf(r.text, 'message'), 'giữ');
  const ms = await smtp.messages();
  assert.equal(ms.length, before + (5 - startSent));
  assert.ok(!ms.some((m) => m.rcptTo.includes('quanhieu@example.vn')));
});
