#!/usr/bin/env bash
# The 10-year summary report (src/review/): DOCX and PDF, each fetched cold - from a server
# process started for that one request - on the demo province (its 6-month regime over ten
# years, inspections, the 290-QĐ/TW review), logged in as bdv. Prints the time of each
# request (median of BENCH_RUNS, default 3) against the target of 1 s. Printed, never asserted.
# Note: on the demo province, not yet on bench/gen_national's national data (no accounts there).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DANVAN_BIN:-build/danvan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" demo --db "$tmp/db" --no-serve >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
DANVAN_BIN="$BIN" BENCH_DB="$tmp/db" node bench/review_bench.mjs
