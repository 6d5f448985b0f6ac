#!/usr/bin/env bash
# coverage.sh - the line coverage of src/ from a --coverage build's .gcda files (gcovr): the
# least covered files, then one line "src/ lines: N% (covered out of total)".
# Usage: scripts/coverage.sh [BUILD_DIR]   (make coverage builds build-cov and runs the tests)
set -eu
cd "$(dirname "$0")/.."
b=${1:-build-cov}
gcovr -r . --object-directory "$b" --filter 'src/' --gcov-exclude '.*CompilerId.*' -j 2 -s -o "$b/coverage.txt" \
    >"$b/coverage-summary.txt" 2>"$b/coverage-errors.txt"
echo "least covered files (lines, executed, %):"
awk '$1 ~ /^src\// && NF >= 4 {print $4, $1, $2, $3}' "$b/coverage.txt" | sort -n | head -15 | awk '{printf "  %-60s %6s %6s %s\n", $2, $3, $4, $1}'
grep -E '^lines:' "$b/coverage-summary.txt" | sed 's/^/src\/ /'
