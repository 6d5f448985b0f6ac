/* fuzz_number.c - number and date parsing of report input: report_value_parse_in for every
 * indicator type in every way of writing numbers (Vietnamese "1.234,5", English, plain),
 * text_date_parse (dd/mm/yyyy), date_parse (ISO) and xlsx_ref_parse. Properties: a number
 * accepted is finite, and the figure people see (report_num_format) reads back to the same
 * value in the same language; a date accepted is a real calendar date. */
#include "fuzz.h"

#include "core/arena.h"
#include "report/entry/xlsx_read.h"
#include "report/period.h"
#include "report/report_validate.h"
#include "text/text.h"

#include <math.h>
#include <string.h>

static void check_date(int rc, int y, int m, int d)
{
    if (rc != 0) return;
    FUZZ_ASSERT(y >= 1 && y <= 9999 && m >= 1 && m <= 12, "date fields in range");
    FUZZ_ASSERT(d >= 1 && d <= date_days_in_month(y, m), "day exists in its month");
}

static void round_trip(dv_arena *a, enum report_ind_type t, enum report_num_lang l, double num)
{
    const char *lang = l == RNL_EN ? "en" : "vi";
    const char *shown = report_num_format(a, t, num, lang);
    FUZZ_ASSERT(shown != NULL, "a parsed number formats");
    int empty = 0;
    struct report_value back = {0};
    const char *err = report_value_parse_in(a, t, shown, l == RNL_PLAIN ? RNL_VI : l, &empty, &back);
    FUZZ_ASSERT(err == NULL && !empty && back.has_num, "the shown figure parses back");
    /* six decimals shown: the value read back is the one shown, within its rounding */
    double tol = 5e-7 * fmax(1.0, fabs(num)) + 5e-7;
    if (fabs(num) < 1e15) FUZZ_ASSERT(fabs(back.num - num) <= tol, "the shown figure is the value");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *s = fuzz_str(data, size);
    dv_arena *a = arena_new();
    static const enum report_ind_type types[] = {RIT_INT, RIT_DECIMAL, RIT_PERCENT, RIT_BOOL, RIT_TEXT, RIT_DATE};
    static const enum report_num_lang langs[] = {RNL_PLAIN, RNL_VI, RNL_EN};
    for (size_t ti = 0; ti < sizeof types / sizeof *types; ti++) {
        for (size_t li = 0; li < 3; li++) {
            int empty = 0;
            struct report_value v = {0};
            const char *err = report_value_parse_in(a, types[ti], s, langs[li], &empty, &v);
            if (err || empty) continue;
            if (v.has_num) {
                FUZZ_ASSERT(isfinite(v.num), "a parsed number is finite");
                if (types[ti] == RIT_INT) FUZZ_ASSERT(v.num == floor(v.num), "an integer is whole");
                if (types[ti] != RIT_BOOL && types[ti] != RIT_DATE) round_trip(a, types[ti], langs[li], v.num);
            }
            if (v.text) FUZZ_ASSERT(text_valid_utf8(v.text, strlen(v.text)), "parsed text is UTF-8");
        }
    }
    int y = 0, m = 0, d = 0;
    int rc = text_date_parse(s, &y, &m, &d);
    check_date(rc, y, m, d);
    rc = date_parse(s, &y, &m, &d);
    check_date(rc, y, m, d);
    if (date_valid(s)) {
        char out[11];
        FUZZ_ASSERT(date_add_days(s, 1, out) == 0 || strncmp(s, "9999-12-31", 10) == 0, "next day");
    }
    int row, col;
    if (xlsx_ref_parse(s, &row, &col) == 0) {
        FUZZ_ASSERT(row >= 1 && col >= 1, "a cell reference is 1-based");
        const char *ref = xlsx_ref(a, row, col);
        int r2, c2;
        FUZZ_ASSERT(ref && xlsx_ref_parse(ref, &r2, &c2) == 0 && r2 == row && c2 == col, "ref round trip");
    }
    arena_free(a);
    free(s);
    return 0;
}
