// The legacy-encoding choice of long-text fields beyond the desk (http/form_legacy.h), over
// real HTTP: a report's narrative and text indicator, a regime section's guidance and a
// unit's note. Each form offers the choice (NAME-legacy); "Show the result" (legacy-preview)
// comes back with what was typed and a preview and saves nothing; saving applies the
// choice; an unsure reading is not saved until the user chooses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, storeSql } from '../lib/server.mjs';
import { Client, DEMO, decodeEntities } from '../lib/client.mjs';
import { writableYearlyForms } from '../lib/forms.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

async function as(user) {
  const c = new Client(srv.url);
  await c.login(user, DEMO[user]);
  return c;
}

// TCVN3 "Công tác dân vận" read as Windows-1252; VNI "Tam Lư" (unsure: TCVN3 "Tam Lử" too);
// TCVN3 "Vũ Quang" ("Vò Quang" is valid Vietnamese as it stands: left unless chosen)
const TCVN3 = 'C\u00ABng t\u00B8c d\u00A9n v\u00CBn';
const UNSURE = 'Tam L\u00F6';
const AS_TYPED_OK = 'V\u00F2 Quang';

const textareaOf = (html, name) => {
  const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`));
  return m ? decodeEntities(m[1]) : null;
};
const previewOf = (html, name) => {
  const m = html.match(new RegExp(`id="f-${name}-legacy-result"[^>]*>([^<]*)</div>`));
  return m ? decodeEntities(m[1]) : null;
};
const selectedOf = (html, name) => {
  const m = html.match(new RegExp(`<select[^>]*name="${name}-legacy"[^>]*>([\\s\\S]*?)</select>`));
  const s = m && m[1].match(/<option value="([^"]*)" selected>/);
  return s ? s[1] : null;
};

// Every named control of the first POST form with a given action, as the browser sends it.
function formFields(html, action) {
  const at = html.indexOf(`action="${action}"`);
  assert.ok(at >= 0, `a form posting to ${action}`);
  const form = html.slice(at, html.indexOf('</form>', at));
  const out = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = m[1].match(/name="([^"]*)"/)?.[1];
    const type = m[1].match(/type="([^"]*)"/)?.[1] || 'text';
    if (!name || type === 'file' || ((type === 'checkbox' || type === 'radio') && !/ checked/.test(m[1]))) continue;
    out[name] = decodeEntities(m[1].match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = decodeEntities(m[2]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)"[^>]*selected/) || m[2].match(/<option value="([^"]*)"/);
    if (sel) out[m[1]] = decodeEntities(sel[1]);
  }
  return out;
}

test('a report narrative and text indicator: preview, save with the choice, unsure asks', async () => {
  const c = await as('xa1');
  // the first writable yearly form: its regime has a narrative and a text indicator
  const [key] = await writableYearlyForms(c);
  assert.ok(key, 'an open report form with a narrative');
  const formUrl = `/reports/${key}`;
  const f = await c.get(formUrl);
  assert.ok(f.text.includes('name="s_1"') && f.text.includes('name="v_I14"'), 'the yearly form has s_1 and I14');
  const [regime, period, unit] = key.split('/');
  assert.equal(selectedOf(f.text, 's_1'), 'auto', 'the narrative offers the choice');
  assert.equal(selectedOf(f.text, 'v_I14'), 'auto', 'so does a text indicator');
  const fields = { ...formFields(f.text, formUrl), action: 'save' };

  const prev = await c.postForm(formUrl, {
    ...fields, s_1: AS_TYPED_OK, 's_1-legacy': 'tcvn3', v_I14: TCVN3, 'legacy-preview': 's_1',
  });
  assert.equal(prev.status, 200);
  assert.equal(textareaOf(prev.text, 's_1'), AS_TYPED_OK, 'what was typed is kept');
  assert.equal(previewOf(prev.text, 's_1'), 'Vũ Quang');
  assert.equal(selectedOf(prev.text, 's_1'), 'tcvn3');
  assert.equal(previewOf(prev.text, 'v_I14'), 'Công tác dân vận', 'detected on its own');
  assert.equal(await storeSql(srv.dbPath, "SELECT count(*) FROM report_sections WHERE body = 'Vũ Quang'"), '0');

  // unsure, nothing chosen: asks, saves nothing
  const ask = await c.postForm(formUrl, { ...formFields(prev.text, formUrl), s_2: UNSURE, action: 'save' });
  assert.equal(ask.status, 200);
  assert.match(ask.text, /id="f-s_2-err"/);
  assert.match(ask.text, /href="#f-s_2"/);
  assert.equal(textareaOf(ask.text, 's_2'), UNSURE);

  const saved = await c.postForm(formUrl, { ...formFields(ask.text, formUrl), 's_2-legacy': 'vni', action: 'save' });
  assert.equal(saved.status, 303, saved.text.slice(0, 400));
  const bodies = await storeSql(srv.dbPath, `SELECT position || ':' || body FROM report_sections WHERE report_id =
    (SELECT id FROM reports WHERE regime_id = ${regime} AND period_id = ${period} AND unit_id = ${unit}) ORDER BY position`);
  assert.match(bodies, /1:Vũ Quang/);
  assert.match(bodies, /2:Tam Lư/);
  const after = await c.get(saved.location);
  assert.equal(textareaOf(after.text, 's_1'), 'Vũ Quang');
  assert.match(after.text, /Công tác dân vận/);
  assert.equal(selectedOf(after.text, 's_1'), 'auto');
});

test("a regime section's guidance and a unit's note take the choice too", async () => {
  const c = await as('admin');
  const rid = await storeSql(srv.dbPath, 'SELECT id FROM regimes ORDER BY id LIMIT 1');
  const form = await c.get(`/regimes/${rid}/sections/new`);
  assert.equal(form.status, 200);
  assert.equal(selectedOf(form.text, 'guidance'), 'auto');
  const base = { position: '90', title: 'Phần thử', guidance: AS_TYPED_OK, 'guidance-legacy': 'tcvn3' };
  const prev = await c.postForm(`/regimes/${rid}/sections`, { ...base, 'legacy-preview': 'guidance' });
  assert.equal(prev.status, 200);
  assert.equal(previewOf(prev.text, 'guidance'), 'Vũ Quang');
  assert.equal(textareaOf(prev.text, 'guidance'), AS_TYPED_OK);
  assert.equal(await storeSql(srv.dbPath, `SELECT count(*) FROM regime_sections WHERE regime_id = ${rid} AND position = 90`), '0');
  const ok = await c.postForm(`/regimes/${rid}/sections`, base);
  assert.equal(ok.status, 303, ok.text.slice(0, 400));
  assert.equal(await storeSql(srv.dbPath, `SELECT guidance FROM regime_sections WHERE regime_id = ${rid} AND position = 90`), 'Vũ Quang');

  const uid = await storeSql(srv.dbPath, 'SELECT id FROM units ORDER BY id DESC LIMIT 1');
  const edit = await c.get(`/units/${uid}/edit`);
  assert.equal(edit.status, 200);
  const fields = formFields(edit.text, `/units/${uid}`);
  assert.equal(fields['note-legacy'], 'auto');
  const prevU = await c.postForm(`/units/${uid}`, { ...fields, note: TCVN3, 'legacy-preview': 'note' });
  assert.equal(prevU.status, 200);
  assert.equal(previewOf(prevU.text, 'note'), 'Công tác dân vận');
  const okU = await c.postForm(`/units/${uid}`, { ...fields, note: TCVN3 });
  assert.equal(okU.status, 303, okU.text.slice(0, 400));
  assert.equal(await storeSql(srv.dbPath, `SELECT note FROM units WHERE id = ${uid}`), 'Công tác dân vận');
});
