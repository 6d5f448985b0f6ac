#!/usr/bin/env bash
# The 10-year summary report (src/review/): DOCX and PDF, each fetched cold - from a server
# process started for that one request - against the target of 1 s (median of BENCH_RUNS,
# default 3). Printed, never asserted.
#  - national data: the directive bench's generated store (bench_directive --gen: every unit
#    of the national table, 6 bodies per province, 60 documents over 10 years, ~480,000
#    tasks; kept in bench/out/directive.db and reused), copied; on the copy a staff account of
#    province 01's Party commission (danvan user add), then through the pages a yearly regime
#    2017-2026 that every commune of the province reports (periods generated, no report
#    sent) and the summary report 2017-2026 on the first registered document;
#  - the demo province (its 6-month regime, sessions, cadres, petitions, inspections): as
#    before, BENCH_DEMO=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
OUT=$PWD/bench/out
DB=${DIRECTIVE_DB:-$OUT/directive.db}
mkdir -p "$OUT"
if [ -z "${DANVAN_BIN:-}" ]; then
    cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD" --target danvan bench_directive -j2 >/dev/null
fi
BIN=${DANVAN_BIN:-$BUILD/danvan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== review: the 10-year summary report ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
PARAMS="$(ls src/db/migrations | tail -1)"
if [ ! -s "$DB" ]; then
    [ -x "$BUILD/bench_directive" ] || cmake --build "$BUILD" --target bench_directive -j2 >/dev/null
    timeout 900 "$BUILD/bench_directive" --db "$DB" --gen >/dev/null || { echo "generation failed"; exit 1; }
    echo "$PARAMS" > "$DB.params"
fi
cp "$DB" "$tmp/national.db"
DANVAN_PASSWORD=bench-review-2026 "$BIN" user add bench --name "Bench Review" --unit 01-B1 --role staff --scope 01 \
    --db "$tmp/national.db" >/dev/null
echo "-- national data: province 01, $(sqlite3 "$tmp/national.db" 'SELECT count(*) FROM units') units, $(sqlite3 "$tmp/national.db" 'SELECT count(*) FROM tasks') tasks"
DANVAN_BIN="$BIN" BENCH_DB="$tmp/national.db" BENCH_USER=bench BENCH_PASSWORD=bench-review-2026 BENCH_SETUP=national \
    node bench/review_bench.mjs
if [ "${BENCH_DEMO:-1}" = 1 ]; then
    "$BIN" demo --db "$tmp/demo.db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
    echo "-- demo province"
    DANVAN_BIN="$BIN" BENCH_DB="$tmp/demo.db" node bench/review_bench.mjs
fi
