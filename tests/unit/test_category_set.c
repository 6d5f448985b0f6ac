/* test_category_set.c - moving an item of an ordered list (reorder.c, pure), and the category
 * set and indicator order writes on a temp SQLite file: codes unique and checked, names
 * required and NFC, options renamed, moved and removed with dense positions, an option
 * holding reported values keeps its code and stays; a set deleted only while no indicator
 * uses it; indicators moved up and down, each change audited. */
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
#include "report/regime/regime.h"
#include "report/regime/reorder.h"
#include "temp_store.h"

/* ---- reorder_move (pure) ---- */

static void test_reorder(void **state)
{
    (void)state;
    int64_t ids[] = {10, 20, 30};
    assert_int_equal(reorder_move(ids, 3, 20, -1), 0);
    assert_true(ids[0] == 20 && ids[1] == 10 && ids[2] == 30);
    assert_int_equal(reorder_move(ids, 3, 10, 1), 0);
    assert_true(ids[0] == 20 && ids[1] == 30 && ids[2] == 10);
    assert_int_equal(reorder_move(ids, 3, 20, -1), DV_EINVAL); /* first already */
    assert_int_equal(reorder_move(ids, 3, 10, 1), DV_EINVAL);  /* last already */
    assert_int_equal(reorder_move(ids, 3, 30, 0), DV_EINVAL);
    assert_int_equal(reorder_move(ids, 3, 99, 1), DV_ENOTFOUND);
    assert_int_equal(reorder_move(ids, 0, 10, 1), DV_ENOTFOUND);
    int64_t one[] = {7};
    assert_int_equal(reorder_move(one, 1, 7, -1), DV_EINVAL);
    assert_int_equal(reorder_move(one, 1, 7, 1), DV_EINVAL);
}

/* ---- the store ---- */

struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "category", 1)) return -1;
    f->a = arena_new();
    if (db_exec_script(f->db,
                       "INSERT INTO units(id, code, name, name_fold, type, valid_from) VALUES "
                       " (1, '96', 'Tỉnh P', 'tinh p', 'province', '2000-01-01');"
                       "INSERT INTO regimes(id, code, name, frequency, receiver_unit_id, grace_days, active_from) "
                       " VALUES (1, 'T', 'Báo cáo thử', 'half', 1, 0, '2020-01-01');"
                       "INSERT INTO periods(id, regime_id, year, seq, label, close_start, close_end) "
                       " VALUES (1, 1, 2025, 1, 'Kỳ 1', '2024-12-15', '2025-06-14');"))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    arena_free(f->a);
    db_close(f->db);
    TEMP_STORE_REMOVE(f);
    free(f);
    return 0;
}

static int count(struct fx *f, const char *sql)
{
    dv_stmt *st = db_prepare(f->db, sql);
    int n = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
    db_done(st);
    return n;
}

/* The set's option codes in order, joined by spaces; asserts positions are 1..n. */
static const char *order(struct fx *f, int64_t set_id)
{
    struct category_set s;
    assert_int_equal(category_set_get(f->db, f->a, set_id, &s), 0);
    const char *t = "";
    for (size_t i = 0; i < s.n_options; i++) {
        assert_int_equal(s.options[i].position, (int)i + 1);
        t = arena_printf(f->a, "%s%s%s", t, i ? " " : "", s.options[i].code);
    }
    return t;
}

static void test_sets(void **state)
{
    struct fx *f = *state;
    int64_t set, dang, cq, mt;
    assert_int_equal(category_set_create(f->db, NULL, NULL, "KHOI", "Khối", &set), 0);
    assert_int_equal(category_set_create(f->db, NULL, NULL, "KHOI", "Khác", NULL), DV_ECONFLICT);
    assert_int_equal(category_set_create(f->db, NULL, NULL, "K HOI", "Khác", NULL), DV_EINVAL);
    assert_int_equal(category_set_create(f->db, NULL, NULL, "K2", "  ", NULL), DV_EINVAL);
    /* position 0: after the last */
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "DANG", "Đảng", 0, &dang), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "CQ", "Chính quyền", 0, &cq), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "MTDT", "Mặt trận", 0, &mt), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "CQ", "Trùng", 0, NULL), DV_ECONFLICT);
    assert_int_equal(category_option_add(f->db, NULL, NULL, 999, "X", "Không có bộ", 0, NULL), DV_ENOTFOUND);
    assert_string_equal(order(f, set), "DANG CQ MTDT");

    /* rename, NFC: "Khối" typed decomposed (o + U+0302 + U+0301) is stored composed */
    assert_int_equal(category_set_rename(f->db, NULL, NULL, set, "Kho\xcc\x82\xcc\x81i tổ chức"), 0);
    struct category_set s;
    assert_int_equal(category_set_get(f->db, f->a, set, &s), 0);
    assert_string_equal(s.name, "Khối tổ chức");
    assert_int_equal(category_set_rename(f->db, NULL, NULL, set, ""), DV_EINVAL);
    assert_int_equal(category_set_rename(f->db, NULL, NULL, 999, "X"), DV_ENOTFOUND);

    /* moves keep positions dense; past an end is refused */
    assert_int_equal(category_option_move(f->db, NULL, NULL, mt, -1), 0);
    assert_string_equal(order(f, set), "DANG MTDT CQ");
    assert_int_equal(category_option_move(f->db, NULL, NULL, dang, -1), DV_EINVAL);
    assert_int_equal(category_option_move(f->db, NULL, NULL, cq, 1), DV_EINVAL);
    assert_int_equal(category_option_move(f->db, NULL, NULL, dang, 1), 0);
    assert_string_equal(order(f, set), "MTDT DANG CQ");
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'category_option' AND action = 'update'"),
                     4);

    /* rename and re-code an option while no report holds values for it */
    assert_int_equal(category_option_update(f->db, NULL, NULL, cq, "CQ", "Chính quyền các cấp"), 0);
    assert_int_equal(category_option_update(f->db, NULL, NULL, cq, "DANG", "Trùng mã"), DV_ECONFLICT);
    assert_int_equal(category_option_update(f->db, NULL, NULL, cq, "CQUYEN", "Chính quyền"), 0);

    /* a value reported for DANG: its code is fixed and it cannot go; its name can change */
    struct indicator_input in = {.code = "I01", .name = "Số", .type = "int", .category_set_id = set};
    int64_t ind;
    assert_int_equal(indicator_add(f->db, NULL, NULL, 1, &in, &ind), 0);
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO reports(id, regime_id, period_id, unit_id, deadline) VALUES (1, 1, 1, 1, '2025-06-20');"
             "INSERT INTO report_values(report_id, indicator_id, option_id, num) VALUES (1, %lld, %lld, 3);",
             (long long)ind, (long long)dang);
    assert_int_equal(db_exec_script(f->db, sql), 0);
    int used = 0;
    assert_int_equal(category_option_in_use(f->db, dang, &used), 0);
    assert_int_equal(used, 1);
    assert_int_equal(category_option_in_use(f->db, cq, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(category_option_update(f->db, NULL, NULL, dang, "D", "Đảng"), DV_EDENIED);
    assert_int_equal(category_option_update(f->db, NULL, NULL, dang, "DANG", "Khối Đảng"), 0);
    assert_int_equal(category_option_delete(f->db, NULL, NULL, dang), DV_EDENIED);
    /* nor can the indicator holding it change (or drop) its disaggregation; its name can */
    struct indicator_input none = in;
    none.category_set_id = 0;
    assert_int_equal(indicator_update(f->db, NULL, NULL, ind, &none), DV_EDENIED);
    in.name = "Số lượng";
    assert_int_equal(indicator_update(f->db, NULL, NULL, ind, &in), 0);

    /* removing an unused option closes the gap */
    assert_int_equal(category_option_delete(f->db, NULL, NULL, mt), 0);
    assert_string_equal(order(f, set), "DANG CQUYEN");
    assert_int_equal(category_option_delete(f->db, NULL, NULL, mt), DV_ENOTFOUND);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'category_option' AND action = 'delete'"),
                     1);
}

/* A set is deleted with its options only while no indicator disaggregates by it. */
static void test_set_delete(void **state)
{
    struct fx *f = *state;
    int64_t used_set, free_set, opt;
    assert_int_equal(category_set_create(f->db, NULL, NULL, "KHOI", "Khối", &used_set), 0);
    assert_int_equal(category_set_create(f->db, NULL, NULL, "TAM", "Bộ tạm", &free_set), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, free_set, "A", "Nhóm A", 0, &opt), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, used_set, "DANG", "Đảng", 0, NULL), 0);
    struct indicator_input in = {.code = "I01", .name = "Số", .type = "int", .category_set_id = used_set};
    assert_int_equal(indicator_add(f->db, NULL, NULL, 1, &in, NULL), 0);

    int64_t users = -1;
    assert_int_equal(category_set_users(f->db, used_set, &users), 0);
    assert_int_equal(users, 1);
    assert_int_equal(category_set_delete(f->db, NULL, NULL, used_set), DV_EDENIED);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM category_sets WHERE code = 'KHOI'"), 1);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM category_options WHERE code = 'DANG'"), 1);

    assert_int_equal(category_set_users(f->db, free_set, &users), 0);
    assert_int_equal(users, 0);
    assert_int_equal(category_set_delete(f->db, NULL, NULL, free_set), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM category_sets WHERE code = 'TAM'"), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM category_options WHERE code = 'A'"), 0);
    assert_int_equal(category_set_delete(f->db, NULL, NULL, free_set), DV_ENOTFOUND);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'category_set' AND action = 'delete'"), 1);
}

static void test_indicator_move(void **state)
{
    struct fx *f = *state;
    int64_t id[4];
    const char *codes[] = {"I01", "I02", "I03", "I04"};
    for (int i = 0; i < 4; i++) {
        struct indicator_input in = {.code = codes[i], .name = codes[i], .type = "int"};
        assert_int_equal(indicator_add(f->db, NULL, NULL, 1, &in, &id[i]), 0);
    }
    /* a gap (position 7 for I04) is closed by the first move */
    assert_int_equal(db_exec_script(f->db, "UPDATE indicators SET position = 7 WHERE code = 'I04'"), 0);
    assert_int_equal(indicator_move(f->db, NULL, NULL, id[2], -1), 0);
    struct regime_def d;
    assert_int_equal(regime_load(f->db, f->a, 1, &d), 0);
    const char *want[] = {"I01", "I03", "I02", "I04"};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(d.indicators[i].code, want[i]);
        assert_int_equal(d.indicators[i].position, i + 1);
    }
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator' AND action = 'update' "
                              "AND changes LIKE '%position%'"),
                     3);
    assert_int_equal(indicator_move(f->db, NULL, NULL, id[0], -1), DV_EINVAL);
    assert_int_equal(indicator_move(f->db, NULL, NULL, id[3], 1), DV_EINVAL);
    assert_int_equal(indicator_move(f->db, NULL, NULL, 999, 1), DV_ENOTFOUND);
    /* deleting closes the gap too */
    assert_int_equal(indicator_delete(f->db, NULL, NULL, id[2]), 0);
    assert_int_equal(regime_load(f->db, f->a, 1, &d), 0);
    assert_int_equal(d.n_indicators, 3);
    for (int i = 0; i < 3; i++) assert_int_equal(d.indicators[i].position, i + 1);
    assert_string_equal(d.indicators[1].code, "I02");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reorder),
        cmocka_unit_test_setup_teardown(test_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indicator_move, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
