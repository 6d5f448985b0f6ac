/* test_category.c - the category store (category_store.c) against a real temporary SQLite
 * file: slug rules, create with a slug from the name, clashes refused, rename, reorder
 * (also with repeated positions), hide only when empty, who may, and an audit row per
 * write; a hidden category disappears from the public list and its slug lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "org/user_store.h"
#include "portal/category.h"
#include "org_fixture.h"

static struct dv_user mk_user(struct fx *f, const char *name, enum dv_role role)
{
    struct dv_user u = fx_user(f, name, role);
    assert_true(u.id > 0);
    return u;
}

static int64_t audits(struct fx *f, int64_t id)
{
    dv_stmt *st = db_prepare(f->db, "SELECT count(*) FROM audit_log WHERE entity = 'category' AND entity_id = ?1");
    db_bind_int(st, 1, id);
    int64_t n = -1;
    if (db_step(st) == DB_ROW) n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static const char *order(struct fx *f)
{
    struct category_row *rows;
    size_t n;
    assert_int_equal(category_list_all(f->db, f->a, &rows, &n), 0);
    char *s = arena_alloc(f->a, 64);
    s[0] = '\0';
    for (size_t i = 0; i < n && i < 30; i++) strncat(s, rows[i].t.slug, 1);
    return s;
}

static void test_slug_rules(void **state)
{
    (void)state;
    assert_true(category_slug_valid("tin-tuc"));
    assert_true(category_slug_valid("a1"));
    const char *bad[] = {"", "-a", "a-", "a--b", "Tin", "tin tuc", "tin_tuc", "tiếng", NULL};
    for (size_t i = 0; bad[i]; i++) assert_false(category_slug_valid(bad[i]));
    char longer[CATEGORY_SLUG_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_false(category_slug_valid(longer));
}

static void test_writes(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    struct dv_user ct = mk_user(f, "congtac", ROLE_CONTRIBUTOR);
    int64_t a = 0, b = 0, c = 0;
    assert_int_equal(category_create(f->db, &ct, "Tin tức", NULL, &a), DV_EDENIED);
    assert_int_equal(category_create(f->db, &ed, "Tin tức", NULL, &a), 0);
    assert_int_equal(category_create(f->db, &ed, "Bản tin", "ban-tin", &b), 0);
    assert_int_equal(category_create(f->db, &ed, "Chuyên đề", "", &c), 0);
    assert_string_equal(order(f), "tbc");
    assert_int_equal(category_create(f->db, &ed, "Trùng", "tin-tuc", NULL), DV_ECONFLICT);
    assert_int_equal(category_create(f->db, &ed, "Sai", "Sai Rồi", NULL), DV_EINVAL);
    assert_int_equal(audits(f, a), 1);

    assert_int_equal(category_update(f->db, &ed, a, "Tin tức chung", "thoi-su"), 0);
    assert_int_equal(category_update(f->db, &ed, b, "Bản tin", "thoi-su"), DV_ECONFLICT);
    assert_int_equal(category_update(f->db, &ed, 999, "X", "x"), DV_ENOTFOUND);
    struct term t;
    assert_int_equal(category_get_by_slug(f->db, f->a, "thoi-su", &t), 0);
    assert_string_equal(t.name, "Tin tức chung");
    assert_int_equal(audits(f, a), 2);

    assert_int_equal(category_move(f->db, &ed, c, -1), 0);
    assert_string_equal(order(f), "tcb");
    assert_int_equal(category_move(f->db, &ed, a, -1), 0); /* already first: nothing */
    assert_string_equal(order(f), "tcb");
    assert_int_equal(audits(f, a), 2);
    assert_int_equal(db_exec_script(f->db, "UPDATE categories SET position = 7"), 0); /* repeated: id order */
    assert_string_equal(order(f), "tbc");
    assert_int_equal(category_move(f->db, &ed, c, -1), 0); /* one place, not over both */
    assert_string_equal(order(f), "tcb");
    assert_int_equal(category_move(f->db, &ed, c, 1), 0);
    assert_string_equal(order(f), "tbc");
    assert_int_equal(category_move(f->db, &ed, c, 1), 0); /* already last */
    assert_string_equal(order(f), "tbc");
    assert_int_equal(category_move(f->db, &ed, 999, 1), DV_ENOTFOUND);
}

static void test_hide_only_empty(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    int64_t a = 0, b = 0;
    assert_int_equal(category_create(f->db, &ed, "Có bài", "co-bai", &a), 0);
    assert_int_equal(category_create(f->db, &ed, "Trống", "trong", &b), 0);
    struct article_input in = {.title = "Bài", .body_md = "x", .category_ids = &a, .ncategories = 1};
    assert_int_equal(article_create(f->db, &ed, &in, NULL), 0);
    assert_int_equal(category_set_hidden(f->db, &ed, a, 1), DV_ECONFLICT);
    assert_int_equal(category_set_hidden(f->db, &ed, b, 1), 0);
    struct term *cats;
    size_t n;
    assert_int_equal(category_list(f->db, f->a, &cats, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(cats[0].slug, "co-bai");
    struct term t;
    assert_int_equal(category_get_by_slug(f->db, f->a, "trong", &t), DV_ENOTFOUND);
    struct category_row *rows;
    assert_int_equal(category_list_all(f->db, f->a, &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].articles, 1);
    assert_int_equal(rows[1].hidden, 1);
    assert_int_equal(category_set_hidden(f->db, &ed, b, 0), 0);
    assert_int_equal(category_get_by_slug(f->db, f->a, "trong", &t), 0);
    assert_int_equal(audits(f, b), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug_rules),
        cmocka_unit_test_setup_teardown(test_writes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_hide_only_empty, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
