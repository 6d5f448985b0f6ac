/* test_log.c - log_escape and the log lines: text from a request stays one escaped line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

static const char *esc(const char *s, enum log_esc_mode mode)
{
    static char out[512];
    log_escape(out, sizeof out, s, mode);
    return out;
}

static void test_controls_become_escapes(void **state)
{
    (void)state;
    assert_string_equal(esc("a\nb\rc\td", LOG_ESC_TEXT), "a\\nb\\rc\\td");
    assert_string_equal(esc("\x1b[31mred\x1b[0m\x07\x7f", LOG_ESC_TEXT), "\\x1b[31mred\\x1b[0m\\x07\\x7f");
    assert_string_equal(esc(NULL, LOG_ESC_WORD), "-");
}

static void test_utf8_kept_invalid_bytes_escaped(void **state)
{
    (void)state;
    assert_string_equal(esc("Việt Nam đ", LOG_ESC_TEXT), "Việt Nam đ");
    assert_string_equal(esc("caf\xe9 \xff\xc3", LOG_ESC_TEXT), "caf\\xe9 \\xff\\xc3");
    assert_string_equal(esc("\xc0\xaf\xed\xa0\x80", LOG_ESC_TEXT), "\\xc0\\xaf\\xed\\xa0\\x80"); /* overlong, surrogate */
    /* valid UTF-8 that still controls a terminal or viewer: C1 CSI, U+2028, U+202E */
    assert_string_equal(esc("a\xc2\x9b" "31m", LOG_ESC_TEXT), "a\\xc2\\x9b31m");
    assert_string_equal(esc("x\xe2\x80\xa8y\xe2\x80\xaez", LOG_ESC_TEXT), "x\\xe2\\x80\\xa8y\\xe2\\x80\\xaez");
}

static void test_field_separators(void **state)
{
    (void)state;
    assert_string_equal(esc("/a b\"c\\d", LOG_ESC_WORD), "/a\\x20b\\x22c\\\\d");
    assert_string_equal(esc("a \"b\" \\c", LOG_ESC_QUOTED), "a \\\"b\\\" \\\\c");
    assert_string_equal(esc("a \"b\\", LOG_ESC_TEXT), "a \"b\\");
}

static void test_truncation_never_splits(void **state)
{
    (void)state;
    char out[12];
    size_t n = log_escape(out, sizeof out, "abcdefghijklmnop", LOG_ESC_TEXT);
    assert_int_equal(n, strlen(out));
    assert_string_equal(out, "abcdefgh...");
    log_escape(out, sizeof out, "abcdefg\n\n", LOG_ESC_TEXT); /* an escape is not cut in half */
    assert_string_equal(out, "abcdefg...");
    log_escape(out, sizeof out, "abcdefgh", LOG_ESC_TEXT); /* fits exactly: no "..." */
    assert_string_equal(out, "abcdefgh");
    log_escape(out, sizeof out, "abcdeđđđ", LOG_ESC_TEXT);
    assert_string_equal(out, "abcdeđ...");
}

/* What log_warn writes to stderr, captured through a temporary file. */
static char *captured_warn(const char *arg)
{
    char path[] = "/tmp/danvan-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    log_warn("http: request for `%s' failed", arg);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    static char buf[1024];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    assert_true(n > 0);
    buf[n] = '\0';
    close(fd);
    unlink(path);
    return buf;
}

static void test_log_line_is_one_line(void **state)
{
    (void)state;
    const char *line = captured_warn("/x\n2026-01-01T00:00:00Z info FAKELOGLINE\x1b[2J");
    assert_non_null(strstr(line, " warn http: request for `/x\\n2026-01-01T00:00:00Z info FAKELOGLINE\\x1b[2J' failed\n"));
    assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1);
    assert_null(strchr(line, '\x1b'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_controls_become_escapes),
        cmocka_unit_test(test_utf8_kept_invalid_bytes_escaped),
        cmocka_unit_test(test_field_separators),
        cmocka_unit_test(test_truncation_never_splits),
        cmocka_unit_test(test_log_line_is_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
