/* fuzz_docx.c - the DOCX text extraction of the directive registry (document_docx_text:
 * libzip + libxml2), fed an uploaded file. Zip bombs, broken zips, broken XML, entities and
 * deep nesting must be refused or read within bounds, never crash or run away.
 * Properties: a text read is UTF-8 and at most 1 MB (the reader's DOCX_TEXT_MAX, cut at a
 * character's start); a body over 8 MB inflated is refused before it is inflated. */
#include "fuzz.h"

#include "core/arena.h"
#include "core/err.h"
#include "directive/directive.h"
#include "text/text.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20)) return 0;
    dv_arena *a = arena_new();
    const char *text = NULL;
    int rc = document_docx_text(a, data, size, &text);
    if (rc == DV_OK) {
        FUZZ_ASSERT(text != NULL, "a text read is there");
        size_t n = strlen(text);
        FUZZ_ASSERT(n <= (1u << 20), "the text is at most DOCX_TEXT_MAX");
        FUZZ_ASSERT(text_valid_utf8(text, n), "the text is UTF-8");
    } else {
        FUZZ_ASSERT(rc == DV_EINVAL, "a file that is not a DOCX is refused as invalid");
    }
    arena_free(a);
    return 0;
}
