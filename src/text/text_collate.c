/* text_collate.c - Vietnamese collation: a sort key compared byte by byte (strcmp) that
 * orders by the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
 * v x y), then by tone (none, huyền, hỏi, ngã, sắc, nặng), then by case (lower first).
 * Runs of digits compare by value ("Phường 2" before "Phường 10"); whitespace runs count
 * as one space, which sorts before any letter. Every list of units sorts with it, in C
 * (text_collate) and in SQL (the "vi" collation registered in db_sqlite.c). */
#include "text/text.h"
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Levels are written one after another, separated by 0x01; every weight is >= 0x02, so a
 * key that is a prefix of another at a level sorts first. */
enum { SEP = 0x01, W_SPACE = 0x02, W_PUNCT = 0x03, W_DIGITS = 0x04, W_LETTER = 0x20, W_OTHER = 0x7f };

enum { MOD_NONE, MOD_BREVE, MOD_HAT, MOD_HORN, MOD_STROKE };

static const struct {
    char base;
    char mod;
} alphabet[] = {
    {'a', MOD_NONE}, {'a', MOD_BREVE}, {'a', MOD_HAT}, {'b', MOD_NONE}, {'c', MOD_NONE}, {'d', MOD_NONE},
    {'d', MOD_STROKE}, {'e', MOD_NONE}, {'e', MOD_HAT}, {'f', MOD_NONE}, {'g', MOD_NONE}, {'h', MOD_NONE},
    {'i', MOD_NONE}, {'j', MOD_NONE}, {'k', MOD_NONE}, {'l', MOD_NONE}, {'m', MOD_NONE}, {'n', MOD_NONE},
    {'o', MOD_NONE}, {'o', MOD_HAT}, {'o', MOD_HORN}, {'p', MOD_NONE}, {'q', MOD_NONE}, {'r', MOD_NONE},
    {'s', MOD_NONE}, {'t', MOD_NONE}, {'u', MOD_NONE}, {'u', MOD_HORN}, {'v', MOD_NONE}, {'w', MOD_NONE},
    {'x', MOD_NONE}, {'y', MOD_NONE}, {'z', MOD_NONE},
};

/* The primary weight of a letter; a modifier Vietnamese does not have (ĉ, ŭ) is ignored. */
static int letter_weight(int base, int mod)
{
    for (int pass = 0; pass < 2; pass++, mod = MOD_NONE)
        for (size_t i = 0; i < sizeof alphabet / sizeof *alphabet; i++)
            if (alphabet[i].base == base && alphabet[i].mod == mod) return W_LETTER + (int)i;
    return W_OTHER;
}

static int tone_of(utf8proc_int32_t mark)
{
    switch (mark) {
    case 0x0300: return 1; /* huyền */
    case 0x0309: return 2; /* hỏi */
    case 0x0303: return 3; /* ngã */
    case 0x0301: return 4; /* sắc */
    case 0x0323: return 5; /* nặng */
    default: return -1;
    }
}

static int mod_of(utf8proc_int32_t mark)
{
    switch (mark) {
    case 0x0306: return MOD_BREVE;
    case 0x0302: return MOD_HAT;
    case 0x031B: return MOD_HORN;
    default: return -1;
    }
}

struct levels {
    dv_buf prim, tone, kase;
};

/* A code point that is not a Latin letter or digit: its own primary weight, encoded in
 * three 7-bit bytes (never 0, never below the letters). */
static void put_other(struct levels *l, utf8proc_int32_t c)
{
    buf_putc(&l->prim, (char)W_OTHER);
    buf_putc(&l->prim, (char)(0x80 | ((c >> 14) & 0x7f)));
    buf_putc(&l->prim, (char)(0x80 | ((c >> 7) & 0x7f)));
    buf_putc(&l->prim, (char)(0x80 | (c & 0x7f)));
}

/* Digits d[0..n): by value, then as written ("02" after "2" at the tone level). */
static void put_digits(struct levels *l, const char *d, size_t n)
{
    size_t z = 0;
    while (z + 1 < n && d[z] == '0') z++;
    size_t sig = n - z;
    buf_putc(&l->prim, (char)W_DIGITS);
    buf_putc(&l->prim, (char)(0x02 + (sig > 200 ? 200 : sig)));
    for (size_t i = z; i < n; i++) buf_putc(&l->prim, d[i]);
    buf_putc(&l->tone, (char)(0x02 + (z > 200 ? 200 : z)));
}

char *text_collate_key(const char *s)
{
    size_t n = strlen(s);
    if (!text_valid_utf8(s, n)) return NULL;
    utf8proc_uint8_t *nfd = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfd,
                                        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE);
    if (len < 0) return NULL;
    struct levels l = {DV_BUF_INIT, DV_BUF_INIT, DV_BUF_INIT};
    char digits[64];
    size_t nd = 0;
    int space = 0;
    utf8proc_ssize_t i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(nfd + i, len - i, &c);
        if (k <= 0) break;
        i += k;
        if (c >= '0' && c <= '9') {
            if (nd == sizeof digits) {
                put_digits(&l, digits, nd);
                nd = 0;
            }
            digits[nd++] = (char)c;
            continue;
        }
        if (nd) {
            put_digits(&l, digits, nd);
            nd = 0;
        }
        int cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_MN) continue; /* a mark not after a letter */
        if (c < 0x21 || cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP) {
            space = l.prim.len > 0;
            continue;
        }
        if (space) buf_putc(&l.prim, (char)W_SPACE);
        space = 0;
        utf8proc_int32_t lower = utf8proc_tolower(c);
        int upper = lower != c;
        int base = -1, mod = MOD_NONE;
        if (lower >= 'a' && lower <= 'z') base = (int)lower;
        else if (lower == 0x0111 || lower == 0x00F0) base = 'd', mod = MOD_STROKE;
        if (base < 0) {
            if (c < 0x80) {
                buf_putc(&l.prim, (char)W_PUNCT);
                buf_putc(&l.prim, (char)c);
            } else put_other(&l, c);
            continue;
        }
        /* the marks that follow: modifiers change the letter, tones are the second level */
        int tone = 0;
        while (i < len) {
            utf8proc_int32_t m;
            utf8proc_ssize_t km = utf8proc_iterate(nfd + i, len - i, &m);
            if (km <= 0 || utf8proc_category(m) != UTF8PROC_CATEGORY_MN) break;
            i += km;
            int t = tone_of(m), md = mod_of(m);
            if (t >= 0) tone = t;
            else if (md >= 0 && mod == MOD_NONE) mod = md;
        }
        buf_putc(&l.prim, (char)letter_weight(base, mod));
        buf_putc(&l.tone, (char)(0x02 + tone));
        buf_putc(&l.kase, (char)(upper ? 0x03 : 0x02));
    }
    if (nd) put_digits(&l, digits, nd);
    free(nfd);
    buf_putc(&l.prim, (char)SEP);
    buf_append(&l.prim, l.tone.data, l.tone.len);
    buf_putc(&l.prim, (char)SEP);
    buf_append(&l.prim, l.kase.data, l.kase.len);
    buf_free(&l.tone);
    buf_free(&l.kase);
    return buf_detach(&l.prim);
}

int text_collate(const char *a, const char *b)
{
    if (!a) a = "";
    if (!b) b = "";
    char *ka = text_collate_key(a), *kb = text_collate_key(b);
    int c;
    if (ka && kb) c = strcmp(ka, kb);
    else c = strcmp(a, b); /* invalid UTF-8: byte order */
    free(ka);
    free(kb);
    return c < 0 ? -1 : c > 0;
}
