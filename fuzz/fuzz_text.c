/* fuzz_text.c - libFuzzer target: every untrusted string goes through text_clean, text_fold,
 * text_slug and text_date_parse; none may crash, and their outputs must be valid UTF-8. */
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    char *clean = NULL;
    if (text_clean(s, size, (int)(size & 1), &clean) == 0) {
        if (!text_valid_utf8(clean, strlen(clean))) abort();
        char *fold = text_fold(clean);
        char *slug = text_slug(clean);
        if (fold && !text_valid_utf8(fold, strlen(fold))) abort();
        if (slug && strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(slug)) abort();
        free(fold);
        free(slug);
        free(clean);
    }
    int y, m, d;
    text_date_parse(s, &y, &m, &d);
    free(s);
    return 0;
}
