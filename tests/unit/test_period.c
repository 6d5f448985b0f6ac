/* test_period.c - period arithmetic: the default data closing windows by the Vietnamese
 * convention (January, quarters, 6 and 9 months, the year, leap years), labels in both
 * languages, and the ISO date helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "report/period.h"

static void win(enum period_freq f, int y, int s, const char *start, const char *end)
{
    char a[11], b[11];
    assert_int_equal(period_default_window(f, y, s, a, b), 0);
    assert_string_equal(a, start);
    assert_string_equal(b, end);
}

static void test_month_windows(void **state)
{
    (void)state;
    win(FREQ_MONTH, 2025, 1, "2024-12-15", "2025-01-14");
    win(FREQ_MONTH, 2025, 2, "2025-01-15", "2025-02-14");
    win(FREQ_MONTH, 2025, 3, "2025-02-15", "2025-03-14");
    win(FREQ_MONTH, 2024, 3, "2024-02-15", "2024-03-14"); /* leap year: 15/02 window spans 29/02 */
    win(FREQ_MONTH, 2025, 12, "2025-11-15", "2025-12-14");
    win(FREQ_MONTH, 2026, 1, "2025-12-15", "2026-01-14");
    /* consecutive months tile the year without a gap */
    for (int m = 1; m < 12; m++) {
        char a[11], b[11], c[11], d[11], next[11];
        period_default_window(FREQ_MONTH, 2024, m, a, b);
        period_default_window(FREQ_MONTH, 2024, m + 1, c, d);
        date_add_days(b, 1, next);
        assert_string_equal(next, c);
    }
    char a[11], b[11];
    assert_int_equal(period_default_window(FREQ_MONTH, 2025, 0, a, b), DV_EINVAL);
    assert_int_equal(period_default_window(FREQ_MONTH, 2025, 13, a, b), DV_EINVAL);
    assert_int_equal(period_default_window(FREQ_THEMATIC, 2025, 1, a, b), DV_EINVAL);
}

static void test_longer_windows(void **state)
{
    (void)state;
    win(FREQ_QUARTER, 2025, 1, "2024-12-15", "2025-03-14");
    win(FREQ_QUARTER, 2025, 2, "2025-03-15", "2025-06-14");
    win(FREQ_QUARTER, 2025, 3, "2025-06-15", "2025-09-14");
    win(FREQ_QUARTER, 2025, 4, "2025-09-15", "2025-12-14");
    win(FREQ_HALF, 2025, 1, "2024-12-15", "2025-06-14");
    win(FREQ_NINE_MONTHS, 2025, 1, "2024-12-15", "2025-09-14");
    win(FREQ_YEAR, 2025, 1, "2024-12-15", "2025-12-14");
    win(FREQ_YEAR, 2000, 1, "1999-12-15", "2000-12-14");
    char a[11], b[11];
    assert_int_equal(period_default_window(FREQ_HALF, 2025, 2, a, b), DV_EINVAL);
    assert_int_equal(period_default_window(FREQ_QUARTER, 2025, 5, a, b), DV_EINVAL);
    assert_int_equal(period_per_year(FREQ_MONTH), 12);
    assert_int_equal(period_per_year(FREQ_ADHOC), 0);
}

static void test_dates(void **state)
{
    (void)state;
    char o[11];
    assert_true(date_valid("2024-02-29"));
    assert_false(date_valid("2025-02-29"));
    assert_false(date_valid("1900-02-29"));
    assert_true(date_valid("2000-02-29"));
    assert_false(date_valid("2025-13-01"));
    assert_false(date_valid("2025-1-01"));
    assert_false(date_valid(NULL));
    assert_int_equal(date_add_days("2024-02-28", 1, o), 0);
    assert_string_equal(o, "2024-02-29");
    date_add_days("2025-02-28", 1, o);
    assert_string_equal(o, "2025-03-01");
    date_add_days("2025-12-14", 5, o);
    assert_string_equal(o, "2025-12-19");
    date_add_days("2025-12-31", 1, o);
    assert_string_equal(o, "2026-01-01");
    date_add_days("2025-01-01", -1, o);
    assert_string_equal(o, "2024-12-31");
    date_add_days("2025-06-14", 10, o);
    assert_string_equal(o, "2025-06-24");
    assert_int_equal(date_add_days("bad", 1, o), DV_EINVAL);
    assert_int_equal(date_diff_days("2024-12-15", "2025-12-14"), 364);
    assert_int_equal(date_diff_days("2023-12-15", "2024-12-14"), 365); /* leap year */
    assert_int_equal(date_diff_days("2025-03-01", "2025-02-28"), -1);
    assert_true(date_cmp("2025-01-14", "2025-01-15") < 0);
    assert_int_equal(date_cmp("2025-01-14", "2025-01-14"), 0);
    assert_int_equal(date_to_days(1970, 1, 1), 0);
    date_from_days(0, o);
    assert_string_equal(o, "1970-01-01");
    /* Vietnam is UTC+7: 2025-06-30T17:00:00Z is already 1 July there */
    clock_vn_date(1751302800LL, o);
    assert_string_equal(o, "2025-07-01");
    clock_vn_date(1751302799LL, o);
    assert_string_equal(o, "2025-06-30");
    clock_vn_today(o);
    assert_true(date_valid(o));
    date_to_vn("2025-07-01", o);
    assert_string_equal(o, "01/07/2025");
}

static void test_labels(void **state)
{
    (void)state;
    char b[96];
    i18n_use("en");
    assert_int_equal(period_label(FREQ_MONTH, 2025, 3, b, sizeof b), 0);
    assert_string_equal(b, "March 2025");
    period_label(FREQ_QUARTER, 2025, 1, b, sizeof b);
    assert_string_equal(b, "Quarter I 2025");
    period_label(FREQ_QUARTER, 2025, 4, b, sizeof b);
    assert_string_equal(b, "Quarter IV 2025");
    period_label(FREQ_HALF, 2025, 1, b, sizeof b);
    assert_string_equal(b, "First 6 months of 2025");
    period_label(FREQ_NINE_MONTHS, 2025, 1, b, sizeof b);
    assert_string_equal(b, "9 months of 2025");
    period_label(FREQ_YEAR, 2025, 1, b, sizeof b);
    assert_string_equal(b, "Year 2025");
    assert_int_equal(period_label(FREQ_MONTH, 2025, 13, b, sizeof b), DV_EINVAL);
    assert_int_equal(period_label(FREQ_YEAR, 2025, 1, b, 4), DV_ETOOBIG);
    assert_string_equal(period_freq_code(FREQ_NINE_MONTHS), "nine_months");
    enum period_freq f;
    assert_int_equal(period_freq_parse("half", &f), 0);
    assert_int_equal(f, FREQ_HALF);
    assert_int_equal(period_freq_parse("weekly", &f), DV_EINVAL);

    i18n_use("vi");
    period_label(FREQ_MONTH, 2025, 3, b, sizeof b);
    assert_string_equal(b, "Tháng 3 năm 2025");
    period_label(FREQ_QUARTER, 2025, 1, b, sizeof b);
    assert_string_equal(b, "Quý I năm 2025");
    period_label(FREQ_HALF, 2025, 1, b, sizeof b);
    assert_string_equal(b, "6 tháng đầu năm 2025");
    period_label(FREQ_NINE_MONTHS, 2025, 1, b, sizeof b);
    assert_string_equal(b, "9 tháng năm 2025");
    period_label(FREQ_YEAR, 2025, 1, b, sizeof b);
    assert_string_equal(b, "Năm 2025");
    /* the stored labels are the same words, built in */
    i18n_use("en");
    char c[96];
    for (int q = 1; q <= 4; q++) {
        i18n_use("vi");
        period_label(FREQ_QUARTER, 2024, q, b, sizeof b);
        i18n_use("en");
        period_label_vi(FREQ_QUARTER, 2024, q, c, sizeof c);
        assert_string_equal(b, c);
    }
    for (int m = 1; m <= 12; m++) {
        i18n_use("vi");
        period_label(FREQ_MONTH, 2026, m, b, sizeof b);
        i18n_use("en");
        period_label_vi(FREQ_MONTH, 2026, m, c, sizeof c);
        assert_string_equal(b, c);
    }
    period_label_vi(FREQ_MONTH, 2026, 1, b, sizeof b);
    assert_string_equal(b, "Tháng 1 năm 2026");
    period_label_vi(FREQ_HALF, 2026, 1, b, sizeof b);
    assert_string_equal(b, "6 tháng đầu năm 2026");
    assert_string_equal(i18n_lang(), "en");
}

int main(void)
{
    if (i18n_init(NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_month_windows),
        cmocka_unit_test(test_longer_windows),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
