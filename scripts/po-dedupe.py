#!/usr/bin/python3
"""po-dedupe.py - after a merge (po/vi.po merges as a union of both sides, see .gitattributes)
two branches may have added the same msgid: keep the first entry of each, leave every other
line as it is (msguniq would rewrap the whole file)."""
import re, sys

path = sys.argv[1] if len(sys.argv) > 1 else "po/vi.po"
text = open(path, encoding="utf-8").read()
entries = re.split(r"\n\s*\n", text.strip("\n"))
seen, kept = set(), []
for e in entries:
    m = re.search(r'^msgctxt (".*"(?:\n".*")*)?\n?^msgid (".*"(?:\n".*")*)', e, re.M) or \
        re.search(r'^msgid (".*"(?:\n".*")*)', e, re.M)
    key = m.group(0) if m else e
    if key in seen:
        continue
    seen.add(key)
    kept.append(e)
open(path, "w", encoding="utf-8").write("\n\n".join(kept) + "\n")
print(f"{len(entries) - len(kept)} duplicate entries removed")
