// duckdb_directive.mjs - the reference for bench/directive.sh: the follow-up board's plain
// GROUP BY (bench_directive.c SQL_PLAIN: the four groups from the tasks' own columns, for a
// province's subtree and for the nation, as of two dates) computed by DuckDB
// (@duckdb/node-api, installed by directive.sh in bench/out/duckdb; a reference only, never
// a dependency of the server) over the same rows exported from the SQLite store to CSV and
// converted to Parquet. Prints the best of RUNS warm runs per case and its task count.
// Usage (from the directory holding node_modules): node duckdb_directive.mjs CSV_DIR RUNS DATE...
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, runsArg, ...dates] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const t0 = performance.now();
for (const t of ['units', 'unit_links', 'tasks']) {
  await con.run(`COPY (SELECT * FROM read_csv_auto('${dir}/${t}.csv', header = true)) TO '${dir}/${t}.parquet' (FORMAT parquet)`);
  await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${dir}/${t}.parquet')`);
}
console.log(`  DuckDB: CSV -> Parquet -> tables in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const prov = (await (await con.runAndReadAll(`SELECT id FROM units WHERE type = 'province' AND code = '01'`)).getRows())[0][0];

const sql = (root, d) => `
WITH RECURSIVE sub(id) AS (SELECT ${root} UNION SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id WHERE l.open)
SELECT t.lead_unit_id,
  count(*) FILTER (WHERE t.confirmed_on <= DATE '${d}' AND t.done_on <= t.deadline) AS on_time,
  count(*) FILTER (WHERE t.confirmed_on <= DATE '${d}' AND t.done_on > t.deadline) AS late,
  count(*) FILTER (WHERE (t.confirmed_on IS NULL OR t.confirmed_on > DATE '${d}') AND DATE '${d}' <= t.deadline) AS within,
  count(*) FILTER (WHERE (t.confirmed_on IS NULL OR t.confirmed_on > DATE '${d}') AND DATE '${d}' > t.deadline) AS overdue
FROM tasks t WHERE t.assigned_on <= DATE '${d}' AND (${root} = 0 OR t.lead_unit_id IN (SELECT id FROM sub))
GROUP BY t.lead_unit_id`;

for (const [name, root] of [['province', prov], ['nation', 0]]) {
  for (const d of dates) {
    let best = Infinity, total = 0;
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const rows = (await con.runAndReadAll(sql(root, d))).getRows();
      const ms = performance.now() - s;
      if (ms < best) best = ms;
      total = rows.reduce((a, r) => a + Number(r[1]) + Number(r[2]) + Number(r[3]) + Number(r[4]), 0);
    }
    console.log(`RESULT duckdb ${name} ${d} ms=${best.toFixed(2)} tasks=${total}`);
  }
}
