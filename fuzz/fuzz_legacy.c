/* fuzz_legacy.c - legacy TCVN3/VNI text (text_legacy_*). Properties: every output is valid
 * UTF-8 in NFC, and detection agrees with conversion (a text said to convert does). */
#include "fuzz.h"

#include "text/text.h"
#include "text/text_legacy.h"

#include <string.h>
#include <utf8proc.h>

static void check_nfc(const char *s, const char *what)
{
    if (!s) return;
    size_t n = strlen(s);
    FUZZ_ASSERT(text_valid_utf8(s, n), what);
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    FUZZ_ASSERT(nfc && strcmp((const char *)nfc, s) == 0, what);
    free(nfc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192) return 0;
    const char *in = (const char *)data;
    int has_nul = memchr(in, 0, size) != NULL;
    struct legacy_guess g;
    int drc = text_legacy_detect(in, size, &g);
    FUZZ_ASSERT(has_nul ? drc != 0 : drc == 0, "detect refuses exactly NUL bytes");
    char *out = NULL;
    int rc = text_legacy_to_unicode(in, size, &out);
    if (rc == 1) check_nfc(out, "to_unicode output is NFC UTF-8");
    else FUZZ_ASSERT(out == NULL, "no output unless converted");
    free(out);
    static const enum legacy_enc encs[] = {LEGACY_NONE, LEGACY_TCVN3, LEGACY_TCVN3_CAPS, LEGACY_VNI};
    for (size_t i = 0; i < 4; i++) {
        char *c = text_legacy_convert(in, size, encs[i]);
        if (has_nul) FUZZ_ASSERT(c == NULL, "a NUL byte is refused");
        check_nfc(c, "convert output is NFC UTF-8");
        free(c);
    }
    if (!has_nul) {
        char *t = text_legacy_from_tcvn3(in, size), *v = text_legacy_from_vni(in, size);
        check_nfc(t, "TCVN3 decoder output is NFC UTF-8");
        check_nfc(v, "VNI decoder output is NFC UTF-8");
        free(t);
        free(v);
    }
    (void)text_vi_syllable(in, size);
    return 0;
}
