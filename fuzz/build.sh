#!/bin/sh
# build.sh - builds the libFuzzer targets fuzz/fuzz_*.c with clang (ASan+UBSan+fuzzer) against
# the whole library built by clang in OUTDIR, then runs each one at a time (nice) for
# FUZZ_SECONDS (default 30) on a copy of its seed corpus fuzz/corpus/NAME. A crash stops the
# run (libFuzzer writes crash-* into OUTDIR). Usage: fuzz/build.sh [OUTDIR] [NAME...]
set -eu
cd "$(dirname "$0")/.."
out=${1:-build-fuzz}
[ $# -gt 0 ] && shift
CC=clang cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=Debug -DDANVAN_SANITIZE=ON -DDANVAN_TESTS=OFF \
    "-DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -O1" >/dev/null
cmake --build "$out" -j"${JOBS:-2}" --target danvan_lib >/dev/null
libs="$(pkg-config --libs libmicrohttpd sqlite3 libpq libsodium jansson libutf8proc libcmark-gfm gdk-pixbuf-2.0 \
    libcurl libxml-2.0 xlsxwriter libzip pangocairo pangoft2 fontconfig cairo-pdf) -lcmark-gfm-extensions -lpthread -lm"
targets=${*:-$(for f in fuzz/fuzz_*.c; do basename "$f" .c; done)}
for name in $targets; do
    extra=
    [ "$name" = fuzz_tplc ] && extra="tools/tool_io.c tools/tplc_html.c"
    # shellcheck disable=SC2086
    clang -std=c11 -g -O1 -D_GNU_SOURCE -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
        -Isrc -I"$out/gen" -o "$out/$name" "fuzz/$name.c" $extra "$out/libdanvan_lib.a" $libs
done
[ "${FUZZ_SECONDS:-30}" = 0 ] && exit 0
summary=
crashed=0
for name in $targets; do
    mkdir -p "$out/corpus-$name"
    cp fuzz/corpus/"$name"/* "$out/corpus-$name/" 2>/dev/null || true
    echo "== $name for ${FUZZ_SECONDS:-30}s"
    rc=0
    (cd "$out" && nice ./"$name" -max_total_time="${FUZZ_SECONDS:-30}" -max_len="${FUZZ_MAX_LEN:-65536}" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$name-" \
        "corpus-$name" "../fuzz/corpus/$name") >"$out/$name.log" 2>&1 || rc=$?
    grep -vE 'warn http|^#[0-9]+.*(REDUCE|NEW|pulse)' "$out/$name.log" | tail -8
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$name.log" | grep -o '[0-9]*$' || true)
    cov=$(grep -oE 'cov: [0-9]+' "$out/$name.log" | tail -1 || true)
    verdict=ok
    [ $rc -ne 0 ] && { verdict="CRASH (rc $rc, $out/$name-crash-*)"; crashed=1; }
    summary="$summary$(printf '%-22s %10s execs in %ss, %s, %s' "$name" "${execs:-?}" "${FUZZ_SECONDS:-30}" "${cov:-cov: ?}" "$verdict")\n"
done
printf '\n== fuzz summary\n%b' "$summary"
exit $crashed
