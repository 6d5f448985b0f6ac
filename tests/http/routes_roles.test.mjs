// routes_roles.test.mjs - every route × every role (issue 17). The route table comes from
// `danvan routes`; each route's access declaration (ROUTE_WHO, grammar in HACKING.md "Route
// access") says who may. Every route is requested signed out, with a stale session, without
// a CSRF token (state-changing routes), and as each role for targets in the user's own unit,
// a unit below it, a sibling, a parent and a foreign province; the answer must be what the
// declaration says. An undeclared route, a declaration that does not parse, or a target kind
// without a fixture below fails the test. Prints tried / allowed / refused-as-designed counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer, runDanvan, storeSql, storeRows, isPg } from '../lib/server.mjs';
import { Client, csrfFrom } from '../lib/client.mjs';


const PASSWORD = 'routes-roles-pass-2026';
const SCOPES = new Set(['any', 'subtree', 'unit', 'own', 'receiver', 'owner', 'top']);

let srv;
let ROLES = [];
const users = {};          // `${placement}:${role}` → { client, id, unitId, role, csrf }
const tree = new Map();    // unit id → parent id (open links)
let codeId = {};           // unit code → id

before(async () => {
  srv = await startServer({ demo: true });
  const help = (await runDanvan(['user', '--help'])).stdout;
  ROLES = /ROLE is ([a-z, ]+?)(?:\.|\n| or )/.exec(help)[1].split(/, /).map((s) => s.trim());
  const last = /or ([a-z]+)\. The password/.exec(help.replace(/\n/g, ' '));
  if (last && !ROLES.includes(last[1])) ROLES.push(last[1]);
  await fixtures();
});
after(async () => { if (srv) await srv.stop(); });

// ---- the declaration grammar ----

/** "admin | staff@subtree on report:id" → { special, rules: [{role, scope}], target: {kind, param} } */
export function parseAccess(s, pattern) {
  let target = null;
  const m = / on ([a-z_]+):([a-z_]+)$/.exec(s);
  if (m) { target = { kind: m[1], param: m[2] }; s = s.slice(0, m.index); }
  if (s === 'public' || s === 'token' || s === 'undeclared') return { special: s, target, rules: [] };
  const rules = s.split(' | ').map((r) => {
    const [role, scope = 'any', extra] = r.trim().split('@');
    if (extra !== undefined || !(role === 'signed-in' || ROLES.includes(role))) throw new Error(`unknown role in "${r}"`);
    if (!SCOPES.has(scope)) throw new Error(`unknown scope in "${r}"`);
    if (scope !== 'any' && scope !== 'top' && !target) throw new Error(`"${r}" has a scope but the declaration names no target (… on KIND:PARAM)`);
    return { role, scope };
  });
  if (target && !new RegExp(`:${target.param}\\b`).test(pattern)) throw new Error(`target parameter :${target.param} is not in ${pattern}`);
  return { rules, target };
}

// ---- the unit tree and relations ----

function ancestors(id) {
  const out = [];
  for (let p = tree.get(id); p; p = tree.get(p)) out.push(p);
  return out;
}
const rootOf = (id) => { const a = ancestors(id); return a.length ? a[a.length - 1] : id; };
/** How unit t stands to unit u: own, child (below), parent (above), sibling (same province), foreign. */
function relation(u, t) {
  if (t === u) return 'own';
  if (ancestors(t).includes(u)) return 'child';
  if (ancestors(u).includes(t)) return 'parent';
  return rootOf(t) === rootOf(u) ? 'sibling' : 'foreign';
}
const inScope = (u, t) => t != null && (t === u || ancestors(t).includes(u));

function allowed(acc, user, fx) {
  return acc.rules.some(({ role, scope }) => {
    if (role !== 'signed-in' && role !== user.role) return false;
    switch (scope) {
      case 'any': return true;
      case 'top': return !tree.get(user.unitId); // the user's scope is a root of the tree
      case 'subtree': case 'unit': return inScope(user.unitId, fx.unit);
      case 'own': return fx.unit === user.unitId;
      case 'receiver': return inScope(user.unitId, fx.receiver);
      case 'owner': return fx.owner === user.id;
    }
    return false;
  });
}

// ---- fixtures: for each target kind, rows { id, unit, receiver, owner, ...other params } ----

const KINDS = {
  unit: 'SELECT id, id AS unit FROM units WHERE valid_to IS NULL',
  user: "SELECT id, unit_id AS unit FROM users WHERE username LIKE 'rrt_%'",
  token: "SELECT id, unit_id AS unit FROM api_tokens WHERE name LIKE 'rrt-%'",
  regime: 'SELECT id, receiver_unit_id AS unit, receiver_unit_id AS receiver FROM regimes',
  category_set: 'SELECT id, scope_unit_id AS unit FROM category_sets',
  report: 'SELECT r.id, r.unit_id AS unit, g.receiver_unit_id AS receiver FROM reports r JOIN regimes g ON g.id = r.regime_id ' +
    'ORDER BY EXISTS (SELECT 1 FROM report_attachments a WHERE a.report_id = r.id) DESC, r.id',
  entry: 'SELECT r.unit_id AS id, r.regime_id AS regime, r.period_id AS period, r.unit_id AS unit, ' +
    'g.receiver_unit_id AS receiver FROM reports r JOIN regimes g ON g.id = r.regime_id',
  article: 'SELECT id, created_by AS owner FROM articles',
  category: 'SELECT id FROM categories',
  // directives (src/directive/): a document by its issuer; a task by its lead unit (chủ trì),
  // its assigning unit the receiver (it reads and decides completions); the same task by its
  // assigning unit; a completion's evidence file by its task
  document: 'SELECT id, issuer_unit_id AS unit FROM documents WHERE issuer_unit_id IS NOT NULL',
  task: 'SELECT id, lead_unit_id AS unit, assigner_unit_id AS receiver FROM tasks',
  task_assigner: 'SELECT id, assigner_unit_id AS unit FROM tasks',
  evidence: 'SELECT c.id, t.lead_unit_id AS unit, t.assigner_unit_id AS receiver FROM task_completions c ' +
    'JOIN tasks t ON t.id = c.task_id WHERE c.evidence_file IS NOT NULL',
  cadre: 'SELECT id, unit_id AS unit FROM cadre_assignments',
  // a session by its unit; a closed unit's sessions are also read by those who see its
  // successor (session_access.c), which the placements do not model: left out of the pick
  // (PostgreSQL's ids made the demo's first session one of the old Cà Mau committee's)
  session: 'SELECT id, unit_id AS unit FROM dissem_sessions WHERE unit_id NOT IN (SELECT predecessor_id FROM unit_successions)',
  // review (src/review/): by the unit whose plan, inspection, conference or summary it is
  plan: 'SELECT id, unit_id AS unit FROM inspection_plans',
  inspection: 'SELECT id, unit_id AS unit FROM inspections',
  conference: 'SELECT id, unit_id AS unit FROM conferences',
  summary: 'SELECT id, unit_id AS unit FROM summary_reports',
  // citizens (src/citizen/): a petition by the commune it concerns, the unit it is assigned
  // to the receiver; its files likewise
  model: 'SELECT id, unit_id AS unit FROM dvk_models',
  dialogue: 'SELECT id, unit_id AS unit FROM dialogues',
  petition: 'SELECT id, commune_id AS unit, assigned_unit_id AS receiver FROM petitions',
  petition_file: 'SELECT f.id, p.commune_id AS unit, p.assigned_unit_id AS receiver FROM petition_files f ' +
    'JOIN petitions p ON p.id = f.petition_id',
  petition_category: 'SELECT id FROM petition_categories',
};
// Other parameters of a route, from its target row ($id).
const SECONDARY = {
  'regime.aid': 'SELECT id FROM regime_assignments WHERE regime_id = $id ORDER BY id LIMIT 1',
  'regime.level': 'SELECT level FROM regime_deadlines WHERE regime_id = $id LIMIT 1',
  'regime.pos': 'SELECT position FROM regime_sections WHERE regime_id = $id LIMIT 1',
  'regime.iid': 'SELECT id FROM indicators WHERE regime_id = $id ORDER BY id LIMIT 1',
  'regime.rid': 'SELECT id FROM indicator_rules WHERE regime_id = $id LIMIT 1',
  'regime.pid': 'SELECT id FROM periods WHERE regime_id = $id ORDER BY id LIMIT 1',
  'category_set.oid': 'SELECT id FROM category_options WHERE set_id = $id ORDER BY id LIMIT 1',
  'report.aid': 'SELECT id FROM report_attachments WHERE report_id = $id LIMIT 1',
  'inspection.fid': 'SELECT id FROM inspection_findings WHERE inspection_id = $id AND file IS NOT NULL ORDER BY id LIMIT 1',
  'conference.iid': 'SELECT id FROM conference_invitees WHERE conference_id = $id ORDER BY id LIMIT 1',
  'conference.pid': 'SELECT id FROM conference_presentations WHERE conference_id = $id AND file IS NOT NULL ORDER BY id LIMIT 1',
  'conference.photo': 'SELECT id FROM conference_photos WHERE conference_id = $id ORDER BY id LIMIT 1',
};
// The query string a route needs, from its target row ($id); the route is not tried without it.
const QUERIES = {
  '/review/summaries/:id/compare': "SELECT 'a=' || min(version) || '&b=' || max(version) FROM summary_versions WHERE report_id = $id HAVING count(*) > 0",
};
const rowsOf = (q) => storeRows(srv.dbPath, q);

// Three placements of the test accounts (unit = scope): MTTQ holds reports and a reporting
// child; the Party Committee holds the commission that receives the regimes; the province is
// a root of the tree (what staff@top asks).
const PLACEMENTS = { A: '96-MTTQ', B: '96-TU', C: '96' };
const TARGET_UNITS = ['96-TU', '96-TU-BDV', '96-MTTQ', '96-HCCB', '31825', '96', '01'];

async function fixtures() {
  for (const r of await rowsOf('SELECT child_id, parent_id FROM unit_links WHERE valid_to IS NULL')) tree.set(r.child_id, r.parent_id);
  codeId = Object.fromEntries((await rowsOf('SELECT code, id FROM units WHERE valid_to IS NULL')).map((r) => [r.code, r.id]));
  const env = { DANVAN_PASSWORD: PASSWORD };
  for (const [p, code] of Object.entries(PLACEMENTS)) {
    for (const role of ROLES) {
      await runDanvan(['user', 'add', `rr_${p.toLowerCase()}_${role}`, '--name', `RR ${p} ${role}`, '--unit', code, '--scope', code,
        '--role', role, '--db', srv.dbPath], { env });
    }
  }
  for (const code of TARGET_UNITS) {
    await runDanvan(['user', 'add', `rrt_${code.toLowerCase()}`, '--name', `RRT ${code}`, '--unit', code, '--scope', code,
      '--role', 'viewer', '--db', srv.dbPath], { env });
  }
  // Records in every relation: tokens, regimes and category sets at each target unit; a draft
  // article of each contributor; a report in the foreign province's unit, assigned to it.
  await storeSql(srv.dbPath, TARGET_UNITS.map((c) => `
    INSERT INTO api_tokens(name, secret_hash, hint, unit_id, role) VALUES ('rrt-${c}', '${randomBytes(32).toString('hex')}', 'rrtt', ${codeId[c]}, 'viewer');
    INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from) VALUES ('RR-${c}', 'RR ${c}', 'year', ${codeId[c]}, '2025-01-01') ON CONFLICT DO NOTHING;
    INSERT INTO category_sets(code, name, scope_unit_id) VALUES ('rr-${c}', 'RR ${c}', ${codeId[c]}) ON CONFLICT DO NOTHING;`).join('\n') + `
    CREATE TEMP TABLE rr_src AS SELECT r.id FROM reports r JOIN periods p ON p.id = r.period_id
      WHERE p.close_end >= '2025-07-01' ORDER BY r.id LIMIT 1; -- a period the foreign units existed in
    INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) SELECT regime_id, 'unit', ${codeId['01']}, '2024-01-01' FROM reports WHERE id = (SELECT id FROM rr_src);
    INSERT INTO reports(regime_id, period_id, unit_id, status, deadline) SELECT regime_id, period_id, ${codeId['01']}, 'draft', deadline FROM reports WHERE id = (SELECT id FROM rr_src);
    INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) SELECT id, 'unit', receiver_unit_id, '2025-01-01' FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO regime_deadlines(regime_id, level, days_after_close) SELECT id, 'commune', 5 FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO regime_sections(regime_id, position, title) SELECT id, 1, 'RR' FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO indicators(regime_id, code, name, type) SELECT id, 'I01', 'RR', 'int' FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO indicator_rules(regime_id, left_code, op, right_operand, message) SELECT id, 'I01', '>=', '0', 'RR' FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO periods(regime_id, year, seq, label, close_start, close_end) SELECT id, 2025, 1, 'RR 2025', '2025-12-01', '2025-12-15' FROM regimes WHERE code LIKE 'RR-%';
    INSERT INTO category_options(set_id, code, name) SELECT id, 'o1', 'RR' FROM category_sets WHERE code LIKE 'rr-%';
    INSERT INTO report_attachments(report_id, filename, content_type, size, sha256, data)
      SELECT max(r.id), 'rr.pdf', 'application/pdf', 8, 'rr', X'255044462D312E34' FROM reports r GROUP BY r.unit_id
      HAVING r.unit_id IN (${[...Object.values(PLACEMENTS), ...TARGET_UNITS].map((c) => codeId[c]).join(',')});`);
  await storeSql(srv.dbPath, await areaFixtures());
  for (const [p, code] of Object.entries(PLACEMENTS)) {
    for (const role of ROLES) {
      const c = new Client(srv.url);
      await c.login(`rr_${p.toLowerCase()}_${role}`, PASSWORD);
      const page = await c.get('/account/password');
      const [{ id }] = await rowsOf(`SELECT id FROM users WHERE username = 'rr_${p.toLowerCase()}_${role}'`);
      users[`${p}:${role}`] = { client: c, id, unitId: codeId[code], role, placement: p, csrf: csrfFrom(page.text) };
      if (role === 'contributor') { /* a draft of their own, through the desk */
        const r = await c.postForm('/desk', { title: `RR draft ${p}`, body: 'RR' }, { csrf: csrfFrom(page.text) });
        assert.equal(r.status, 303, `contributor's draft: ${r.status}`);
      }
    }
  }
}

/** SQL giving the records of the directive, review and citizen areas a copy in every target
 * unit that has none (the demo holds them in a few units only): the area's first record with
 * its unit replaced, and its children (a finding's file, a conference's invitees and
 * presentations, a task's completion with an evidence file, a petition's file). */
async function areaFixtures() {
  const cols = async (t) => (await rowsOf(isPg(srv.dbPath)
    ? `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`
    : `PRAGMA table_info(${t})`)).map((c) => c.name).filter((c) => c !== 'id');
  const PARENT = (c) => codeId[c] && tree.get(codeId[c]) ? tree.get(codeId[c]) : codeId[c];
  const sql = [];
  // clone(table, unit column, unit id, { column: SQL expression }, [children])
  async function clone(t, unitCol, unit, over = {}, children = []) {
    const cs = await cols(t);
    const ex = cs.map((c) => (c === unitCol ? String(unit) : over[c] ?? c));
    sql.push(`INSERT INTO ${t}(${cs.join(', ')}) SELECT ${ex.join(', ')} FROM ${t} WHERE id = (SELECT min(id) FROM ${t}) ` +
      `AND NOT EXISTS (SELECT 1 FROM ${t} WHERE ${unitCol} = ${unit});`);
    for (const ch of children) {
      const ccs = await cols(ch.table);
      const cex = ccs.map((c) => (c === ch.fk ? `(SELECT max(id) FROM ${t})` : ch.over?.[c] ?? c));
      sql.push(`INSERT INTO ${ch.table}(${ccs.join(', ')}) SELECT ${cex.join(', ')} FROM ${ch.table} ` +
        `WHERE ${ch.fk} = ${ch.from ?? `(SELECT min(id) FROM ${t})`} AND (SELECT ${unitCol} FROM ${t} WHERE id = (SELECT max(id) FROM ${t})) = ${unit} ` +
        `AND NOT EXISTS (SELECT 1 FROM ${ch.table} WHERE ${ch.fk} = (SELECT max(id) FROM ${t}));`);
    }
  }
  const PDF = isPg(srv.dbPath) ? "'%PDF-1.4 rr'::bytea" : "CAST('%PDF-1.4 rr' AS BLOB)";
  const FILE = { file_name: "'rr.pdf'", file_mime: "'application/pdf'", file: PDF };
  for (const c of TARGET_UNITS) {
    const u = codeId[c];
    await clone('documents', 'issuer_unit_id', u, { code: `code || '-rr${u}'` });
    await clone('tasks', 'lead_unit_id', u, { assigner_unit_id: String(PARENT(c)), title: "'RR task'", parent_id: 'NULL' });
    await clone('cadre_assignments', 'unit_id', u);
    await clone('dissem_sessions', 'unit_id', u, { makeup_of: 'NULL' });
    await clone('inspection_plans', 'unit_id', u);
    await clone('inspections', 'unit_id', u, { plan_item_id: 'NULL' }, [{ table: 'inspection_findings', fk: 'inspection_id', over: FILE,
      from: '(SELECT min(inspection_id) FROM inspection_findings)' }]);
    await clone('conferences', 'unit_id', u, { article_id: 'NULL' }, [
      { table: 'conference_invitees', fk: 'conference_id', over: { code: `code || '${u}'`, checked_in_at: 'NULL', checked_in_how: 'NULL' } },
      { table: 'conference_presentations', fk: 'conference_id', over: FILE }]);
    await clone('summary_reports', 'unit_id', u, {}, [{ table: 'summary_versions', fk: 'report_id' }]);
    await clone('dvk_models', 'unit_id', u);
    await clone('dialogues', 'unit_id', u);
    await clone('petitions', 'commune_id', u, { code: `'RR-${u}'`, assigned_unit_id: String(u), duplicate_of: 'NULL' });
  }
  // a photo for every conference (the demo's have none), one of the portal's images
  sql.push(`INSERT INTO conference_photos(conference_id, media_id, alt) SELECT c.id, (SELECT min(m.id) FROM media m), 'RR' FROM conferences c;`);
  // a file for every document (the demo's have none) and every finding, a completion with an evidence file for every RR task, a file for every petition without one
  sql.push(`INSERT INTO document_files(document_id, name, mime, size, sha256, content)
    SELECT id, 'rr.pdf', 'application/pdf', 11, 'rr', ${PDF} FROM documents d
    WHERE NOT EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = d.id);
    INSERT INTO task_completions(task_id, submitted_on, note, evidence_file_name, evidence_file_mime, evidence_file)
    SELECT id, assigned_on, 'RR', 'rr.pdf', 'application/pdf', ${PDF} FROM tasks WHERE title = 'RR task';
    UPDATE inspection_findings SET file_name = 'rr.pdf', file_mime = 'application/pdf', file = ${PDF}
      WHERE file IS NULL;
    INSERT INTO petition_files(petition_id, name, type, sha256, data)
      SELECT id, 'rr.pdf', 'application/pdf', 'rr', ${PDF} FROM petitions p
      WHERE NOT EXISTS (SELECT 1 FROM petition_files f WHERE f.petition_id = p.id);`);
  return sql.join('\n');
}

// ---- requests and their classification ----

async function routeTable() {
  const { stdout } = await runDanvan(['routes']);
  return stdout.split('\n').slice(1).filter(Boolean).map((l) => {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(l);
    return { method: m[1], pattern: m[2], flags: m[3].split(','), handler: m[4], where: m[5], access: m[6].trim() };
  });
}

const fill = (pattern, values) => pattern.replace(/:([a-z_]+)/g, (_, p) => (values[p] ?? `:${p}`));

async function send(client, method, path, { csrf, cookie } = {}) {
  const headers = cookie !== undefined ? { cookie } : {};
  if (method === 'GET') return client ? client.get(path) : fetchRaw('GET', path, headers);
  const body = csrf ? `_csrf=${encodeURIComponent(csrf)}` : '';
  const h = { 'content-type': 'application/x-www-form-urlencoded', origin: srv.url, ...headers };
  return client ? client.request(path, { method, body, headers: h }) : fetchRaw(method, path, h, body);
}
async function fetchRaw(method, path, headers, body) {
  const res = await fetch(srv.url + path, { method, headers, body, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

/** 'login' (sent to sign in), 'refused' (401/403/404), 'error' (5xx) or 'allowed'. */
function classify(r) {
  if (r.status >= 500) return 'error';
  if (r.status >= 300 && r.status < 400 && /^\/login\?next=/.test(r.location || '')) return 'login';
  if ([401, 403, 404].includes(r.status)) return 'refused';
  return 'allowed';
}

const PUBLIC_VALUES = async () => ({
  slug: (await rowsOf("SELECT slug FROM articles WHERE status = 'published' LIMIT 1"))[0].slug,
  code: 'en', n: '1', id: (await rowsOf('SELECT id FROM media LIMIT 1'))[0]?.id ?? 1,
});

test('every route × every role answers as its declaration says', { timeout: 600_000 }, async () => {
  const routes = await routeTable();
  const failures = [];
  const counts = { routes: routes.length, tried: 0, allowed: 0, refused: 0, login: 0, csrf: 0, skipped: 0, changed: 0 };
  const roleCounts = {};  // role (or 'signed out') → { tried, allowed, refused, login, csrf }
  const byRole = (r) => (roleCounts[r] ??= { tried: 0, allowed: 0, refused: 0, login: 0, csrf: 0 });
  const fail = (rt, who, what) => failures.push(`${rt.method} ${rt.pattern} (${rt.where}) ${who}: ${what}`);
  const pub = await PUBLIC_VALUES();

  // a stale session: signed in, then signed out; its cookie must no longer work
  const stale = new Client(srv.url);
  await stale.login('rrt_96', PASSWORD);
  const staleCookie = [...stale.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  await stale.postForm('/logout', {}, { csrf: csrfFrom((await stale.get('/account/password')).text) });

  const kindRows = {};
  for (const [k, q] of Object.entries(KINDS)) kindRows[k] = await rowsOf(q);

  const cells = [];   // { rt, acc, user, fx, path, expect }
  const noFixture = new Map();
  for (const rt of routes) {
    let acc;
    try { acc = parseAccess(rt.access, rt.pattern); } catch (e) { fail(rt, 'declaration', e.message); continue; }
    if (acc.special === 'undeclared') { fail(rt, 'declaration', 'no access declared: use ROUTE_WHO (HACKING.md "Route access")'); continue; }
    if (acc.target && !KINDS[acc.target.kind]) { fail(rt, 'declaration', `target kind "${acc.target.kind}" has no fixture in KINDS of routes_roles.test.mjs`); continue; }
    const write = rt.method !== 'GET';
    if (acc.special === 'public') {
      const r = await send(null, rt.method, fill(rt.pattern, pub), { csrf: null });
      counts.tried++;
      const c = classify(r);
      if (c === 'error' || c === 'login' || r.status === 401 || r.status === 403 && !write) fail(rt, 'signed out', `public route answered ${r.status}`);
      else counts.allowed++;
      continue;
    }
    // the values a route needs when nothing about the target matters
    const anyRow = acc.target ? kindRows[acc.target.kind][0] : {};
    const anyPath = acc.target ? await pathFor(rt, acc, anyRow) : rt.pattern;
    if (acc.special === 'token') {
      for (const [who, opt] of [['signed out', {}], ['signed in without a token', { client: users['A:admin'].client }]]) {
        const r = await send(opt.client || null, rt.method, anyPath, { csrf: opt.client ? users['A:admin'].csrf : null });
        counts.tried++;
        if (r.status !== 401) fail(rt, who, `expected 401 without an API token, got ${r.status}`); else counts.refused++;
      }
      continue;
    }
    if (anyPath) {
      for (const [who, cookie] of [['signed out', undefined], ['stale session', staleCookie]]) {
        const r = await send(null, rt.method, anyPath, { cookie });
        counts.tried++;
        byRole(who).tried++;
        if (classify(r) !== 'login') fail(rt, who, `expected a redirect to /login, got ${r.status} ${r.location || ''}`);
        else { counts.login++; byRole(who).login++; }
      }
      if (write && !rt.flags.includes('no-csrf')) {
        const r = await send(users['A:admin'].client, rt.method, anyPath, { csrf: null });
        counts.tried++;
        byRole('admin').tried++;
        if (r.status !== 403) fail(rt, 'admin without a CSRF token', `expected 403, got ${r.status}`);
        else { counts.csrf++; byRole('admin').csrf++; }
      }
    }
    for (const user of Object.values(users)) {
      for (const fx of await targetsFor(rt, acc, user, kindRows)) {
        if (!fx.path) { counts.skipped++; noFixture.set(rt.pattern, (noFixture.get(rt.pattern) || 0) + 1); continue; }
        cells.push({ rt, acc, user, fx, path: fx.path, expect: allowed(acc, user, fx) ? 'allowed' : 'refused' });
      }
    }
  }

  // Refusals first (they must change nothing), then what is allowed: reads, then writes, admin last.
  // Writes that remove their target (delete, close, disable, revoke, archive, hide, end) go last.
  const DESTROYS = /_(delete|close|disable|revoke|archive|hide|end|unlock|approve|return|publish)$/;
  const order = (c) => (c.expect === 'refused' ? 0 : 1) * 100 + (c.rt.method === 'GET' ? 0 : 1) * 50 +
    (DESTROYS.test(c.rt.handler) ? 20 : 0) + (c.user.role === 'admin' ? 1 : 0);
  cells.sort((a, b) => order(a) - order(b));
  const consumed = new Set();  // targets an allowed write has already changed: `${kind}:${id}`
  const audited = async () => (await rowsOf('SELECT count(*) AS n FROM audit_log'))[0].n;
  let auditBefore = await audited(), refusedDone = false;
  for (const c of cells) {
    if (!refusedDone && c.expect === 'allowed') { /* every refusal so far wrote nothing */
      refusedDone = true;
      const n = await audited();
      if (n !== auditBefore) failures.push(`the refused requests wrote ${n - auditBefore} audit rows: a refused write changed the store`);
    }
    let client = c.user.client, csrf = c.user.csrf;
    if (c.rt.handler === 'auth_page_logout') { /* ends the session: sign out a session of its own */
      client = new Client(srv.url);
      await client.login(`rr_${c.user.placement.toLowerCase()}_${c.user.role}`, PASSWORD);
      csrf = csrfFrom((await client.get('/account/password')).text);
    }
    const r = await send(client, c.rt.method, c.path, { csrf });
    counts.tried++;
    const got = classify(r);
    const who = `${c.user.role}@${c.user.placement} on ${c.fx.rel} ${c.path}`;
    const key = c.acc.target ? `${c.acc.target.kind}:${c.fx.id}` : c.path;
    const rc = byRole(c.user.role); rc.tried++;
    if (got === c.expect) { rc[got]++; counts[got]++; if (got === 'allowed' && c.rt.method !== 'GET') consumed.add(key); continue; }
    if (got === 'refused' && c.expect === 'allowed' && c.rt.method !== 'GET' && consumed.has(key)) { counts.changed++; continue; }
    fail(c.rt, who, `declared ${c.expect}, got ${r.status}${r.location ? ' → ' + r.location : ''}`);
  }
  console.log(`# route × role: ${counts.routes} routes, roles ${ROLES.join('/')}, ${counts.tried} requests tried: ` +
    `${counts.allowed} allowed as declared, ${counts.refused} refused as designed, ${counts.login} sent to sign in ` +
    `(signed out or stale session), ${counts.csrf} refused without CSRF, ${counts.skipped} cells without a fixture, ` +
    `${counts.changed} allowed writes inconclusive (an earlier allowed write changed their target), ` +
    `${failures.length} failures`);
  console.log(`# per role (tried / allowed / refused / sent to sign in / refused without CSRF): ` +
    Object.entries(roleCounts).map(([r, n]) => `${r} ${n.tried}/${n.allowed}/${n.refused}/${n.login}/${n.csrf}`).join(', '));
  console.log(`# cells without a fixture, by route: ${[...noFixture].map(([p, n]) => `${p} ${n}`).join(', ')}`);
  assert.deepEqual(failures, [], failures.join('\n'));
});

/** The requests one user makes to one route: one per relation of the target to the user. */
async function targetsFor(rt, acc, user, kindRows) {
  if (!acc.target) { // once, and from the province too where it matters (staff@top)
    const top = acc.rules.some((r) => r.scope === 'top');
    return user.placement === 'A' || (top && user.placement === 'C') ? [{ rel: 'none', path: rt.pattern }] : [];
  }
  const rows = kindRows[acc.target.kind];
  const byRel = new Map();
  for (const row of rows) {
    let rel;
    if (row.unit != null) rel = relation(user.unitId, row.unit);
    else if (row.owner !== undefined && row.id != null) rel = row.owner === user.id ? 'own' : 'other';
    else rel = 'any';
    if (!byRel.has(rel)) byRel.set(rel, []);
    byRel.get(rel).push(row);
  }
  const out = [];
  for (const [rel, list] of byRel) {
    // the first row of the relation for which every parameter of the route resolves
    let path = null, fx = null;
    for (const row of list.slice(0, 8)) {
      path = await pathFor(rt, acc, row);
      if (path) { fx = row; break; }
    }
    out.push({ rel, path, ...(fx || {}) });
  }
  return out;
}

const secondaryCache = new Map();
async function pathFor(rt, acc, row) {
  if (!row) return null;
  const values = { ...row, [acc.target.param]: row.id };
  for (const p of rt.pattern.match(/:([a-z_]+)/g).map((s) => s.slice(1))) {
    if (values[p] != null) continue;
    const q = SECONDARY[`${acc.target.kind}.${p}`];
    if (!q) return null;
    const key = `${q}|${row.id}`;
    if (!secondaryCache.has(key)) {
      const rows = await rowsOf(q.replace('$id', String(Number(row.id))));
      secondaryCache.set(key, rows.length ? Object.values(rows[0])[0] : null);
    }
    if (secondaryCache.get(key) == null) return null;
    values[p] = secondaryCache.get(key);
  }
  const path = fill(rt.pattern, values), qs = QUERIES[rt.pattern];
  if (!qs) return path;
  const [q] = await rowsOf(qs.replace('$id', String(Number(row.id))));
  return q ? `${path}?${Object.values(q)[0]}` : null;
}

test('a session of an account disabled since is signed out at its next request', async () => {
  const admin = users['A:admin'], victim = users['B:viewer'];
  assert.equal((await victim.client.get('/units')).status, 200);
  const page = await admin.client.get(`/users/${victim.id}`);
  const r = await admin.client.postForm(`/users/${victim.id}/disable`, {}, { csrf: csrfFrom(page.text) });
  assert.equal(r.status, 303, `disable: ${r.status}`);
  const after = await victim.client.get('/units');
  assert.equal(after.status, 303);
  assert.match(after.location, /^\/login\?next=/);
});

// What the walk over the areas of 03/12/2026 found, each fixed in its handler (the walk above
// checks them too; these name them).
test('found by the walk: reads and writes outside the scope, and writes by roles that never write', async () => {
  const one = async (q) => (await rowsOf(q))[0]?.id;
  const foreign = codeId['01'];
  // a viewer read every province's dialogues (the dialogue page let any viewer through)
  const dialogue = await one(`SELECT id FROM dialogues WHERE unit_id = ${foreign}`);
  assert.equal((await users['A:viewer'].client.get(`/citizen/dialogues/${dialogue}`)).status, 404, "a viewer reads no other province's dialogue");
  // viewers and inspectors creating an inspection were answered 200 (the form again), a
  // petition action 400, assigning from a document 422: now refused before the form is read
  const petition = await one(`SELECT id FROM petitions WHERE commune_id = ${codeId['96-MTTQ']}`);
  for (const role of ['viewer', 'inspector']) {
    const u = users[`A:${role}`];
    for (const path of ['/review/plans', '/review/inspections', '/review/conferences', '/review/summaries']) {
      const r = await send(u.client, 'POST', path, { csrf: u.csrf });
      assert.equal(r.status, 403, `${role} POST ${path}`);
    }
    const doc = await one(`SELECT id FROM documents WHERE issuer_unit_id = ${u.unitId}`);
    assert.equal((await send(u.client, 'POST', `/documents/${doc}/tasks`, { csrf: u.csrf })).status, 403, `${role} assigns no task`);
  }
  assert.equal((await send(users['A:viewer'].client, 'POST', `/citizen/petitions/${petition}/act`, { csrf: users['A:viewer'].csrf })).status, 403);
  // any staff account changed the whole operator's citizens' settings (rate limits, calendar)
  assert.equal((await users['A:staff'].client.get('/citizen/settings')).status, 403, "a mass organisation's staff");
  assert.equal((await users['C:staff'].client.get('/citizen/settings')).status, 200, "the province's staff");
  // staff could assign tasks in their unit's name from a document they may not read
  const staff = users['A:staff'];
  const doc = await one(`SELECT id FROM documents WHERE issuer_unit_id = ${foreign}`);
  const before = (await rowsOf('SELECT count(*) AS n FROM tasks'))[0].n;
  const assign = (d) => staff.client.postForm(`/documents/${d}/tasks`, { title: 'RR từ văn bản', assigner_unit_id: staff.unitId,
    select_kind: 'unit', unit_id: codeId['96-HCCB'], product_kind: 'activity', priority: 'normal', deadline: '31/12/2030' }, { csrf: staff.csrf });
  assert.equal((await assign(doc)).status, 403, "no task from another province's document");
  assert.equal((await rowsOf('SELECT count(*) AS n FROM tasks'))[0].n, before);
  const own = await one(`SELECT id FROM documents WHERE issuer_unit_id = ${staff.unitId}`);
  assert.equal((await assign(own)).status, 303, 'the same form from a document of their own unit assigns the task');
  assert.ok((await rowsOf('SELECT count(*) AS n FROM tasks'))[0].n > before);
});
