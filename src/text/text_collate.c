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

/* A stream over the text in decomposed form (each source code point decomposed on its own,
 * no allocation), giving one collation element at a time: its primary bytes, and its tone
 * and case weights. text_collate_key writes every level; text_collate compares primary
 * bytes as they come and builds the full keys only when the letters tie. */
struct gen {
    const utf8proc_uint8_t *p, *end;
    utf8proc_int32_t q[16];   /* the current source code point, decomposed */
    utf8proc_ssize_t nq, iq;
    int started, space;       /* a primary weight was written; a space is pending */
};

static int gen_fill(struct gen *g)
{
    while (g->iq >= g->nq) {
        if (g->p >= g->end) return 0;
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(g->p, g->end - g->p, &c);
        if (k <= 0) return 0; /* checked valid before */
        g->p += k;
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(c, g->q, 16, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
        if (n < 0 || n > 16) {
            g->q[0] = c;
            n = 1;
        }
        g->nq = n;
        g->iq = 0;
    }
    return 1;
}

static int gen_peek(struct gen *g, utf8proc_int32_t *c)
{
    if (!gen_fill(g)) return 0;
    *c = g->q[g->iq];
    return 1;
}

static void gen_skip(struct gen *g)
{
    g->iq++;
}

/* One element: primary bytes into prim[] (returns their count, 0 at the end), tone and
 * case weights (0 when the element has none). */
static size_t gen_next(struct gen *g, unsigned char prim[64], int *tone_w, int *case_w)
{
    utf8proc_int32_t c;
    *tone_w = *case_w = 0;
    for (;;) {
        if (!gen_peek(g, &c)) return 0;
        int cat = utf8proc_category(c);
        if (c >= '0' && c <= '9') break;
        if (cat == UTF8PROC_CATEGORY_MN) { /* a mark not after a letter */
            gen_skip(g);
            continue;
        }
        if (c < 0x21 || cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP) {
            g->space = g->started;
            gen_skip(g);
            continue;
        }
        break;
    }
    size_t k = 0;
    if (g->space) prim[k++] = W_SPACE;
    g->space = 0;
    g->started = 1;
    if (c >= '0' && c <= '9') {
        /* a digit run: by value (count of significant digits, then the digits); leading
         * zeros at the tone level */
        char d[48];
        size_t nd = 0, zeros = 0;
        while (gen_peek(g, &c) && c >= '0' && c <= '9' && nd < sizeof d) {
            d[nd++] = (char)c;
            gen_skip(g);
        }
        while (zeros + 1 < nd && d[zeros] == '0') zeros++;
        size_t sig = nd - zeros;
        prim[k++] = W_DIGITS;
        prim[k++] = (unsigned char)(0x02 + sig);
        for (size_t i = zeros; i < nd; i++) prim[k++] = (unsigned char)d[i];
        *tone_w = 0x02 + (int)zeros;
        return k;
    }
    gen_skip(g);
    utf8proc_int32_t lower = utf8proc_tolower(c);
    int base = -1, mod = MOD_NONE;
    if (lower >= 'a' && lower <= 'z') base = (int)lower;
    else if (lower == 0x0111 || lower == 0x00F0) base = 'd', mod = MOD_STROKE;
    if (base < 0) {
        if (c < 0x80) {
            prim[k++] = W_PUNCT;
            prim[k++] = (unsigned char)c;
        } else {
            prim[k++] = W_OTHER;
            prim[k++] = (unsigned char)(0x80 | ((c >> 14) & 0x7f));
            prim[k++] = (unsigned char)(0x80 | ((c >> 7) & 0x7f));
            prim[k++] = (unsigned char)(0x80 | (c & 0x7f));
        }
        return k;
    }
    /* the marks that follow: modifiers change the letter, tones are the second level */
    int tone = 0;
    utf8proc_int32_t m;
    while (gen_peek(g, &m) && utf8proc_category(m) == UTF8PROC_CATEGORY_MN) {
        gen_skip(g);
        int t = tone_of(m), md = mod_of(m);
        if (t >= 0) tone = t;
        else if (md >= 0 && mod == MOD_NONE) mod = md;
    }
    prim[k++] = (unsigned char)letter_weight(base, mod);
    *tone_w = 0x02 + tone;
    *case_w = lower != c ? 0x03 : 0x02;
    return k;
}

static void gen_init(struct gen *g, const char *s)
{
    memset(g, 0, sizeof *g);
    g->p = (const utf8proc_uint8_t *)s;
    g->end = g->p + strlen(s);
}

char *text_collate_key(const char *s)
{
    if (!text_valid_utf8(s, strlen(s))) return NULL;
    struct gen g;
    gen_init(&g, s);
    dv_buf prim = DV_BUF_INIT, tone = DV_BUF_INIT, kase = DV_BUF_INIT;
    unsigned char el[64];
    size_t k;
    int t, c;
    while ((k = gen_next(&g, el, &t, &c)) > 0) {
        buf_append(&prim, el, k);
        if (t) buf_putc(&tone, (char)t);
        if (c) buf_putc(&kase, (char)c);
    }
    buf_putc(&prim, (char)SEP);
    buf_append(&prim, tone.data, tone.len);
    buf_putc(&prim, (char)SEP);
    buf_append(&prim, kase.data, kase.len);
    buf_free(&tone);
    buf_free(&kase);
    return buf_detach(&prim);
}

/* Full keys: only when the letters tie (tones, case or leading zeros decide). */
static int collate_full(const char *a, const char *b)
{
    char *ka = text_collate_key(a), *kb = text_collate_key(b);
    int c = strcmp(ka ? ka : "", kb ? kb : "");
    free(ka);
    free(kb);
    return c < 0 ? -1 : c > 0;
}

int text_collate(const char *a, const char *b)
{
    if (!a) a = "";
    if (!b) b = "";
    if (!text_valid_utf8(a, strlen(a)) || !text_valid_utf8(b, strlen(b))) {
        int c = strcmp(a, b); /* invalid UTF-8: byte order */
        return c < 0 ? -1 : c > 0;
    }
    struct gen ga, gb;
    gen_init(&ga, a);
    gen_init(&gb, b);
    unsigned char ea[64], eb[64];
    size_t na = 0, nb = 0, ia = 0, ib = 0;
    int t, c;
    /* compare the primary byte streams lazily: most names differ in their first letters */
    for (;;) {
        if (ia == na) {
            na = gen_next(&ga, ea, &t, &c);
            ia = 0;
        }
        if (ib == nb) {
            nb = gen_next(&gb, eb, &t, &c);
            ib = 0;
        }
        if (na == 0 || nb == 0) {
            if (na != nb) return na == 0 ? -1 : 1; /* the shorter sorts first (SEP < weights) */
            return collate_full(a, b);
        }
        if (ea[ia] != eb[ib]) return ea[ia] < eb[ib] ? -1 : 1;
        ia++;
        ib++;
    }
}
