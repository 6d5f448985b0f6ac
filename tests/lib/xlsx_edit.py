#!/usr/bin/env python3
"""xlsx_edit.py IN OUT SHEET_INDEX CELL=VALUE ... - a hand edit of an XLSX file, as a person
would make in Excel: each CELL of worksheet sheetN.xml gets VALUE (a number when it parses
as one, else an inline string; empty clears the cell). Used by the documents tests."""
import re
import sys
import zipfile

src, dst, sheet = sys.argv[1], sys.argv[2], sys.argv[3]
edits = dict(a.split('=', 1) for a in sys.argv[4:])
part = f'xl/worksheets/sheet{sheet}.xml'

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')

def cell_xml(ref, style, value):
    s = f' s="{style}"' if style else ''
    if value == '':
        return f'<c r="{ref}"{s}/>'
    try:
        float(value)
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    except ValueError:
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>{esc(value)}</t></is></c>'

with zipfile.ZipFile(src) as zin:
    xml = zin.read(part).decode('utf-8')
    for ref, value in edits.items():
        pat = re.compile(r'<c r="%s"(?P<attrs>[^>]*?)(/>|>.*?</c>)' % ref, re.S)
        m = pat.search(xml)
        if not m:
            sys.exit(f'no cell {ref} in {part}')
        sm = re.search(r'\bs="(\d+)"', m.group('attrs'))
        xml = xml[:m.start()] + cell_xml(ref, sm.group(1) if sm else None, value) + xml[m.end():]
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = xml.encode('utf-8') if item.filename == part else zin.read(item.filename)
            zout.writestr(item, data)
