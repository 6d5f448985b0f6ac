// The documents tests' regime, written with the sqlite3 CLI into a running server's database
// (tests/http/documents.test.mjs, tests/e2e/xlsx.test.mjs): a thematic regime 'BC-H4-TEST'
// received by Tỉnh Cà Mau, reported by Phường Bạc Liêu (officer xa1) and by Ban Dân vận
// Tỉnh ủy Cà Mau; indicators I01 (int, required), I02 (int, rule I02 <= I01), I03 (bool),
// I04 (date), I05 (int by organisation: HND, HLHPN); two narrative sections; one period open
// now (closing in 10 days, deadline in 20).
// Form rows on the sheet "Chỉ tiêu": I01 D3, I02 D4, I03 D5, I04 D6, I05 heading D7,
// I05.HND D8, I05.HLHPN D9; sections on "Thuyết minh": C2, C3.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { repoRoot, storeSql } from './server.mjs';

const execFileP = promisify(execFile);

export function isoPlus(days) {
  const now = new Date(Date.now() + 7 * 3600 * 1000); // Vietnam's date
  now.setUTCDate(now.getUTCDate() + days);
  return now.toISOString().slice(0, 10);
}

export const sql = storeSql;

const U = (name) => `(SELECT id FROM units WHERE name = '${name}' AND valid_to IS NULL)`;
const R = `(SELECT id FROM regimes WHERE code = 'BC-H4-TEST')`;

export async function seedDocuments(dbPath) {
  await sql(dbPath, `BEGIN;
    INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from, doc_type)
      VALUES ('BC-H4-TEST', 'Báo cáo kết quả thực hiện Quy chế dân vận', 'thematic',
              (SELECT id FROM units WHERE code = '96' AND valid_to IS NULL), '2025-01-01', 'BC');
    INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) VALUES (${R}, 'unit', ${U('Phường Bạc Liêu')}, '2000-01-01');
    INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) VALUES (${R}, 'unit', ${U('Ban Dân vận Tỉnh ủy Cà Mau')}, '2000-01-01');
    INSERT INTO regime_sections(regime_id, position, title) VALUES (${R}, 1, 'Kết quả đạt được'), (${R}, 2, 'Hạn chế, nguyên nhân');
    INSERT INTO category_sets(code, name) VALUES ('H4-ORG', 'Theo tổ chức');
    INSERT INTO category_options(set_id, code, name, position) VALUES
      ((SELECT id FROM category_sets WHERE code = 'H4-ORG'), 'HND', 'Hội Nông dân', 1),
      ((SELECT id FROM category_sets WHERE code = 'H4-ORG'), 'HLHPN', 'Hội Liên hiệp Phụ nữ', 2);
    INSERT INTO indicators(regime_id, code, name, type, unit_of_measure, required, position) VALUES
      (${R}, 'I01', 'Số đơn thư tiếp nhận', 'int', 'đơn', 1, 1),
      (${R}, 'I02', 'Số đơn thư đã giải quyết', 'int', 'đơn', 0, 2),
      (${R}, 'I03', 'Có mô hình Dân vận khéo', 'bool', NULL, 0, 3),
      (${R}, 'I04', 'Ngày đối thoại với Nhân dân', 'date', NULL, 0, 4);
    INSERT INTO indicators(regime_id, code, name, type, unit_of_measure, required, category_set_id, position) VALUES
      (${R}, 'I05', 'Số buổi tuyên truyền', 'int', 'buổi', 0, (SELECT id FROM category_sets WHERE code = 'H4-ORG'), 5);
    INSERT INTO indicator_rules(regime_id, left_code, op, right_operand, message)
      VALUES (${R}, 'I02', '<=', 'I01', 'Số đã giải quyết không được lớn hơn số tiếp nhận');
    INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
      VALUES (${R}, ${isoPlus(0).slice(0, 4)}, 1, 'Đợt thử', '${isoPlus(-30)}', '${isoPlus(10)}');
    INSERT INTO period_deadlines(period_id, level, deadline)
      VALUES ((SELECT id FROM periods WHERE regime_id = ${R}), '*', '${isoPlus(20)}');
    COMMIT;`);
  const [regime, period, unit, bdv, province] = (await sql(dbPath, `SELECT ${R}, (SELECT id FROM periods WHERE regime_id = ${R}),
      ${U('Phường Bạc Liêu')}, ${U('Ban Dân vận Tỉnh ủy Cà Mau')}, (SELECT id FROM units WHERE code = '96' AND valid_to IS NULL);`)).split('|').map(Number);
  return { regime, period, unit, bdv, province, base: `/reports/${regime}/${period}/${unit}` };
}

// Edits cells of the sheet "Chỉ tiêu" (sheet1) of an XLSX buffer with python's zipfile.
export async function editXlsx(buf, edits, { sheet = 1, dir = '/tmp' } = {}) {
  const { mkdtemp, writeFile, readFile, rm } = await import('node:fs/promises');
  const d = await mkdtemp(path.join(dir, 'dv-xlsx-'));
  const src = path.join(d, 'in.xlsx'), dst = path.join(d, 'out.xlsx');
  await writeFile(src, buf);
  await execFileP('/usr/bin/python3', [path.join(repoRoot, 'tests/lib/xlsx_edit.py'), src, dst, String(sheet),
    ...Object.entries(edits).map(([k, v]) => `${k}=${v}`)]);
  const out = await readFile(dst);
  await rm(d, { recursive: true, force: true });
  return out;
}

// The text of a PDF (pdftotext from poppler-utils), whitespace squeezed; null when pdftotext
// is not installed (the callers then check less).
export async function pdfText(buf) {
  const { spawnSync } = await import('node:child_process');
  if (spawnSync('pdftotext', ['-v']).error) return null;
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const d = await mkdtemp('/tmp/dv-pdf-');
  const f = path.join(d, 'a.pdf');
  await writeFile(f, buf);
  const { stdout } = await execFileP('pdftotext', ['-raw', f, '-']);
  await rm(d, { recursive: true, force: true });
  return stdout.replace(/\s+/g, ' ');
}

// A DOCX as python-docx reads it (tests/lib/docx_dump.py): paragraphs, tables (rows of cell
// texts), the page header, whether page 1 has its own (empty) header, the fonts named.
export async function docxRead(buf) {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const d = await mkdtemp('/tmp/dv-docx-');
  const f = path.join(d, 'a.docx');
  await writeFile(f, buf);
  try {
    const { stdout } = await execFileP('/usr/bin/python3', [path.join(repoRoot, 'tests/lib/docx_dump.py'), f]);
    return JSON.parse(stdout);
  } finally {
    await rm(d, { recursive: true, force: true });
  }
}

// The fonts a PDF embeds (pdffonts), subset prefixes ("ABCDEF+") removed.
export async function pdfFonts(buf) {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const d = await mkdtemp('/tmp/dv-pdf-');
  const f = path.join(d, 'a.pdf');
  await writeFile(f, buf);
  try {
    const { stdout } = await execFileP('pdffonts', [f]);
    return stdout.split('\n').slice(2).filter((l) => l.trim()).map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
  } finally {
    await rm(d, { recursive: true, force: true });
  }
}

// Writes a PDF and the PNG of its first page (pdftoppm, 60 dpi) under test-results/documents/
// for a person to look at; returns the PNG's path.
export async function keepFirstPage(buf, name) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const dir = path.join(repoRoot, 'test-results', 'documents');
  await mkdir(dir, { recursive: true });
  const pdf = path.join(dir, `${name}.pdf`);
  await writeFile(pdf, buf);
  await execFileP('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(dir, name)]);
  return path.join(dir, `${name}.png`);
}

// Keeps a file under test-results/documents/ (a DOCX to open in Word or LibreOffice).
export async function keepFile(buf, name) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const dir = path.join(repoRoot, 'test-results', 'documents');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), buf);
}

// A number as documents print it ("1.234", "12,5") read back.
export function docNumber(s) {
  return Number(String(s).trim().replace(/\./g, '').replace(',', '.'));
}
