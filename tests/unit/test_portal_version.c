/* test_portal_version.c - settings.portal_version and the page cache: a change written
 * behind this process's back (plain SQL, as another process would) drops every cached
 * page at the next check; this process's own writes (portal_write_begin/commit) keep the
 * cache; drafts and view counts do not move the counter; an outside change just before a
 * local write is still noticed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "portal/portal_version.h"
#include "portal/public.h"
#include "org_fixture.h"

static void put_page(const char *key)
{
    struct page_entry_info info = {.deps = {999}, .ndeps = 1};
    char etag[40];
    assert_int_equal(page_cache_put(key, page_cache_generation(), "text/html", "<p>x</p>", 8, (size_t)-1, &info, etag), 1);
}

static int64_t version(struct fx *f)
{
    int64_t v = -1;
    assert_int_equal(portal_version_read(f->db, &v), DV_OK);
    return v;
}

static void sql(struct fx *f, const char *text)
{
    assert_int_equal(db_exec_script(f->db, text), 0);
}

static void local_write(struct fx *f, const char *stmt)
{
    struct portal_write w;
    assert_int_equal(db_begin(f->db), 0);
    portal_write_begin(f->db, &w);
    sql(f, stmt);
    assert_int_equal(portal_write_commit(f->db, &w), 0);
}

static void test_outside_change_drops_everything(void **state)
{
    struct fx *f = *state;
    page_cache_free_all();
    portal_version_check(f->db); /* this process now knows the store's value */
    put_page("vi|/bai-viet/a");
    assert_int_equal(portal_version_check(f->db), 0);
    assert_int_equal(page_cache_count(), 1);

    int64_t v0 = version(f);
    sql(f, "INSERT INTO categories(slug, name, position) VALUES ('tin-tuc', 'Tin tức', 1)");
    assert_true(version(f) > v0);
    assert_int_equal(portal_version_check(f->db), 1);
    assert_int_equal(page_cache_count(), 0);
    assert_int_equal(portal_version_check(f->db), 0); /* once */
}

static void test_local_write_keeps_the_cache(void **state)
{
    struct fx *f = *state;
    portal_version_check(f->db);
    put_page("vi|/bai-viet/b");
    int64_t v0 = version(f);
    local_write(f, "UPDATE categories SET name = 'Tin tức mới' WHERE slug = 'tin-tuc'");
    assert_true(version(f) > v0);
    assert_int_equal(portal_version_check(f->db), 0);
    assert_int_equal(page_cache_count(), 1);

    /* an outside change just before a local write is not swallowed by it */
    sql(f, "UPDATE categories SET position = 2 WHERE slug = 'tin-tuc'");
    local_write(f, "UPDATE categories SET position = 3 WHERE slug = 'tin-tuc'");
    assert_int_equal(portal_version_check(f->db), 1);
    assert_int_equal(page_cache_count(), 0);
}

static void test_what_readers_cannot_see_keeps_the_counter(void **state)
{
    struct fx *f = *state;
    int64_t v0 = version(f);
    sql(f, "INSERT INTO articles(slug, title, status) VALUES ('nhap', 'Bản nháp', 'draft');"
           "INSERT INTO article_authors(article_id, position, name) SELECT id, 0, 'A' FROM articles WHERE slug = 'nhap';"
           "UPDATE articles SET title = 'Bản nháp 2' WHERE slug = 'nhap';"
           "INSERT INTO tags(slug, name) VALUES ('moi', 'Mới');");
    assert_int_equal(version(f), v0);

    sql(f, "UPDATE articles SET status = 'published', published_at = '2025-01-01T00:00:00Z' WHERE slug = 'nhap'");
    int64_t v1 = version(f);
    assert_true(v1 > v0);
    sql(f, "UPDATE articles SET view_count = view_count + 5 WHERE slug = 'nhap'");
    assert_int_equal(version(f), v1);
    sql(f, "INSERT INTO article_authors(article_id, position, name) SELECT id, 1, 'B' FROM articles WHERE slug = 'nhap'");
    assert_true(version(f) > v1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outside_change_drops_everything),
        cmocka_unit_test(test_local_write_keeps_the_cache),
        cmocka_unit_test(test_what_readers_cannot_see_keeps_the_counter),
    };
    return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
