/* fuzz_tplc.c - the template compiler (tools/tplc.c) over arbitrary template text: the
 * compiler is included whole (its main renamed) and each input is compiled as one
 * template, as tplc does after loading a file. Properties: no crash or leak; a template
 * that compiles left the HTML context in text (tpl_compile's own check). */
#include "fuzz.h"

#define main tplc_main
#include "../tools/tplc.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    struct tpl t;
    memset(&t, 0, sizeof t);
    t.path = "fuzz/input.html";
    t.src = fuzz_str(data, size);
    t.len = size;
    if (first_bad_utf8((const unsigned char *)t.src, t.len) == SIZE_MAX) {
        int rc = tpl_compile(&t);
        if (rc == 0) FUZZ_ASSERT(t.ctx.st == H_TEXT, "a compiled template ends in text");
    }
    tpl_release(&t);
    return 0;
}
