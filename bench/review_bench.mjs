// bench/review.sh's driver: for each format, BENCH_RUNS times, start `danvan serve` on the
// store, sign in (bdv on the demo; BENCH_USER/BENCH_PASSWORD), time one GET of the summary
// report's document (the first request of a fresh process: cold caches), stop the server.
// Prints the medians. BENCH_SETUP=national first makes, through the pages, a yearly regime
// 2017-2026 reported by every commune of the user's province and the summary report on it.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Client, DEMO } from '../tests/lib/client.mjs';

const BIN = process.env.DANVAN_BIN, DB = process.env.BENCH_DB, RUNS = Number(process.env.BENCH_RUNS || 3);
const USER = process.env.BENCH_USER || 'bdv', PASSWORD = process.env.BENCH_PASSWORD || DEMO.bdv;

function freePort() {
  return new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
}

async function serve() {
  const port = await freePort();
  const p = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore', env: { ...process.env, DANVAN_ACCESS_LOG: 'off' } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${url}/healthz`)).ok) return { p, url }; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

const opt = (html, name, re) => {
  const sel = html.match(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`))[1];
  for (const m of sel.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)) if (re.test(m[2])) return m[1];
  throw new Error(`no option ${re} in ${name}`);
};

async function setup() {
  const { p, url } = await serve();
  try {
    const c = new Client(url);
    await c.login(USER, PASSWORD);
    const t0 = process.hrtime.bigint();
    const form = await c.get('/regimes/new');
    let r = await c.postForm('/regimes', { code: 'BC-BENCH-NAM', name: 'Báo cáo năm (bench)', frequency: 'year',
      receiver: opt(form.text, 'receiver', /Cơ quan 1 /), grace_days: '5', doc_type: 'BC', active_from: '01/01/2017' });
    if (r.status !== 303) throw new Error(`regime: ${r.status}`);
    const href = r.location;
    await c.get(`${href}/indicators/new`);
    r = await c.postForm(`${href}/indicators`, { code: 'I01', name: 'Số hội nghị', type: 'int', unit_of_measure: 'hội nghị', required: '1' });
    if (r.status !== 303) throw new Error(`indicator: ${r.status}`);
    const a = await c.get(`${href}/assignments/new`);
    r = await c.postForm(`${href}/assignments`, { kind: 'type', unit: opt(a.text, 'unit', /^(Thành phố|Tỉnh) /), unit_type: 'commune', valid_from: '01/01/2017' });
    if (r.status !== 303) throw new Error(`assignment: ${r.status}`);
    await c.get(href);
    r = await c.postForm(`${href}/periods`, { from_year: '2017', to_year: '2026' });
    if (r.status !== 303) throw new Error(`periods: ${r.status}`);
    const s = await c.get('/review/summaries/new');
    r = await c.postForm('/review/summaries', { unit: opt(s.text, 'unit', /Cơ quan 1 /), title: 'Tổng kết 10 năm (bench)', from_year: '2017',
      to_year: '2026', regime: opt(s.text, 'regime', /BC-BENCH-NAM/), subject_document: opt(s.text, 'subject_document', /./) });
    if (r.status !== 303) throw new Error(`summary: ${r.status}`);
    console.log(`set-up through the pages (regime, periods, summary): ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`);
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
  }
}

async function once(ext) {
  const { p, url } = await serve();
  try {
    const c = new Client(url);
    await c.login(USER, PASSWORD);
    const board = await c.get('/review');
    const href = board.text.match(/href="(\/review\/summaries\/\d+)"/)[1];
    const t0 = process.hrtime.bigint();
    const r = await fetch(`${url}${href}/report.${ext}`, { headers: { cookie: c.cookieHeader() } });
    const body = Buffer.from(await r.arrayBuffer());
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 200) throw new Error(`${ext}: ${r.status}`);
    return { ms, bytes: body.length };
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
  }
}

if (process.env.BENCH_SETUP === 'national') await setup();
for (const ext of ['docx', 'pdf']) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(ext));
  runs.sort((a, b) => a.ms - b.ms);
  const m = runs[Math.floor(runs.length / 2)];
  console.log(`summary report 10 years ${ext.toUpperCase()} cold: median ${m.ms.toFixed(0)} ms of ${RUNS} (${(m.bytes / 1024).toFixed(0)} KB); target <= 1000 ms`);
}
