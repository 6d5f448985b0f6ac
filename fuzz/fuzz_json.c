/* fuzz_json.c - JSON API bodies (/api/…/dataValueSets): the body is read with jansson's
 * json_loadb exactly as api_write.c does, then every string and number value goes through
 * the same value check the write API applies (report_value_parse for each indicator
 * type). Properties: no crash; numbers accepted are finite; text accepted is UTF-8. */
#include "fuzz.h"

#include "core/arena.h"
#include "report/report_validate.h"
#include "text/text.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static void check_value(dv_arena *a, const json_t *v, int depth)
{
    if (depth > 64) return;
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) check_value(a, x, depth + 1);
        return;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) check_value(a, x, depth + 1);
        return;
    }
    const char *raw = NULL;
    char num[64];
    if (json_is_string(v)) raw = json_string_value(v);
    else if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), raw = num;
    else if (json_is_real(v)) snprintf(num, sizeof num, "%.17g", json_real_value(v)), raw = num;
    if (!raw) return;
    FUZZ_ASSERT(text_valid_utf8(raw, strlen(raw)), "jansson hands out UTF-8");
    for (int t = RIT_INT; t <= RIT_DATE; t++) {
        int empty = 0;
        struct report_value rv = {0};
        if (report_value_parse(a, (enum report_ind_type)t, raw, &empty, &rv) == NULL && rv.has_num)
            FUZZ_ASSERT(isfinite(rv.num), "an accepted number is finite");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    json_error_t err;
    json_t *body = json_loadb((const char *)data, size, 0, &err);
    if (!body) return 0;
    dv_arena *a = arena_new();
    check_value(a, body, 0);
    char *again = json_dumps(body, JSON_COMPACT);
    FUZZ_ASSERT(again != NULL, "a parsed body dumps");
    json_t *back = json_loads(again, 0, &err);
    FUZZ_ASSERT(back && json_equal(back, body), "dump reads back equal");
    json_decref(back);
    free(again);
    json_decref(body);
    arena_free(a);
    return 0;
}
