#!/usr/bin/python3
"""gen.py - builds corpus.h, the phrases test_text_legacy_corpus.c converts.

Phrases of 1-6 words are drawn, deterministically, from the 2025 unit names
(vn-admin-units-2025.tsv) and from the text of the regulation's review conference
(article-290-review-conference.txt). Each phrase is encoded here, independently of the C
code under test:
  - TCVN3 with glibc iconv (`iconv -f UTF-8 -t TCVN5712-1`). TCVN 5712 VN1 puts toned
    capitals at 0x80-0x9F and control codes; real .VnTime (VN3) text has none there (Word
    keeps smart quotes at 0x80-0x9F), so:
      * a phrase in capitals is written as a .VnTimeH heading: the lower-case codes (the
        font draws them as capitals); automatic detection gives the lower-case text, the
        explicit "TCVN3 capitals" reading gives the phrase itself;
      * a mixed-case phrase with a toned capital VN3 lacks (Ủy, Ấp) gets that letter in
        lower case, as a TCVN3 keyboard driver types it; that is the text expected back.
  - VNI-Windows from the chart below (base letter, then the byte of its marks).
Both byte strings are then read as Windows-1252, as Windows hands pasted text to a browser
(the five bytes 1252 leaves undefined become U+0081 ... as MultiByteToWideChar does), and
stored as the UTF-8 a form post carries. ASCII phrases (the folded spelling) and the
Unicode phrases themselves must never be converted.

Run:  /usr/bin/python3 tests/unit/legacy_corpus/gen.py [units.tsv] [article.txt] > tests/unit/legacy_corpus/corpus.h
"""
import re
import subprocess
import sys
import unicodedata

UNITS = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/vn-admin-units-2025.tsv"
ARTICLE = sys.argv[2] if len(sys.argv) > 2 else "/work/shared/seed/article-290-review-conference.txt"

# --- VNI-Windows chart -------------------------------------------------------------------
# the byte after the base letter, by (modifier, tone); lower case; capitals are byte - 0x20
TONE = {"": None, "\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
CIRC = {"": 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0323": 0xE4}
BREVE = {"": 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0323": 0xEB}
# letters with a byte of their own (lower case byte; capital = byte - 0x20)
OWN = {"ơ": 0xF4, "ư": 0xF6, "đ": 0xF1, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE}


def vni_letter(ch):
    """VNI bytes of one NFC character."""
    lo = ch.lower()
    up = ch != lo
    if lo in OWN:
        b = OWN[lo]
        return bytes([b - 0x20 if up else b])
    d = unicodedata.normalize("NFD", lo)
    base, marks = d[0], d[1:]
    horn = "\u031b" in marks
    if horn:  # ơ ư with a tone: the letter's own byte, then the tone byte
        own = OWN["ơ" if base == "o" else "ư"]
        out = bytes([own - 0x20 if up else own])
        marks = marks.replace("\u031b", "")
    else:
        if ord(base) > 0x7F:
            raise ValueError("no VNI spelling for %r" % ch)
        out = (base.upper() if up else base).encode("ascii")
    mod = "\u0302" if "\u0302" in marks else "\u0306" if "\u0306" in marks else ""
    tone = "".join(m for m in marks if m in TONE)
    rest = marks.replace(mod, "").replace(tone, "")
    if rest:
        raise ValueError("no VNI spelling for %r" % ch)
    table = CIRC if mod == "\u0302" else BREVE if mod == "\u0306" else TONE
    b = table[tone]
    if b is not None:
        out += bytes([b - 0x20 if up else b])
    return out


def vni(text):
    return b"".join(vni_letter(c) if ord(c) > 0x7F else c.encode("ascii") for c in text)


# --- TCVN3 through glibc iconv ---------------------------------------------------------
def iconv_tcvn(text):
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode("utf-8"),
                       capture_output=True, check=True)
    return r.stdout


def vn3_safe(b):
    return all(not (x < 0x20 or 0x80 <= x <= 0x9F) for x in b)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def toned_capital(c):
    """VN3 (.VnTime) has the capitals Ă Â Ê Ô Ơ Ư Đ but no capital with a tone."""
    d = unicodedata.normalize("NFD", c)
    return c != c.lower() and any(m in TONES for m in d)


def tcvn3(text):
    """(bytes, text expected from automatic detection, 1 if a .VnTimeH heading)."""
    if not any(toned_capital(c) for c in text):
        b = iconv_tcvn(text)
        assert vn3_safe(b), text
        return b, text, 0
    if text == text.upper():
        low = text.lower()
        return iconv_tcvn(low), low, 1
    # toned capitals VN3 lacks, typed in lower case
    fixed = "".join(c.lower() if toned_capital(c) else c for c in text)
    b = iconv_tcvn(fixed)
    assert vn3_safe(b), text
    return b, fixed, 0


def cp1252(b):
    """Bytes as Windows-1252 text, undefined bytes as the C1 code points."""
    return "".join(bytes([x]).decode("cp1252") if x not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(x) for x in b)


# --- phrases -------------------------------------------------------------------------------
def has_non_ascii(s):
    return any(ord(c) > 0x7F for c in s)


def unit_phrases():
    names = []
    with open(UNITS, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4:
                names.append(unicodedata.normalize("NFC", cols[3]))
                names.append(unicodedata.normalize("NFC", cols[1]))
    seen, out = set(), []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    provinces = [n for n in out if n.startswith(("Tỉnh", "Thành phố"))]
    communes = [n for n in out if n not in provinces]
    picked = provinces[::3] + communes[::29]
    # the bare names too ("Ba Đình", "Đắk Lắk"): 1-4 words, the short ones
    bare = [re.sub(r"^(Xã|Phường|Đặc khu|Tỉnh|Thành phố) ", "", n) for n in communes[5::41]]
    return [p for p in picked + bare if has_non_ascii(p) and len(p.split()) <= 6]


def article_phrases():
    with open(ARTICLE, encoding="utf-8") as f:
        text = unicodedata.normalize("NFC", f.read())
    runs = []
    for chunk in re.split(r"[.,;:()\[\]“”\"!?\n\-–/]+", text):
        words = [w for w in chunk.split() if re.fullmatch(r"[^\W\d_]+", w)]
        if words:
            runs.append(words)
    out, seen, k = [], set(), 0
    for words in runs:
        i = 0
        while i < len(words):
            size = 1 + k % 6  # 1, 2, ... 6 words, in turn
            k += 1
            p = " ".join(words[i:i + size])
            i += size
            if has_non_ascii(p) and p not in seen:
                seen.add(p)
                out.append(p)
    return out[::2]


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def c_string(s):
    """A C string literal of UTF-8 text, non-ASCII bytes as \\x escapes."""
    out, hexed = ['"'], False
    for b in s.encode("utf-8"):
        ch = chr(b)
        if b >= 0x80 or b < 0x20:
            out.append("\\x%02X" % b)
            hexed = True
            continue
        if hexed and ch in "0123456789abcdefABCDEF":
            out.append('" "')
        hexed = False
        out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


def main():
    phrases = []
    for p in unit_phrases() + article_phrases():
        if p not in phrases:
            phrases.append(p)
    print("/* corpus.h - GENERATED by tests/unit/legacy_corpus/gen.py: do not edit; run it again.")
    print(" * %d Vietnamese phrases of 1-6 words (unit names, the regulation's vocabulary), each as" % len(phrases))
    print(" * its TCVN3 bytes (glibc iconv TCVN5712-1) and VNI-Windows bytes read as Windows-1252,")
    print(" * in UTF-8; and ASCII phrases. See gen.py for the rules. */")
    print("#ifndef LEGACY_CORPUS_H\n#define LEGACY_CORPUS_H\n")
    print("struct corpus_phrase {")
    print("    const char *text;       /* the phrase, Unicode NFC */")
    print("    const char *tcvn3;      /* TCVN3 bytes as Windows-1252, in UTF-8 */")
    print("    const char *tcvn3_auto; /* what automatic detection must give */")
    print("    int caps;               /* a .VnTimeH heading: the explicit capitals reading gives text */")
    print("    const char *vni;        /* VNI-Windows bytes as Windows-1252, in UTF-8 */")
    print("};\n")
    print("static const struct corpus_phrase CORPUS[] = {")
    for p in phrases:
        tb, tauto, caps = tcvn3(p)
        vb = vni(p)
        print("    {%s, %s, %s, %d, %s}," % (c_string(p), c_string(cp1252(tb)), c_string(tauto), caps,
                                             c_string(cp1252(vb))))
    print("};\n")
    ascii_phrases = []
    for p in phrases[::3]:
        f = fold(p)
        if f not in ascii_phrases:
            ascii_phrases.append(f)
    print("static const char *const CORPUS_ASCII[] = {")
    for a in ascii_phrases:
        print("    %s," % c_string(a))
    print("};\n\n#endif")


if __name__ == "__main__":
    main()
