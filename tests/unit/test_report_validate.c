/* test_report_validate.c - the report value checks shared by the web form and the XLSX
 * upload: number forms (Vietnamese "1.234,5" and plain "1234.5"), percent bounds, bool,
 * dates, text length, required fields, and rules between values (message beside the left
 * field, disaggregated sums). No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "report/report_validate.h"

static const char *parse_err(enum report_ind_type t, const char *raw, double *num, int *empty)
{
    dv_arena *a = arena_new();
    struct report_value v;
    memset(&v, 0, sizeof v);
    int e = 0;
    const char *err = report_value_parse(a, t, raw, &e, &v);
    if (num) *num = v.num;
    if (empty) *empty = e;
    arena_free(a);
    return err;
}

static void numbers(void **state)
{
    (void)state;
    double d;
    assert_null(parse_err(RIT_INT, "1234", &d, NULL));
    assert_true(d == 1234);
    assert_null(parse_err(RIT_INT, "1.234", &d, NULL));
    assert_true(d == 1234);
    assert_null(parse_err(RIT_INT, "1.234.567", &d, NULL));
    assert_true(d == 1234567);
    assert_null(parse_err(RIT_INT, " 12 ", &d, NULL));
    assert_true(d == 12);
    assert_non_null(parse_err(RIT_INT, "12,5", &d, NULL));
    assert_non_null(parse_err(RIT_INT, "abc", &d, NULL));
    assert_non_null(parse_err(RIT_INT, "1.23", &d, NULL));
    assert_non_null(parse_err(RIT_INT, "-3", &d, NULL));
    assert_non_null(parse_err(RIT_INT, "1 234", &d, NULL));

    assert_null(parse_err(RIT_DECIMAL, "1.234,5", &d, NULL));
    assert_true(fabs(d - 1234.5) < 1e-9);
    assert_null(parse_err(RIT_DECIMAL, "1234.5", &d, NULL));
    assert_true(fabs(d - 1234.5) < 1e-9);
    assert_null(parse_err(RIT_DECIMAL, "1234,5", &d, NULL));
    assert_true(fabs(d - 1234.5) < 1e-9);
    assert_null(parse_err(RIT_DECIMAL, "1,234.5", &d, NULL));
    assert_true(fabs(d - 1234.5) < 1e-9);
    assert_null(parse_err(RIT_DECIMAL, "0,25", &d, NULL));
    assert_true(fabs(d - 0.25) < 1e-9);
    assert_non_null(parse_err(RIT_DECIMAL, "1,2,3.4", &d, NULL));
    assert_non_null(parse_err(RIT_DECIMAL, ",5", &d, NULL));
    assert_non_null(parse_err(RIT_DECIMAL, "5,", &d, NULL));
    assert_non_null(parse_err(RIT_DECIMAL, "12.34.5", &d, NULL));
    assert_non_null(parse_err(RIT_DECIMAL, "1e5", &d, NULL));

    assert_null(parse_err(RIT_PERCENT, "99,5", &d, NULL));
    assert_true(fabs(d - 99.5) < 1e-9);
    assert_null(parse_err(RIT_PERCENT, "100%", &d, NULL));
    assert_true(d == 100);
    assert_non_null(parse_err(RIT_PERCENT, "100,1", &d, NULL));
}

static void other_types(void **state)
{
    (void)state;
    double d;
    int empty;
    assert_null(parse_err(RIT_BOOL, "Có", &d, NULL));
    assert_true(d == 1);
    assert_null(parse_err(RIT_BOOL, "0", &d, NULL));
    assert_true(d == 0);
    assert_non_null(parse_err(RIT_BOOL, "maybe", &d, NULL));
    assert_null(parse_err(RIT_DATE, "05/03/2025", &d, NULL));
    assert_true(d == 20250305);
    assert_non_null(parse_err(RIT_DATE, "31/02/2025", &d, NULL));
    assert_null(parse_err(RIT_INT, "   ", &d, &empty));
    assert_int_equal(empty, 1);
    char *big = malloc(REPORT_TEXT_MAX + 2);
    memset(big, 'a', REPORT_TEXT_MAX + 1);
    big[REPORT_TEXT_MAX + 1] = 0;
    assert_non_null(parse_err(RIT_TEXT, big, &d, NULL));
    big[REPORT_TEXT_MAX] = 0;
    assert_null(parse_err(RIT_TEXT, big, &d, NULL));
    free(big);
}

/* A tiny definition: I01 total (int, required), I02 part (int) ≤ I01, I03 by
 * organisation (two cells) ≤ I01, I04 percent, I05 text; one section. */
static const struct report_def_option opts[] = {{11, "MT", "Mặt trận"}, {12, "HPN", "Hội Phụ nữ"}};
static const struct report_def_indicator inds[] = {
    {1, "I01", "Tổng", RIT_INT, "int", NULL, 1, NULL, 0, NULL},
    {2, "I02", "Một phần", RIT_INT, "int", NULL, 0, NULL, 0, NULL},
    {3, "I03", "Theo tổ chức", RIT_INT, "int", NULL, 0, opts, 2, NULL},
    {4, "I04", "Tỷ lệ", RIT_PERCENT, "percent", "%", 0, NULL, 0, NULL},
    {5, "I05", "Ghi chú", RIT_TEXT, "text", NULL, 0, NULL, 0, NULL},
};
static const struct report_def_rule rules[] = {
    {"I02", "<=", "I01", "Phần không được lớn hơn tổng"},
    {"I03", "<=", "I01", "Tổng theo tổ chức không vượt quá tổng"},
    {"I04", ">=", "10", ""},
};
static const struct report_def_section secs[] = {{1, "Kết quả", "Nêu kết quả"}};
static const struct report_def def = {1, "T", "Test", "half", 1, 0, inds, 5, secs, 1, rules, 3, 0};

struct kv {
    const char *k, *v;
};
static const char *get(void *ctx, const char *key)
{
    for (const struct kv *p = ctx; p->k; p++)
        if (!strcmp(p->k, key)) return p->v;
    return NULL;
}

static void whole_form(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    struct report_checked c;
    struct kv ok[] = {{"v_I01", "1.000"}, {"v_I02", "400"}, {"v_I03_MT", "300"}, {"v_I03_HPN", "200"},
                      {"v_I04", "55,5"}, {"v_I05", "  ghi chú  "}, {"s_1", "Đạt kết quả tốt\r\n"}, {NULL, NULL}};
    assert_int_equal(report_validate(&def, a, get, ok, 1, &c), 0);
    assert_int_equal(c.nvalues, 6);
    assert_true(c.values[0].indicator_id == 1 && c.values[0].num == 1000);
    assert_true(c.values[2].option_id == 11 && c.values[2].num == 300);
    assert_string_equal(c.values[5].text, "ghi chú");
    assert_int_equal(c.nsections, 1);
    assert_string_equal(c.sections[0].body, "Đạt kết quả tốt");

    /* rules: part > total, cells sum > total, percent < 10 (generic message) */
    struct kv bad[] = {{"v_I01", "100"}, {"v_I02", "101"}, {"v_I03_MT", "60"}, {"v_I03_HPN", "50"},
                       {"v_I04", "5"}, {NULL, NULL}};
    assert_int_equal(report_validate(&def, a, get, bad, 1, &c), 3);
    assert_string_equal(c.errors[0].key, "v_I02");
    assert_string_equal(c.errors[0].message, "Phần không được lớn hơn tổng");
    assert_string_equal(c.errors[1].key, "v_I03_MT");
    assert_string_equal(c.errors[2].key, "v_I04");
    assert_null(c.errors[2].message);
    assert_non_null(c.errors[2].msgid);
    assert_non_null(report_checked_error(&c, "v_I02"));
    assert_null(report_checked_error(&c, "v_I01"));

    /* required only when asked; a type error wins over a rule; values typed elsewhere kept */
    struct kv missing[] = {{"v_I02", "x"}, {NULL, NULL}};
    assert_int_equal(report_validate(&def, a, get, missing, 0, &c), 1);
    assert_string_equal(c.errors[0].key, "v_I02");
    assert_int_equal(report_validate(&def, a, get, missing, 1, &c), 2);
    assert_string_equal(c.errors[0].key, "v_I01");
    arena_free(a);
}

static void formatting(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    /* thousands grouped in the language's notation */
    assert_string_equal(report_num_format(a, RIT_DECIMAL, 1234.5, "vi"), "1.234,5");
    assert_string_equal(report_num_format(a, RIT_DECIMAL, 1234.5, "en"), "1,234.5");
    assert_string_equal(report_num_format(a, RIT_INT, 1000, "vi"), "1.000");
    assert_string_equal(report_num_format(a, RIT_INT, 1250, "en"), "1,250");
    assert_string_equal(report_num_format(a, RIT_INT, 27982, NULL), "27.982");
    assert_string_equal(report_num_format(a, RIT_INT, 1234567, "vi"), "1.234.567");
    assert_string_equal(report_num_format(a, RIT_INT, 999, "vi"), "999");
    assert_string_equal(report_num_format(a, RIT_INT, 0, "vi"), "0");
    assert_string_equal(report_num_format(a, RIT_DECIMAL, 1250, "vi"), "1.250");
    assert_string_equal(report_num_format(a, RIT_DECIMAL, 0.125, "vi"), "0,125");
    assert_string_equal(report_num_format(a, RIT_DECIMAL, -1234.25, "en"), "-1,234.25");
    assert_string_equal(report_num_format(a, RIT_PERCENT, 12.5, "vi"), "12,5");
    assert_string_equal(report_num_format(a, RIT_DATE, 20250305, "vi"), "05/03/2025");
    assert_string_equal(report_num_format_round(a, 27982.456, 2, "vi"), "27.982,46");
    assert_string_equal(report_num_format_round(a, 27982.0, 2, "en"), "27,982");
    assert_string_equal(report_num_format_round(a, -0.001, 2, "vi"), "0");
    arena_free(a);
}

/* "1.250" typed is one thousand two hundred fifty in Vietnamese, and comes back so. */
static void parsing_by_language(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    struct report_value v;
    int e;
    struct {
        enum report_ind_type t;
        enum report_num_lang lang;
        const char *in;
        double want;
    } ok[] = {
        {RIT_INT, RNL_VI, "1.250", 1250},        {RIT_INT, RNL_EN, "1,250", 1250},
        {RIT_INT, RNL_EN, "1.250", 1250},        {RIT_INT, RNL_PLAIN, "1,250", 1250},
        {RIT_DECIMAL, RNL_VI, "1.250", 1250},    {RIT_DECIMAL, RNL_VI, "1,250", 1.25},
        {RIT_DECIMAL, RNL_VI, "1.25", 1.25},     {RIT_DECIMAL, RNL_VI, "0.125", 0.125},
        {RIT_DECIMAL, RNL_VI, "1.234,5", 1234.5}, {RIT_DECIMAL, RNL_EN, "1,250", 1250},
        {RIT_DECIMAL, RNL_EN, "1.250", 1.25},    {RIT_DECIMAL, RNL_EN, "1,234.5", 1234.5},
        {RIT_DECIMAL, RNL_PLAIN, "1.125", 1.125}, {RIT_DECIMAL, RNL_PLAIN, "1234.5", 1234.5},
        {RIT_DECIMAL, RNL_VI, "12345.678", 12345.678},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        const char *err = report_value_parse_in(a, ok[i].t, ok[i].in, ok[i].lang, &e, &v);
        if (err) fail_msg("%s: %s", ok[i].in, err);
        if (fabs(v.num - ok[i].want) > 1e-9) fail_msg("%s: got %g, want %g", ok[i].in, v.num, ok[i].want);
    }
    assert_non_null(report_value_parse_in(a, RIT_INT, "1.25", RNL_VI, &e, &v));
    assert_non_null(report_value_parse_in(a, RIT_INT, "1.2345", RNL_VI, &e, &v));
    /* whatever is shown parses back to the same number, in both languages */
    const double nums[] = {0, 7, 999, 1000, 1250, 27982, 1234567, 0.5, 0.125, 12.75, 1250.5, 1234567.25};
    const char *langs[] = {"vi", "en"};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
            enum report_ind_type t = nums[i] == floor(nums[i]) && i % 2 ? RIT_INT : RIT_DECIMAL;
            const char *shown = report_num_format(a, t, nums[i], langs[l]);
            const char *err = report_value_parse_in(a, t, shown, report_num_lang_of(langs[l]), &e, &v);
            if (err || fabs(v.num - nums[i]) > 1e-9) fail_msg("%s %s: %s → %g", langs[l], shown, err ? err : "", v.num);
        }
    arena_free(a);
}

/* A draft keeps values that break a rule: they come back as warnings, not errors. */
static void draft_rules_warn(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    struct report_checked c;
    struct kv bad[] = {{"v_I01", "100"}, {"v_I02", "101"}, {NULL, NULL}};
    struct report_validate_opts draft = {0, 1, RNL_VI}, submit = {1, 0, RNL_VI};
    assert_int_equal(report_validate_with(&def, a, get, bad, &draft, &c), 0);
    assert_int_equal(c.nwarnings, 1);
    assert_string_equal(c.warnings[0].key, "v_I02");
    assert_string_equal(c.warnings[0].message, "Phần không được lớn hơn tổng");
    assert_int_equal(c.nvalues, 2);
    struct report_checked stored;
    assert_int_equal(report_rule_warnings(&def, a, c.values, c.nvalues, &stored), 1);
    assert_string_equal(stored.warnings[0].key, "v_I02");
    assert_true(report_validate_with(&def, a, get, bad, &submit, &c) >= 1);
    assert_non_null(report_checked_error(&c, "v_I02"));
    assert_int_equal(c.nwarnings, 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(other_types),
        cmocka_unit_test(whole_form),
        cmocka_unit_test(formatting),
        cmocka_unit_test(parsing_by_language),
        cmocka_unit_test(draft_rules_warn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
