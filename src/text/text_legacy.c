/* text_legacy.c - legacy Vietnamese encodings → Unicode NFC (see text_legacy.h).
 *
 * TCVN3: the byte table is built once from glibc iconv "TCVN5712-1" one byte at a time
 * (its tone marks 0xB0–0xB4 are combining characters; NFC composes them), except that
 * 0x00–0x7F stay ASCII (TCVN5712-1 puts capitals at some control codes, real .VnTime text
 * never does) and 0x80–0x9F are read as Windows-1252 punctuation: Word on Windows stores
 * smart quotes and dashes there, while iconv would give the toned capitals of TCVN 5712 VN1.
 * Headings set in the .VnTimeH fonts hold capitals at the lower-case codes: that reading
 * is the TCVN3 one in capitals, only ever chosen by the user.
 *
 * VNI-Windows: a base letter followed by separate bytes for its marks (e.g. "Vieät" = Việt:
 * "eä" = e + circumflex + dot below). glibc has no VNI, so the chart is data here. Bytes
 * that are not marks after a vowel are Windows-1252 characters.
 *
 * The decoders work on "units": a byte to decode, or (valid UTF-8 that is not all one-byte
 * characters) a code point to keep as it is, so an explicit conversion of text that mixes
 * Unicode with pasted mojibake converts the mojibake only.
 *
 * Detection reads the text whole, three ways (as it stands, as TCVN3, as VNI), and sorts
 * its words that hold a non-ASCII character into valid Vietnamese syllables and impossible
 * ones. A reading without an impossible word beats any reading with one, however short the
 * text; only when no reading is clean does a count decide (long texts with a foreign name). */
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
        uint32_t cp = 0;
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 &&
            sizeof outb - ol == 4)
            cp = (uint32_t)outb[0] | (uint32_t)outb[1] << 8 | (uint32_t)outb[2] << 16 | (uint32_t)outb[3] << 24;
        /* VN1's toned capitals (0xAF, 0xBA, 0xC0-0xC5 ...) are not in VN3, the .VnTime set:
           such a byte is a Windows-1252 character ("Cà Mau" stays "Cà Mau") */
        if (cp >= 0x1EA0 && cp <= 0x1EF9 && !(cp & 1)) cp = 0;
        tcvn_table[b] = cp ? cp : cp1252((unsigned char)b);
    }
    if (cd != (iconv_t)-1) iconv_close(cd);
}

/* A unit: a byte (< 0x100) to decode, or UNIT_KEEP | code point to copy as it is. */
#define UNIT_KEEP 0x80000000u

static const uint32_t *tcvn_table_get(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, tcvn_build);
    return tcvn_table;
}

static char *tcvn3_units(const uint32_t *u, size_t n, int caps)
{
    const uint32_t *t = tcvn_table_get();
    dv_buf b = DV_BUF_INIT;
    buf_reserve(&b, n * 3 + 1);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = (u[i] & UNIT_KEEP) ? (u[i] & ~UNIT_KEEP) : t[u[i] & 0xFF];
        if (caps && !(u[i] & UNIT_KEEP)) cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
        put_cp(&b, cp);
    }
    buf_puts(&b, "");
    return nfc_detach(&b);
}

static uint32_t *units_of_bytes(const char *in, size_t n)
{
    uint32_t *u = xmalloc((n ? n : 1) * sizeof *u);
    for (size_t i = 0; i < n; i++) u[i] = (unsigned char)in[i];
    return u;
}

char *text_legacy_from_tcvn3(const char *in, size_t n)
{
    uint32_t *u = units_of_bytes(in, n);
    char *s = tcvn3_units(u, n, 0);
    free(u);
    return s;
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

static char *vni_units(const uint32_t *u, size_t n)
{
    dv_buf b = DV_BUF_INIT;
    buf_reserve(&b, n * 3 + 1);
    uint32_t prev = 0;  /* the last base letter written, 0 after a mark or anything else */
    for (size_t i = 0; i < n; i++) {
        if (u[i] & UNIT_KEEP) {
            put_cp(&b, u[i] & ~UNIT_KEEP);
            prev = 0;
            continue;
        }
        unsigned char c = (unsigned char)u[i];
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

char *text_legacy_from_vni(const char *in, size_t n)
{
    uint32_t *u = units_of_bytes(in, n);
    char *s = vni_units(u, n);
    free(u);
    return s;
}

/* --- Vietnamese syllables --- */

/* A syllable spelt in ASCII with VIQR-like marks: â="a^" ă="a(" ơ="o+" ư="u+" đ="dd", the
 * tone dropped; lower case. Returns 0 when a character cannot be in a Vietnamese word. */
static int skeleton(const char *w, size_t n, char *out, size_t cap, int *tone, size_t *tone_at)
{
    size_t o = 0;
    int tones = 0;
    *tone = T_NONE;
    *tone_at = 0;
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
                /* on a vowel ("ñ" is no Vietnamese letter) */
                if (++tones > 1 || !o || !strchr("aeiouy^(+", out[o - 1])) return 0;
                *tone = x;
                *tone_at = o - 1;
                while (*tone_at && strchr("^(+", out[*tone_at])) (*tone_at)--; /* its letter */
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
    "bl", "br", "dr", "gl", "kl", "kr", "pl", /* the Central Highlands' names: Krông, Plei */
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
static const char *const VOWELS[] = {
    "u+o+i", "u+o+u", "uye^", "uo^i", "ie^u", "ye^u", "uya", "uyu", "oai", "oao", "oay", "oeo", "ua^y",
    "u+o+", "uo+", "u+a", "u+i", "u+u", "uo^", "ue^", "ua^", "ie^", "ye^", "oa(", "a^u", "a^y", "e^u", "o^i", "o+i",
    "ai", "ao", "au", "ay", "eo", "ia", "iu", "oa", "oe", "oi", "oo", "ua", "ui", "uy",
    "a(", "a^", "e^", "o^", "o+", "u+", "a", "e", "i", "o", "u", "y",
};
/* k and h close the Central Highlands' names (Đắk Lắk, Chư Păh) */
static const char *const FINALS[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t", "k", "h", ""};

static int is_final(const char *s)
{
    for (size_t i = 0; i < sizeof FINALS / sizeof *FINALS; i++)
        if (strcmp(s, FINALS[i]) == 0) return 1;
    return 0;
}

static int starts_front(const char *v) /* i, e, ê, y: the vowels k, gh and ngh go before */
{
    return v[0] == 'i' || v[0] == 'y' || v[0] == 'e';
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Spelling rules of the national script beyond the shape initial + vowel + final: which
 * initials go before which vowels, which vowels need a final, the tones a final stop
 * takes. They keep mojibake read the wrong way ("coõng", "cuỷa", "chÝnh") from passing. */
/* Is the tone on the right letter of the vowel? at = the index of that letter in vow
 * (modifiers count as characters). With a modifier, on the last modified letter (tiến,
 * người, cửa); ai ao ia ua ... on the first (bão, của); oai uya ... on the middle; oa oe uy
 * open on either (hóa, hoá), closed on the second (hoàn). */
static int tone_place_ok(const char *vow, size_t at, int closed)
{
    size_t vl = strlen(vow), last_mod = vl;
    for (size_t i = 1; i < vl; i++)
        if (strchr("^(+", vow[i])) last_mod = i - 1;
    if (last_mod < vl) return at == last_mod;
    size_t letters = vl;
    if (letters == 1) return at == 0;
    if (strcmp(vow, "oo") == 0) return 1;
    if (strcmp(vow, "oa") == 0 || strcmp(vow, "oe") == 0 || strcmp(vow, "uy") == 0) return closed ? at == 1 : at <= 1;
    if (letters == 3) return at == 1;
    return at == 0;
}

static int spelling_ok(const char *ini, const char *vow, const char *fin, int tone, size_t tone_at)
{
    if (tone != T_NONE && !tone_place_ok(vow, tone_at, *fin != '\0')) return 0;
    if (strcmp(ini, "k") == 0 && !starts_front(vow)) return 0;
    if ((strcmp(ini, "gh") == 0 || strcmp(ini, "ngh") == 0) && !(vow[0] == 'i' || vow[0] == 'e')) return 0;
    if (strcmp(ini, "c") == 0 && (starts_front(vow) || starts_with(vow, "oa") || starts_with(vow, "oe") ||
                                  starts_with(vow, "uy") || starts_with(vow, "ua^") || starts_with(vow, "ue^")))
        return 0;
    if (strcmp(ini, "ng") == 0 && starts_front(vow)) return 0;
    if (strcmp(ini, "g") == 0 && vow[0] == 'e') return 0;
    /* ă, â and the diphthongs iê yê uô ươ uyê close with a consonant (or i/u/y in the
       vowel itself: "iêu", "ây" are entries of their own) */
    if (!*fin && (strcmp(vow, "a(") == 0 || strcmp(vow, "a^") == 0 || strcmp(vow, "ie^") == 0 ||
                  strcmp(vow, "ye^") == 0 || strcmp(vow, "uo^") == 0 || strcmp(vow, "uye^") == 0 ||
                  strcmp(vow, "ua^") == 0))
        return 0;
    /* a vowel ending in a glide (ai, ao, iêu, uôi ...) or in ia/ua/ưa closes the syllable */
    size_t vl = strlen(vow);
    if (*fin && vl > 1 && strcmp(vow, "uy") != 0 && strcmp(vow, "oo") != 0 &&
        (strchr("iyou", vow[vl - 1]) || strcmp(vow, "ia") == 0 || strcmp(vow, "ua") == 0 || strcmp(vow, "u+a") == 0))
        return 0;
    /* a final stop takes the acute or the dot below */
    if ((strcmp(fin, "p") == 0 || strcmp(fin, "t") == 0 || strcmp(fin, "c") == 0 || strcmp(fin, "ch") == 0) &&
        tone != T_ACUTE && tone != T_DOT)
        return 0;
    if ((strcmp(fin, "ch") == 0 || strcmp(fin, "nh") == 0) &&
        !(strcmp(vow, "a") == 0 || strcmp(vow, "e^") == 0 || strcmp(vow, "i") == 0 || strcmp(vow, "oa") == 0 ||
          strcmp(vow, "uy") == 0 || (fin[0] == 'n' && strcmp(vow, "y") == 0)))
        return 0;
    /* "oo" only in xoong, boong, soóc, moóc */
    if (strcmp(vow, "oo") == 0 && !((strcmp(fin, "ng") == 0 && tone == T_NONE) || (strcmp(fin, "c") == 0 && tone == T_ACUTE)))
        return 0;
    return 1;
}

int text_vi_syllable(const char *word, size_t n)
{
    char sk[64];
    int tone;
    size_t tone_at;
    if (n == 0 || n > 40 || !skeleton(word, n, sk, sizeof sk, &tone, &tone_at)) return 0;
    for (size_t i = 0; i < sizeof INITIALS / sizeof *INITIALS; i++) {
        size_t il = strlen(INITIALS[i]);
        if (strncmp(sk, INITIALS[i], il) != 0) continue;
        const char *rest = sk + il;
        /* "gì"/"gỉ": the i of the initial is the vowel */
        if (strcmp(INITIALS[i], "gi") == 0 && *rest == '\0') return 1;
        if (tone != T_NONE && tone_at < il) continue; /* a tone on the initial's u or i */
        for (size_t v = 0; v < sizeof VOWELS / sizeof *VOWELS; v++) {
            size_t vl = strlen(VOWELS[v]);
            if (strncmp(rest, VOWELS[v], vl) == 0 && is_final(rest + vl) &&
                spelling_ok(INITIALS[i], VOWELS[v], rest + vl, tone, tone_at - il))
                return 1;
        }
    }
    return 0;
}

struct score {
    int valid, invalid, common; /* common: valid words among the most frequent syllables */
};

/* Does code point cp separate words? ASCII: anything but a letter. Beyond ASCII: spaces,
 * the General Punctuation block (Word's smart quotes, dashes, ellipsis), and punctuation
 * outside Latin-1. Latin-1's symbols (¬ « § © ® ¸ …) are letters in TCVN3 and VNI, so in
 * a reading they belong to the word they stand in; the soft hyphen (U+00AD, TCVN3's ư)
 * too. */
static int is_separator(utf8proc_int32_t cp)
{
    if (cp < 0x80) return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF) return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP) return 1;
    if (cp <= 0xFF) return cp < 0xA0; /* C1 controls */
    return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

/* The most frequent syllables of Vietnamese news text (lower case, NFC): when two legacy
 * readings are both clean, the one with more of them wins ("hệ" over "hẹo"). */
static const char *const COMMON[] = {
    "của", "và", "các", "là", "có", "được", "trong", "cho", "không", "người", "những", "một", "với",
    "đã", "năm", "này", "để", "ra", "khi", "đến", "về", "theo", "từ", "nhiều", "như", "cũng", "thì",
    "sẽ", "vào", "lại", "nhà", "còn", "làm", "trên", "đó", "nhưng", "hơn", "nước", "sự", "việc", "phải",
    "chính", "công", "việt", "ngày", "đi", "mới", "hiện", "nay", "tại", "động", "thành", "hội", "quốc",
    "đầu", "học", "sinh", "hành", "dân", "phát", "triển", "kinh", "tế", "xã", "thể", "hệ", "thống", "quan",
    "đồng", "tổ", "chức", "bộ", "cơ", "lý", "tỉnh", "huyện", "phố", "đạo", "lãnh", "cấp", "trị", "tác",
    "vận", "nghị", "quyết", "định", "số", "thực", "văn", "hóa", "hoá", "giáo", "dục", "tế", "bảo", "vệ",
    "trường", "đất", "tư", "chương", "trình", "kế", "hoạch", "nội", "dung", "tin", "tuyên", "truyền",
    "vùng", "khu", "vực", "đơn", "vị", "phong", "trào", "thi", "đua", "tốt", "tháng", "giải", "pháp",
    "nhiệm", "vụ", "tăng", "cường", "tiếp", "tục", "nâng", "cao", "chất", "lượng", "sở", "ủy", "ban",
    "đảng", "mặt", "trận", "phường", "thị", "chủ", "tịch", "đại", "biểu", "nhân", "tham", "gia", "ý",
    "kiến", "kết", "quả", "tình", "hình", "đời", "sống", "an", "ninh", "phòng", "môi", "đoàn", "viên",
    "gì", "rất", "lên", "nên", "bị", "vì", "sau", "trước", "đây", "hay", "cần", "nhất", "mình", "biết",
};

static int is_common(const char *w, size_t n)
{
    char *dup = xstrndup(w, n);
    char *fold = (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)dup);
    free(dup);
    int hit = 0;
    for (size_t i = 0; fold && i < sizeof COMMON / sizeof *COMMON && !hit; i++) hit = strcmp(fold, COMMON[i]) == 0;
    free(fold);
    return hit;
}

/* An acronym with Đ ("QĐ", "HĐND"): capitals only, no vowel needed. */
static int is_acronym(const char *w, size_t n)
{
    int d = 0;
    size_t len = 0;
    for (size_t i = 0; i < n; len++) {
        if ((unsigned char)w[i] == 0xC4 && i + 1 < n && (unsigned char)w[i + 1] == 0x90) {
            d = 1;
            i += 2;
        } else if (w[i] >= 'A' && w[i] <= 'Z') {
            i++;
        } else {
            return 0;
        }
    }
    return d && len >= 2 && len <= 8;
}

/* Real words are in lower case, in capitals, or capitalised: "chÝnh", "tiÕn" are mojibake. */
static int case_ok(const char *w, size_t n)
{
    int upper_after = 0, lower_after = 0, first_lower = 0;
    size_t i = 0;
    for (int k = 0; i < n; k++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0) return 0;
        i += (size_t)l;
        int up = utf8proc_isupper(cp), lo = utf8proc_islower(cp);
        if (k == 0) first_lower = lo;
        else if (up) upper_after = 1;
        else if (lo) lower_after = 1;
    }
    return !(upper_after && (lower_after || first_lower));
}

static int word_valid(const char *w, size_t n)
{
    if (is_acronym(w, n)) return 1;
    return case_ok(w, n) && text_vi_syllable(w, n);
}

/* Scores the words of a UTF-8 string that hold a non-ASCII character. */
static struct score score_text(const char *s)
{
    struct score sc = {0, 0, 0};
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t b = i;
        int nonascii = 0;
        while (i < n) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) cp = 0xFFFD, k = 1;
            if (is_separator(cp)) break;
            if (cp >= 0x80) nonascii = 1;
            i += (size_t)k;
        }
        if (i > b && nonascii) {
            if (word_valid(s + b, i - b)) {
                sc.valid++;
                sc.common += is_common(s + b, i - b);
            } else {
                sc.invalid++;
            }
        }
        if (i == b) { /* a separator */
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            i += k > 0 ? (size_t)k : 1;
        }
    }
    return sc;
}

static int score_value(struct score s)
{
    return s.valid - s.invalid;
}

/* Every scored word a valid syllable, and at least one. */
static int score_clean(struct score s)
{
    return s.valid > 0 && s.invalid == 0;
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

/* The units of in: its bytes when it is not UTF-8; else each character that a Windows-1252
 * (or Latin-1) step could have made from one byte as that byte, any other kept.
 * *high = some unit is a byte ≥ 0x80; *kept = some character is kept. */
static uint32_t *units_of(const char *in, size_t n, size_t *nu, int *high, int *kept)
{
    *high = *kept = 0;
    if (!text_valid_utf8(in, n)) {
        *nu = n;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)in[i] >= 0x80) *high = 1;
        return units_of_bytes(in, n);
    }
    uint32_t *u = xmalloc((n ? n : 1) * sizeof *u);
    size_t o = 0;
    utf8proc_ssize_t i = 0;
    while ((size_t)i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)n - i, &cp);
        int byte = cp1252_byte((uint32_t)cp);
        if (byte < 0) {
            u[o++] = UNIT_KEEP | (uint32_t)cp;
            *kept = 1;
        } else {
            u[o++] = (uint32_t)byte;
            if (byte >= 0x80) *high = 1;
        }
        i += k;
    }
    *nu = o;
    return u;
}

static char *decode_units(const uint32_t *u, size_t n, enum legacy_enc enc)
{
    switch (enc) {
    case LEGACY_TCVN3: return tcvn3_units(u, n, 0);
    case LEGACY_TCVN3_CAPS: return tcvn3_units(u, n, 1);
    case LEGACY_VNI: return vni_units(u, n);
    case LEGACY_NONE: break;
    }
    return NULL;
}

char *text_legacy_convert(const char *in, size_t n, enum legacy_enc enc)
{
    if (memchr(in, '\0', n)) return NULL;
    if (enc == LEGACY_NONE) { /* as it stands, but NFC as promised: U+1FC9 is U+0388 */
        if (!text_valid_utf8(in, n)) return NULL;
        char *copy = xstrndup(in, n);
        char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)copy);
        free(copy);
        return nfc;
    }
    size_t nu;
    int high, kept;
    uint32_t *u = units_of(in, n, &nu, &high, &kept);
    char *s = decode_units(u, nu, enc);
    free(u);
    return s;
}

/* The decision on the three readings (raw = NULL when the input is not UTF-8). */
static void decide(const struct score *raw, struct score t, struct score v, struct legacy_guess *g)
{
    g->enc = LEGACY_NONE;
    g->unsure = 0;
    if (raw && score_clean(*raw)) return; /* reads as Vietnamese already ("Cà Mau") */
    int ct = score_clean(t), cv = score_clean(v);
    if (ct && cv) { /* both: more words, then more frequent words; a tie is unsure */
        int tv = t.valid != v.valid ? t.valid - v.valid : t.common - v.common;
        g->unsure = tv == 0;
        g->enc = tv >= 0 ? LEGACY_TCVN3 : LEGACY_VNI;
        return;
    }
    if (ct || cv) {
        g->enc = ct ? LEGACY_TCVN3 : LEGACY_VNI;
        return;
    }
    /* no clean reading: the better count, if it looks like Vietnamese */
    struct score best = score_value(v) > score_value(t) ? v : t;
    enum legacy_enc enc = score_value(v) > score_value(t) ? LEGACY_VNI : LEGACY_TCVN3;
    int floor = raw && score_value(*raw) > 0 ? score_value(*raw) : 0;
    int dominates = raw && best.valid > raw->valid && best.invalid < raw->invalid;
    if ((score_value(best) > floor && best.valid >= 3 * best.invalid) || dominates) {
        g->enc = enc;
        g->unsure = best.valid < 10 * best.invalid;
        return;
    }
    /* left as it is; unsure when a reading finds more Vietnamese than the text shows */
    if (best.valid > (raw ? raw->valid : 0)) {
        g->unsure = 1;
        g->guess = enc;
    }
}

int text_legacy_detect(const char *in, size_t n, struct legacy_guess *g)
{
    g->enc = g->guess = LEGACY_NONE;
    g->unsure = 0;
    if (memchr(in, '\0', n)) return DV_EINVAL;
    int utf8 = text_valid_utf8(in, n);
    if (utf8 && has_vietnamese_letter(in, n)) return 0;
    size_t nu;
    int high, kept;
    uint32_t *u = units_of(in, n, &nu, &high, &kept);
    if (high && !kept) {
        char *t = tcvn3_units(u, nu, 0), *v = vni_units(u, nu);
        struct score st = score_text(t), sv = score_text(v);
        free(t);
        free(v);
        if (utf8) {
            char *asis = xstrndup(in, n);
            struct score so = score_text(asis);
            free(asis);
            decide(&so, st, sv, g);
        } else {
            decide(NULL, st, sv, g);
        }
        if (g->enc != LEGACY_NONE) g->guess = g->enc;
    }
    free(u);
    return 0;
}

int text_legacy_to_unicode(const char *in, size_t n, char **out)
{
    *out = NULL;
    struct legacy_guess g;
    if (text_legacy_detect(in, n, &g) != 0) return DV_EINVAL;
    if (g.enc != LEGACY_NONE) {
        *out = text_legacy_convert(in, n, g.enc);
        return 1;
    }
    return text_valid_utf8(in, n) ? 0 : DV_EINVAL;
}
