import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:8131';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const pages = process.argv.slice(2);
for (const w of [1280, 360]) {
  const ctx = await b.newContext({ viewport: { width: w, height: 900 } });
  const p = await ctx.newPage();
  if (pages.includes('login')) {
    await p.goto(base + '/login');
    await p.fill('input[name=username]', 'bdv');
    await p.fill('input[type=password]', 'demo-bdv-2025');
    await p.click('button[type=submit]');
  }
  for (const path of pages.filter((x) => x !== 'login')) {
    await p.goto(base + path);
    const name = path.replace(/[^a-z0-9]+/gi, '_');
    await p.screenshot({ path: `/tmp/shot_${w}${name}.png`, fullPage: true });
  }
  await ctx.close();
}
await b.close();
