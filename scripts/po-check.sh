#!/bin/sh
# po-check.sh - fail when po/vi.po (or the .po files given) has an untranslated or fuzzy
# message, or does not compile with msgfmt --check; with --sources BUILD_DIR, also when a
# message of the sources (src/**/*.c and BUILD_DIR/gen/tpl.c, the compiled templates) is
# missing from it, i.e. would be shown in English.
# Usage: scripts/po-check.sh [--sources BUILD_DIR] [file.po...]
set -eu

cd "$(dirname "$0")/.."
build=
if [ "${1:-}" = --sources ]; then
    build=$2
    shift 2
fi
[ "$#" -gt 0 ] || set -- po/vi.po

# missing PO: 1 when a msgid of the sources is absent or untranslated in PO (PO merged with a
# fresh extraction, as scripts/po-update.sh does, then its untranslated entries listed)
missing() {
    tmp=$(mktemp -d)
    find src -name '*.c' | LC_ALL=C sort >"$tmp/files"
    echo "$build/gen/tpl.c" >>"$tmp/files"
    xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --files-from="$tmp/files" \
        --output="$tmp/sources.pot"
    msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$1" "$tmp/sources.pot"
    n=$(msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' || true)
    rc=0
    if [ "$n" -gt 1 ]; then # the header entry counts once
        list untranslated "$tmp/merged.po"
        rc=1
    fi
    rm -rf "$tmp"
    return "$rc"
}

# count KIND STATS: the number before "KIND" in msgfmt --statistics output (0 if none)
count() {
    n=$(printf '%s\n' "$2" | tr ',' '\n' | sed -n "s/^ *\([0-9][0-9]*\) $1.*/\1/p" | head -n1)
    echo "${n:-0}"
}

# list KIND PO: the offending entries, without the header entry
list() {
    msgattrib --"$1" --no-obsolete --no-wrap "$2" | awk 'h { print; next } /^$/ { h = 1 }' >&2
}

status=0
for po in "$@"; do
    if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
        printf '%s\n%s: msgfmt --check failed\n' "$stats" "$po" >&2
        status=1
        continue
    fi
    fuzzy=$(count fuzzy "$stats")
    untranslated=$(count untranslated "$stats")
    if [ "$untranslated" -gt 0 ]; then
        echo "$po: $untranslated untranslated message(s):" >&2
        list untranslated "$po"
        status=1
    fi
    if [ "$fuzzy" -gt 0 ]; then
        echo "$po: $fuzzy fuzzy message(s):" >&2
        list only-fuzzy "$po"
        status=1
    fi
    if [ -n "$build" ] && ! missing "$po"; then
        echo "$po: the messages above are in the sources but not translated (make pot)" >&2
        status=1
    fi
done
exit "$status"
