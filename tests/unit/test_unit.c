/* test_unit.c - unit tests for the org units store: the dated tree (children, ancestors,
 * subtrees), closing, a merger with successions, folded search, and the TSV import
 * (idempotent, all-or-nothing with the bad line named). Runs on a real temp SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "org/unit.h"
#include "temp_store.h"

struct fx {
    char dir[64];
    char path[128];
    dv_db *db;
    dv_arena *a;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "unit", 0)) return -1;
    if (db_migrate(f->db) != 0) return -1;
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    arena_free(f->a);
    db_close(f->db);
    char p[192];
    snprintf(p, sizeof p, "%s/t.tsv", f->dir); /* the import's input, beside the store */
    unlink(p);
    TEMP_STORE_REMOVE(f);
    free(f);
    return 0;
}

static int64_t mk(dv_db *db, const char *code, const char *name, const char *type, const char *from,
                  int64_t parent)
{
    struct unit_input in = {.code = code, .name = name, .type = type, .valid_from = from, .parent_id = parent};
    int64_t id = 0;
    assert_int_equal(unit_create(db, NULL, NULL, &in, &id), 0);
    assert_true(id > 0);
    return id;
}

static int64_t count(dv_db *db, const char *sql)
{
    dv_stmt *st = db_prepare(db, sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static int has(const struct unit *v, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id) return 1;
    return 0;
}

static void test_tree_and_close(void **state)
{
    struct fx *f = *state;
    int64_t p = mk(f->db, "96", "Tỉnh Cà Mau", "province", "2025-07-01", 0);
    int64_t a = mk(f->db, "31825", "Phường Bạc Liêu", "ward", "2025-07-01", p);
    int64_t b = mk(f->db, "31834", "Phường Vĩnh Trạch", "ward", "2025-07-01", p);
    int64_t tu = mk(f->db, "96-TU", "Tỉnh ủy Cà Mau", "party_committee", "2025-07-01", p);
    int64_t bdv = mk(f->db, "96-TU-BDV", "Ban Dân vận Tỉnh ủy Cà Mau", "party_commission", "2025-07-01", tu);

    struct unit *v;
    size_t n;
    assert_int_equal(unit_store_children(f->db, f->a, p, &v, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(unit_store_roots(f->db, f->a, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, p);
    assert_int_equal(v[0].child_count, 3);

    assert_int_equal(unit_store_ancestors(f->db, f->a, bdv, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(v[0].id, p);
    assert_int_equal(v[1].id, tu);

    assert_int_equal(unit_store_subtree(f->db, f->a, p, &v, &n), 0);
    assert_int_equal(n, 5);
    assert_int_equal(v[0].id, p);
    assert_int_equal(v[0].depth, 0);

    int yes;
    assert_int_equal(unit_in_subtree(f->db, p, bdv, &yes), 0);
    assert_true(yes);
    assert_int_equal(unit_in_subtree(f->db, p, p, &yes), 0);
    assert_true(yes);
    assert_int_equal(unit_in_subtree(f->db, a, b, &yes), 0);
    assert_false(yes);
    assert_int_equal(unit_in_subtree(f->db, bdv, p, &yes), 0);
    assert_false(yes);

    struct unit u;
    assert_int_equal(unit_store_get(f->db, f->a, bdv, &u), 0);
    assert_string_equal(u.name, "Ban Dân vận Tỉnh ủy Cà Mau");
    assert_int_equal(u.parent_id, tu);
    assert_int_equal(unit_store_get(f->db, f->a, 999999, &u), DV_ENOTFOUND);

    /* the same open code twice is refused */
    struct unit_input dup = {.code = "96", .name = "X", .type = "province", .valid_from = "2025-07-01"};
    assert_int_equal(unit_create(f->db, NULL, NULL, &dup, NULL), DV_ECONFLICT);

    /* a unit with open children cannot be closed; closing before it started is refused */
    assert_int_equal(unit_close(f->db, NULL, NULL, tu, "2025-08-01"), DV_ECONFLICT);
    assert_int_equal(unit_close(f->db, NULL, NULL, bdv, "2025-07-01"), DV_EINVAL);
    assert_int_equal(unit_close(f->db, NULL, NULL, bdv, "2025-08-01"), 0);
    assert_int_equal(unit_close(f->db, NULL, NULL, bdv, "2025-09-01"), DV_ECONFLICT); /* already */
    assert_int_equal(unit_store_children(f->db, f->a, tu, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(unit_store_children_at(f->db, f->a, tu, "2025-07-31", &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM unit_links WHERE valid_to = '2025-08-01'"), 1);
    /* a closed unit still knows where it stood */
    assert_int_equal(unit_in_subtree(f->db, p, bdv, &yes), 0);
    assert_true(yes);
    assert_int_equal(unit_close(f->db, NULL, NULL, tu, "2025-08-01"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM audit_log WHERE entity = 'unit' AND action = 'close'"), 2);

    /* update: new name is folded, audit row written */
    struct unit_input up = {.code = "31825", .name = "  Phường Bạc Liêu Mới ", .type = "ward",
                            .valid_from = "2025-07-01", .note = "đổi tên"};
    assert_int_equal(unit_update(f->db, NULL, NULL, a, &up), 0);
    assert_int_equal(unit_store_get(f->db, f->a, a, &u), 0);
    assert_string_equal(u.name, "Phường Bạc Liêu Mới");
    assert_string_equal(u.note, "đổi tên");
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE name_fold = 'phuong bac lieu moi'"), 1);
}

/* Two communes merge into a new one on 1 July 2025. */
static void test_merger(void **state)
{
    struct fx *f = *state;
    int64_t prov = mk(f->db, "95", "Tỉnh Bạc Liêu", "province", "2004-01-01", 0);
    int64_t x = mk(f->db, "31900", "Xã Hiệp Thành", "commune", "2004-01-01", prov);
    int64_t y = mk(f->db, "31903", "Xã Vĩnh Trạch Đông", "commune", "2004-01-01", prov);
    assert_int_equal(unit_close(f->db, NULL, NULL, x, "2025-07-01"), 0);
    assert_int_equal(unit_close(f->db, NULL, NULL, y, "2025-07-01"), 0);
    int64_t z = mk(f->db, "31840", "Phường Hiệp Thành", "ward", "2025-07-01", prov);
    assert_int_equal(unit_succession_add(f->db, NULL, NULL, x, z, "2025-07-01"), 0);
    assert_int_equal(unit_succession_add(f->db, NULL, NULL, y, z, "2025-07-01"), 0);
    assert_int_equal(unit_succession_add(f->db, NULL, NULL, y, z, "2025-07-01"), DV_ECONFLICT);

    struct unit *v;
    size_t n;
    assert_int_equal(unit_store_children_at(f->db, f->a, prov, "2025-06-30", &v, &n), 0);
    assert_int_equal(n, 2);
    assert_true(has(v, n, x) && has(v, n, y));
    assert_int_equal(unit_store_children_at(f->db, f->a, prov, "2025-07-01", &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, z);
    assert_int_equal(unit_store_children(f->db, f->a, prov, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, z);
    assert_int_equal(count(f->db, "SELECT count(*) FROM unit_successions WHERE on_date = '2025-07-01'"), 2);

    /* the old code may be reused once closed (only one OPEN unit per code) */
    struct unit u;
    assert_int_equal(unit_store_get(f->db, f->a, x, &u), 0);
    assert_string_equal(u.valid_to, "2025-07-01");
    assert_int_equal(u.parent_id, 0); /* no parent today */
    int yes;
    assert_int_equal(unit_in_subtree(f->db, prov, x, &yes), 0);
    assert_true(yes); /* as it stood on its last day */
}

static void test_search(void **state)
{
    struct fx *f = *state;
    int64_t p = mk(f->db, "96", "Tỉnh Cà Mau", "province", "2025-07-01", 0);
    int64_t w = mk(f->db, "32002", "Phường An Xuyên", "ward", "2025-07-01", p);
    int64_t tu = mk(f->db, "96-TU", "Tỉnh ủy Cà Mau", "party_committee", "2025-07-01", p);
    int64_t bdv = mk(f->db, "96-TU-BDV", "Ban Dân vận Tỉnh ủy Cà Mau", "party_commission", "2025-07-01", tu);
    int64_t other = mk(f->db, "01", "Thành phố Hà Nội", "province", "2025-07-01", 0);
    int64_t dv = mk(f->db, "01-BDV", "Ban Dân vận Thành ủy Hà Nội", "party_commission", "2025-07-01", other);

    struct unit *v;
    size_t n;
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "ca mau", 50, &v, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].id, p); /* shortest name first */
    assert_int_equal(unit_store_search(f->db, f->a, p, 0, "CÀ MAU", 50, &v, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "phuong an xuyen", 50, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, w);
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "dan van", 50, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(unit_store_search(f->db, f->a, p, 0, "dan van", 50, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, bdv);
    assert_int_equal(unit_store_search(f->db, f->a, other, 0, "dân vận", 50, &v, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].id, dv);
    assert_int_equal(unit_store_search(f->db, f->a, w, 0, "ca mau", 50, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "   ", 50, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "ca mau", 1, &v, &n), 0);
    assert_int_equal(n, 1);
}

static const char *write_tsv(struct fx *f, const char *text)
{
    static char p[192];
    snprintf(p, sizeof p, "%s/t.tsv", f->dir);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return p;
}

#define TSV_HEAD "province_code\tprovince_name\tcommune_code\tcommune_name\n"

static void test_import_small(void **state)
{
    struct fx *f = *state;
    const char *p = write_tsv(f, TSV_HEAD
                              "96\tTỉnh Cà Mau\t31825\tPhường Bạc Liêu\n"
                              "96\tTỉnh Cà Mau\t32248\tĐặc khu Hòn Khoai\n"
                              "01\tThành phố Hà Nội\t00004\tPhường Ba Đình\n"
                              "96\tTỉnh Cà Mau\t32000\tXã Khánh Bình\n");
    struct unit_import_counts c;
    char err[256] = "";
    assert_int_equal(unit_import_tsv(f->db, p, 0, &c, err, sizeof err), 0);
    assert_int_equal(c.created, 6);
    assert_int_equal(c.updated + c.unchanged, 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE type = 'special_zone'"), 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM unit_links"), 4);
    assert_int_equal(count(f->db, "SELECT count(*) FROM audit_log WHERE action = 'import'"), 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM audit_log"), 1);

    assert_int_equal(unit_import_tsv(f->db, p, 0, &c, err, sizeof err), 0);
    assert_int_equal(c.created, 0);
    assert_int_equal(c.updated, 0);
    assert_int_equal(c.unchanged, 6);

    /* a renamed commune is updated (and audited) */
    p = write_tsv(f, TSV_HEAD
                  "96\tTỉnh Cà Mau\t31825\tPhường Bạc Liêu\n"
                  "96\tTỉnh Cà Mau\t32248\tĐặc khu Hòn Khoai\n"
                  "01\tThành phố Hà Nội\t00004\tPhường Ba Đình\n"
                  "96\tTỉnh Cà Mau\t32000\tXã Khánh Bình Tây\n");
    assert_int_equal(unit_import_tsv(f->db, p, 0, &c, err, sizeof err), 0);
    assert_int_equal(c.updated, 1);
    assert_int_equal(c.unchanged, 5);
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE name_fold = 'xa khanh binh tay'"), 1);
}

static void expect_bad(struct fx *f, const char *tsv, const char *want)
{
    const char *p = write_tsv(f, tsv);
    char err[256] = "";
    struct unit_import_counts c;
    int rc = unit_import_tsv(f->db, p, 0, &c, err, sizeof err);
    assert_int_not_equal(rc, 0);
    if (strncmp(err, want, strlen(want)) != 0) fail_msg("error \"%s\" does not start with \"%s\"", err, want);
    assert_int_equal(count(f->db, "SELECT count(*) FROM units"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM audit_log"), 0);
}

static void test_import_bad_rows(void **state)
{
    struct fx *f = *state;
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tPhường Bạc Liêu\n96\tTỉnh Cà Mau\t3183\tPhường Vĩnh Trạch\n",
               "line 3: commune code");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tPhường Bạc Liêu\n\n9x\tTỉnh Cà Mau\t31834\tXã A\n",
               "line 4: province code");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\n", "line 2: expected 4");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tPhường A\textra\n", "line 2: expected 4");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tPhường A\n96\tTỉnh Cà Mâu\t31826\tPhường B\n",
               "line 3: province 96");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tPhường \xC3\n", "line 2: commune name");
    expect_bad(f, TSV_HEAD "96\t \t31825\tPhường A\n", "line 2: province name");
    expect_bad(f, TSV_HEAD "96\tTỉnh Cà Mau\t31825\tThị trấn A\n", "line 2: commune name must");
    expect_bad(f, "code\tname\n", "line 1:");
}

static void test_import_national_table(void **state)
{
    struct fx *f = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/vn-admin-units-2025.tsv", DANVAN_DATADIR_SOURCE);
    struct unit_import_counts c;
    char err[256] = "";
    assert_int_equal(unit_import_tsv(f->db, path, 0, &c, err, sizeof err), 0);
    assert_int_equal(c.created, 3355);
    assert_int_equal(count(f->db, "SELECT count(*) FROM units WHERE type = 'province'"), 34);
    assert_int_equal(unit_import_tsv(f->db, path, 0, &c, err, sizeof err), 0);
    assert_int_equal(c.created, 0);
    assert_int_equal(c.updated, 0);
    assert_int_equal(c.unchanged, 3355);
    struct unit *v;
    size_t n;
    assert_int_equal(unit_store_roots(f->db, f->a, &v, &n), 0);
    assert_int_equal(n, 34);
    int64_t cm;
    assert_int_equal(unit_store_find_open_code(f->db, "96", &cm), 0);
    assert_int_equal(unit_store_children(f->db, f->a, cm, &v, &n), 0);
    assert_int_equal(n, 64);
    assert_int_equal(unit_store_search(f->db, f->a, 0, 0, "ca mau", 50, &v, &n), 0);
    assert_true(n >= 1);
    assert_int_equal(v[0].id, cm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tree_and_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_bad_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_national_table, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
