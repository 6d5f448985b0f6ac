// bench/review.sh's driver: for each format, BENCH_RUNS times, start `danvan serve` on the
// demo store, sign in as bdv, time one GET of the summary report's document (the first
// request of a fresh process: cold caches), stop the server. Prints the medians.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Client, DEMO } from '../tests/lib/client.mjs';

const BIN = process.env.DANVAN_BIN, DB = process.env.BENCH_DB, RUNS = Number(process.env.BENCH_RUNS || 3);

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

async function once(ext) {
  const { p, url } = await serve();
  try {
    const c = new Client(url);
    await c.login('bdv', DEMO.bdv);
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

for (const ext of ['docx', 'pdf']) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(ext));
  runs.sort((a, b) => a.ms - b.ms);
  const m = runs[Math.floor(runs.length / 2)];
  console.log(`summary report 10 years ${ext.toUpperCase()} cold: median ${m.ms.toFixed(0)} ms of ${RUNS} (${(m.bytes / 1024).toFixed(0)} KB); target <= 1000 ms`);
}
