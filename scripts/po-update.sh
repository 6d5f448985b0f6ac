#!/bin/sh
# po-update.sh - extract every _("...") and N_("...") msgid from src/**/*.c and the
# compiled templates (build/gen/tpl.c) into po/danvan.pot, then merge it into po/*.po
# (no fuzzy matching: a changed msgid shows up untranslated, and po-check.sh fails).
# References name files only and lines are not wrapped, so a run that changes no message
# leaves po/*.po as it was and a new message is a few lines of diff.
# Usage: scripts/po-update.sh [build-dir]   (default: build)
set -eu

cd "$(dirname "$0")/.."
build=${1:-build}

files=$(mktemp)
trap 'rm -f "$files"' EXIT
find src -name '*.c' | LC_ALL=C sort >"$files"
if [ -f "$build/gen/tpl.c" ]; then
    echo "$build/gen/tpl.c" >>"$files"
else
    echo "po-update: $build/gen/tpl.c not found; template msgids skipped (build first)" >&2
fi

xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --add-location=file --no-wrap \
    --add-comments=TRANSLATORS: --package-name=danvan \
    --files-from="$files" --output=po/danvan.pot

for po in po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file --no-wrap "$po" po/danvan.pot
    msgattrib --no-obsolete --no-wrap -o "$po" "$po" # messages gone from the sources go from here too
    sed -i '/^"POT-Creation-Date: /d' "$po" # a date that changes on every run is only noise in diffs
    sed -i "/^#: /s| $PWD/| |g" "$po" # templates come through #line with the checkout's absolute path
done
scripts/po-check.sh || {
    echo "po-update: translate the messages above in po/*.po" >&2
    exit 1
}
