#!/usr/bin/env bash
# The follow-up board on national data: bench/bench_directive.c --gen fills a store (every
# unit of the national table and 6 bodies per province, 60 documents over 10 years, ~500,000
# tasks with completions, returns and moved deadlines; kept in bench/out/directive.db and
# reused unless DIRECTIVE_REGEN=1), then times the board for one province and the nation,
# as of today and a past date, cold and warm, beside a plain SQLite GROUP BY over the same
# rows. DuckDB is not run here: @duckdb/node-api is not installed in this tree (see
# bench/duckdb_reporting.mjs for the reporting bench's). Prints; asserts nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
OUT=$PWD/bench/out
DB=${DIRECTIVE_DB:-$OUT/directive.db}
mkdir -p "$OUT"
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null || exit 1
cmake --build "$BUILD" --target bench_directive -j2 >/dev/null || exit 1
echo "== directive: follow-up board on national data ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
PARAMS="$(ls src/db/migrations | tail -1)"
if [ "${DIRECTIVE_REGEN:-0}" = 1 ] || [ ! -s "$DB" ] || [ "$(cat "$DB.params" 2>/dev/null)" != "$PARAMS" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    timeout 900 "$BUILD/bench_directive" --db "$DB" --gen || { echo "generation failed"; exit 1; }
    echo "$PARAMS" > "$DB.params"
fi
timeout 600 "$BUILD/bench_directive" --db "$DB"
