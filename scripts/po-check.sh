#!/bin/sh
# po-check.sh - fail when po/vi.po (or the .po files given) has an untranslated or fuzzy
# message, or does not compile with msgfmt --check. Usage: scripts/po-check.sh [file.po...]
set -eu

cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || set -- po/vi.po

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
done
exit "$status"
