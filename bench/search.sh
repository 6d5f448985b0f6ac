#!/usr/bin/env bash
# Search over 100,000 generated Vietnamese articles (bench/bench_search.c): builds
# bench_search in $BENCH_BUILD (default build/, optimised, -DDANVAN_BENCH=ON), fills a temp
# SQLite store, times 200 queries of 1-3 words in-process. Prints p50/p95/p99/max overall and
# per number of words, as typed (last word a prefix) and with the last word exact, and whether
# p50 meets the target. Asserts nothing.
# Env: SEARCH_ARTICLES (100000), SEARCH_QUERIES (200), SEARCH_DB (a store file to fill on the
# first run and reuse afterwards, migrations applied: generating takes most of a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BENCH_BUILD:-build}
cmake -S . -B "$BUILD" -DDANVAN_BENCH=ON >/dev/null
cmake --build "$BUILD" --target bench_search -j2 >/dev/null
echo "== search: ${SEARCH_ARTICLES:-100000} articles, ${SEARCH_QUERIES:-200} queries ($(nproc) cores)"
"$BUILD/bench_search" --articles "${SEARCH_ARTICLES:-100000}" --queries "${SEARCH_QUERIES:-200}" \
    --words bench/vi_words.txt ${SEARCH_DB:+--db "$SEARCH_DB"}
