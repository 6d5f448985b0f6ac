#!/usr/bin/env bash
# The follow-up board on national data: bench/bench_directive.c --gen fills a store (every
# unit of the national table and 6 bodies per province, 60 documents over 10 years, ~500,000
# tasks with completions, returns and moved deadlines; kept in bench/out/directive.db and
# reused unless DIRECTIVE_REGEN=1), then times the board for one province and the nation,
# as of today and a past date, cold and warm, beside a plain SQLite GROUP BY over the same
# rows, and DuckDB's GROUP BY over the same rows (@duckdb/node-api installed under
# bench/out/duckdb, a reference only, never a dependency of the server; skipped with the
# reason when npm or the install fails). Prints ratios; asserts nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
OUT=$PWD/bench/out
DB=${DIRECTIVE_DB:-$OUT/directive.db}
RUNS=${RUNS:-5}
mkdir -p "$OUT"
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 1
cmake --build "$BUILD" --target bench_directive -j2 >/dev/null || exit 1
echo "== directive: follow-up board on national data ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
PARAMS="$(ls src/db/migrations | tail -1)"
CSV=$OUT/directive-csv
if [ "${DIRECTIVE_REGEN:-0}" = 1 ] || [ ! -s "$DB" ] || [ "$(cat "$DB.params" 2>/dev/null)" != "$PARAMS" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    rm -rf "$CSV"
    timeout 900 "$BUILD/bench_directive" --db "$DB" --gen || { echo "generation failed"; exit 1; }
    echo "$PARAMS" > "$DB.params"
fi
RES=$(mktemp)
timeout 600 "$BUILD/bench_directive" --db "$DB" | tee "$RES" | grep -v '^RESULT'

DUCK=$OUT/duckdb
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "  DuckDB: skipped (node/npm not installed)"
elif ! command -v sqlite3 >/dev/null; then
    echo "  DuckDB: skipped (the sqlite3 command, which exports the rows, is not installed)"
else
    mkdir -p "$DUCK"
    [ -f "$DUCK/package.json" ] || echo '{"name":"danvan-bench-duckdb","private":true}' > "$DUCK/package.json"
    if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
        (cd "$DUCK" && timeout 300 npm install --no-audit --no-fund @duckdb/node-api >npm.log 2>&1) \
            || echo "  DuckDB: npm install @duckdb/node-api failed: $(tail -3 "$DUCK/npm.log" | tr '\n' ' '); skipped"
    fi
    if [ -d "$DUCK/node_modules/@duckdb/node-api" ]; then
        if [ ! -s "$CSV/tasks.csv" ]; then
            mkdir -p "$CSV"
            sqlite3 -header -csv "$DB" "SELECT id, code, type FROM units" > "$CSV/units.csv" &&
            sqlite3 -header -csv "$DB" "SELECT child_id, parent_id, CASE WHEN valid_to IS NULL THEN 'true' ELSE 'false' END AS open FROM unit_links" > "$CSV/unit_links.csv" &&
            sqlite3 -header -csv "$DB" "SELECT id, lead_unit_id, assigned_on, deadline, done_on, confirmed_on FROM tasks" > "$CSV/tasks.csv" ||
                { echo "  DuckDB: export failed"; rm -rf "$CSV"; }
        fi
        cp bench/duckdb_directive.mjs "$DUCK/"
        [ -s "$CSV/tasks.csv" ] && (cd "$DUCK" && timeout 600 node duckdb_directive.mjs "$CSV" "$RUNS" \
            "$(sed -n 's/^RESULT board province \([0-9-]*\) .*/\1/p' "$RES" | head -1)" \
            "$(sed -n 's/^RESULT board province \([0-9-]*\) .*/\1/p' "$RES" | sed -n 2p)") | tee -a "$RES" | grep -v '^RESULT' \
            || echo "  DuckDB: the run failed; skipped"
    fi
fi
# ratios per case: the board (cold, warm) against SQLite's and DuckDB's GROUP BY
awk '$1 == "RESULT" && $2 == "board" { k = $3 " " $4; split($5, c, "="); split($6, w, "="); split($7, p, "=");
         cold[k] = c[2]; warm[k] = w[2]; plain[k] = p[2]; order[++n] = k }
     $1 == "RESULT" && $2 == "duckdb" { split($5, d, "="); duck[$3 " " $4] = d[2]; dt[$3 " " $4] = $6 }
     END { for (i = 1; i <= n; i++) { k = order[i];
             printf "  %-21s board cold %7.1f ms, warm %6.2f ms | SQLite %7.1f ms | DuckDB %s", k, cold[k], warm[k], plain[k],
                    (k in duck) ? sprintf("%6.1f ms (%s)", duck[k], dt[k]) : "skipped";
             if (k in duck && duck[k] > 0) printf " | DuckDB/board warm %.0fx, DuckDB/board cold %.2f, SQLite/DuckDB %.1f",
                    duck[k] / (warm[k] > 0.001 ? warm[k] : 0.001), duck[k] / cold[k], plain[k] / duck[k];
             print "" } }' "$RES"
rm -f "$RES"
