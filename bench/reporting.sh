#!/usr/bin/env bash
# Reporting on the national data set: bench/gen_national.c fills a temporary SQLite store
# (34 provinces, 3,321 communes, ~200 agencies, 40 indicators, 10 years of monthly periods,
# ~16M values; kept in bench/out/national.db and reused unless REPORTING_REGEN=1), then
# bench/bench_reporting.c times the province × year table of reporting rates plus indicator
# sums, warm, through danvan's completeness/pivot functions and by a plain SQLite GROUP BY,
# and DuckDB (@duckdb/node-api, installed under bench/out/duckdb; a reference only) runs the
# same GROUP BYs over the raw rows exported to Parquet. Prints times and ratios; asserts
# nothing; skips DuckDB with a message when npm or DuckDB fails.
# Env: REPORTING_PROVINCES (34), REPORTING_YEARS (10), REPORTING_RUNS (5),
# REPORTING_INDICATORS (40): how many indicator sums the table holds (the issue's 40);
# REPORTING_MAX_S (30): past it, only a method's first run is timed; REPORTING_TODAY.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
OUT=$PWD/bench/out
DB=${REPORTING_DB:-$OUT/national.db}
PROV=${REPORTING_PROVINCES:-34}
YEARS=${REPORTING_YEARS:-10}
NIND=${REPORTING_INDICATORS:-40}
RUNS=${REPORTING_RUNS:-5}
MAXS=${REPORTING_MAX_S:-30}
TODAY=${REPORTING_TODAY:-$(date -u +%F)}
mkdir -p "$OUT"
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON >/dev/null || exit 1
cmake --build "$BUILD" --target gen_national bench_reporting -j2 >/dev/null || exit 1

echo "== reporting: national data set ($PROV provinces, $YEARS years of monthly periods; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
# the store is rebuilt when its size or the schema (the last migration) has changed
PARAMS="$PROV/$YEARS/$(ls src/db/migrations | tail -1)"
if [ "${REPORTING_REGEN:-0}" = 1 ] || [ ! -s "$DB" ] || [ "$(cat "$DB.params" 2>/dev/null)" != "$PARAMS" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    timeout 600 "$BUILD/gen_national" --db "$DB" --tsv data/vn-admin-units-2025.tsv --provinces "$PROV" --years "$YEARS" \
        --from $(( $(date -u +%Y) - YEARS )) || { echo "gen_national failed"; exit 1; }
    echo "$PARAMS" > "$DB.params"
    rm -rf "$OUT/reporting-csv"
else
    echo "  reusing $DB (REPORTING_REGEN=1 to rebuild it)"
fi

RES=$(mktemp)
timeout 900 "$BUILD/bench_reporting" --db "$DB" --runs "$RUNS" --indicators "$NIND" --today "$TODAY" --max-seconds "$MAXS" | tee "$RES"
# a restart: a new process whose first call finds only the tallies the run above stored
timeout 300 "$BUILD/bench_reporting" --db "$DB" --indicators "$NIND" --today "$TODAY" --once | tee -a "$RES"

# DuckDB: a reference only (npm package @duckdb/node-api, not the old `duckdb` package)
DUCK=$OUT/duckdb
CSV=$OUT/reporting-csv
duck_ms=""
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "  DuckDB: skipped (node/npm not installed)"
else
    mkdir -p "$DUCK"
    [ -f "$DUCK/package.json" ] || echo '{"name":"danvan-bench-duckdb","private":true}' > "$DUCK/package.json"
    if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
        (cd "$DUCK" && timeout 300 npm install --no-audit --no-fund @duckdb/node-api >npm.log 2>&1) \
            || echo "  DuckDB: npm install @duckdb/node-api failed (see $DUCK/npm.log); skipped"
    fi
    if [ -d "$DUCK/node_modules/@duckdb/node-api" ]; then
        if [ ! -s "$CSV/report_values.csv" ]; then
            mkdir -p "$CSV"
            t0=$(date +%s)
            for t in units:"id, type" unit_links:"child_id, parent_id" periods:"id, year, close_end" \
                     period_deadlines:"period_id, level, deadline" \
                     reports:"id, unit_id, period_id, status, deadline, first_submitted_at" \
                     report_values:"report_id, indicator_id, option_id, num" indicators:"id, position"; do
                name=${t%%:*}; cols=${t#*:}
                sqlite3 -header -csv "$DB" "SELECT $cols FROM $name" > "$CSV/$name.csv" || { echo "  DuckDB: export failed"; rm -rf "$CSV"; break; }
            done
            echo "  DuckDB: exported the raw rows to CSV in $(( $(date +%s) - t0 )) s"
        fi
        cp bench/duckdb_reporting.mjs "$DUCK/"
        (cd "$DUCK" && timeout 600 node duckdb_reporting.mjs "$CSV" "$TODAY" "$RUNS" "$NIND") | tee -a "$RES" \
            || echo "  DuckDB: the run failed; skipped"
    fi
fi
d_ms=$(sed -n 's/^RESULT danvan_ms=\([0-9.]*\).*/\1/p' "$RES")
s_ms=$(sed -n 's/^RESULT.*sqlite_ms=\([0-9.]*\).*/\1/p' "$RES")
k_ms=$(sed -n 's/^RESULT duckdb_ms=\([0-9.]*\).*/\1/p' "$RES")
o_ms=$(sed -n 's/^RESULT once_ms=\([0-9.]*\).*/\1/p' "$RES")
f_ms=$(sed -n 's/^RESULT.*first_ms=\([0-9.]*\).*/\1/p' "$RES")
rm -f "$RES"
echo "  summary (median warm ms): danvan ${d_ms:-?}, SQLite GROUP BY ${s_ms:-?}, DuckDB ${k_ms:-skipped} (target: danvan <= 50 ms)"
echo "  summary (cold ms): danvan after a restart ${o_ms:-?} (target <= 300 ms), with no stored tallies ${f_ms:-?}"
if [ -n "$d_ms" ] && [ -n "$s_ms" ]; then
    awk -v d="$d_ms" -v s="$s_ms" -v k="${k_ms:-0}" 'BEGIN {
        # danvan is far faster, so its time is given as a fraction (4 significant digits)
        # and as "N× faster", instead of a ratio that rounds to 0.00
        if (s > 0) printf "  ratios: danvan / SQLite = %.4g (%.0f× faster)", d / s, s / d;
        if (k > 0) printf ", danvan / DuckDB = %.4g (%.0f× faster), SQLite / DuckDB = %.2f", d / k, k / d, s / k;
        print "" }'
fi
