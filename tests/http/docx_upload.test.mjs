// docx_upload.test.mjs - the directive registry reads an uploaded DOCX's text for search
// (document_docx_text), found by fuzz_docx: a 31 KB zip bomb inflating to 30 MB of text is
// registered with its file but no text read (it took some 100 MB per request before), and a
// long body's text stops at 1 MB, cut at a character's start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, storeSql, repoRoot, isPg } from '../lib/server.mjs';
import { Client, DEMO, csrfFrom } from '../lib/client.mjs';

let srv, c, bdv;
const corpus = (name) => readFileSync(path.join(repoRoot, 'fuzz/corpus/fuzz_docx', name));
before(async () => {
  srv = await startServer();
  c = new Client(srv.url);
  await c.login('bdv', DEMO.bdv);
  bdv = await storeSql(srv.dbPath, "SELECT unit_id FROM users WHERE username = 'bdv'");
});
after(async () => { await srv?.stop(); });

async function register(title, file) {
  const page = await c.get('/documents/new');
  const fd = new FormData();
  fd.append('_csrf', csrfFrom(page.text));
  for (const [k, v] of Object.entries({ number: '7', symbol: 'CV-BDVTU', doc_type: 'CV', issuer_unit_id: bdv, title, issued_on: '01/12/2026' }))
    fd.append(k, v);
  fd.append('file', new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), 'vb.docx');
  const r = await c.request('/documents', { method: 'POST', headers: { origin: srv.url }, body: fd });
  assert.equal(r.status, 303, `${title}: ${r.status}`);
  // bytes of the text: SQLite 3.40 has no octet_length, PostgreSQL no BLOB
  const bytes = isPg(srv.dbPath) ? 'octet_length(f.text)' : 'length(CAST(f.text AS BLOB))';
  return storeSql(srv.dbPath, `SELECT f.text_source || '|' || length(f.text) || '|' || ${bytes} || '|' || f.size
    FROM document_files f JOIN documents d ON d.id = f.document_id WHERE d.title = '${title}'`);
}

test('a DOCX body is read for search; a zip bomb keeps its file without text; a long text stops at 1 MB', async () => {
  assert.match(await register('Công văn có tệp DOCX', corpus('basic.docx')), /^docx\|\d+\|/);
  assert.match((await c.get('/documents?q=pham+vi')).text, /Công văn có tệp DOCX/, 'its text is searched without diacritics');
  const bomb = corpus('bomb.docx');
  assert.equal(await register('Công văn bom nén', bomb), `none|0|0|${bomb.length}`, 'the file is kept, no text read');
  const [source, , bytes] = (await register('Công văn rất dài', corpus('text_cap.docx'))).split('|');
  assert.equal(source, 'docx');
  assert.ok(Number(bytes) <= 1 << 20 && Number(bytes) > (1 << 20) - 4, `the text stops at 1 MB (${bytes} bytes)`);
});
