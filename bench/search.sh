#!/usr/bin/env bash
# Search over 100,000 generated Vietnamese articles (bench/bench_search.c): builds
# bench_search in $BENCH_BUILD (default build/, optimised, -DDANVAN_BENCH=ON), fills a temp
# SQLite store, times 200 queries of 1-3 words in-process. Prints p50/p95/p99/max overall and
# per number of words, as typed (last word a prefix) and with the last word exact, and whether
# p50 meets the target. Asserts nothing.
# Env: SEARCH_ARTICLES (100000), SEARCH_QUERIES (200), SEARCH_DB (a store file to fill on the
# first run and reuse afterwards, migrations applied: generating takes most of a minute),
# BENCH_DB=pg (on a throwaway PostgreSQL instead).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON >/dev/null
cmake --build "$BUILD" --target bench_search -j2 >/dev/null
# BENCH_DB=pg: the same articles and queries on a throwaway PostgreSQL (scripts/pg-tmp.sh)
db=${SEARCH_DB:-}
if [ "${BENCH_DB:-sqlite}" = pg ]; then
  pgdir=$(mktemp -d /tmp/dv-bench-pg-XXXXXX)
  trap 'scripts/pg-tmp.sh stop "$pgdir"' EXIT
  scripts/pg-tmp.sh start "$pgdir" >/dev/null
  db=$(scripts/pg-tmp.sh url "$pgdir" danvan)
fi
echo "== search (${BENCH_DB:-sqlite}): ${SEARCH_ARTICLES:-100000} articles, ${SEARCH_QUERIES:-200} queries ($(nproc) cores)"
"$BUILD/bench_search" --articles "${SEARCH_ARTICLES:-100000}" --queries "${SEARCH_QUERIES:-200}" \
    --words bench/vi_words.txt ${db:+--db "$db"}
