// reminders.test.mjs - `danvan remind` against a demo database and Debian's aiosmtpd sink:
// one digest per recipient listing every item (due soon or overdue, not yet sent), nothing
// new on a second run the same day, nothing sent by --dry-run (which prints the plan), a
// user without an e-mail address skipped and logged, a sent report leaves the digest.
// A fixture regime with periods in 2030 makes the counts exact whatever the demo regimes
// hold (their periods are more than 60 days overdue by then); a last test runs on the demo
// regimes themselves and checks the mail against the printed plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { binPath, serverEnv, runDanvan } from '../lib/server.mjs';
import { startSmtp } from '../lib/smtp.mjs';

const execFileP = promisify(execFile);
const BASE = 'https://danvan.example.vn';
let dir;
let db;
let smtp;

const sql = (q) => execFileSync('sqlite3', [db, q]).toString().trim();

/** Runs danvan remind; resolves { code, stdout, stderr } whatever the exit code. */
async function remind(args, env = {}) {
  const p = execFileP(binPath, ['remind', '--db', db, ...args],
    { env: serverEnv({ DANVAN_SMTP_URL: smtp.url, DANVAN_BASE_URL: BASE, ...env }), maxBuffer: 32 << 20 });
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The plan lines of remind's output: { user: { email, items: [[regime, period, unit, dl, days, status]] } }. */
function parsePlan(stdout) {
  const plan = {};
  let cur = null;
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) <([^>]*)>: (\d+) item\(s\)(.*)$/.exec(line);
    if (m) {
      cur = { email: m[2], n: Number(m[3]), flags: m[4], items: [] };
      plan[m[1]] = cur;
    } else if (cur && line.startsWith('  - ')) {
      cur.items.push(line.slice(4).split(' | '));
    }
  }
  return plan;
}

const unitId = (code) => Number(sql(`SELECT id FROM units WHERE code = '${code}' AND valid_to IS NULL`));
const userUnit = (u) => Number(sql(`SELECT unit_id FROM users WHERE username = '${u}'`));

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'danvan-remind-'));
  db = path.join(dir, 'db');
  smtp = await startSmtp();
  await runDanvan(['demo', '--db', db, '--no-serve']);
  // The fixture: a monthly regime reported by the whole demo province (a subtree), two
  // periods of 2030: November (overdue on 2030-12-17) and December (due in 3 days).
  const province = unitId('96');
  const bdv = unitId('96-TU-BDV');
  sql(`INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from)
         VALUES ('TEST-NHAC', 'Báo cáo thử nhắc hạn', 'month', ${bdv}, '2024-01-01');
       INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from)
         SELECT id, 'subtree', ${province}, '2020-01-01' FROM regimes WHERE code = 'TEST-NHAC';
       INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
         SELECT id, 2030, 11, 'Tháng 11 năm 2030', '2030-10-15', '2030-11-14' FROM regimes WHERE code = 'TEST-NHAC';
       INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
         SELECT id, 2030, 12, 'Tháng 12 năm 2030', '2030-11-15', '2030-12-14' FROM regimes WHERE code = 'TEST-NHAC';
       INSERT INTO period_deadlines SELECT p.id, '*', CASE p.seq WHEN 11 THEN '2030-11-25' ELSE '2030-12-20' END
         FROM periods p JOIN regimes r ON r.id = p.regime_id WHERE r.code = 'TEST-NHAC';`);
});

after(async () => {
  await smtp?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('--dry-run prints the plan and sends nothing', async () => {
  const r = await remind(['--dry-run', '--date', '2030-12-17']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /dry run/);
  const plan = parsePlan(r.stdout);
  // the officers of the two demo communes and the commission's staff member, two items each
  for (const u of ['xa1', 'xa2', 'bdv']) {
    assert.ok(plan[u], `${u} is in the plan:\n${r.stdout}`);
    const mine = plan[u].items.filter((it) => it[0] === 'Báo cáo thử nhắc hạn');
    assert.equal(mine.length, 2, r.stdout);
    assert.deepEqual(mine.map((it) => [it[1], it[3], it[4]]),
      [['Tháng 11 năm 2030', '25/11/2030', '-22 none'], ['Tháng 12 năm 2030', '20/12/2030', '+3 none']]);
  }
  assert.equal(plan.admin, undefined, 'administrators get no reminders');
  assert.equal(plan.xem, undefined, 'viewers get no reminders');
  assert.equal((await smtp.messages()).length, 0);
  assert.equal(sql('SELECT count(*) FROM reminder_log'), '0');
});

test('one digest per recipient with every item; a second run the same day sends nothing', async () => {
  const dry = parsePlan((await remind(['--dry-run', '--date', '2030-12-17'])).stdout);
  const r = await remind(['--date', '2030-12-17']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const expected = Object.entries(dry).filter(([, d]) => d.email !== '-');
  const msgs = await smtp.waitFor(expected.length);
  assert.equal(msgs.length, expected.length, r.stdout);
  for (const [user, d] of expected) {
    const mine = msgs.filter((m) => m.rcptTo.includes(d.email) || m.to.some((t) => t.includes(d.email)));
    assert.equal(mine.length, 1, `exactly one message to ${user}`);
    const m = mine[0];
    assert.deepEqual(m.to, [`<${d.email}>`]);
    // a staff digest of escalated tasks or overdue petitions alone has no report in it
    if (Number(d.n) > 0) assert.match(m.subject, new RegExp(`${d.n}`));
    else assert.match(m.subject, /Công việc cần theo dõi|Work to follow up/);
    assert.equal(m.contentType, 'text/plain');
    // every item: regime, period, unit and deadline dd/mm/yyyy; the link to /reports
    for (const [regime, period, unit, dl] of d.items) {
      for (const s of [regime, period, unit, dl]) assert.ok(m.body.includes(s), `${user}'s digest lists ${s}:\n${m.body}`);
    }
    if (Number(d.n) > 0) assert.ok(m.body.includes(`${BASE}/reports`), m.body);
    else assert.match(m.body, /\/tasks\/board|\/citizen\/petitions/, m.body);
  }
  const xa1 = msgs.find((m) => m.to[0].includes('pvtam'));
  assert.match(xa1.body, /quá hạn 22 ngày|overdue by 22 days/);
  assert.match(xa1.body, /còn 3 ngày|3 days left/);
  assert.equal(Number(sql("SELECT count(*) FROM reminder_log WHERE day = '2030-12-17'")), expected.length);

  const again = await remind(['--date', '2030-12-17']);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /0 digest\(s\) sent/);
  assert.match(again.stdout, /already sent today/);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal((await smtp.messages()).length, expected.length, 'nothing new the same day');
});

test('tasks overdue by the escalation days reach the digest of the staff above their unit', async () => {
  // the 2030-12-17 digests of the test above: every demo task still open then is years late
  const msgs = await smtp.messages();
  const days = Number(sql("SELECT value FROM settings WHERE key = 'directive_escalate_days'") || 15);
  const withTasks = msgs.filter((m) => /Nhiệm vụ quá hạn từ \d+ ngày|Tasks overdue by \d+ days/.test(m.body));
  const open = Number(sql("SELECT count(*) FROM tasks WHERE state IN ('open','returned') AND deadline <= '2030-12-02'"));
  if (!open) return; // a build without the directives' demo
  assert.ok(withTasks.length > 0, 'some digest lists escalated tasks');
  for (const m of withTasks) {
    assert.match(m.body, new RegExp(`${days} ngày|${days} days`));
    const ids = [...m.body.matchAll(/\/tasks\/(\d+)\n/g)].map((x) => x[1]);
    assert.ok(ids.length > 0 && ids.length <= 10, m.body);
    for (const id of ids) {
      const [state, deadline] = sql(`SELECT state || '|' || deadline FROM tasks WHERE id = ${id}`).split('|');
      assert.ok(['open', 'returned'].includes(state), `task ${id} is not done (${state})`);
      assert.ok(deadline <= '2030-12-02', `task ${id} is overdue by the escalation days (${deadline})`);
      const [, y, mo, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
      assert.ok(m.body.includes(`${d}/${mo}/${y}`), `its deadline as dd/mm/yyyy in:\n${m.body}`);
    }
    assert.match(m.body, /\/tasks\/board\?unit=\d+/);
  }
});

test('a user without an e-mail address is skipped and logged; a sent report leaves the digest', async () => {
  sql("UPDATE users SET email = NULL WHERE username = 'xa2'");
  const before = (await smtp.messages()).length;
  // xa1 sends December: only November (overdue) stays in their digest the next day
  const dec = sql("SELECT p.id FROM periods p JOIN regimes r ON r.id = p.regime_id WHERE r.code = 'TEST-NHAC' AND p.seq = 12");
  sql(`INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at)
       SELECT regime_id, id, ${userUnit('xa1')}, 'submitted', '2030-12-20', '2030-12-17T02:00:00Z', '2030-12-17T02:00:00Z'
       FROM periods WHERE id = ${dec}`);
  const r = await remind(['--date', '2030-12-18']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /xa2 has no valid e-mail address/);
  const plan = parsePlan(r.stdout);
  assert.match(plan.xa2.flags, /skipped/);
  const xa1Items = plan.xa1.items.filter((it) => it[0] === 'Báo cáo thử nhắc hạn');
  assert.deepEqual(xa1Items.map((it) => it[1]), ['Tháng 11 năm 2030']);
  const sent = Object.values(plan).filter((d) => !/skipped/.test(d.flags)).length;
  const msgs = await smtp.waitFor(before + sent);
  assert.equal(msgs.length, before + sent);
  assert.ok(!msgs.slice(before).some((m) => m.to.some((t) => t.includes('htnhan'))), 'nothing to xa2');
  sql(`UPDATE users SET email = 'htnhan.vinhtrach@camau.gov.vn' WHERE username = 'xa2'`);
});

test('an unreachable SMTP server sends nothing and leaves no claim (retried later)', async () => {
  const r = await remind(['--date', '2030-12-19'], { DANVAN_SMTP_URL: 'smtp://127.0.0.1:1' });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /failed/);
  assert.equal(sql("SELECT count(*) FROM reminder_log WHERE day = '2030-12-19'"), '0');
});

test('the demo regimes: the digests match the printed plan', async () => {
  // the latest deadline of the demo regimes (not the fixture's): the day before it
  const dl = sql(`SELECT max(d.deadline) FROM period_deadlines d JOIN periods p ON p.id = d.period_id
                  JOIN regimes r ON r.id = p.regime_id WHERE r.code <> 'TEST-NHAC'`);
  if (!dl) return; // no demo regimes in this build
  const day = new Date(Date.parse(`${dl}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
  const dry = await remind(['--dry-run', '--date', day]);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = parsePlan(dry.stdout);
  const before = (await smtp.messages()).length;
  const r = await remind(['--date', day]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const want = Object.values(plan).filter((d) => d.email !== '-');
  const msgs = (await smtp.waitFor(before + want.length)).slice(before);
  assert.equal(msgs.length, want.length, r.stdout);
  for (const d of want) {
    const mine = msgs.filter((m) => m.to.some((t) => t.includes(d.email)));
    assert.equal(mine.length, 1, `one digest to ${d.email}`);
    for (const [, period, unit, deadline] of d.items) {
      for (const s of [period, unit, deadline]) assert.ok(mine[0].body.includes(s), `${s} in:\n${mine[0].body}`);
    }
  }
});
