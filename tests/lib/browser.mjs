// Browser helpers for tests/e2e: Debian's /usr/bin/chromium driven by playwright-core (no
// browser download), a fresh profile per launch, and accessibility checks with axe-core.
//
//   const b = await launchBrowser();  const page = await b.newPage();
//   await page.goto(srv.url + '/login');
//   await assertAccessible(page);     // fails on serious/critical axe violations
//   await b.close();
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { exitOnSignals } from './server.mjs';
import { DEMO } from './client.mjs';

const require = createRequire(import.meta.url);

// Profiles of browsers not closed (a test failed or timed out) are removed at exit.
const profiles = new Set();
process.on('exit', () => { for (const d of profiles) rmSync(d, { recursive: true, force: true }); });
// playwright's own SIGTERM handler closes the browser but leaves the process running, so a
// test file the runner ends (timeout) would hang: exit instead; playwright kills chromium
// in its 'exit' handler.
exitOnSignals();

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Launches chromium with a fresh --user-data-dir. Returns { context, newPage(), close() }.
 * Options go to launchPersistentContext (e.g. { locale: 'vi-VN', viewport }).
 * The page's real Content-Security-Policy stays in force (no bypassCSP).
 */
export async function launchBrowser(options = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'danvan-chromium-'));
  profiles.add(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      profiles.delete(userDataDir);
    },
  };
}

/**
 * Collects what a page reports as broken: console errors (CSP violations show up here),
 * uncaught exceptions, failed requests and answers >= 400 (except the browser's own
 * /favicon.ico probe). Returns the live array.
 */
export function collectPageErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    // "Failed to load resource" names no URL; the 'response' handler reports those.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED: the browser dropped a request because the page navigated on (an image
    // still loading when a form was sent); the server's own failures are 'response' errors.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

let axeSource;
async function axeScript() {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page and returns the violations of impact serious or critical,
 * as [{ id, impact, help, helpUrl, nodes: [{ target, html, summary }] }].
 * axe is injected through the DevTools protocol, which the page's CSP does not block
 * (an inline <script> would be). `options` go to axe.run (e.g. { runOnly: [...] }).
 */
export async function checkA11y(page, { include = 'document', options = {} } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    await page.evaluate(await axeScript());
    const ok = await page.evaluate(() => typeof window.axe === 'object');
    if (!ok) await page.addScriptTag({ content: await axeScript() });
  }
  const violations = await page.evaluate(async ({ include, options }) => {
    const ctx = include === 'document' ? document : include;
    const r = await window.axe.run(ctx, { resultTypes: ['violations'], ...options });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, { include, options });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Human-readable text for a list of violations. */
export function formatViolations(violations) {
  return violations.map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n'))
    .join('\n');
}

/** Asserts the page has no serious or critical axe violations; the message lists them. */
export async function assertAccessible(page, opts) {
  const v = await checkA11y(page, opts);
  assert.deepEqual(v.map((x) => x.id), [], `accessibility violations on ${page.url()}:\n${formatViolations(v)}`);
}

/** Signs user in through the login form of the server at baseUrl (password: the demo's by
 * default); whoever was signed in in the page's browser profile is signed out first, as its
 * pages share one cookie jar. Resolves once the page has left /login. */
export async function signIn(page, baseUrl, user, password = DEMO[user]) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  const form = page.locator('form:has(input[type=password])');
  await form.locator('input:not([type]), input[type=text], input[type=email]').first().fill(user);
  await form.locator('input[type=password]').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    form.locator('button[type=submit], input[type=submit], button:not([type])').first().click(),
  ]);
}
