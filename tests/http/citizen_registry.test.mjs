// The rest of the citizens' area over real HTTP on the demo province: every route answers
// (public pages signed out, staff pages signed in) with valid HTML (Tidy); the Open311
// GeoReport v2 API read by a small client written from the spec; dialogues refused when
// announced later than 7 days ahead; reception days and the monthly rule; a Dân vận khéo
// model registered with a photo and shown in the gallery, its page and the Atom feed;
// the operator's calendar changes deadlines; an officer cannot reach another commune's
// records or the settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

function tidyErrors(html) {
  const r = spawnSync('tidy', ['-q', '-errors', '--show-warnings', 'no', '-utf8'], { input: html, encoding: 'utf8' });
  assert.ok(r.status !== null, 'tidy ran');
  return r.stderr.split('\n').filter((l) => /Error:/.test(l));
}

async function valid(c, paths) {
  for (const p of paths) {
    const r = await c.get(p);
    assert.equal(r.status, 200, `GET ${p}`);
    assert.deepEqual(tidyErrors(r.text), [], `HTML errors in ${p}`);
  }
}

const dmy = (d) => `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
const inDays = (n) => dmy(new Date(Date.now() + 7 * 3600e3 + n * 86400e3));

test('every public page answers signed out with valid HTML, and the portal links to them', async () => {
  const c = new Client(srv.url);
  const home = await c.get('/');
  for (const href of ['/kien-nghi', '/doi-thoai', '/dan-van-kheo', '/kien-nghi/gui', '/kien-nghi/tra-cuu', '/tiep-cong-dan'])
    assert.ok(home.text.includes(`href="${href}"`), `the home page links ${href}`);
  const gallery = await c.get('/dan-van-kheo');
  const model = gallery.text.match(/href="(\/dan-van-kheo\/\d+)"/)[1];
  const dialogues = await c.get('/doi-thoai');
  const dialogue = dialogues.text.match(/href="(\/doi-thoai\/\d+)"/)[1];
  const answers = await c.get('/kien-nghi/tra-loi');
  const code = answers.text.match(/href="\/kien-nghi\/ma\/(KN-[A-Z0-9-]+)"/)[1];
  await valid(c, ['/kien-nghi', '/kien-nghi/gui', '/kien-nghi/tra-cuu', '/kien-nghi/tra-loi', '/kien-nghi/tra-loi?q=cau',
    `/kien-nghi/ma/${code}`, '/doi-thoai', dialogue, '/tiep-cong-dan', '/dan-van-kheo', '/dan-van-kheo?linh-vuc=economy',
    model]);
  const atom = await c.get('/dan-van-kheo/atom.xml');
  assert.equal(atom.status, 200);
  assert.match(atom.headers.get('content-type'), /application\/atom\+xml/);
  assert.match(atom.text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  assert.ok((atom.text.match(/<entry>/g) || []).length >= 4);
  const photo = (await c.get(model)).text.match(/src="(\/dan-van-kheo\/tep\/\d+\/nho)"/)[1];
  const img = await c.request(photo);
  assert.equal(img.status, 200);
  assert.match(img.headers.get('content-type'), /^image\//);
  // the status page is served again from the cache, the same bytes
  const a = await c.get(`/kien-nghi/ma/${code}`), b = await c.get(`/kien-nghi/ma/${code}`);
  assert.equal(a.text, b.text);
});

test('every staff page answers with valid HTML; an officer is kept to their commune', async () => {
  const bdv = await as('bdv');
  const list = await bdv.get('/citizen/petitions');
  const pet = list.text.match(/href="(\/citizen\/petitions\/\d+)"/)[1];
  const models = await bdv.get('/citizen/models');
  const model = models.text.match(/href="(\/citizen\/models\/\d+)"/)[1];
  const dl = await bdv.get('/citizen/dialogues');
  const dialogue = dl.text.match(/href="(\/citizen\/dialogues\/\d+)"/)[1];
  await valid(bdv, ['/citizen/petitions', '/citizen/petitions?overdue=1', '/citizen/petitions?status=published&open=1', pet,
    '/citizen/models', '/citizen/models/new', model, '/citizen/dialogues', dialogue, '/citizen/receptions',
    '/citizen/receptions?thang=2026-01', '/citizen/settings', '/citizen/settings?nam=2027']);
  assert.ok(list.text.includes('href="/citizen/petitions"'), 'the staff menu has the petitions');
  const xa2 = await as('xa2');
  const own = await xa2.get('/citizen/petitions');
  assert.equal(own.status, 200);
  assert.ok(!text(own.text).includes('Phường Bạc Liêu'), "no other commune's petitions");
  assert.equal((await xa2.get('/citizen/settings')).status, 403);
  assert.equal((await xa2.get(model)).status, 404, "another commune's model");
  const viewer = await as('xem');
  assert.equal((await viewer.get('/citizen/models/new')).status, 403);
  const anon = new Client(srv.url);
  assert.equal((await anon.get('/citizen/petitions')).status, 303);
});

// --- a small Open311 GeoReport v2 client, from http://wiki.open311.org/GeoReport_v2 ---
class Open311 {
  constructor(endpoint) { this.endpoint = endpoint.replace(/\/$/, ''); }
  async #get(path, params = {}) {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null)).toString();
    const res = await fetch(`${this.endpoint}/${path}.json${q ? `?${q}` : ''}`);
    const body = await res.json();
    if (!res.ok) { const e = new Error(body?.[0]?.description || res.statusText); e.status = res.status; e.body = body; throw e; }
    return body;
  }
  services() { return this.#get('services'); }
  requests(filter = {}) {
    const p = { ...filter };
    if (Array.isArray(p.service_request_id)) p.service_request_id = p.service_request_id.join(',');
    return this.#get('requests', p);
  }
  async request(id) { return (await this.#get(`requests/${encodeURIComponent(id)}`))[0]; }
}
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address',
  'address_id', 'zipcode', 'lat', 'long', 'media_url'];

test('an Open311 GeoReport v2 client reads the services and the requests', async () => {
  const api = new Open311(`${srv.url}/open311/v2`);
  const services = await api.services();
  assert.ok(services.length >= 5);
  for (const s of services) {
    for (const f of SERVICE_FIELDS) assert.ok(f in s, `service has ${f}`);
    assert.equal(s.type, 'realtime');
    assert.equal(s.metadata, false);
  }
  const all = await api.requests();
  assert.ok(all.length >= 8);
  for (const r of all) {
    for (const f of REQUEST_FIELDS) assert.ok(f in r, `request has ${f}`);
    assert.match(r.service_request_id, /^KN-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.ok(['open', 'closed'].includes(r.status));
    assert.ok(!Number.isNaN(Date.parse(r.requested_datetime)));
    assert.ok(services.some((s) => s.service_code === r.service_code));
    assert.ok(!JSON.stringify(r).match(/Nguyễn Văn An|0913 111 201/), 'no identity');
  }
  const closed = await api.requests({ status: 'closed' });
  assert.ok(closed.length >= 2 && closed.every((r) => r.status === 'closed'));
  const answered = closed.find((r) => r.status_notes === 'answered');
  assert.ok(answered && /bê tông/.test(answered.service_notice));
  const one = await api.request(answered.service_request_id);
  assert.deepEqual(one, answered);
  const two = await api.requests({ service_request_id: [all[0].service_request_id, all[1].service_request_id] });
  assert.equal(two.length, 2);
  const byService = await api.requests({ service_code: all[0].service_code });
  assert.ok(byService.every((r) => r.service_code === all[0].service_code));
  const future = await api.requests({ start_date: '2099-01-01T00:00:00Z' });
  assert.equal(future.length, 0);
  await assert.rejects(api.request('KN-AAAA-AAAA'), (e) => e.status === 404);
  await assert.rejects(api.requests({ start_date: 'yesterday' }), (e) => e.status === 400);
});

async function post(c, page, path, fields) {
  await c.get(page);
  return c.postForm(path, fields);
}

test('a dialogue is refused later than 7 days ahead; its results and commitments are recorded', async () => {
  const xa1 = await as('xa1');
  const page = await xa1.get('/citizen/dialogues');
  const unit = page.text.match(/<select[^>]*name="unit_id"[^>]*>\s*<option value="(\d+)"/)[1];
  const base = { unit_id: unit, leader: 'Bí thư Đảng ủy phường', topic: 'Đối thoại về xây dựng nông thôn mới', place: 'Hội trường phường', held_time: '14:00' };
  const soon = await post(xa1, '/citizen/dialogues', '/citizen/dialogues', { ...base, held_on: inDays(3) });
  assert.equal(soon.status, 422);
  assert.match(soon.text, /id="f-held_on-err"/);
  assert.ok(soon.text.includes('Hội trường phường'), 'typed values kept');
  const ok = await post(xa1, '/citizen/dialogues', '/citizen/dialogues', { ...base, held_on: inDays(8) });
  assert.equal(ok.status, 303);
  const show = await xa1.get(ok.location);
  assert.ok(text(show.text).includes('Đối thoại về xây dựng nông thôn mới'));
  const early = await xa1.postForm(`${ok.location}/results`, { questions: 'Đường giao thông', results: 'Thống nhất làm đường bê tông.' });
  assert.equal(early.status, 422, 'no results before it is held');
  const commit = await post(xa1, ok.location, `${ok.location}/commitments`, { text: 'Khảo sát tuyến đường ấp 3', unit_id: unit, due: inDays(40) });
  assert.equal(commit.status, 303);
  assert.ok(text((await xa1.get(ok.location)).text).includes('Khảo sát tuyến đường ấp 3'));
  const id = ok.location.split('/').pop();
  assert.equal(await storeSql(srv.dbPath, `SELECT count(*) FROM tasks WHERE source_kind = 'dialogue' AND source_id = ${id}
    AND title = 'Khảo sát tuyến đường ấp 3'`), '1', 'the commitment is a task of the directives area');
  // the dialogue's page leads to the commitment's task and shows how it stands
  const taskId = await storeSql(srv.dbPath, `SELECT id FROM tasks WHERE source_kind = 'dialogue' AND source_id = ${id}`);
  const shown = (await xa1.get(ok.location)).text;
  const item = shown.match(/<ul class="commitments">([\s\S]*?)<\/ul>/)[1];
  assert.ok(item.includes(`href="/tasks/${taskId}"`), 'the commitment links to its task');
  assert.match(item, /class="badge st-within"/, 'not done, within its deadline');
  const task = await xa1.get(`/tasks/${taskId}`);
  assert.equal(task.status, 200);
  assert.ok(text(task.text).includes('Khảo sát tuyến đường ấp 3'));
  assert.ok(task.text.includes(`href="/citizen/dialogues/${id}"`), 'and the task leads back to its dialogue');
  const pub = await new Client(srv.url).get('/doi-thoai');
  assert.ok(text(pub.text).includes('Đối thoại về xây dựng nông thôn mới'), 'announced on the portal');
  const pubHref = pub.text.match(/href="(\/doi-thoai\/[^"]+)"[^>]*>[^<]*Đối thoại về xây dựng nông thôn mới/);
  assert.ok(pubHref, 'the portal links to the dialogue');
  const pubShow = (await new Client(srv.url).get(pubHref[1])).text;
  const pubItem = pubShow.match(/<ul class="commitments">([\s\S]*?)<\/ul>/)[1];
  assert.ok(pubItem.includes('Khảo sát tuyến đường ấp 3') && /badge st-within/.test(pubItem), 'the public sees the promise and how it stands');
  assert.ok(!pubItem.includes('/tasks/'), 'but not the internal task page');
  const late = await as('bdv');
  const list = text((await late.get('/citizen/dialogues')).text);
  assert.match(list, /Trễ hạn|Muộn/);
});

test('reception days: recorded, on the public calendar, and who met the monthly rule', async () => {
  const bdv = await as('bdv');
  const page = await bdv.get('/citizen/receptions');
  const t = text(page.text);
  assert.ok(t.includes('Tỉnh ủy Cà Mau') && t.includes('Phường Bạc Liêu'));
  const xa1 = await as('xa1');
  const p = await xa1.get('/citizen/receptions');
  const unit = p.text.match(/<select[^>]*name="unit_id"[^>]*>\s*<option value="(\d+)"/)[1];
  const r = await xa1.postForm('/citizen/receptions', { unit_id: unit, secretary: 'Đồng chí Bí thư Đảng ủy phường', day: inDays(2), place: 'Trụ sở tiếp công dân phường', citizens: '12' });
  assert.equal(r.status, 303);
  const bad = await post(xa1, '/citizen/receptions', '/citizen/receptions', { unit_id: unit, secretary: '', day: '31/02/2026', place: 'x' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-day-err"/);
  const month = inDays(2).slice(6) + '-' + inDays(2).slice(3, 5);
  const pub = await new Client(srv.url).get(`/tiep-cong-dan?thang=${month}`);
  assert.ok(text(pub.text).includes('Trụ sở tiếp công dân phường'));
});

test('a model is registered with a photo, moves to effective and is shown in the gallery and the feed', async () => {
  const xa1 = await as('xa1');
  const form = await xa1.get('/citizen/models/new');
  const unit = form.text.match(/<select[^>]*name="unit_id"[^>]*>\s*<option value="(\d+)"/)[1];
  const name = `Mô hình "Chợ an toàn thực phẩm" ${Date.now()}`;
  const fields = { kind: 'model', name, unit_id: unit, field: 'economy', year_from: '2025', method: 'Ban quản lý chợ ký cam kết với tiểu thương.', results: '120 tiểu thương', status: 'registered' };
  const bad = await xa1.postForm('/citizen/models', { ...fields, year_from: '1800' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="f-year_from-err"/);
  assert.ok(bad.text.includes('Ban quản lý chợ ký cam kết'), 'typed values kept');
  const ok = await post(xa1, '/citizen/models/new', '/citizen/models', fields);
  assert.equal(ok.status, 303);
  const jump = await post(xa1, ok.location, ok.location, { ...fields, status: 'effective' });
  assert.equal(jump.status, 422, 'not straight from registered to effective');
  await post(xa1, ok.location, ok.location, { ...fields, status: 'implementing' });
  const eff = await post(xa1, ok.location, ok.location, { ...fields, status: 'effective', recog_form: 'Giấy khen', recog_decision: '45-QĐ/ĐU', recog_date: '15/11/2026' });
  assert.equal(eff.status, 303);
  const page = await xa1.get(ok.location);
  const fd = new FormData();
  fd.append('_csrf', page.text.match(/name="_csrf" value="([^"]+)"/)[1]);
  fd.append('caption', 'Chợ phường');
  fd.append('file', new Blob([PNG], { type: 'image/png' }), 'cho.png');
  const up = await xa1.request(`${ok.location}/files`, { method: 'POST', body: fd, headers: { origin: srv.url } });
  assert.equal(up.status, 303);
  const fake = new FormData();
  fake.append('_csrf', page.text.match(/name="_csrf" value="([^"]+)"/)[1]);
  fake.append('file', new Blob(['not an image']), 'x.png');
  assert.equal((await xa1.request(`${ok.location}/files`, { method: 'POST', body: fake, headers: { origin: srv.url } })).status, 422);
  const id = ok.location.split('/').pop();
  const reader = new Client(srv.url);
  const gallery = await reader.get('/dan-van-kheo?linh-vuc=economy');
  assert.ok(text(gallery.text).includes(name));
  assert.ok(!text((await reader.get('/dan-van-kheo?linh-vuc=defence')).text).includes(name));
  const pub = text((await reader.get(`/dan-van-kheo/${id}`)).text);
  assert.ok(pub.includes('Giấy khen') && pub.includes('45-QĐ/ĐU') && pub.includes('15/11/2026'));
  assert.ok((await reader.get('/dan-van-kheo/atom.xml')).text.includes(`/dan-van-kheo/${id}`));
});

test('the operator adds a holiday and the settings; officers may not', async () => {
  const bdv = await as('bdv');
  const r = await post(bdv, '/citizen/settings', '/citizen/calendar', { day: '24/11/2027', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' });
  assert.equal(r.status, 303);
  assert.ok(text((await bdv.get('/citizen/settings?nam=2027')).text).includes('Ngày Văn hóa Việt Nam'));
  const bad = await post(bdv, '/citizen/settings', '/citizen/settings', { reopen_days: 'abc', rate_ip_hour: '10', rate_contact_day: '5', reception_min_province: '1', reception_min_commune: '2' });
  assert.equal(bad.status, 422);
  const ok = await post(bdv, '/citizen/settings', '/citizen/settings', { anonymous_allowed: '1', reopen_days: '45', rate_ip_hour: '20', rate_contact_day: '5', reception_min_province: '1', reception_min_commune: '2' });
  assert.equal(ok.status, 303);
  assert.match((await bdv.get('/citizen/settings')).text, /name="reopen_days" value="45"/);
  const xa1 = await as('xa1');
  await xa1.get('/citizen/petitions');
  assert.equal((await xa1.postForm('/citizen/calendar', { day: '25/11/2027', kind: 'holiday', name: 'x' })).status, 403);
});
