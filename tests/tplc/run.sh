#!/bin/sh
# run.sh - tests tools/tplc: good samples compile (and render as expected), bad ones fail
# with file:line and write nothing, and C errors in templates point at the template line.
# Usage: sh tests/tplc/run.sh TPLC_BINARY SOURCE_DIR   (CC from the environment, default cc)
set -u
TPLC=${1:?usage: run.sh TPLC_BINARY SOURCE_DIR}
SRC=${2:?usage: run.sh TPLC_BINARY SOURCE_DIR}
CC=${CC:-cc}
HERE=$SRC/tests/tplc
CFLAGS="-std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE"
WORK=$(mktemp -d) || exit 1
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

check_good() {
    out=$WORK/good
    mkdir -p "$out"
    # shellcheck disable=SC2046 # template paths have no spaces
    if ! "$TPLC" "$HERE/good" "$out" $(find "$HERE/good" -name '*.html' | sort); then
        fail "tplc rejected the good templates"
        return
    fi
    $CC $CFLAGS -fsyntax-only -I "$SRC/src" -I "$out" -I "$HERE" "$out/tpl.c" ||
        fail "generated tpl.c does not compile"
    $CC $CFLAGS -I "$SRC/src" -I "$out" -I "$HERE" -o "$WORK/driver" "$HERE/driver.c" \
        "$out/tpl.c" "$SRC/src/core/html.c" "$SRC/src/core/buf.c" "$SRC/src/core/i18n.c" -lpthread ||
        { fail "the driver does not build"; return; }
    "$WORK/driver" || fail "rendered templates differ from what the driver expects"
    inode=$(stat -c %i "$out/tpl.c")
    # shellcheck disable=SC2046
    "$TPLC" "$HERE/good" "$out" $(find "$HERE/good" -name '*.html' | sort) ||
        fail "tplc failed on a second run"
    [ "$(stat -c %i "$out/tpl.c")" = "$inode" ] || fail "unchanged tpl.c was rewritten"
}

check_empty_set() {
    out=$WORK/none
    mkdir -p "$out"
    "$TPLC" "$HERE/good" "$out" || { fail "tplc failed without templates"; return; }
    $CC $CFLAGS -fsyntax-only -I "$SRC/src" -I "$out" "$out/tpl.c" ||
        fail "tpl.c generated from no templates does not compile"
}

# Every bad template must fail with "path:LINE: error:" and leave OUTDIR empty.
check_bad() {
    for f in $(cd "$HERE/bad" && find . -name '*.html' | sed 's|^\./||' | sort); do
        grep -q "^$f " "$HERE/bad/expected.txt" || fail "$f is not listed in bad/expected.txt"
    done
    grep -v '^#' "$HERE/bad/expected.txt" | while read -r name line; do
        out=$WORK/bad-$(echo "$name" | tr / _)
        mkdir -p "$out"
        "$TPLC" "$HERE/bad" "$out" "$HERE/bad/$name" 2>"$out.err"
        rc=$?
        [ "$rc" -eq 1 ] || echo "FAIL: $name: exit status $rc, want 1" >&2
        grep -q "^$HERE/bad/$name:$line: error: " "$out.err" ||
            { echo "FAIL: $name: want an error on line $line, got:" >&2; cat "$out.err" >&2; }
        [ -z "$(ls -A "$out")" ] || echo "FAIL: $name: tplc wrote output despite the error" >&2
    done 2>"$WORK/bad.log"
    if [ -s "$WORK/bad.log" ]; then
        cat "$WORK/bad.log" >&2
        failures=$((failures + 1))
    fi
}

# A C error inside {% %} must be reported at the template's file and line.
check_line_directives() {
    out=$WORK/cerror
    mkdir -p "$out"
    "$TPLC" "$HERE/cerror" "$out" "$HERE/cerror/core/broken.html" ||
        { fail "tplc rejected cerror/core/broken.html"; return; }
    if $CC $CFLAGS -fsyntax-only -I "$SRC/src" -I "$out" "$out/tpl.c" 2>"$out.err"; then
        fail "cerror/core/broken.html compiled"
    fi
    grep -q "broken.html:3:" "$out.err" ||
        { fail "the C error does not point at broken.html:3"; cat "$out.err" >&2; }
}

check_good
check_empty_set
check_bad
check_line_directives
if [ "$failures" -ne 0 ]; then
    echo "tplc tests: $failures failed" >&2
    exit 1
fi
echo "tplc tests: ok"
