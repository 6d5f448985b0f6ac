#!/bin/sh
# build.sh - builds the libFuzzer targets under fuzz/ with clang and runs each for a bounded
# time (FUZZ_SECONDS, default 30) on an in-tree corpus. Usage: fuzz/build.sh [OUTDIR]
set -eu
cd "$(dirname "$0")/.."
out=${1:-build-fuzz}
mkdir -p "$out"
flags="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -I src"
for target in fuzz/fuzz_*.c; do
    name=$(basename "$target" .c)
    case "$name" in
        fuzz_text) srcs="src/text/*.c src/core/buf.c src/core/arena.c"; libs="-lutf8proc" ;;
        *) echo "fuzz/build.sh: no source list for $name" >&2; exit 1 ;;
    esac
    # shellcheck disable=SC2086
    clang $flags -o "$out/$name" "$target" $srcs $libs
    mkdir -p "$out/corpus-$name"
    cp fuzz/corpus/"$name"/* "$out/corpus-$name/" 2>/dev/null || true
    "$out/$name" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 "$out/corpus-$name"
done
