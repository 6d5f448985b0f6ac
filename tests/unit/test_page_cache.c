/* test_page_cache.c - unit tests for the public portal's page cache (exact invalidation,
 * LRU bounds, splice point, generation check), the sitemap split, dates and the config. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "portal/portal.h"
#include "portal/public.h"

static const struct page_entry_info LIST = {.is_list = 1};

static struct page_entry_info article_info(int64_t id, int64_t related)
{
    struct page_entry_info i = {0};
    i.deps[0] = id;
    i.ndeps = 1;
    if (related) i.deps[i.ndeps++] = related;
    return i;
}

static int has(const char *key)
{
    struct page_hit hit;
    return page_cache_get(key, NULL, &hit, NULL, NULL);
}

static void put(const char *key, const char *body, const struct page_entry_info *info)
{
    char etag[40];
    assert_int_equal(page_cache_put(key, page_cache_generation(), "text/html", body, strlen(body), (size_t)-1, info, etag), 1);
}

static int setup(void **state)
{
    (void)state;
    page_cache_free_all();
    page_cache_set_limits(PAGE_CACHE_MAX_ENTRIES, PAGE_CACHE_MAX_BYTES);
    return 0;
}

static void test_invalidation_is_exact(void **state)
{
    (void)state;
    struct page_entry_info a1 = article_info(1, 0), a2 = article_info(2, 0), a3 = article_info(3, 1);
    put("vi|/", "home", &LIST);
    put("vi|/chuyen-muc/x", "cat", &LIST);
    put("vi|/bai-viet/one", "one", &a1);
    put("vi|/bai-viet/one/in", "one print", &a1);
    put("vi|/bai-viet/two", "two", &a2);
    put("vi|/bai-viet/three", "three, related to one", &a3);
    assert_int_equal(page_cache_count(), 6);
    portal_changed(1);
    assert_false(has("vi|/"));
    assert_false(has("vi|/chuyen-muc/x"));
    assert_false(has("vi|/bai-viet/one"));
    assert_false(has("vi|/bai-viet/one/in"));
    assert_false(has("vi|/bai-viet/three")); /* it links to article 1 */
    assert_true(has("vi|/bai-viet/two"));
    portal_changed(0);
    assert_int_equal(page_cache_count(), 0);
    assert_int_equal(page_cache_bytes(), 0);
}

static void test_etag_and_hit(void **state)
{
    (void)state;
    struct page_entry_info a = article_info(5, 0);
    char e1[40], e2[40];
    page_cache_etag("abc", 3, e1);
    assert_int_equal(strlen(e1), 34);
    assert_int_equal(e1[0], '"');
    page_cache_etag("abd", 3, e2);
    assert_string_not_equal(e1, e2);
    put("vi|/bai-viet/five", "abc", &a);
    struct page_hit hit;
    dv_buf out = DV_BUF_INIT;
    assert_int_equal(page_cache_get("vi|/bai-viet/five", &out, &hit, NULL, NULL), 1);
    assert_string_equal(buf_cstr(&out), "abc");
    assert_string_equal(hit.etag, e1);
    assert_string_equal(hit.content_type, "text/html");
    assert_int_equal(page_cache_get("en|/bai-viet/five", &out, &hit, NULL, NULL), 0);
    buf_free(&out);
}

static const char *splice_42(void *ctx, const struct page_hit *hit)
{
    (void)ctx;
    return hit->view_article == 9 ? "42" : "?";
}

static void test_splice_point(void **state)
{
    (void)state;
    struct page_entry_info a = article_info(9, 0);
    a.view_article = 9;
    char etag[40];
    const char *body = "Views: !";
    assert_int_equal(page_cache_put("k", page_cache_generation(), "text/html", body, strlen(body), 7, &a, etag), 1);
    dv_buf out = DV_BUF_INIT;
    struct page_hit hit;
    assert_int_equal(page_cache_get("k", &out, &hit, splice_42, NULL), 1);
    assert_string_equal(buf_cstr(&out), "Views: 42!");
    buf_free(&out);
}

static void test_stale_render_not_stored(void **state)
{
    (void)state;
    uint64_t gen = page_cache_generation();
    portal_changed(77); /* a change commits while the page renders */
    char etag[40];
    assert_int_equal(page_cache_put("vi|/", gen, "text/html", "old", 3, (size_t)-1, &LIST, etag), 0);
    assert_false(has("vi|/"));
}

static void test_lru_bounds(void **state)
{
    (void)state;
    page_cache_set_limits(3, PAGE_CACHE_MAX_BYTES);
    put("a", "1", &LIST);
    put("b", "2", &LIST);
    put("c", "3", &LIST);
    assert_true(has("a")); /* a is now the most recent; b the least */
    put("d", "4", &LIST);
    assert_int_equal(page_cache_count(), 3);
    assert_false(has("b"));
    assert_true(has("a"));
    assert_true(has("c"));
    assert_true(has("d"));
    page_cache_set_limits(1000, 4096 * 8); /* bytes: pages over an eighth are not cached */
    char big[8192];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char etag[40];
    assert_int_equal(page_cache_put("big", page_cache_generation(), "text/html", big, strlen(big), (size_t)-1, &LIST, etag), 0);
    for (int i = 0; i < 200; i++) {
        char k[16];
        snprintf(k, sizeof k, "p%d", i);
        put(k, "a page of some length, repeated a few times over", &LIST);
    }
    assert_true(page_cache_bytes() <= 4096 * 8);
    assert_true(has("p199"));
    assert_false(has("p0"));
}

static void test_sitemap_split(void **state)
{
    (void)state;
    assert_int_equal(sitemap_file_count(0, 2000), 1);
    assert_int_equal(sitemap_file_count(1, 2000), 1);
    assert_int_equal(sitemap_file_count(2000, 2000), 1);
    assert_int_equal(sitemap_file_count(2001, 2000), 2);
    assert_int_equal(sitemap_file_count(100003, 2000), 51);
}

static void test_dates(void **state)
{
    (void)state;
    char vn[17], rfc[32], iso[21];
    public_date_vn(vn, "2020-05-28T02:00:00Z");
    assert_string_equal(vn, "28/05/2020 09:00");
    public_date_vn(vn, "2020-12-31T20:30:00Z"); /* the next day in Ca Mau */
    assert_string_equal(vn, "01/01/2021 03:30");
    public_date_vn(vn, "garbage");
    assert_string_equal(vn, "");
    public_date_rfc822(rfc, "2020-05-28T02:00:00Z");
    assert_string_equal(rfc, "Thu, 28 May 2020 02:00:00 +0000");
    public_date_rfc3339(iso, "2020-05-28T02:00:00Z");
    assert_string_equal(iso, "2020-05-28T02:00:00Z");
}

static void test_config_portal(void **state)
{
    (void)state;
    struct dv_config c;
    char err[256];
    config_defaults(&c);
    assert_string_equal(c.portal_name, "Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau");
    assert_string_equal(c.base_url, "http://127.0.0.1:8080");
    assert_int_equal(config_set(&c, "base_url", "https://danvan.camau.gov.vn/", err, sizeof err), 0);
    assert_string_equal(c.base_url, "https://danvan.camau.gov.vn");
    assert_int_not_equal(config_set(&c, "base_url", "javascript:alert(1)", err, sizeof err), 0);
    assert_int_not_equal(config_set(&c, "base_url", "https://x/\"><b>", err, sizeof err), 0);
    assert_int_not_equal(config_set(&c, "portal_name", "", err, sizeof err), 0);
    config_activate(&c);
    assert_string_equal(config_base_url(), "https://danvan.camau.gov.vn");
    assert_string_equal(config_portal_name(), "Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_invalidation_is_exact, setup),
        cmocka_unit_test_setup(test_etag_and_hit, setup),
        cmocka_unit_test_setup(test_splice_point, setup),
        cmocka_unit_test_setup(test_stale_render_not_stored, setup),
        cmocka_unit_test_setup(test_lru_bounds, setup),
        cmocka_unit_test(test_sitemap_split),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_config_portal),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    page_cache_free_all();
    return rc;
}
