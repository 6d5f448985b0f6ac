// The dashboards' test regime, written with the sqlite3 CLI into a running server's database
// (tests/http/dashboard.test.mjs, tests/e2e/dashboard.test.mjs): a thematic regime 'BC-H3-TEST'
// received by Tỉnh Cà Mau, reported by every commune and ward and by the provincial Party
// committee's subtree, one integer indicator I01 and three periods placed around today
// (closed 100 and 40 days ago, and one closing in 20 days: not yet due), deadline close + 6:
//   period 1: Phường Bạc Liêu approved, on time (12); Phường Vĩnh Trạch late (5);
//             Ban Dân vận Tỉnh ủy Cà Mau on time (3); everyone else missing;
//   period 2: Phường Bạc Liêu returned (7); Phường Vĩnh Trạch only a draft (9);
//   period 3: nothing yet.
// Returns { regime, periods: [id, id, id], q: 'regime=…&from=…&to=…' }.
import { storeSql } from './server.mjs';

export function isoPlus(days) {
  const now = new Date(Date.now() + 7 * 3600 * 1000); // Vietnam's date
  now.setUTCDate(now.getUTCDate() + days);
  return now.toISOString().slice(0, 10);
}

export const sql = storeSql;

const U = (name) => `(SELECT id FROM units WHERE name = '${name}' AND valid_to IS NULL)`;
const R = `(SELECT id FROM regimes WHERE code = 'BC-H3-TEST')`;

export async function seedDashboard(dbPath) {
  const p = [[-100, 1], [-40, 2], [20, 3]].map(([d, seq]) => ({ seq, end: isoPlus(d), start: isoPlus(d - 180), dl: isoPlus(d + 6) }));
  const rep = (seq, unit, status, first, value) => `
    INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at)
      VALUES (${R}, (SELECT id FROM periods WHERE regime_id = ${R} AND seq = ${seq}), ${U(unit)}, '${status}',
              '2000-01-01', ${first ? `'${first}'` : 'NULL'}, ${first ? `'${first}'` : 'NULL'});
    INSERT INTO report_values(report_id, indicator_id, option_id, num)
      VALUES (last_insert_rowid(), (SELECT id FROM indicators WHERE regime_id = ${R} AND code = 'I01'), 0, ${value});`;
  await sql(dbPath, `BEGIN;
    INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from)
      VALUES ('BC-H3-TEST', 'Báo cáo thử bảng theo dõi', 'thematic', (SELECT id FROM units WHERE code = '96' AND valid_to IS NULL), '2025-01-01');
    INSERT INTO regime_assignments(regime_id, kind, unit_type, valid_from) VALUES (${R}, 'type', 'commune', '2025-01-01'), (${R}, 'type', 'ward', '2025-01-01');
    INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) VALUES (${R}, 'subtree', ${U('Tỉnh ủy Cà Mau')}, '2025-01-01');
    INSERT INTO indicators(regime_id, code, name, type) VALUES (${R}, 'I01', 'Số cuộc đối thoại', 'int');
    ${p.map((x) => `INSERT INTO periods(regime_id, year, seq, label, close_start, close_end)
      VALUES (${R}, 2099, ${x.seq}, 'Đợt ${x.seq}', '${x.start}', '${x.end}');
      INSERT INTO period_deadlines(period_id, level, deadline) VALUES (last_insert_rowid(), '*', '${x.dl}');`).join('\n')}
    ${rep(1, 'Phường Bạc Liêu', 'approved', `${isoPlus(-99)}T02:00:00Z`, 12)}
    ${rep(1, 'Phường Vĩnh Trạch', 'submitted', `${isoPlus(-80)}T02:00:00Z`, 5)}
    ${rep(1, 'Ban Dân vận Tỉnh ủy Cà Mau', 'submitted', `${isoPlus(-96)}T02:00:00Z`, 3)}
    ${rep(2, 'Phường Bạc Liêu', 'returned', `${isoPlus(-35)}T02:00:00Z`, 7)}
    ${rep(2, 'Phường Vĩnh Trạch', 'draft', null, 9)}
    COMMIT;`);
  const regime = await sql(dbPath, `SELECT id FROM regimes WHERE code = 'BC-H3-TEST'`);
  const periods = (await sql(dbPath, `SELECT id FROM periods WHERE regime_id = ${regime} ORDER BY close_end`)).split('\n');
  return { regime, periods, q: `regime=${regime}&from=${periods[0]}&to=${periods[2]}` };
}
