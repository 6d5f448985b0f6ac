// duckdb_reporting.mjs - the reference for bench/reporting.sh: the province × year table of
// reporting rates plus indicator sums computed by DuckDB (@duckdb/node-api, installed by
// reporting.sh in bench/out/duckdb; a reference only, never a dependency of the server) over
// the raw rows exported from the SQLite store to CSV and converted to Parquet. Prints the
// median of RUNS warm runs and a checksum comparable with bench_reporting's.
// Usage (from the directory holding node_modules): node duckdb_reporting.mjs CSV_DIR TODAY RUNS NIND
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, today, runsArg, nindArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const nind = Number(nindArg || 40);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const tables = ['units', 'unit_links', 'periods', 'period_deadlines', 'reports', 'report_values', 'indicators'];
const t0 = performance.now();
for (const t of tables) {
  await con.run(`COPY (SELECT * FROM read_csv_auto('${dir}/${t}.csv', header = true)) TO '${dir}/${t}.parquet' (FORMAT parquet)`);
  await con.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${dir}/${t}.parquet')`);
}
console.log(`  DuckDB: CSV -> Parquet in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rates = `
WITH u2p AS (SELECT id AS unit, id AS prov FROM units WHERE type = 'province'
             UNION ALL SELECT l.child_id, l.parent_id FROM unit_links l JOIN units p ON p.id = l.parent_id AND p.type = 'province'),
e AS (SELECT u2p.prov, p.year, count(*) AS expected,
        sum(CASE WHEN coalesce(d1.deadline, d2.deadline, p.close_end) < DATE '${today}' THEN 1 ELSE 0 END) AS due
      FROM u2p JOIN units u ON u.id = u2p.unit CROSS JOIN periods p
      LEFT JOIN period_deadlines d1 ON d1.period_id = p.id AND d1.level = u.type
      LEFT JOIN period_deadlines d2 ON d2.period_id = p.id AND d2.level = '*'
      GROUP BY ALL),
r AS (SELECT u2p.prov, p.year, count(*) FILTER (WHERE r.status IN ('submitted','approved','returned')) AS received,
        count(*) FILTER (WHERE r.status IN ('submitted','approved')
                           AND CAST(CAST(r.first_submitted_at AS TIMESTAMP) + INTERVAL 7 HOUR AS DATE) <= CAST(r.deadline AS DATE)) AS on_time
      FROM reports r JOIN u2p ON u2p.unit = r.unit_id JOIN periods p ON p.id = r.period_id GROUP BY ALL)
SELECT sum(e.expected)::BIGINT, sum(e.due)::BIGINT, sum(coalesce(r.received, 0))::BIGINT, sum(coalesce(r.on_time, 0))::BIGINT, count(*)::BIGINT
FROM e LEFT JOIN r ON r.prov = e.prov AND r.year = e.year`;
const sums = `
WITH u2p AS (SELECT id AS unit, id AS prov FROM units WHERE type = 'province'
             UNION ALL SELECT l.child_id, l.parent_id FROM unit_links l JOIN units p ON p.id = l.parent_id AND p.type = 'province'),
ind AS (SELECT id FROM indicators ORDER BY position LIMIT ${nind}),
t AS (SELECT u2p.prov, p.year, v.indicator_id, sum(v.num) AS s
      FROM report_values v JOIN reports r ON r.id = v.report_id JOIN u2p ON u2p.unit = r.unit_id
      JOIN periods p ON p.id = r.period_id
      WHERE r.status IN ('submitted','approved') AND v.option_id = 0 AND v.indicator_id IN (SELECT id FROM ind)
      GROUP BY ALL)
SELECT sum(s)::DOUBLE, count(*)::BIGINT FROM t`;

let last;
async function once() {
  const a = (await con.runAndReadAll(rates)).getRows()[0];
  const b = (await con.runAndReadAll(sums)).getRows()[0];
  last = [a, b];
}
await once(); // warm-up
const ts = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await once();
  ts.push(performance.now() - t);
}
ts.sort((x, y) => x - y);
const med = ts[Math.floor(ts.length / 2)];
const [[e, d, r, o], [s]] = last;
console.log(`  DuckDB over Parquet (same two GROUP BYs): median ${med.toFixed(1)} ms of ${runs} warm runs`);
console.log(`  ${'DuckDB:'.padEnd(22)} expected ${e}, due ${d}, received ${r}, on time ${o}, sum of values ${Math.round(Number(s))}`);
console.log(`RESULT duckdb_ms=${med.toFixed(1)}`);
