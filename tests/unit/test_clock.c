/* test_clock.c - core/clock.h: day counts both ways and the Vietnam day of an instant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"

static void test_days_known(void **state)
{
    (void)state;
    assert_int_equal(clock_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(clock_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(clock_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(clock_days_from_civil(2025, 7, 1), 20270);
    int y, m, d;
    clock_civil_from_days(20270, &y, &m, &d);
    assert_true(y == 2025 && m == 7 && d == 1);
    clock_civil_from_days(clock_days_from_civil(2024, 2, 29), &y, &m, &d);
    assert_true(y == 2024 && m == 2 && d == 29);
}

static void test_days_round_trip(void **state)
{
    (void)state;
    /* every day from 1900-03-01 to 9999-12-31 comes back as itself, one after another */
    long from = clock_days_from_civil(1900, 3, 1), to = clock_days_from_civil(9999, 12, 31);
    int py = 1900, pm = 2, pd = 28;
    for (long z = from; z <= to; z++) {
        int y, m, d;
        clock_civil_from_days(z, &y, &m, &d);
        assert_int_equal(clock_days_from_civil(y, m, d), z);
        int next = (y == py && m == pm && d == pd + 1) || (y == py && m == pm + 1 && d == 1) ||
                   (y == py + 1 && m == 1 && d == 1 && pm == 12);
        assert_true(next);
        py = y, pm = m, pd = d;
    }
}

static void test_vn_day(void **state)
{
    (void)state;
    char out[11];
    /* 17:00 UTC is midnight in Vietnam */
    long long t = (long long)clock_days_from_civil(2025, 6, 30) * 86400 + 17 * 3600;
    clock_vn_date(t - 1, out);
    assert_string_equal(out, "2025-06-30");
    clock_vn_date(t, out);
    assert_string_equal(out, "2025-07-01");
    assert_int_equal(clock_vn_day(t), clock_days_from_civil(2025, 7, 1));
    clock_vn_date(-7 * 3600 - 1, out); /* before the epoch */
    assert_string_equal(out, "1969-12-31");
    clock_vn_today(out);
    assert_int_equal(strlen(out), 10);
}

static void test_iso_and_wall_clock(void **state)
{
    (void)state;
    char out[21], text[17], day[11];
    long long t;
    assert_int_equal(clock_parse_iso_utc("2025-06-30T17:05:09Z", &t), 0);
    clock_iso_utc(t, out);
    assert_string_equal(out, "2025-06-30T17:05:09Z");
    assert_int_equal(clock_vn_datetime_text("2025-06-30T17:05:09Z", text), 0);
    assert_string_equal(text, "01/07/2025 00:05"); /* the next day in Vietnam */
    assert_int_equal(clock_vn_date_of_iso("2025-06-30T16:59Z", day), 0);
    assert_string_equal(day, "2025-06-30");
    assert_int_equal(clock_vn_date_of_iso("2025-06-30T17:00:00Z", day), 0);
    assert_string_equal(day, "2025-07-01");
    /* 09:00 on 28/05/2020 in Vietnam is 02:00 UTC; a day past the month's end carries */
    clock_iso_utc(clock_vn_instant(2020, 5, 28, 9, 0), out);
    assert_string_equal(out, "2020-05-28T02:00:00Z");
    clock_iso_utc(clock_vn_instant(2024, 12, 32, 0, 0), out);
    assert_string_equal(out, "2024-12-31T17:00:00Z");
    assert_int_equal(clock_parse_iso_utc("2025-13-01T00:00Z", &t), -1);
    assert_int_equal(clock_parse_iso_utc("30/06/2025", &t), -1);
    assert_int_equal(clock_parse_iso_utc(NULL, &t), -1);
    assert_true(clock_vn_year() >= 2025);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_known),
        cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_vn_day),
        cmocka_unit_test(test_iso_and_wall_clock),
    };
    return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
