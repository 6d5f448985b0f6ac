#!/usr/bin/env bash
# coverage.sh - the line coverage of src/ from a --coverage build's .gcda files (gcovr), as
# one figure, and the twenty least covered files. Usage: scripts/coverage.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build-cov}
gcovr -r . --object-directory "$b" --filter 'src/' --gcov-ignore-errors=no_working_dir_found \
  --print-summary -o "$b/coverage.txt" >"$b/coverage-summary.txt" 2>/dev/null || true
sort -t' ' -k4 -n "$b/coverage.txt" 2>/dev/null | grep '^src/' | awk '{print}' | sort -k4 -n | head -20
grep -E '^lines:' "$b/coverage-summary.txt" | sed 's/^/src\/ /'
