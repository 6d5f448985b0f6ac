#!/usr/bin/python3
"""docx_dump.py - what a reader of a DOCX sees, through python-docx (Debian's python3-docx):
prints JSON {"paragraphs": [...], "tables": [[[cell, ...], ...], ...], "header": [...],
"fonts": [...], "first_page_header": bool} for the documents tests (tests/lib/documents_seed.mjs)."""
import json
import sys

import docx


def main(path):
    d = docx.Document(path)
    fonts = set()
    # the document's default run font (w:docDefaults), then any run's own
    for name in d.styles.element.xpath('w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii'):
        fonts.add(str(name))
    for st in d.styles:
        if getattr(st, 'font', None) is not None and st.font.name:
            fonts.add(st.font.name)
    for p in d.paragraphs:
        for r in p.runs:
            if r.font.name:
                fonts.add(r.font.name)
    sec = d.sections[0]
    out = {
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "header": [p.text for p in sec.header.paragraphs],
        "first_page_header": bool(sec.different_first_page_header_footer),
        "fonts": sorted(fonts),
        "page_mm": [round(sec.page_width.mm), round(sec.page_height.mm)],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
