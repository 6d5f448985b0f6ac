/* test_decimal.c - unit tests for text/decimal.h: numbers read and written as Vietnamese
 * ("1.234,5"), English ("1,234.5") and plain text write them, and what is written reads
 * back to the same number (the "1.250" regression: in Vietnamese it is 1250 both ways). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text/decimal.h"

static double parse_ok(const char *s, int integer, enum dec_lang lang)
{
    double v = -1;
    if (dec_parse(s, integer, lang, &v) != 0) fail_msg("%s: not a number", s);
    return v;
}

static void test_parse(void **state)
{
    (void)state;
    assert_true(parse_ok("1.234,5", 0, DEC_VI) == 1234.5);
    assert_true(parse_ok("1,234.5", 0, DEC_EN) == 1234.5);
    assert_true(parse_ok("1234.5", 0, DEC_PLAIN) == 1234.5);
    assert_true(parse_ok("1.234.567", 1, DEC_VI) == 1234567);
    assert_true(parse_ok("-12,75", 0, DEC_VI) == -12.75);
    assert_true(parse_ok("+7", 1, DEC_EN) == 7);
    /* "." groups thousands in Vietnamese only before groups of exactly three digits */
    assert_true(parse_ok("1.250", 0, DEC_VI) == 1250);
    assert_true(parse_ok("1.25", 0, DEC_VI) == 1.25);
    assert_true(parse_ok("1.2500", 0, DEC_VI) == 1.25);
    assert_true(parse_ok("0.125", 0, DEC_VI) == 0.125);
    assert_true(parse_ok("1,250", 0, DEC_VI) == 1.25);
    assert_true(parse_ok("1.250", 0, DEC_EN) == 1.25);
    assert_true(parse_ok("1,250", 0, DEC_EN) == 1250);
    assert_true(parse_ok("1.125", 0, DEC_PLAIN) == 1.125);
    double v;
    assert_int_equal(dec_parse("", 0, DEC_VI, &v), -1);
    assert_int_equal(dec_parse(NULL, 0, DEC_VI, &v), -1);
    assert_int_equal(dec_parse("1.2.3", 0, DEC_VI, &v), -1);
    assert_int_equal(dec_parse("1.23.456", 0, DEC_VI, &v), -1);
    assert_int_equal(dec_parse("1,5", 1, DEC_VI, &v), -1);
    assert_int_equal(dec_parse("1 000", 0, DEC_VI, &v), -1);
    assert_int_equal(dec_parse("12e3", 0, DEC_PLAIN, &v), -1);
    assert_int_equal(dec_parse(",5", 0, DEC_VI, &v), -1);
}

static const char *fmt(double n, int decimals, int trim, enum dec_lang lang)
{
    static char buf[64];
    dec_format(buf, sizeof buf, n, decimals, trim, lang);
    return buf;
}

static void test_format(void **state)
{
    (void)state;
    assert_string_equal(fmt(1234.5, 6, 1, DEC_VI), "1.234,5");
    assert_string_equal(fmt(1234.5, 6, 1, DEC_EN), "1,234.5");
    assert_string_equal(fmt(1234.5, 6, 1, DEC_PLAIN), "1234.5");
    assert_string_equal(fmt(1250, 6, 1, DEC_VI), "1.250");
    assert_string_equal(fmt(87, 1, 0, DEC_VI), "87,0");
    assert_string_equal(fmt(87.46, 1, 0, DEC_EN), "87.5");
    assert_string_equal(fmt(-0.001, 2, 1, DEC_VI), "0");
    assert_string_equal(fmt(-1234567.25, 2, 1, DEC_VI), "-1.234.567,25");
    char buf[64];
    dec_format_exact(buf, sizeof buf, 1234.5);
    assert_string_equal(buf, "1234,5");
    assert_true(parse_ok(buf, 0, DEC_PLAIN) == 1234.5 && parse_ok(buf, 0, DEC_VI) == 1234.5);
    dec_format_exact(buf, sizeof buf, 1.125);
    assert_true(parse_ok(buf, 0, DEC_PLAIN) == 1.125);
}

/* Whatever is shown parses back to the same number, in each language. */
static void test_round_trip(void **state)
{
    (void)state;
    const double nums[] = {0, 7, 999, 1000, 1250, 27982, 1234567, 0.5, 0.125, 1.25, 12.75, 1250.5, 1234567.25};
    const enum dec_lang langs[] = {DEC_VI, DEC_EN};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
            char buf[64];
            dec_format(buf, sizeof buf, nums[i], 6, 1, langs[l]);
            double back = parse_ok(buf, 0, langs[l]);
            if (fabs(back - nums[i]) > 1e-9) fail_msg("%s: got %g, want %g", buf, back, nums[i]);
        }
    /* the regression: "1.250" typed in Vietnamese is shown again as "1.250", not "1250" */
    char buf[64];
    dec_format(buf, sizeof buf, parse_ok("1.250", 0, DEC_VI), 6, 1, DEC_VI);
    assert_string_equal(buf, "1.250");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
