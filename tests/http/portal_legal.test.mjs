// Decree 42/2022's facts about the portal (owner, person responsible for the content,
// licence, address, telephone, e-mail) come from the configuration and show in every
// public page's footer and on the About/Contact pages in Vietnamese and English; the
// defaults are the Cà Mau Mass Mobilization Commission's, and no licence line shows
// unless one is configured.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { decodeEntities } from '../lib/client.mjs';

const servers = [];
after(() => Promise.all(servers.map((s) => s.stop())));

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const footer = (html) => text(html.slice(html.indexOf('<footer')));

async function page(srv, path) {
  const res = await fetch(srv.url + path);
  assert.equal(res.status, 200, path);
  return res.text();
}

test('the demo shows the Cà Mau commission in the footer and on About', async () => {
  const srv = await startServer({ demo: false });
  servers.push(srv);
  const home = footer(await page(srv, '/'));
  assert.match(home, /Ban Dân vận Tỉnh ủy Cà Mau/);
  assert.match(home, /Trưởng Ban Dân vận Tỉnh ủy Cà Mau/);
  assert.match(home, /phường An Xuyên, tỉnh Cà Mau/);
  assert.match(home, /0290 3831 318/);
  assert.doesNotMatch(home, /Giấy phép|Licence/);
  const about = await page(srv, '/gioi-thieu');
  assert.match(about, /href="mailto:bandanvan@camau\.dangcongsan\.vn"/);
  // pages outside the page cache use the same layout
  assert.match(await page(srv, '/tim-kiem?q=dan+van'), /href="mailto:bandanvan@camau\.dangcongsan\.vn"/);
  const en = text(await page(srv, '/en/about'));
  assert.match(en, /Owner Mass Mobilization Commission of the Ca Mau Provincial Party Committee/);
  assert.match(en, /Responsible for the content Head of the Mass Mobilization Commission/);
});

test('configured values show everywhere, escaped, licence included', async () => {
  const srv = await startServer({
    demo: false,
    env: {
      DANVAN_PORTAL_OWNER: 'Ban Dân vận Tỉnh ủy <Thử>',
      DANVAN_PORTAL_OWNER_EN: 'Test Commission',
      DANVAN_PORTAL_RESPONSIBLE: 'Ông Nguyễn Văn A, Trưởng Ban',
      DANVAN_PORTAL_RESPONSIBLE_EN: 'Mr Nguyen Van A, Head',
      DANVAN_PORTAL_LICENCE: 'Giấy phép số 12/GP-TTĐT ngày 01/02/2024',
      DANVAN_PORTAL_ADDRESS: 'Số 1 đường Thử, phường Thử',
      DANVAN_PORTAL_PHONE: '+84 290 000 000',
      DANVAN_PORTAL_EMAIL: 'lienhe@example.vn',
    },
  });
  servers.push(srv);
  const raw = await page(srv, '/');
  assert.match(raw, /Ban Dân vận Tỉnh ủy &lt;Thử&gt;/);
  const home = footer(raw);
  for (const s of ['Ông Nguyễn Văn A, Trưởng Ban', 'Giấy phép số 12/GP-TTĐT ngày 01/02/2024', 'Số 1 đường Thử, phường Thử',
    '+84 290 000 000', 'lienhe@example.vn']) assert.ok(home.includes(s), s);
  const about = text(await page(srv, '/gioi-thieu'));
  assert.match(about, /Giấy phép số 12\/GP-TTĐT/);
  const en = await page(srv, '/en/about');
  assert.match(en, /<dd>Test Commission<\/dd>/);
  assert.match(en, /<dd>Mr Nguyen Van A, Head<\/dd>/);
  assert.match(en, /<dd lang="vi">Giấy phép số 12\/GP-TTĐT/);
  assert.match(en, /href="mailto:lienhe@example\.vn"/);
});
