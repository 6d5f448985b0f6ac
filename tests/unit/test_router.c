/* test_router.c - route matching: literal and :param segments, methods, HEAD, 405. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/internal.h"

static void h_list(dv_req *r) { (void)r; }
static void h_show(dv_req *r) { (void)r; }
static void h_edit(dv_req *r) { (void)r; }
static void h_save(dv_req *r) { (void)r; }
static void h_sitemap(dv_req *r) { (void)r; }

static const struct dv_route routes[] = {
    ROUTE("GET", "/units", h_list, 0),
    ROUTE("GET", "/units/:id", h_show, 0),
    ROUTE("GET", "/units/:id/edit", h_edit, 0),
    ROUTE("POST", "/units/:id", h_save, 0),
    ROUTE("GET", "/sitemap-:n.xml", h_sitemap, 0),
};

static dv_req *make_req(const char *method, const char *path)
{
    dv_arena *a = arena_new();
    dv_req *r = arena_alloc(a, sizeof *r);
    r->arena = a;
    r->method = method;
    r->path = path;
    return r;
}

static int setup(void **state)
{
    (void)state;
    router_clear();
    router_add(routes, sizeof routes / sizeof *routes);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    router_clear();
    return 0;
}

static void test_literal_and_param(void **state)
{
    (void)state;
    int allowed;
    dv_req *r = make_req("GET", "/units");
    assert_ptr_equal(router_match(r, &allowed)->handler, h_list);
    arena_free(r->arena);

    r = make_req("GET", "/units/42");
    const struct dv_route *m = router_match(r, &allowed);
    assert_non_null(m);
    assert_ptr_equal(m->handler, h_show);
    assert_string_equal(req_param(r, "id"), "42");
    assert_int_equal(req_param_id(r, "id"), 42);
    arena_free(r->arena);

    r = make_req("GET", "/units/42/edit");
    assert_ptr_equal(router_match(r, &allowed)->handler, h_edit);
    arena_free(r->arena);
}

static void test_no_match(void **state)
{
    (void)state;
    int allowed;
    const char *paths[] = {"/unit", "/units/", "/units/1/2", "/units//edit", "/", "/unitsx"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        dv_req *r = make_req("GET", paths[i]);
        assert_null(router_match(r, &allowed));
        assert_int_equal(allowed, 0);
        arena_free(r->arena);
    }
}

static void test_methods(void **state)
{
    (void)state;
    int allowed;
    dv_req *r = make_req("HEAD", "/units/7");
    assert_ptr_equal(router_match(r, &allowed)->handler, h_show);
    arena_free(r->arena);

    r = make_req("POST", "/units/7");
    assert_ptr_equal(router_match(r, &allowed)->handler, h_save);
    arena_free(r->arena);

    r = make_req("DELETE", "/units/7");
    assert_null(router_match(r, &allowed));
    assert_int_equal(allowed, 1);
    dv_buf allow = DV_BUF_INIT;
    router_allowed_methods("/units/7", &allow);
    assert_string_equal(buf_cstr(&allow), "GET, POST");
    buf_free(&allow);
    arena_free(r->arena);
}

static void test_param_id_rejects_non_numbers(void **state)
{
    (void)state;
    int allowed;
    const char *ids[] = {"abc", "1x", "-1", "99999999999999999999"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        char path[64];
        snprintf(path, sizeof path, "/units/%s", ids[i]);
        dv_req *r = make_req("GET", path);
        assert_non_null(router_match(r, &allowed));
        assert_int_equal(req_param_id(r, "id"), 0);
        arena_free(r->arena);
    }
}

static void test_param_inside_a_segment(void **state)
{
    (void)state;
    int allowed;
    dv_req *r = make_req("GET", "/sitemap-12.xml");
    const struct dv_route *m = router_match(r, &allowed);
    assert_non_null(m);
    assert_ptr_equal(m->handler, h_sitemap);
    assert_string_equal(req_param(r, "n"), "12");
    arena_free(r->arena);
    const char *misses[] = {"/sitemap-.xml", "/sitemap-1.xm", "/sitemap.xml", "/xsitemap-1.xml"};
    for (size_t i = 0; i < sizeof misses / sizeof *misses; i++) {
        r = make_req("GET", misses[i]);
        assert_null(router_match(r, &allowed));
        arena_free(r->arena);
    }
}

static void test_local_path(void **state)
{
    (void)state;
    assert_true(http_is_local_path("/units/1"));
    assert_false(http_is_local_path("//evil.example"));
    assert_false(http_is_local_path("/\\evil.example"));
    assert_false(http_is_local_path("https://evil.example"));
    assert_false(http_is_local_path("/a\r\nSet-Cookie: x=1"));
    assert_false(http_is_local_path(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_literal_and_param, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_param_id_rejects_non_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_param_inside_a_segment, setup, teardown),
        cmocka_unit_test(test_local_path),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
