#!/usr/bin/env bash
# Runs every benchmark of bench/ in turn (bench/http.sh, bench/portal.sh, bench/search.sh,
# bench/reporting.sh, bench/directive.sh, bench/submit.sh, bench/review.sh, bench/citizen.sh). Benchmarks print their
# numbers (also saved in bench/out/, not committed); nothing is asserted. `make bench`
# builds build/danvan and then calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
export DANVAN_BIN=${DANVAN_BIN:-$PWD/build/danvan}

mkdir -p bench/out
bench/http.sh 2>&1 | tee bench/out/http.txt
bench/portal.sh 2>&1 | tee bench/out/portal.txt
bench/search.sh 2>&1 | tee bench/out/search.txt
bench/reporting.sh 2>&1 | tee bench/out/reporting.txt
bench/directive.sh 2>&1 | tee bench/out/directive.txt
bench/submit.sh 2>&1 | tee bench/out/submit.txt
bench/citizen.sh 2>&1 | tee bench/out/citizen.txt
bench/review.sh 2>&1 | tee bench/out/review.txt
# The same portal, submission and search benches on PostgreSQL (BENCH_DB=pg: a throwaway cluster,
# synchronous_commit=on), beside SQLite's above. BENCH_BACKENDS=sqlite skips them.
if [ "${BENCH_BACKENDS:-sqlite pg}" != sqlite ]; then
  BENCH_DB=pg bench/portal.sh 2>&1 | tee bench/out/portal-pg.txt
  BENCH_DB=pg bench/submit.sh 2>&1 | tee bench/out/submit-pg.txt
  BENCH_DB=pg bench/search.sh 2>&1 | tee bench/out/search-pg.txt
  # one and two danvan processes on the one database (the ratio is what a 2-core box gives)
  BENCH_DB=pg BENCH_SERVERS=2 bench/portal.sh 2>&1 | tee bench/out/portal-pg-2.txt
  BENCH_DB=pg SUBMIT_SERVERS=2 bench/submit.sh 2>&1 | tee bench/out/submit-pg-2.txt
fi
