/* text_utf8.c - UTF-8 well-formedness and code point counting. */
#include "text/text.h"

#include <utf8proc.h>

int text_valid_utf8(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        size_t left = n - i;
        if (left > 4) left = 4; /* a code point is at most 4 bytes */
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)left, &cp);
        if (k <= 0 || cp < 0) return 0;
        i += (size_t)k;
    }
    return 1;
}

size_t text_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) n++;
    return n;
}
