/* text_clean.c - turn untrusted input into clean text: valid UTF-8, NFC, no control
 * characters, normalised newlines, trimmed. */
#include "text/text.h"
#include "core/buf.h"
#include "core/err.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Bidi embeddings/overrides/isolates: invisible, and used to disguise text. */
static int is_bidi_control(utf8proc_int32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int is_control(utf8proc_int32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || is_bidi_control(c);
}

static int is_line_break(utf8proc_int32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

/* Whitespace trimmed from both ends (before the control check, so a pasted trailing
 * tab or newline is dropped rather than rejected in a one-line field). */
static int is_space(utf8proc_int32_t c)
{
    if ((c >= '\t' && c <= '\r') || c == 0x2028 || c == 0x2029 || c == 0xFEFF ||
        c == 0x200B)
        return 1;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Copy in[0..n) to out, rejecting control characters and normalising newlines. */
static int filter_controls(const char *in, size_t n, int multiline, dv_buf *out)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || c < 0) return DV_EINVAL;
        i += (size_t)k;
        if (is_line_break(c)) {
            if (!multiline) return DV_EINVAL;
            if (c == '\r' && i < n && in[i] == '\n') i++;
            buf_putc(out, '\n');
            continue;
        }
        if (is_control(c) && !(multiline && c == '\t')) return DV_EINVAL;
        buf_append(out, in + i - (size_t)k, (size_t)k);
    }
    return DV_OK;
}

/* Byte bounds [*start, *end) of the valid UTF-8 s[0..n) without edge whitespace. */
static void trim_bounds(const char *s, size_t n, size_t *start, size_t *end)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, last = 0;
    int seen = 0;
    *start = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) break; /* cannot happen: already validated */
        if (!is_space(c)) {
            if (!seen) *start = i;
            seen = 1;
            last = i + (size_t)k;
        }
        i += (size_t)k;
    }
    if (!seen) *start = 0;
    *end = seen ? last : 0;
}

/* Printable ASCII needs no more than trimming: no controls, and NFC leaves it alone (most
 * form values: numbers, codes, dates). */
static int printable_ascii(const char *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)in[i] < 0x20 || (unsigned char)in[i] > 0x7E) return 0;
    return 1;
}

int text_clean(const char *in, size_t n, int multiline, char **out)
{
    *out = NULL;
    if (in && printable_ascii(in, n)) {
        size_t start = 0, end = n;
        while (start < end && in[start] == ' ') start++;
        while (end > start && in[end - 1] == ' ') end--;
        *out = xstrndup(in + start, end - start);
        return DV_OK;
    }
    if (!in || !text_valid_utf8(in, n)) return DV_EINVAL;
    size_t start, end;
    trim_bounds(in, n, &start, &end);
    dv_buf b = DV_BUF_INIT;
    int rc = filter_controls(in + start, end - start, multiline, &b);
    if (rc != DV_OK) {
        buf_free(&b);
        return rc;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)buf_cstr(&b),
                                        (utf8proc_ssize_t)b.len, &nfc,
                                        UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    buf_free(&b);
    if (len < 0) return DV_EINVAL;
    *out = xstrndup((const char *)nfc, (size_t)len);
    free(nfc);
    return DV_OK;
}
