/* test_input.c - unit tests for the declared input layer (http/input.h): every field type
 * (decimals in both languages, slugs), required fields, bounds, choices, a declared message,
 * the raw value kept for echoing, and translated error texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "http/input.h"
#include "core/form_check.h"

/* the tables here declare only what each case checks (no labels or kinds) */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include "core/i18n.h"

/* The submitted form: NULL-terminated name/value pairs. */
struct input {
    const char *const *kv;
};

static const char *get(void *ctx, const char *name)
{
    const struct input *in = ctx;
    for (const char *const *p = in->kv; *p; p += 2)
        if (strcmp(p[0], name) == 0) return p[1];
    return NULL;
}

static dv_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(arena);
    return 0;
}

/* Validate one field named "f" whose submitted value is raw (NULL = absent). */
static struct input_value one(struct input_field f, const char *raw)
{
    const char *kv[] = {"f", raw, NULL};
    struct input in = {raw ? kv : kv + 2};
    struct input_value v;
    f.name = "f";
    int bad = input_validate(&f, 1, get, &in, arena, &v);
    assert_int_equal(bad, v.error ? 1 : 0);
    return v;
}

static void assert_ok(struct input_value v)
{
    if (v.error) fail_msg("unexpected error: %s", v.error);
}

static void assert_err(struct input_value v, const char *msgid)
{
    assert_non_null(v.error);
    assert_string_equal(v.error, msgid);
}

static const struct input_field TEXT = {"f", IN_TEXT, 1, 2, 10, NULL};

static void test_text(void **state)
{
    (void)state;
    struct input_value v = one(TEXT, "  Vie\xCC\x82\xCC\xA3t Nam  ");
    assert_ok(v);
    assert_true(v.present);
    assert_string_equal(v.str, "Việt Nam");
    assert_string_equal(v.raw, "  Vie\xCC\x82\xCC\xA3t Nam  ");

    assert_ok(one(TEXT, "Hà"));                      /* 2 code points, 3 bytes */
    v = one(TEXT, "H");
    assert_err(v, "Must be at least %lld characters.");
    assert_int_equal(v.error_arg, 2);
    assert_string_equal(v.raw, "H");
    assert_null(v.str);
    assert_ok(one(TEXT, "Đắk Lắk ơi"));              /* 10 code points, 17 bytes */
    v = one(TEXT, "Thừa Thiên Huế");
    assert_err(v, "Must be at most %lld characters.");
    assert_int_equal(v.error_arg, 10);
    assert_string_equal(v.raw, "Thừa Thiên Huế");

    assert_err(one(TEXT, "a\nb"), "Contains invalid characters.");
    v = one(TEXT, "ab\xC0\xAF");
    assert_err(v, "Contains invalid characters.");
    assert_string_equal(v.raw, "ab\xEF\xBF\xBD\xEF\xBF\xBD"); /* echoed safely */
}

static void test_required(void **state)
{
    (void)state;
    struct input_value v = one(TEXT, NULL);
    assert_err(v, "This field is required.");
    assert_null(v.raw);
    assert_false(v.present);
    v = one(TEXT, "   ");
    assert_err(v, "This field is required.");
    assert_string_equal(v.raw, "   ");

    struct input_field opt = {"f", IN_TEXT, 0, 2, 10, NULL};
    v = one(opt, NULL);
    assert_ok(v);
    assert_false(v.present);
    v = one(opt, " ");
    assert_ok(v);
    assert_false(v.present);
    assert_string_equal(v.str, "");

    struct input_field types[] = {
        {"f", IN_INT, 1, 0, 0, NULL},   {"f", IN_DATE, 1, 0, 0, NULL},
        {"f", IN_EMAIL, 1, 0, 0, NULL}, {"f", IN_USERNAME, 1, 0, 0, NULL},
        {"f", IN_PASSWORD, 1, 8, 0, NULL}, {"f", IN_ID, 1, 0, 0, NULL},
        {"f", IN_MULTILINE, 1, 0, 0, NULL}, {"f", IN_BOOL, 1, 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        assert_err(one(types[i], NULL), "This field is required.");
        assert_err(one(types[i], ""), "This field is required.");
        types[i].required = 0;
        assert_ok(one(types[i], NULL));
        assert_ok(one(types[i], ""));
    }
}

static void test_text_default_max(void **state)
{
    (void)state;
    char big[INPUT_TEXT_MAX + 2];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    struct input_field f = {"f", IN_TEXT, 0, 0, 0, NULL};
    struct input_value v = one(f, big);
    assert_err(v, "Must be at most %lld characters.");
    assert_int_equal(v.error_arg, INPUT_TEXT_MAX);
}

static void test_multiline(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_MULTILINE, 1, 0, 100, NULL};
    struct input_value v = one(f, "Dòng một\r\n\tDòng hai\r\n");
    assert_ok(v);
    assert_string_equal(v.str, "Dòng một\n\tDòng hai");
    assert_err(one(f, "a\x1b[2Jb"), "Contains invalid characters.");
}

static void test_int(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_INT, 1, -5, 100, NULL};
    struct input_value v = one(f, " 42 ");
    assert_ok(v);
    assert_int_equal(v.num, 42);
    assert_int_equal(one(f, "-5").num, -5);
    assert_int_equal(one(f, "+7").num, 7);
    assert_ok(one(f, "100"));
    v = one(f, "101");
    assert_err(v, "Must be at most %lld.");
    assert_int_equal(v.error_arg, 100);
    v = one(f, "-6");
    assert_err(v, "Must be at least %lld.");
    assert_int_equal(v.error_arg, -5);
    const char *bad[] = {"4 2", "42abc", "0x10", "1.5", "1e3", "-", "+", "--1", "١٢"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = one(f, bad[i]);
        assert_err(v, "Must be a whole number.");
        assert_string_equal(v.raw, bad[i]);
    }
    struct input_field any = {"f", IN_INT, 1, 0, 0, NULL};
    assert_int_equal(one(any, "-9223372036854775808").num, INT64_MIN);
    assert_err(one(any, "9223372036854775808"), "Must be a whole number.");
}

static void test_id(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_ID, 1, 0, 0, NULL};
    assert_int_equal(one(f, "17").num, 17);
    assert_err(one(f, "0"), "Invalid identifier.");
    assert_err(one(f, "-3"), "Invalid identifier.");
    assert_err(one(f, "abc"), "Invalid identifier.");
    assert_err(one(f, "99999999999999999999"), "Invalid identifier.");
    struct input_field small = {"f", IN_ID, 1, 0, 1000, NULL};
    assert_err(one(small, "1001"), "Invalid identifier.");
}

static void test_date(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_DATE, 1, 0, 0, NULL};
    struct input_value v = one(f, "01/07/2025");
    assert_ok(v);
    assert_string_equal(v.str, "2025-07-01");
    assert_int_equal(v.num, 20250701);
    assert_string_equal(one(f, "2025-07-01").str, "2025-07-01");
    assert_string_equal(one(f, "1/7/2025").str, "2025-07-01");
    assert_string_equal(one(f, "29/02/2024").str, "2024-02-29");
    v = one(f, "29/02/2025");
    assert_err(v, "Enter a valid date (dd/mm/yyyy).");
    assert_string_equal(v.raw, "29/02/2025");
    assert_err(one(f, "07/01"), "Enter a valid date (dd/mm/yyyy).");
}

static void test_email(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_EMAIL, 1, 0, 0, NULL};
    const char *good[] = {"an@example.vn", "nguyen.van.a+tag@so-noi-vu.gov.vn",
                          "a@b.co", "thư@ví-dụ.vn"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) assert_ok(one(f, good[i]));
    assert_string_equal(one(f, " an@example.vn ").str, "an@example.vn");
    const char *bad[] = {"an", "an@", "@example.vn", "an@example", "a@@b.vn",
                         "a@b@c.vn", "a b@c.vn", "a@b .vn", "a@b.vn\r\nBcc: x@y.vn",
                         "<a@b.vn>", "a@.vn", "a@b.vn.", "a..b@c.vn", ".a@c.vn",
                         "a@b..vn", "a,b@c.vn", "\"a\"@b.vn"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct input_value v = one(f, bad[i]);
        assert_non_null(v.error);
        assert_string_equal(v.raw, bad[i]);
    }
    char local[70], addr[300];
    memset(local, 'a', 65);
    local[65] = '\0';
    snprintf(addr, sizeof addr, "%s@b.vn", local);
    assert_err(one(f, addr), "Enter a valid email address.");
    local[64] = 0;
    snprintf(addr, sizeof addr, "%s@b.vn", local);
    assert_ok(one(f, addr));
    char longdom[300];
    memset(longdom, 'd', 280);
    memcpy(longdom, "a@", 2);
    memcpy(longdom + 251, ".vn", 4);                 /* 254 bytes: the limit */
    assert_ok(one(f, longdom));
    memset(longdom + 251, 'd', 4);
    memcpy(longdom + 252, ".vn", 4);                 /* 255 bytes */
    assert_err(one(f, longdom), "Enter a valid email address.");
}

static void test_username(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_USERNAME, 1, 0, 0, NULL};
    const char *msg = "Use 3 to 32 characters: lowercase letters, digits, dot, "
                      "underscore or hyphen, starting with a letter.";
    assert_string_equal(one(f, "nguyen.van_a-1").str, "nguyen.van_a-1");
    assert_string_equal(one(f, "NguyenVanA").str, "nguyenvana");
    assert_ok(one(f, "abc"));
    assert_ok(one(f, "a2345678901234567890123456789012"));
    const char *bad[] = {"ab", "a23456789012345678901234567890123", "1abc", ".abc",
                         "_abc", "nguyễn", "ab cd", "ab@cd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct input_value v = one(f, bad[i]);
        assert_err(v, msg);
        assert_string_equal(v.raw, bad[i]);
    }
}

static void test_password(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_PASSWORD, 1, 8, 0, NULL};
    struct input_value v = one(f, "  mật khẩu  ");
    assert_ok(v);
    assert_string_equal(v.str, "  mật khẩu  "); /* not trimmed */
    v = one(f, "ngắn");
    assert_err(v, "Must be at least %lld characters.");
    assert_int_equal(v.error_arg, 8);
    assert_ok(one(f, "mậtkhẩu1"));                /* 8 code points, 10 bytes */
    assert_err(one(f, "abcdefgh\xFF"), "Contains invalid characters.");
    char big[INPUT_PASSWORD_MAX + 2];
    memset(big, 'p', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_err(one(f, big), "Must be at most %lld characters.");
}

static const char *const LEVELS[] = {"tinh", "xa", "phuong", NULL};

static void test_choice(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_CHOICE, 1, 0, 0, LEVELS};
    assert_string_equal(one(f, "xa").str, "xa");
    assert_ok(one(f, " phuong "));
    struct input_value v = one(f, "huyen");
    assert_err(v, "Choose one of the listed options.");
    assert_string_equal(v.raw, "huyen");
    assert_err(one(f, "XA"), "Choose one of the listed options.");
}

static void test_bool(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_BOOL, 0, 0, 0, NULL};
    assert_int_equal(one(f, "1").num, 1);
    assert_int_equal(one(f, "on").num, 1);
    assert_int_equal(one(f, "true").num, 1);
    assert_int_equal(one(f, "0").num, 0);
    assert_int_equal(one(f, "yes").num, 0);
    struct input_value v = one(f, NULL);
    assert_ok(v);
    assert_int_equal(v.num, 0);
    assert_false(v.present);
}

static void test_many_fields(void **state)
{
    (void)state;
    static const struct input_field fields[] = {
        {"name", IN_TEXT, 1, 1, 100, NULL},
        {"level", IN_CHOICE, 1, 0, 0, LEVELS},
        {"founded", IN_DATE, 0, 0, 0, NULL},
        {"parent", IN_ID, 0, 0, 0, NULL},
    };
    const char *kv[] = {"name", "Phường Ba Đình", "level", "quan", "founded", "31/02/2025",
                        NULL};
    struct input in = {kv};
    struct input_value v[4];
    assert_int_equal(input_validate(fields, 4, get, &in, arena, v), 2);
    assert_string_equal(v[0].str, "Phường Ba Đình");
    assert_non_null(v[1].error);
    assert_non_null(v[2].error);
    assert_null(v[3].error);
    assert_false(v[3].present);
}

static void test_error_text(void **state)
{
    (void)state;
    struct input_value ok = {0};
    assert_null(input_error_text(arena, &ok));

    struct input_value v = one(TEXT, "Thừa Thiên Huế");
    i18n_use("en");
    assert_string_equal(input_error_text(arena, &v), "Must be at most 10 characters.");
    i18n_use("vi");
    assert_string_equal(input_error_text(arena, &v), "Không được dài quá 10 ký tự.");
    v = one(TEXT, NULL);
    assert_string_equal(input_error_text(arena, &v), "Trường này là bắt buộc.");
    struct input_field f = {"f", IN_INT, 1, -5, 5, NULL};
    v = one(f, "-9");
    assert_string_equal(input_error_text(arena, &v), "Phải lớn hơn hoặc bằng -5.");
    i18n_use("en");
    assert_string_equal(input_error_text(arena, &v), "Must be at least -5.");
}

static void test_parse_ll(void **state)
{
    (void)state;
    long long x = 0;
    assert_true(form_parse_ll("0", &x));
    assert_int_equal(x, 0);
    assert_false(form_parse_ll("", &x));
    assert_false(form_parse_ll(" 1", &x));
}

/* Decimals are read as the thread's language writes them; "1.250" in Vietnamese is 1250. */
static void test_decimal(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_DECIMAL, 0, 0, 0, NULL};
    i18n_use("vi");
    struct input_value v = one(f, "1.234,5");
    assert_ok(v);
    assert_true(v.dec == 1234.5);
    v = one(f, "1.250");
    assert_ok(v);
    assert_true(v.dec == 1250);
    v = one(f, "1,25");
    assert_ok(v);
    assert_true(v.dec == 1.25);
    v = one(f, "12,5.3");
    assert_string_equal(v.error, "Must be a number.");
    v = one(f, "abc");
    assert_string_equal(v.error, "Must be a number.");
    i18n_use("en");
    v = one(f, "1,234.5");
    assert_ok(v);
    assert_true(v.dec == 1234.5);
    v = one(f, "1.250");
    assert_ok(v);
    assert_true(v.dec == 1.25);
    i18n_use("vi");
    struct input_field b = {"f", IN_DECIMAL, 1, 0, 100, NULL};
    v = one(b, "100,5");
    assert_string_equal(v.error, "Must be at most %lld.");
    assert_int_equal(v.error_arg, 100);
    v = one(b, "");
    assert_string_equal(v.error, "This field is required.");
    v = one(b, "99,5");
    assert_ok(v);
}

static void test_slug(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_SLUG, 1, 0, 0, NULL};
    assert_ok(one(f, "tin-tuc-2025"));
    assert_string_equal(one(f, "tin-tuc-2025").str, "tin-tuc-2025");
    assert_non_null(one(f, "Tin-tuc").error);
    assert_non_null(one(f, "tin tuc").error);
    assert_non_null(one(f, "../etc").error);
    struct input_field m = {"f", IN_SLUG, 0, 0, 5, NULL};
    assert_non_null(one(m, "abcdef").error);
    assert_ok(one(m, "abcde"));
}

/* A declared message replaces the type's own (not "required"); label, hint and kind ride along. */
static void test_declared_message(void **state)
{
    (void)state;
    struct input_field f = {"f", IN_ID, 1, 0, 0, NULL, FK_SELECT, "Unit", "Where the person works.", "Choose a unit from the list."};
    struct input_value v = one(f, "x");
    assert_string_equal(v.error, "Choose a unit from the list.");
    v = one(f, "0");
    assert_string_equal(v.error, "Choose a unit from the list.");
    v = one(f, NULL);
    assert_string_equal(v.error, "This field is required.");
    v = one(f, "12");
    assert_ok(v);
    assert_int_equal(v.num, 12);
}

int main(void)
{
    if (i18n_init(NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_required, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_default_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multiline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int, setup, teardown),
        cmocka_unit_test_setup_teardown(test_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_email, setup, teardown),
        cmocka_unit_test_setup_teardown(test_username, setup, teardown),
        cmocka_unit_test_setup_teardown(test_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decimal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slug, setup, teardown),
        cmocka_unit_test_setup_teardown(test_declared_message, setup, teardown),
        cmocka_unit_test(test_parse_ll),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
