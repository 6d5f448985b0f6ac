/* fuzz_xlsx.c - the XLSX reader of report uploads (xlsx_read: libzip + libxml2). Zip bombs,
 * huge sheets and broken XML must be refused with a reason, never crash or run away.
 * Properties: a refusal names why; a workbook read has cells inside the limits, each with a
 * 1-based reference and UTF-8 text. */
#include "fuzz.h"

#include "core/arena.h"
#include "report/entry/xlsx_read.h"
#include "text/text.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20)) return 0;
    dv_arena *a = arena_new();
    struct xlsx_book b;
    const char *why = NULL;
    if (xlsx_read(a, data, size, &b, &why) == 0) {
        size_t cells = 0;
        for (size_t i = 0; i < b.nsheets; i++) {
            const struct xlsx_sheet *s = &b.sheets[i];
            FUZZ_ASSERT(s->name != NULL, "a sheet has a name");
            FUZZ_ASSERT(xlsx_sheet_find(&b, s->name) != NULL, "a sheet is found by name");
            for (size_t k = 0; k < s->ncells; k++) {
                const struct xlsx_cell *c = &s->cells[k];
                FUZZ_ASSERT(c->row >= 1 && c->col >= 1, "cells are 1-based");
                if (c->text) FUZZ_ASSERT(text_valid_utf8(c->text, strlen(c->text)), "cell text is UTF-8");
                (void)xlsx_cell_at(s, c->row, c->col);
            }
            cells += s->ncells;
        }
        FUZZ_ASSERT(cells <= XLSX_CELLS_MAX, "at most XLSX_CELLS_MAX cells");
    } else {
        FUZZ_ASSERT(why != NULL && *why, "a refusal says why");
    }
    arena_free(a);
    return 0;
}
