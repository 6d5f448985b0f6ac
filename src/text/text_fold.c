/* text_fold.c - search keys that ignore case and Vietnamese diacritics, and URL slugs. */
#include "text/text.h"
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int fold_is_space(utf8proc_int32_t c)
{
    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) return 1;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* One code point of the NFKD text → its folded form (-1 to drop it). */
static utf8proc_int32_t fold_char(utf8proc_int32_t c)
{
    if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN) return -1;
    /* đ/Đ and ð/Ð have no decomposition: map them by hand */
    if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0) return 'd';
    return utf8proc_tolower(c);
}

/* Append the folded code points of the NFKD string nfkd[0..n) to out. */
static void fold_append(const utf8proc_uint8_t *nfkd, size_t n, dv_buf *out)
{
    size_t i = 0;
    int pending_space = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(nfkd + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) break; /* utf8proc's own output: cannot happen */
        i += (size_t)k;
        if (fold_is_space(c)) {
            pending_space = out->len > 0;
            continue;
        }
        c = fold_char(c);
        if (c < 0) continue;
        if (pending_space) buf_putc(out, ' ');
        pending_space = 0;
        utf8proc_uint8_t enc[4];
        buf_append(out, enc, (size_t)utf8proc_encode_char(c, enc));
    }
}

char *text_fold(const char *s)
{
    size_t n = strlen(s);
    if (!text_valid_utf8(s, n)) return NULL;
    utf8proc_uint8_t *nfkd = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                        &nfkd, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                   UTF8PROC_STABLE);
    if (len < 0) return NULL;
    dv_buf out = DV_BUF_INIT;
    fold_append(nfkd, (size_t)len, &out);
    free(nfkd);
    return buf_detach(&out);
}

static int slug_keep(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Shorten slug s (length *n) to TEXT_SLUG_MAX bytes, at the last '-' if there is one. */
static void slug_cut(char *s, size_t *n)
{
    if (*n <= TEXT_SLUG_MAX) return;
    size_t cut = TEXT_SLUG_MAX;
    while (cut > 0 && s[cut] != '-') cut--;
    if (cut == 0) cut = TEXT_SLUG_MAX;
    while (cut > 0 && s[cut - 1] == '-') cut--;
    s[cut] = '\0';
    *n = cut;
}

char *text_slug(const char *s)
{
    char *folded = text_fold(s);
    if (!folded) return NULL;
    size_t n = 0;
    int dash = 0;
    for (const char *p = folded; *p; p++) {
        if (slug_keep(*p)) {
            if (dash && n > 0) folded[n++] = '-';
            dash = 0;
            folded[n++] = *p;
        } else {
            dash = 1;
        }
    }
    folded[n] = '\0';
    slug_cut(folded, &n);
    return folded;
}
