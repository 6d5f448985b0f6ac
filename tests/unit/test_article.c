/* test_article.c - the article store against a real temporary SQLite file: create with a
 * slug from the Vietnamese title, clashes suffixed -2, -3 (an explicit slug clash refused),
 * stale versions refused, the workflow and who may move it, scheduled publication, and the
 * history and audit rows every change writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "org/user_store.h"
#include "portal/article.h"
#include "org_fixture.h"

static struct dv_user mk_user(struct fx *f, const char *name, enum dv_role role)
{
    struct dv_user u = fx_user(f, name, role);
    assert_true(u.id > 0);
    return u;
}

static int64_t count(struct fx *f, const char *sql, int64_t arg)
{
    dv_stmt *st = db_prepare(f->db, sql);
    db_bind_int(st, 1, arg);
    int64_t n = -1;
    if (db_step(st) == DB_ROW) n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static int64_t history_rows(struct fx *f, int64_t id)
{
    return count(f, "SELECT count(*) FROM article_history WHERE article_id = ?1", id);
}

static int64_t audit_rows(struct fx *f, int64_t id)
{
    return count(f, "SELECT count(*) FROM audit_log WHERE entity = 'article' AND entity_id = ?1", id);
}

static void create_and_slugs(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    struct article_author au[] = {{"Văn Minh", "MT tỉnh"}};
    const char *tags[] = {"Quy chế dân vận", "Tổng kết"};
    struct article_input in = {.title = "Đại hội Đoàn: Dân vận khéo", .lead = "Sa pô", .body_md = "**Đậm** <b>x</b>",
                               .authors = au, .nauthors = 1, .tag_names = tags, .ntags = 2};
    int64_t a = 0, b = 0, c = 0;
    assert_int_equal(article_create(f->db, &ed, &in, &a), 0);
    struct article art;
    assert_int_equal(article_get(f->db, f->a, a, &art), 0);
    assert_string_equal(art.slug, "dai-hoi-doan-dan-van-kheo");
    assert_int_equal(art.status, ART_DRAFT);
    assert_int_equal(art.version, 1);
    assert_non_null(strstr(art.body_html, "<strong>Đậm</strong>"));
    assert_null(strstr(art.body_html, "<b>"));
    assert_int_equal(art.nauthors, 1);
    assert_string_equal(art.authors[0].unit_label, "MT tỉnh");
    assert_int_equal(art.ntags, 2);
    assert_int_equal(history_rows(f, a), 1);
    assert_int_equal(audit_rows(f, a), 1);

    assert_int_equal(article_create(f->db, &ed, &in, &b), 0);
    assert_int_equal(article_create(f->db, &ed, &in, &c), 0);
    assert_int_equal(article_get(f->db, f->a, b, &art), 0);
    assert_string_equal(art.slug, "dai-hoi-doan-dan-van-kheo-2");
    assert_int_equal(article_get(f->db, f->a, c, &art), 0);
    assert_string_equal(art.slug, "dai-hoi-doan-dan-van-kheo-3");

    /* an explicit slug that is taken is refused, and nothing is written */
    struct article_input typed = {.title = "Khác", .slug = "dai-hoi-doan-dan-van-kheo"};
    int64_t d = 0;
    int64_t before = count(f, "SELECT count(*) FROM articles WHERE ?1 = ?1", 1);
    assert_int_equal(article_create(f->db, &ed, &typed, &d), DV_ECONFLICT);
    assert_int_equal(count(f, "SELECT count(*) FROM articles WHERE ?1 = ?1", 1), before);
    int taken = 0;
    assert_int_equal(article_slug_taken(f->db, "dai-hoi-doan-dan-van-kheo", 0, &taken), 0);
    assert_int_equal(taken, 1);
    assert_int_equal(article_slug_taken(f->db, "dai-hoi-doan-dan-van-kheo", a, &taken), 0);
    assert_int_equal(taken, 0);
    /* a typed slug is slugged */
    typed.slug = "Tin Đặc Biệt";
    assert_int_equal(article_create(f->db, &ed, &typed, &d), 0);
    assert_int_equal(article_get(f->db, f->a, d, &art), 0);
    assert_string_equal(art.slug, "tin-dac-biet");
}

static void versions_and_roles(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    struct dv_user ct = mk_user(f, "congtac", ROLE_CONTRIBUTOR);
    struct dv_user ct2 = mk_user(f, "congtac2", ROLE_CONTRIBUTOR);
    struct dv_user st = mk_user(f, "staff", ROLE_STAFF);
    struct article_input in = {.title = "Bài của cộng tác viên", .body_md = "Nội dung"};
    int64_t id = 0;
    assert_int_equal(article_create(f->db, &st, &in, &id), DV_EDENIED);
    assert_int_equal(article_create(f->db, &ct, &in, &id), 0);

    in.version = 1;
    in.body_md = "Sửa lần một";
    assert_int_equal(article_update(f->db, &ct2, id, &in), DV_EDENIED); /* not theirs */
    assert_int_equal(article_update(f->db, &ct, id, &in), 0);
    assert_int_equal(article_update(f->db, &ct, id, &in), DV_ECONFLICT); /* version 1 is stale */
    in.version = 2;
    assert_int_equal(article_update(f->db, &ct, id, &in), 0);
    assert_int_equal(history_rows(f, id), 3);

    /* a contributor submits but never publishes */
    assert_int_equal(article_publish(f->db, &ct, id, 3, NULL), DV_EDENIED);
    assert_int_equal(article_submit(f->db, &ct2, id, 3), DV_EDENIED);
    assert_int_equal(article_submit(f->db, &ct, id, 2), DV_ECONFLICT);
    assert_int_equal(article_submit(f->db, &ct, id, 3), 0);
    in.version = 4;
    assert_int_equal(article_update(f->db, &ct, id, &in), DV_EDENIED); /* no longer a draft */
    assert_int_equal(article_return(f->db, &ct, id, 4, "x"), DV_EDENIED);
    assert_int_equal(article_return(f->db, &ed, id, 4, "Bổ sung ảnh"), 0);
    struct article a;
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_int_equal(a.status, ART_DRAFT);
    assert_int_equal(article_submit(f->db, &ct, id, 5), 0);
    assert_int_equal(article_publish(f->db, &ed, id, 6, NULL), 0);
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_int_equal(a.status, ART_PUBLISHED);
    assert_non_null(a.published_at);
    assert_int_equal(article_publish(f->db, &ed, id, 7, NULL), DV_ECONFLICT); /* already */
    in.version = 7;
    assert_int_equal(article_update(f->db, &ct, id, &in), DV_EDENIED); /* published: editors only */
    in.body_md = "Biên tập viên sửa";
    assert_int_equal(article_update(f->db, &ed, id, &in), 0);

    struct article *list;
    size_t n, total;
    assert_int_equal(article_list_published(f->db, f->a, 0, 0, 0, 0, 10, &list, &n, &total), 0);
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    assert_int_equal(article_get_published(f->db, f->a, a.slug, &a), 0);
    assert_int_equal(article_archive(f->db, &ct, id, 8), DV_EDENIED);
    assert_int_equal(article_archive(f->db, &ed, id, 8), 0);
    assert_int_equal(article_get_published(f->db, f->a, a.slug, &a), DV_ENOTFOUND);

    struct history_entry *h;
    assert_int_equal(article_history(f->db, f->a, id, &h, &n), 0);
    assert_int_equal(n, 9);
    assert_string_equal(h[0].action, "archive");
    assert_int_equal(h[0].version, 9);
    assert_non_null(strstr(h[4].snapshot, "\"comment\":\"Bổ sung ảnh\""));
    assert_string_equal(h[4].action, "return");
    assert_int_equal(audit_rows(f, id), 9);
    assert_int_equal(article_list_desk_by(f->db, f->a, ART_ARCHIVED, ct.id, 0, 10, &list, &n, &total), 0);
    assert_int_equal(total, 1);
    assert_int_equal(article_list_desk_by(f->db, f->a, -1, ct2.id, 0, 10, &list, &n, &total), 0);
    assert_int_equal(total, 0);
}

static void schedule(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    struct article_input in = {.title = "Lên lịch"};
    int64_t id = 0, later = 0;
    assert_int_equal(article_create(f->db, &ed, &in, &id), 0);
    assert_int_equal(article_create(f->db, &ed, &in, &later), 0);
    assert_int_equal(article_publish(f->db, &ed, id, 1, "2999-01-01T00:00:00Z"), 0);
    struct article a;
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_int_equal(a.status, ART_PENDING);
    assert_string_equal(a.publish_at, "2999-01-01T00:00:00Z");
    int n = -1;
    assert_int_equal(article_publish_due(f->db, &n), 0);
    assert_int_equal(n, 0);
    /* time passes */
    dv_stmt *st = db_prepare(f->db, "UPDATE articles SET publish_at = '2020-05-28T01:30:00Z' WHERE id = ?1");
    db_bind_int(st, 1, id);
    assert_int_equal(db_exec(st), 0);
    assert_int_equal(article_publish(f->db, &ed, later, 1, "2999-01-01T00:00:00Z"), 0);
    assert_int_equal(article_publish_due(f->db, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_int_equal(a.status, ART_PUBLISHED);
    assert_string_equal(a.published_at, "2020-05-28T01:30:00Z");
    assert_null(a.publish_at);
    assert_int_equal(article_get(f->db, f->a, later, &a), 0);
    assert_int_equal(a.status, ART_PENDING);
    assert_int_equal(history_rows(f, id), 3); /* create, schedule, publish */
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE entity = 'article' AND entity_id = ?1 AND actor = 'scheduler'", id), 1);
    assert_int_equal(article_publish_due(f->db, &n), 0);
    assert_int_equal(n, 0);
}

/* A publication date in the past: published now, dated then; history and audit keep the
 * real time. Malformed, impossible or too early dates are refused and nothing changes. */
static void publish_with_past_date(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    struct article_input in = {.title = "Bài đăng lại từ trang cũ", .body_md = "Nội dung"};
    int64_t id = 0;
    assert_int_equal(article_create(f->db, &ed, &in, &id), 0);
    const char *bad[] = {"2020-02-30T02:00:00Z", "28/05/2020", "2020-05-28T02:00:00", "2020-05-28T02:00:00Zx",
                         "1999-12-31T23:59:59Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(article_publish_date_check(bad[i]), DV_EINVAL);
        assert_int_equal(article_publish(f->db, &ed, id, 1, bad[i]), DV_EINVAL);
    }
    assert_int_equal(history_rows(f, id), 1);
    assert_int_equal(article_publish_date_check(NULL), DV_OK);
    assert_int_equal(article_publish_date_check(ARTICLE_EARLIEST_PUBLISHED), DV_OK);

    assert_int_equal(article_publish(f->db, &ed, id, 1, "2020-05-28T02:00:00Z"), 0);
    struct article a;
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_int_equal(a.status, ART_PUBLISHED);
    assert_null(a.publish_at);
    assert_string_equal(a.published_at, "2020-05-28T02:00:00Z");
    assert_string_equal(a.updated_at, "2020-05-28T02:00:00Z");
    assert_int_equal(count(f, "SELECT count(*) FROM article_history WHERE article_id = ?1 AND action = 'publish' "
                              "AND at > '2024-01-01'", id), 1);

    /* archived, then restored with another past date: that date is its publication date */
    assert_int_equal(article_archive(f->db, &ed, id, 2), 0);
    assert_int_equal(article_publish(f->db, &ed, id, 3, "2021-01-02T03:04:05Z"), 0);
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_string_equal(a.published_at, "2021-01-02T03:04:05Z");
    /* restored without a date: the first publication stays */
    assert_int_equal(article_archive(f->db, &ed, id, 4), 0);
    assert_int_equal(article_publish(f->db, &ed, id, 5, NULL), 0);
    assert_int_equal(article_get(f->db, f->a, id, &a), 0);
    assert_string_equal(a.published_at, "2021-01-02T03:04:05Z");
}

static void categories_and_related(void **state)
{
    struct fx *f = *state;
    struct dv_user ed = mk_user(f, "bientap", ROLE_EDITOR);
    assert_int_equal(db_exec_script(f->db, "INSERT INTO categories(slug, name, position) VALUES "
                                           "('tin-tuc', 'Tin tức', 1), ('hoat-dong', 'Hoạt động', 2)"), 0);
    struct term *cats;
    size_t nc;
    assert_int_equal(category_list(f->db, f->a, &cats, &nc), 0);
    assert_int_equal(nc, 2);
    struct term c;
    assert_int_equal(category_get_by_slug(f->db, f->a, "hoat-dong", &c), 0);
    assert_string_equal(c.name, "Hoạt động");
    int64_t ids[] = {cats[0].id, 999};
    const char *tags[] = {"Dân vận"};
    struct article_input in = {.title = "Một", .category_ids = ids, .ncategories = 2, .tag_names = tags, .ntags = 1};
    int64_t a = 0, b = 0;
    assert_int_equal(article_create(f->db, &ed, &in, &a), 0);
    in.title = "Hai";
    in.ncategories = 0;
    assert_int_equal(article_create(f->db, &ed, &in, &b), 0);
    assert_int_equal(article_publish(f->db, &ed, a, 1, NULL), 0);
    assert_int_equal(article_publish(f->db, &ed, b, 1, NULL), 0);
    struct term t;
    assert_int_equal(tag_get_by_slug(f->db, f->a, "dan-van", &t), 0);
    struct article *list;
    size_t n, total;
    assert_int_equal(article_list_published(f->db, f->a, cats[0].id, 0, 0, 0, 10, &list, &n, &total), 0);
    assert_int_equal(total, 1);
    assert_int_equal(list[0].ncategories, 1);
    assert_int_equal(article_list_published(f->db, f->a, 0, t.id, 0, 0, 10, &list, &n, &total), 0);
    assert_int_equal(total, 2);
    assert_int_equal(article_related(f->db, f->a, a, 5, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(create_and_slugs, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(versions_and_roles, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(schedule, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(publish_with_past_date, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(categories_and_related, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
