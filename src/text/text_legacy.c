/* text_legacy.c - legacy Vietnamese encodings → Unicode NFC (see text_legacy.h).
 *
 * TCVN3: the byte table is built once from glibc iconv "TCVN5712-1" one byte at a time
 * (its tone marks 0xB0–0xB4 are combining characters; NFC composes them), except that
 * 0x00–0x7F stay ASCII (TCVN5712-1 puts capitals at some control codes, real .VnTime text
 * never does) and 0x80–0x9F are read as Windows-1252 punctuation: Word on Windows stores
 * smart quotes and dashes there, while iconv would give the toned capitals of TCVN 5712 VN1.
 *
 * VNI-Windows: a base letter followed by separate bytes for its marks (e.g. "Vieät" = Việt:
 * "eä" = e + circumflex + dot below). glibc has no VNI, so the chart is data here. Bytes
 * that are not marks after a vowel are Windows-1252 characters.
 *
 * Detection scores each decoding by its words: +1 for a word with a non-ASCII letter that
 * is a valid Vietnamese syllable, -1 for a word with non-ASCII characters that is not. */
#include "text/text_legacy.h"

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* --- Windows-1252 0x80–0x9F (0 = undefined) --- */
static const uint16_t CP1252_HI[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The character a byte stands for in Windows-1252 (Latin-1 where 1252 leaves a hole). */
static uint32_t cp1252(unsigned char b)
{
    if (b >= 0x80 && b <= 0x9F && CP1252_HI[b - 0x80]) return CP1252_HI[b - 0x80];
    return b;
}

/* The byte a character came from through a Windows-1252 or Latin-1 step; -1 if none. */
static int cp1252_byte(uint32_t cp)
{
    if (cp < 0x100) return (int)cp;
    for (int i = 0; i < 32; i++)
        if (CP1252_HI[i] == cp) return 0x80 + i;
    return -1;
}

static void put_cp(dv_buf *b, uint32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, tmp);
    buf_append(b, tmp, (size_t)k);
}

static char *nfc_detach(dv_buf *b)
{
    char *s = (char *)utf8proc_NFC((const utf8proc_uint8_t *)buf_cstr(b));
    buf_free(b);
    if (!s) abort(); /* only on allocation failure: the input is valid UTF-8 */
    return s;
}

/* --- TCVN3 --- */
static uint32_t tcvn_table[256];

static void tcvn_build(void)
{
    iconv_t cd = iconv_open("UTF-32LE", "TCVN5712-1");
    for (int b = 0; b < 256; b++) {
        tcvn_table[b] = (uint32_t)b;
        if (b < 0x80 || cd == (iconv_t)-1) continue;
        if (b <= 0x9F && CP1252_HI[b - 0x80]) {
            tcvn_table[b] = CP1252_HI[b - 0x80];
            continue;
        }
        char in[1] = {(char)b};
        unsigned char outb[16];
        char *ip = in, *op = (char *)outb;
        size_t il = 1, ol = sizeof outb;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 &&
            sizeof outb - ol == 4)
            tcvn_table[b] = (uint32_t)outb[0] | (uint32_t)outb[1] << 8 | (uint32_t)outb[2] << 16 | (uint32_t)outb[3] << 24;
        else
            tcvn_table[b] = cp1252((unsigned char)b);
    }
    if (cd != (iconv_t)-1) iconv_close(cd);
}

char *text_legacy_from_tcvn3(const char *in, size_t n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tcvn_build);
    dv_buf b = DV_BUF_INIT;
    buf_reserve(&b, n * 2 + 1);
    for (size_t i = 0; i < n; i++) put_cp(&b, tcvn_table[(unsigned char)in[i]]);
    buf_puts(&b, "");
    return nfc_detach(&b);
}

/* --- VNI-Windows ---
 * Mark bytes, lower and upper case alike (the upper-case byte is the lower-case one - 0x20):
 *   tone only:            ù/Ù acute  ø/Ø grave  û/Û hook  õ/Õ tilde  ï/Ï dot below
 *   circumflex (+ tone):  â/Â  á/Á  à/À  å/Å  ã/Ã  ä/Ä        after a, e, o
 *   breve (+ tone):       ê/Ê  é/É  è/È  ú/Ú  ü/Ü  ë/Ë        after a
 * Letters of their own: ô/Ô ơ/Ơ, ö/Ö ư/Ư, ñ/Ñ đ/Đ, í/Í, ì/Ì, æ/Æ ỉ/Ỉ, ó/Ó ĩ/Ĩ, ò/Ò ị/Ị,
 * î/Î ỵ/Ỵ. */
enum { M_NONE = 0, M_CIRC = 0x0302, M_BREVE = 0x0306 };
enum { T_NONE = 0, T_ACUTE = 0x0301, T_GRAVE = 0x0300, T_HOOK = 0x0309, T_TILDE = 0x0303, T_DOT = 0x0323 };

struct vni_mark {
    unsigned char byte; /* the lower-case byte */
    uint16_t modifier, tone;
};

static const struct vni_mark VNI_MARKS[] = {
    {0xF9, M_NONE, T_ACUTE},  {0xF8, M_NONE, T_GRAVE},  {0xFB, M_NONE, T_HOOK},
    {0xF5, M_NONE, T_TILDE},  {0xEF, M_NONE, T_DOT},
    {0xE2, M_CIRC, T_NONE},   {0xE1, M_CIRC, T_ACUTE},  {0xE0, M_CIRC, T_GRAVE},
    {0xE5, M_CIRC, T_HOOK},   {0xE3, M_CIRC, T_TILDE},  {0xE4, M_CIRC, T_DOT},
    {0xEA, M_BREVE, T_NONE},  {0xE9, M_BREVE, T_ACUTE}, {0xE8, M_BREVE, T_GRAVE},
    {0xFA, M_BREVE, T_HOOK},  {0xFC, M_BREVE, T_TILDE}, {0xEB, M_BREVE, T_DOT},
};

struct vni_letter {
    unsigned char byte; /* lower-case byte; the capital is byte - 0x20 */
    uint16_t lower, upper;
};

static const struct vni_letter VNI_LETTERS[] = {
    {0xF4, 0x01A1, 0x01A0}, /* ô → ơ Ơ */
    {0xF6, 0x01B0, 0x01AF}, /* ö → ư Ư */
    {0xF1, 0x0111, 0x0110}, /* ñ → đ Đ */
    {0xED, 0x00ED, 0x00CD}, /* í */
    {0xEC, 0x00EC, 0x00CC}, /* ì */
    {0xE6, 0x1EC9, 0x1EC8}, /* æ → ỉ Ỉ */
    {0xF3, 0x0129, 0x0128}, /* ó → ĩ Ĩ */
    {0xF2, 0x1ECB, 0x1ECA}, /* ò → ị Ị */
    {0xEE, 0x1EF5, 0x1EF4}, /* î → ỵ Ỵ */
};

static const struct vni_mark *vni_mark_of(unsigned char b)
{
    unsigned char lo = (b >= 0xC0 && b <= 0xDE) ? (unsigned char)(b + 0x20) : b;
    if (lo < 0xE0) return NULL;
    for (size_t i = 0; i < sizeof VNI_MARKS / sizeof *VNI_MARKS; i++)
        if (VNI_MARKS[i].byte == lo) return &VNI_MARKS[i];
    return NULL;
}

static uint32_t vni_letter_of(unsigned char b)
{
    for (size_t i = 0; i < sizeof VNI_LETTERS / sizeof *VNI_LETTERS; i++) {
        if (VNI_LETTERS[i].byte == b) return VNI_LETTERS[i].lower;
        if (VNI_LETTERS[i].byte - 0x20 == b) return VNI_LETTERS[i].upper;
    }
    return 0;
}

/* Which marks may follow the character just written: 0 none, 1 tone, 2 tone/circumflex,
 * 3 tone/circumflex/breve. */
static int vni_accepts(uint32_t prev)
{
    switch (prev | 0x20) {
    case 'a': return 3;
    case 'e': case 'o': return 2;
    case 'i': case 'u': case 'y': return 1;
    default: break;
    }
    if (prev == 0x01A1 || prev == 0x01A0 || prev == 0x01B0 || prev == 0x01AF) return 1; /* ơ ư */
    return 0;
}

char *text_legacy_from_vni(const char *in, size_t n)
{
    dv_buf b = DV_BUF_INIT;
    buf_reserve(&b, n * 2 + 1);
    uint32_t prev = 0;  /* the last base letter written, 0 after a mark or anything else */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        const struct vni_mark *m = c >= 0x80 ? vni_mark_of(c) : NULL;
        int acc = prev ? vni_accepts(prev) : 0;
        if (m && acc && (m->modifier == M_NONE || (m->modifier == M_CIRC && acc >= 2) ||
                         (m->modifier == M_BREVE && acc >= 3))) {
            if (m->modifier) put_cp(&b, m->modifier);
            if (m->tone) put_cp(&b, m->tone);
            prev = 0;
            continue;
        }
        uint32_t l = c >= 0x80 ? vni_letter_of(c) : 0;
        if (l) {
            put_cp(&b, l);
            prev = l;
            continue;
        }
        uint32_t cp = cp1252(c);
        put_cp(&b, cp);
        prev = (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ? cp : 0;
    }
    buf_puts(&b, "");
    return nfc_detach(&b);
}

/* --- Vietnamese syllables --- */

/* A syllable spelt in ASCII with VIQR-like marks: â="a^" ă="a(" ơ="o+" ư="u+" đ="dd", the
 * tone dropped; lower case. Returns 0 when a character cannot be in a Vietnamese word. */
static int skeleton(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int tones = 0;
    utf8proc_ssize_t i = 0;
    while ((size_t)i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)n - i, &cp);
        if (k <= 0) return 0;
        i += k;
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t nd;
        if (cp == 0x0110 || cp == 0x0111) {
            d[0] = 'd';
            d[1] = 'd';
            nd = 2;
        } else {
            nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
            if (nd <= 0 || nd > 8) return 0;
        }
        for (utf8proc_ssize_t j = 0; j < nd; j++) {
            utf8proc_int32_t x = d[j];
            const char *add = NULL;
            char one[2] = {0, 0};
            if (x >= 'a' && x <= 'z') {
                one[0] = (char)x;
                add = one;
            } else if (x == 0x0302) add = "^";
            else if (x == 0x0306) add = "(";
            else if (x == 0x031B) add = "+";
            else if (x == T_ACUTE || x == T_GRAVE || x == T_HOOK || x == T_TILDE || x == T_DOT) {
                if (++tones > 1) return 0;
                continue;
            } else return 0;
            /* a modifier must follow a vowel that takes it */
            if (add[0] == '^' || add[0] == '(' || add[0] == '+') {
                char v = o ? out[o - 1] : 0;
                if ((add[0] == '^' && v != 'a' && v != 'e' && v != 'o') || (add[0] == '(' && v != 'a') ||
                    (add[0] == '+' && v != 'o' && v != 'u'))
                    return 0;
            }
            size_t al = strlen(add);
            if (o + al >= cap) return 0;
            memcpy(out + o, add, al);
            o += al;
        }
    }
    out[o] = '\0';
    return o > 0;
}

static const char *const INITIALS[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "dd",
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
static const char *const VOWELS[] = {
    "u+o+i", "u+o+u", "uye^", "uo^i", "ie^u", "ye^u", "uya", "uyu", "oai", "oao", "oay", "oeo", "ua^y",
    "u+o+", "uo+", "u+a", "u+i", "u+u", "uo^", "ue^", "ua^", "ie^", "ye^", "oa(", "a^u", "a^y", "e^u", "o^i", "o+i",
    "ai", "ao", "au", "ay", "eo", "ia", "iu", "oa", "oe", "oi", "oo", "ua", "ui", "uy",
    "a(", "a^", "e^", "o^", "o+", "u+", "a", "e", "i", "o", "u", "y",
};
static const char *const FINALS[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t", ""};

static int is_final(const char *s)
{
    for (size_t i = 0; i < sizeof FINALS / sizeof *FINALS; i++)
        if (strcmp(s, FINALS[i]) == 0) return 1;
    return 0;
}

int text_vi_syllable(const char *word, size_t n)
{
    char sk[64];
    if (n == 0 || n > 40 || !skeleton(word, n, sk, sizeof sk)) return 0;
    for (size_t i = 0; i < sizeof INITIALS / sizeof *INITIALS; i++) {
        size_t il = strlen(INITIALS[i]);
        if (strncmp(sk, INITIALS[i], il) != 0) continue;
        const char *rest = sk + il;
        for (size_t v = 0; v < sizeof VOWELS / sizeof *VOWELS; v++) {
            size_t vl = strlen(VOWELS[v]);
            if (strncmp(rest, VOWELS[v], vl) == 0 && is_final(rest + vl)) return 1;
        }
        /* "gi" + nothing is "gì"/"gỉ": the i of the initial is the vowel */
        if (strcmp(INITIALS[i], "gi") == 0 && (*rest == '\0' || is_final(rest)) && *rest == '\0') return 1;
    }
    return 0;
}

struct score {
    int valid, invalid;
};

/* Is the code point at s[i] part of a word? ASCII letters and any non-ASCII letter or mark;
 * ASCII and Unicode punctuation, symbols and spaces separate words. *len = its length. */
static int word_char(const char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *len = 1;
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 1;
    }
    *len = (size_t)k;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

/* Scores the words of a UTF-8 string that hold a non-ASCII letter. */
static struct score score_text(const char *s)
{
    struct score sc = {0, 0};
    size_t i = 0, n = strlen(s), l;
    while (i < n) {
        while (i < n && !word_char(s, i, n, &l)) i += l;
        size_t b = i;
        int nonascii = 0;
        while (i < n && word_char(s, i, n, &l)) {
            if ((unsigned char)s[i] >= 0x80) nonascii = 1;
            i += l;
        }
        if (i > b && nonascii) {
            if (text_vi_syllable(s + b, i - b)) sc.valid++;
            else sc.invalid++;
        }
    }
    return sc;
}

static int score_value(struct score s)
{
    return s.valid - s.invalid;
}

/* Does valid UTF-8 s hold a letter only Vietnamese uses (ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9)? */
static int has_vietnamese_letter(const char *s, size_t n)
{
    utf8proc_ssize_t i = 0;
    while ((size_t)i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)n - i, &cp);
        if (k <= 0) return 0;
        i += k;
        if (cp == 0x0102 || cp == 0x0103 || cp == 0x0110 || cp == 0x0111 || cp == 0x0128 || cp == 0x0129 ||
            cp == 0x0168 || cp == 0x0169 || cp == 0x01A0 || cp == 0x01A1 || cp == 0x01AF || cp == 0x01B0 ||
            (cp >= 0x1EA0 && cp <= 0x1EF9) || cp == 0x0309 || cp == 0x0323 || cp == 0x031B)
            return 1;
    }
    return 0;
}

/* Decodes bytes both ways; *out = the better decoding when it scores above `floor` (and
 * looks like Vietnamese: at least 3 in 4 of its scored words valid), else NULL. */
static void best_legacy(const char *bytes, size_t n, int floor, char **out)
{
    *out = NULL;
    char *t = text_legacy_from_tcvn3(bytes, n);
    char *v = text_legacy_from_vni(bytes, n);
    struct score st = score_text(t), sv = score_text(v);
    int pick_v = score_value(sv) > score_value(st);
    struct score sb = pick_v ? sv : st;
    char *best = pick_v ? v : t;
    if (score_value(sb) > floor && sb.valid >= 3 * sb.invalid) {
        *out = best;
        best = NULL;
    }
    free(pick_v ? t : v);
    free(best);
}

int text_legacy_to_unicode(const char *in, size_t n, char **out)
{
    *out = NULL;
    if (memchr(in, '\0', n)) return DV_EINVAL;
    if (text_valid_utf8(in, n)) {
        if (has_vietnamese_letter(in, n)) return 0;
        /* Mojibake? Every character must be one byte of Windows-1252/Latin-1, some ≥ 0x80. */
        dv_buf bytes = DV_BUF_INIT;
        int high = 0, mapped = 1;
        utf8proc_ssize_t i = 0;
        while ((size_t)i < n) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)n - i, &cp);
            int byte = k > 0 ? cp1252_byte((uint32_t)cp) : -1;
            if (byte < 0) {
                mapped = 0;
                break;
            }
            if (byte >= 0x80) high = 1;
            buf_putc(&bytes, (char)byte);
            i += k;
        }
        if (mapped && high) {
            char *asis = xstrndup(in, n);
            struct score so = score_text(asis);
            free(asis);
            /* Text that reads as Vietnamese already (Latin-1 letters like "Cà Mau") stays. */
            if (so.valid <= so.invalid) best_legacy(bytes.data, bytes.len, score_value(so) > 0 ? score_value(so) : 0, out);
        }
        buf_free(&bytes);
        return *out ? 1 : 0;
    }
    best_legacy(in, n, 0, out);
    return *out ? 1 : DV_EINVAL;
}
