/* test_config.c - settings precedence and validation: defaults, file, environment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/err.h"

static void test_defaults_are_safe(void **state)
{
    (void)state;
    struct dv_config c;
    config_defaults(&c);
    assert_string_equal(c.host, "127.0.0.1");
    assert_int_equal(c.port, 8080);
    assert_true(c.max_body > 0);
    assert_true(c.max_header >= 4096);
    assert_int_equal(c.secure_cookies, 0);
}

static void test_set_validates(void **state)
{
    (void)state;
    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(config_set(&c, "listen", "0.0.0.0:9000", err, sizeof err), DV_OK);
    assert_string_equal(c.host, "0.0.0.0");
    assert_int_equal(c.port, 9000);
    assert_int_equal(config_set(&c, "listen", "127.0.0.1:99999", err, sizeof err), DV_EINVAL);
    assert_non_null(strstr(err, "listen"));
    assert_int_equal(config_set(&c, "threads", "many", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "sync", "full", err, sizeof err), DV_OK);
    assert_int_equal(c.sync_full, 1);
    assert_int_equal(config_set(&c, "nonsense", "1", err, sizeof err), DV_EINVAL);
    assert_non_null(strstr(err, "unknown"));
}

static void test_file_then_env(void **state)
{
    (void)state;
    char path[] = "/tmp/danvan-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "# comment\n\ndb = /tmp/x.db\nlisten = 127.0.0.1:8181\nthreads=3\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);

    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(config_load_file(&c, path, err, sizeof err), DV_OK);
    assert_string_equal(c.db, "/tmp/x.db");
    assert_int_equal(c.port, 8181);
    assert_int_equal(c.threads, 3);

    setenv("DANVAN_DB", "/tmp/from-env.db", 1);
    config_load_env(&c);
    unsetenv("DANVAN_DB");
    assert_string_equal(c.db, "/tmp/from-env.db");
    unlink(path);
}

static void test_file_errors_name_the_line(void **state)
{
    (void)state;
    char path[] = "/tmp/danvan-config-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "db = /tmp/x.db\nthis line is wrong\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(config_load_file(&c, path, err, sizeof err), DV_EINVAL);
    assert_non_null(strstr(err, ":2:"));
    unlink(path);
}

/* The Decree 42 facts: Cà Mau defaults, checked values, an empty licence allowed. */
static void test_portal_legal(void **state)
{
    (void)state;
    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_string_equal(c.legal.owner, "Ban Dân vận Tỉnh ủy Cà Mau");
    assert_string_equal(c.legal.email, "bandanvan@camau.dangcongsan.vn");
    assert_string_equal(c.legal.licence, "");
    assert_int_equal(config_set(&c, "portal_owner", "Ban Dân vận Tỉnh ủy Bạc Liêu", err, sizeof err), DV_OK);
    assert_string_equal(c.legal.owner, "Ban Dân vận Tỉnh ủy Bạc Liêu");
    assert_int_equal(config_set(&c, "portal_owner", "", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "portal_licence", "Giấy phép số 12/GP-TTĐT", err, sizeof err), DV_OK);
    assert_string_equal(c.legal.licence, "Giấy phép số 12/GP-TTĐT");
    assert_int_equal(config_set(&c, "portal_licence", "", err, sizeof err), DV_OK);
    assert_int_equal(config_set(&c, "portal_phone", "(0290) 3.831.318", err, sizeof err), DV_OK);
    assert_int_equal(config_set(&c, "portal_phone", "gọi 0290", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "portal_email", "bdv@camau.gov.vn", err, sizeof err), DV_OK);
    assert_int_equal(config_set(&c, "portal_email", "bdv <x@y>", err, sizeof err), DV_EINVAL);
    assert_string_equal(c.legal.email, "bdv@camau.gov.vn");
    char big[400];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(config_set(&c, "portal_address", big, err, sizeof err), DV_EINVAL);

    setenv("DANVAN_PORTAL_RESPONSIBLE", "Trưởng Ban", 1);
    config_load_env(&c);
    unsetenv("DANVAN_PORTAL_RESPONSIBLE");
    assert_string_equal(c.legal.responsible, "Trưởng Ban");
    config_activate(&c);
    assert_string_equal(config_portal_legal()->responsible, "Trưởng Ban");
    assert_string_equal(config_portal_legal()->owner_en,
                        "Mass Mobilization Commission of the Ca Mau Provincial Party Committee");
}

/* The connection limits: a per-address limit with its exempt addresses, the head deadline. */
static void test_connection_limits(void **state)
{
    (void)state;
    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(c.max_conns_per_ip, 64);
    assert_int_equal(c.head_timeout_s, 10);
    assert_int_equal(c.conn_limit_exempt.n, 1);
    assert_int_equal(c.conn_limit_exempt.net[0], 0x7F000001u);
    assert_int_equal(c.conn_limit_exempt.mask[0], 0xFFFFFFFFu);
    assert_int_equal(config_set(&c, "conn_limit_exempt", "10.1.2.3/8, 192.168.0.9", err, sizeof err), DV_OK);
    assert_int_equal(c.conn_limit_exempt.n, 2);
    assert_int_equal(c.conn_limit_exempt.net[0], 0x0A000000u);
    assert_int_equal(c.conn_limit_exempt.mask[0], 0xFF000000u);
    assert_int_equal(c.conn_limit_exempt.net[1], 0xC0A80009u);
    assert_int_equal(config_set(&c, "conn_limit_exempt", "none", err, sizeof err), DV_OK);
    assert_int_equal(c.conn_limit_exempt.n, 0);
    assert_int_equal(config_set(&c, "conn_limit_exempt", "localhost", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "conn_limit_exempt", "10.0.0.0/33", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "max_conns_per_ip", "0", err, sizeof err), DV_OK);
    assert_int_equal(c.max_conns_per_ip, 0);
    assert_int_equal(config_set(&c, "max_conns_per_ip", "-1", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "head_timeout", "0", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "head_timeout", "20", err, sizeof err), DV_OK);
    assert_int_equal(c.head_timeout_s, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_safe),
        cmocka_unit_test(test_set_validates),
        cmocka_unit_test(test_file_then_env),
        cmocka_unit_test(test_file_errors_name_the_line),
        cmocka_unit_test(test_portal_legal),
        cmocka_unit_test(test_connection_limits),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
