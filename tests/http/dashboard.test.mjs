// Dashboards over real HTTP on the demo province: the completeness matrix with its legend
// (text labels, not colour alone), drill-down into a subtree, CSV/XLSX downloads, the JSON
// API agreeing with the CSV, the pivot with parents' subtotals, and access (officer 403,
// viewer xem allowed). A small regime of our own is written with the sqlite3 CLI so that
// the numbers are exact whatever the demo generates; its periods are placed around today
// (one closed long ago, one recently, one not yet due).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { seedDashboard, sql as sqlAt } from '../lib/dashboard_seed.mjs';

let srv;
let regime;
let periods;
let seeded;

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const sql = (q) => sqlAt(srv.dbPath, q);

before(async () => {
  srv = await startServer();
  seeded = await seedDashboard(srv.dbPath);
  ({ regime, periods } = seeded);
  assert.equal(periods.length, 3);
});
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

const q = () => seeded.q;

test('viewer xem sees the matrix with text labels, totals, chart and definitions', async () => {
  const c = await as('xem');
  const r = await c.get(`/dashboard?${q()}`);
  assert.equal(r.status, 200);
  const t = text(r.text);
  for (const label of ['✓ Đúng hạn', '◔ Muộn', '✗ Thiếu', '↩ Trả lại', '… Chưa đến hạn']) {
    assert.ok(t.includes(label), `legend/cell label ${label}`);
  }
  assert.match(r.text, /<td class="cell st-on_time"[^>]*>✓ Đúng hạn<span class="flag">[^<]*duyệt<\/span>/, 'approved flag');
  assert.match(r.text, /<td class="cell st-late"/);
  assert.match(r.text, /<td class="cell st-returned"/);
  assert.match(r.text, /<td class="cell st-not_due"/);
  assert.match(r.text, /<div class="table-wrap"[^>]*>\s*<table class="matrix">/);
  assert.match(r.text, /<svg role="img" aria-labelledby="chart-t chart-d"/);
  assert.match(t, /Định nghĩa/);
  assert.match(t, /Đợt 1/);
});

test('the demo regime: the default matrix renders for the province', async () => {
  const c = await as('xem');
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200);
  const t = text(r.text);
  assert.match(t, /Tỉnh Cà Mau/);
  assert.match(t, /Chú giải|✓ Đúng hạn/);
  const codes = await sql(`SELECT code FROM regimes ORDER BY code`);
  for (const code of codes.split('\n').filter(Boolean)) assert.ok(t.includes(code), `regime ${code} offered`);
  const j = JSON.parse((await c.get('/api/reporting/completeness')).text);
  for (const p of j.periods) {
    assert.ok(p.received_rate <= 100 && p.on_time_rate <= 100);
    assert.equal(p.counts.expected, p.counts.on_time + p.counts.late + p.counts.returned + p.counts.missing + p.counts.not_due);
  }
});

test('drill-down into the provincial Party committee shows its own subtree', async () => {
  const c = await as('xem');
  const r = await c.get(`/dashboard?${q()}`);
  const m = r.text.match(/<a href="(\/dashboard\?[^"]+)">Tỉnh ủy Cà Mau<\/a>/);
  assert.ok(m, 'Tỉnh ủy row links down');
  const d = await c.get(decodeEntities(m[1]));
  assert.equal(d.status, 200);
  const t = text(d.text);
  assert.match(t, /Ban Dân vận Tỉnh ủy Cà Mau/);
  assert.doesNotMatch(t, /Phường Bạc Liêu/);
  assert.match(d.text, /href="\/dashboard\?[^"]*unit=\d+"[^>]*>Lên cấp trên/, 'a link back up');
});

// The raw bytes of a download (fetch's text() would drop the byte order mark).
async function raw(c, path) {
  const res = await fetch(`${srv.url}${path}`, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

function parseCsv(buf) {
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = buf.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  return lines.map((l) => l.split(';'));
}

test('CSV, XLSX and JSON agree', async () => {
  const c = await as('bdv');
  const csv = await raw(c, `/dashboard.csv?${q()}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(csv.buf);
  assert.deepEqual([rows[0][0], rows[0][1], rows[0][3]], ['Mã đơn vị', 'Đơn vị', 'Trạng thái']);
  assert.match(rows[0][2], /^Kỳ/);
  const totals = rows.filter((r) => r[1] === 'Tổng');
  assert.equal(totals.length, 3);
  const bl = rows.filter((r) => r[1] === 'Phường Bạc Liêu');
  assert.deepEqual(bl.map((r) => r[3]), ['✓ Đúng hạn', '↩ Trả lại', '… Chưa đến hạn']);
  assert.equal(bl[0][4], 'có');

  const j = await c.get(`/api/reporting/completeness?${q()}`);
  assert.equal(j.status, 200);
  const data = JSON.parse(j.text);
  assert.equal(String(data.regime.id), regime);
  assert.equal(data.periods.length, 3);
  const [p1, p2, p3] = data.periods.map((p) => p.counts);
  // period 1: Bạc Liêu on time (approved), Vĩnh Trạch late, Ban Dân vận on time; the rest missing
  assert.equal(p1.received, 3);
  assert.equal(p1.on_time, 2);
  assert.equal(p1.late, 1);
  assert.equal(p1.approved, 1);
  assert.equal(p1.missing, p1.expected - 3);
  // period 2: Bạc Liêu returned; Vĩnh Trạch's draft is not sent
  assert.equal(p2.returned, 1);
  assert.equal(p2.received, 1);
  assert.equal(p2.missing, p2.expected - 1);
  // period 3: nothing due yet; rates 0, not above 100%
  assert.equal(p3.not_due, p3.expected);
  assert.equal(data.periods[2].received_rate, 0);
  assert.ok(p1.expected > 60, 'communes, wards and the Party committee subtree');
  for (let i = 0; i < 3; i++) {
    const pc = data.periods[i].counts;
    const tr = totals[i];
    assert.deepEqual(tr.slice(7, 14).map(Number), [pc.expected, pc.received, pc.on_time, pc.late, pc.missing, pc.returned, pc.not_due]);
    assert.equal(Number(tr[14].replace(',', '.')), data.periods[i].received_rate);
    assert.ok(data.periods[i].received_rate <= 100 && data.periods[i].on_time_rate <= 100);
  }
  // per level: the levels add up to the period's totals
  for (let i = 0; i < 3; i++) {
    const sum = data.levels.reduce((a, l) => a + l.periods[i].expected, 0);
    assert.equal(sum, data.periods[i].counts.expected);
  }
  assert.ok(data.levels.some((l) => l.type === 'commune' && l.label === 'Xã'));
  const row = data.rows.find((r) => r.name === 'Phường Bạc Liêu');
  assert.deepEqual(row.cells.map((x) => x.status), ['on_time', 'returned', 'not_due']);
  assert.equal(row.cells[0].approved, true);

  const x = await raw(c, `/dashboard.xlsx?${q()}`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
});

test('pivot: sums by unit and period with the province subtotal, CSV, XLSX and JSON', async () => {
  const c = await as('xem');
  const r = await c.get(`/dashboard/pivot?${q()}`);
  assert.equal(r.status, 200);
  assert.match(text(r.text), /Số cuộc đối thoại/);
  const j = JSON.parse((await c.get(`/api/reporting/pivot?${q()}`)).text);
  assert.equal(j.indicator.code, 'I01');
  assert.equal(j.rows[0].depth, 0);
  assert.equal(j.rows[0].parent, true);
  // period 1: 12 + 5 + 3; period 2: the returned 7 and the draft 9 are left out
  assert.deepEqual(j.rows[0].values, [20, null, null]);
  const tu = j.rows.find((x) => x.name === 'Tỉnh ủy Cà Mau' && !x.own);
  assert.deepEqual(tu.values, [3, null, null]);
  const csv = await raw(c, `/dashboard/pivot.csv?${q()}`);
  assert.equal(csv.status, 200);
  const rows = parseCsv(csv.buf);
  assert.equal(rows[1][1], 'Tỉnh Cà Mau');
  assert.deepEqual(rows[1].slice(2), ['20', '', '', '20']);
  const x = await raw(c, `/dashboard/pivot.xlsx?${q()}`);
  assert.equal(x.status, 200);
  assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
});

test('the unit × year table: rates and sums per child of the province', async () => {
  const c = await as('bdv');
  // the test periods are numbered year 2099 (periods.year), whatever their dates
  const r = await c.get(`/api/reporting/years?regime=${regime}&from_year=2099&to_year=2099`);
  assert.equal(r.status, 200);
  const j = JSON.parse(r.text);
  assert.equal(j.from_year, 2099);
  assert.deepEqual(j.indicators.map((i) => i.code), ['I01']);
  const bl = j.rows.find((x) => x.name === 'Phường Bạc Liêu');
  assert.deepEqual(bl.years[0].counts, { expected: 3, received: 2, on_time: 1, late: 0, missing: 0, returned: 1, not_due: 1, approved: 1 });
  assert.deepEqual(bl.years[0].sums, [12]);
  const tu = j.rows.find((x) => x.name === 'Tỉnh ủy Cà Mau');
  assert.deepEqual(tu.years[0].sums, [3]);
  // the same totals as the matrix over the three periods
  const m = JSON.parse((await c.get(`/api/reporting/completeness?${q()}`)).text);
  const sum = j.rows.reduce((a, x) => a + x.years[0].counts.expected, 0);
  assert.equal(sum, m.totals.counts.expected);
  assert.equal((await c.get(`/api/reporting/years?regime=${regime}&from_year=2099&to_year=2030`)).status, 404);
});

test('an officer gets 403; another province is refused; signed out is sent to sign in', async () => {
  const o = await as('xa1');
  assert.equal((await o.get(`/dashboard?${q()}`)).status, 403);
  assert.equal((await o.get(`/api/reporting/completeness?${q()}`)).status, 403);
  assert.equal((await o.get(`/dashboard.csv?${q()}`)).status, 403);
  const xem = await as('xem');
  const hanoi = await sql(`SELECT id FROM units WHERE code = '01' AND valid_to IS NULL`);
  if (hanoi) assert.equal((await xem.get(`/dashboard?${q()}&unit=${hanoi}`)).status, 403);
  const anon = new Client(srv.url);
  const a = await anon.get(`/dashboard?${q()}`);
  assert.ok([302, 303, 401, 403].includes(a.status));
});
