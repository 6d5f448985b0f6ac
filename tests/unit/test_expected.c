/* test_expected.c - THE EXPECTED SET (expected.h) with exact expectations over a dated tree:
 * closed units, a unit opened mid-year, a merger on 2025-07-01, a link moved on that day
 * (parent as of close_end), an assignment ended (reassignment), type rules with and without
 * a root, a subtree rule; per-level deadlines; and period generation (idempotent, edits). */
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
#include "core/i18n.h"
#include "db/db.h"
#include "org/unit_tree.h"
#include "report/completeness/expected.h"
#include "report/regime/regime.h"
#include "temp_store.h"

/*  P province ─┬─ C commission (receiver) ─ O office (agency)
 *              ├─ H former district (agency, closed 2025-07-01) ─┬─ A commune (closed 2025-07-01)
 *              │                                                  └─ K commune (moved under P 2025-07-01)
 *              ├─ B commune (closed 2025-07-01)   N commune (opened 2025-07-01; A+B merged into it)
 *              ├─ L commune (opened 2025-07-15)
 *              ├─ U people's committee ─ X department (closed 2025-03-01)
 *              ├─ M fatherland front ─ S socio-political org
 *              └─ V agency (not under the receiver) */
struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
    int64_t P, C, O, H, A, K, B, N, L, U, X, M, S, V;
    int64_t R, RM; /* quarterly and monthly regimes */
};

static int64_t unit(struct fx *f, const char *code, const char *type, const char *from, const char *to)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO units(code, name, name_fold, type, valid_from, valid_to) "
                                    "VALUES (?1, ?1, ?1, ?2, ?3, ?4)");
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    if (db_exec(st) != 0) return 0;
    return db_last_id(f->db);
}

static int lnk(struct fx *f, int64_t child, int64_t parent, const char *from, const char *to)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO unit_links(child_id, parent_id, valid_from, valid_to) "
                                    "VALUES (?1, ?2, ?3, ?4)");
    db_bind_int(st, 1, child);
    db_bind_int(st, 2, parent);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    return db_exec(st);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "expected", 1)) return -1;
    f->a = arena_new();
    const char *T0 = "2000-01-01", *M = "2025-07-01";
    f->P = unit(f, "P", "province", T0, NULL);
    f->C = unit(f, "C", "party_commission", T0, NULL);
    f->O = unit(f, "O", "agency", T0, NULL);
    f->H = unit(f, "H", "agency", T0, M);
    f->A = unit(f, "A", "commune", T0, M);
    f->K = unit(f, "K", "commune", T0, NULL);
    f->B = unit(f, "B", "commune", T0, M);
    f->N = unit(f, "N", "commune", M, NULL);
    f->L = unit(f, "L", "commune", "2025-07-15", NULL);
    f->U = unit(f, "U", "peoples_committee", T0, NULL);
    f->X = unit(f, "X", "department", T0, "2025-03-01");
    f->M = unit(f, "M", "fatherland_front", T0, NULL);
    f->S = unit(f, "S", "sociopolitical_org", T0, NULL);
    f->V = unit(f, "V", "agency", T0, NULL);
    int rc = lnk(f, f->C, f->P, T0, NULL) | lnk(f, f->O, f->C, T0, NULL) | lnk(f, f->H, f->P, T0, M) |
             lnk(f, f->A, f->H, T0, M) | lnk(f, f->K, f->H, T0, M) | lnk(f, f->K, f->P, M, NULL) |
             lnk(f, f->B, f->P, T0, M) | lnk(f, f->N, f->P, M, NULL) |
             lnk(f, f->L, f->P, "2025-07-15", NULL) | lnk(f, f->U, f->P, T0, NULL) |
             lnk(f, f->X, f->U, T0, "2025-03-01") | lnk(f, f->M, f->P, T0, NULL) |
             lnk(f, f->S, f->M, T0, NULL) | lnk(f, f->V, f->P, T0, NULL);
    if (rc) return -1;
    unit_tree_invalidate();

    struct regime_input ri = {.code = "R-Q", .name = "Quarterly", .frequency = "quarter",
                              .receiver_unit_id = f->C, .active_from = "2020-01-01"};
    if (regime_create(f->db, NULL, NULL, &ri, &f->R)) return -1;
    struct assignment_input as[] = {
        {.kind = "type", .unit_type = "commune", .unit_id = f->P, .valid_from = T0},
        {.kind = "type", .unit_type = "agency", .valid_from = T0}, /* under the receiver C */
        {.kind = "unit", .unit_id = f->U, .valid_from = T0, .valid_to = "2025-06-01"},
        {.kind = "unit", .unit_id = f->X, .valid_from = T0},
        {.kind = "subtree", .unit_id = f->M, .valid_from = T0},
    };
    for (size_t i = 0; i < sizeof as / sizeof *as; i++)
        if (regime_assignment_add(f->db, NULL, NULL, f->R, &as[i], NULL)) return -1;
    if (regime_deadline_set(f->db, NULL, NULL, f->R, "commune", 5) ||
        regime_deadline_set(f->db, NULL, NULL, f->R, "*", 10))
        return -1;

    struct regime_input rm = {.code = "R-M", .name = "Monthly", .frequency = "month",
                              .receiver_unit_id = f->C, .active_from = "2020-01-01"};
    if (regime_create(f->db, NULL, NULL, &rm, &f->RM)) return -1;
    struct assignment_input am = {.kind = "type", .unit_type = "commune", .unit_id = f->P, .valid_from = T0};
    if (regime_assignment_add(f->db, NULL, NULL, f->RM, &am, NULL)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    arena_free(f->a);
    TEMP_STORE_REMOVE(f);
    free(f);
    return 0;
}

static int64_t period(struct fx *f, int64_t regime, int year, int seq)
{
    int64_t id = 0;
    assert_int_equal(period_store_find(f->db, regime, year, seq, &id), 0);
    return id;
}

/* Asserts the expected set of a period is exactly ids (ascending). */
static void expect(struct fx *f, int64_t pid, const int64_t *ids, size_t n)
{
    struct expected_unit *v;
    size_t m;
    assert_int_equal(expected_units(f->db, f->a, pid, &v, &m), 0);
    if (m != n) {
        for (size_t i = 0; i < m; i++) fprintf(stderr, "  got %s\n", v[i].code);
    }
    assert_int_equal(m, n);
    for (size_t i = 0; i < n; i++) assert_int_equal(v[i].unit_id, ids[i]);
    size_t c;
    assert_int_equal(expected_count(f->db, pid, &c), 0);
    assert_int_equal(c, n);
}

static const struct expected_unit *find(struct fx *f, int64_t pid, int64_t unit_id)
{
    struct expected_unit *v;
    size_t m;
    assert_int_equal(expected_units(f->db, f->a, pid, &v, &m), 0);
    return expected_find(v, m, unit_id);
}

static void test_generate(void **state)
{
    struct fx *f = *state;
    int made = -1;
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2024, 2025, &made), 0);
    assert_int_equal(made, 8);
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2024, 2025, &made), 0);
    assert_int_equal(made, 0); /* idempotent */
    struct period p;
    assert_int_equal(period_store_get(f->db, f->a, period(f, f->R, 2025, 1), &p), 0);
    assert_string_equal(p.close_start, "2024-12-15");
    assert_string_equal(p.close_end, "2025-03-14");
    struct period_deadline *d;
    size_t n;
    assert_int_equal(period_deadlines_get(f->db, f->a, p.id, &d, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(d[0].level, "commune");
    assert_string_equal(d[0].deadline, "2025-03-19");
    assert_string_equal(d[1].level, "*");
    assert_string_equal(d[1].deadline, "2025-03-24");
    char dl[11];
    assert_int_equal(period_deadline_for(f->db, p.id, "department", dl), 0);
    assert_string_equal(dl, "2025-03-24");
    /* a level added later is filled in by a second generation, without touching the rest */
    assert_int_equal(regime_deadline_set(f->db, NULL, NULL, f->R, "agency", 7), 0);
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2025, 2025, &made), 0);
    assert_int_equal(made, 0);
    assert_int_equal(period_deadline_for(f->db, p.id, "agency", dl), 0);
    assert_string_equal(dl, "2025-03-21");
    /* edits */
    assert_int_equal(period_deadline_set(f->db, NULL, NULL, p.id, "commune", "2025-03-20"), 0);
    assert_int_equal(period_deadline_for(f->db, p.id, "commune", dl), 0);
    assert_string_equal(dl, "2025-03-20");
    assert_int_equal(period_deadline_set(f->db, NULL, NULL, p.id, "commune", "2025-03-13"), DV_EINVAL);
    assert_int_equal(period_update_window(f->db, NULL, NULL, p.id, "2025-03-14", "2025-03-13", NULL), DV_EINVAL);
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2025, 2024, &made), DV_EINVAL);
    /* monthly */
    assert_int_equal(period_generate(f->db, NULL, NULL, f->RM, 2025, 2025, &made), 0);
    assert_int_equal(made, 12);
    assert_int_equal(period_store_get(f->db, f->a, period(f, f->RM, 2025, 1), &p), 0);
    assert_string_equal(p.close_start, "2024-12-15");
    assert_string_equal(p.close_end, "2025-01-14");
    assert_string_equal(p.label, "Tháng 1 năm 2025");
    /* the audit trail has the generated periods */
    dv_stmt *st = db_prepare(f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'period'");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 20);
    db_done(st);
}

static void test_expected_sets(void **state)
{
    struct fx *f = *state;
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2024, 2025, NULL), 0);
    /* Q4 2024, D = 2024-12-14: everyone of the old tree, X still open, U still assigned */
    int64_t q4[] = {f->O, f->A, f->K, f->B, f->U, f->X, f->M, f->S};
    expect(f, period(f, f->R, 2024, 4), q4, 8);
    /* Q1 2025, D = 2025-03-14: X closed on 2025-03-01 */
    int64_t q1[] = {f->O, f->A, f->K, f->B, f->U, f->M, f->S};
    expect(f, period(f, f->R, 2025, 1), q1, 7);
    /* Q2 2025, D = 2025-06-14: U's assignment ended on 2025-06-01 */
    int64_t q2[] = {f->O, f->A, f->K, f->B, f->M, f->S};
    expect(f, period(f, f->R, 2025, 2), q2, 6);
    /* Q3 2025, D = 2025-09-14: after the merger A and B are gone, N (opened 2025-07-01) and L
     * (2025-07-15) are expected, K now hangs under P */
    int64_t q3[] = {f->O, f->K, f->N, f->L, f->M, f->S};
    expect(f, period(f, f->R, 2025, 3), q3, 6);

    /* parents as of close_end */
    assert_int_equal(find(f, period(f, f->R, 2025, 2), f->A)->parent_id, f->H);
    assert_int_equal(find(f, period(f, f->R, 2025, 2), f->K)->parent_id, f->H);
    assert_int_equal(find(f, period(f, f->R, 2025, 3), f->K)->parent_id, f->P);
    assert_int_equal(find(f, period(f, f->R, 2025, 3), f->S)->parent_id, f->M);
    /* deadlines per level */
    assert_string_equal(find(f, period(f, f->R, 2025, 3), f->N)->deadline, "2025-09-19");
    assert_string_equal(find(f, period(f, f->R, 2025, 3), f->M)->deadline, "2025-09-24");
    assert_null(find(f, period(f, f->R, 2025, 3), f->V)); /* an agency not under the receiver */
    assert_null(find(f, period(f, f->R, 2025, 3), f->H));

    char dl[11];
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 3), f->N, dl), 1);
    assert_string_equal(dl, "2025-09-19");
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 2), f->N, dl), 0);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 2), f->A, dl), 1);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 3), f->A, NULL), 0);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 1), f->U, NULL), 1);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 2), f->U, NULL), 0);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 1), f->X, NULL), 0);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2024, 4), f->X, NULL), 1);
    assert_int_equal(expected_is(f->db, period(f, f->R, 2025, 3), f->V, NULL), 0);
    struct expected_unit *v;
    size_t n;
    assert_int_equal(expected_units(f->db, f->a, 999999, &v, &n), DV_ENOTFOUND);
}

static void test_opening_day_edges(void **state)
{
    struct fx *f = *state;
    assert_int_equal(period_generate(f->db, NULL, NULL, f->RM, 2025, 2025, NULL), 0);
    /* June, D = 2025-06-14: the old communes */
    int64_t jun[] = {f->A, f->K, f->B};
    expect(f, period(f, f->RM, 2025, 6), jun, 3);
    /* July, D = 2025-07-14: N opened 2025-07-01 is expected; L opens the next day, it is not */
    int64_t jul[] = {f->K, f->N};
    expect(f, period(f, f->RM, 2025, 7), jul, 2);
    /* August, D = 2025-08-14: L too */
    int64_t aug[] = {f->K, f->N, f->L};
    expect(f, period(f, f->RM, 2025, 8), aug, 3);
    /* a period whose window was moved: July's close_end edited to 2025-07-15 takes L in */
    int64_t p7 = period(f, f->RM, 2025, 7);
    assert_int_equal(period_update_window(f->db, NULL, NULL, p7, "2025-06-15", "2025-07-15", NULL), 0);
    int64_t jul2[] = {f->K, f->N, f->L};
    expect(f, p7, jul2, 3);
    /* ending the assignment stops expectation from the day it ends */
    struct regime_def d;
    assert_int_equal(regime_load(f->db, f->a, f->RM, &d), 0);
    assert_int_equal(d.n_assignments, 1);
    assert_int_equal(regime_assignment_end(f->db, NULL, NULL, d.assignments[0].id, "2025-08-14"), 0);
    expect(f, period(f, f->RM, 2025, 8), NULL, 0);
    expect(f, p7, jul2, 3);
}

static void test_definition(void **state)
{
    struct fx *f = *state;
    int64_t set, o1, o2, i1, i2, i3;
    assert_int_equal(category_set_create(f->db, NULL, NULL, "KHOI", "Khối", &set), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "DANG", "Đảng", 1, &o1), 0);
    assert_int_equal(category_option_add(f->db, NULL, NULL, set, "CQ", "Chính quyền", 2, &o2), 0);
    struct indicator_input in1 = {.code = "I01", .name = "Received", .type = "int", .unit_of_measure = "đơn"};
    struct indicator_input in2 = {.code = "I02", .name = "Resolved", .type = "int", .category_set_id = set};
    struct indicator_input in3 = {.code = "I03", .name = "Note", .type = "text"};
    assert_int_equal(indicator_add(f->db, NULL, NULL, f->R, &in1, &i1), 0);
    assert_int_equal(indicator_add(f->db, NULL, NULL, f->R, &in2, &i2), 0);
    assert_int_equal(indicator_add(f->db, NULL, NULL, f->R, &in3, &i3), 0);
    assert_int_equal(indicator_add(f->db, NULL, NULL, f->R, &in1, NULL), DV_ECONFLICT);
    struct indicator_input bad = {.code = "I 9", .name = "x", .type = "int"};
    assert_int_equal(indicator_add(f->db, NULL, NULL, f->R, &bad, NULL), DV_EINVAL);
    struct rule_input r = {.left_code = "I02", .op = "<=", .right_operand = "I01", .message = "Không lớn hơn"};
    assert_int_equal(indicator_rule_add(f->db, NULL, NULL, f->R, &r, NULL), 0);
    struct rule_input rb = {.left_code = "I03", .op = "<=", .right_operand = "I01", .message = "x"};
    assert_int_equal(indicator_rule_add(f->db, NULL, NULL, f->R, &rb, NULL), DV_EINVAL);
    struct rule_input rn = {.left_code = "I01", .op = ">=", .right_operand = "0", .message = "≥ 0"};
    assert_int_equal(indicator_rule_add(f->db, NULL, NULL, f->R, &rn, NULL), 0);
    assert_int_equal(regime_section_set(f->db, NULL, NULL, f->R, 1, "Kết quả đạt được", ""), 0);
    assert_int_equal(regime_section_set(f->db, NULL, NULL, f->R, 2, "Hạn chế, nguyên nhân", "g"), 0);

    struct regime_def d;
    assert_int_equal(regime_load(f->db, f->a, f->R, &d), 0);
    assert_string_equal(d.regime.code, "R-Q");
    assert_int_equal(d.regime.frequency, FREQ_QUARTER);
    assert_string_equal(d.regime.receiver_name, "C");
    assert_int_equal(d.n_assignments, 5);
    assert_int_equal(d.n_deadlines, 2);
    assert_string_equal(d.deadlines[1].level, "*");
    assert_int_equal(regime_def_deadline_days(&d, "commune"), 5);
    assert_int_equal(regime_def_deadline_days(&d, "ward"), 10);
    assert_int_equal(d.n_sections, 2);
    assert_string_equal(d.sections[0].title, "Kết quả đạt được");
    assert_int_equal(d.n_indicators, 3);
    assert_int_equal(d.indicators[0].position, 1);
    assert_string_equal(d.indicators[0].unit_of_measure, "đơn");
    assert_null(d.indicators[0].cats);
    assert_non_null(d.indicators[1].cats);
    assert_int_equal(d.indicators[1].cats->n_options, 2);
    assert_string_equal(d.indicators[1].cats->options[1].name, "Chính quyền");
    assert_int_equal(d.n_category_sets, 1);
    assert_int_equal(d.n_rules, 2);
    assert_string_equal(d.rules[0].op, "<=");
    assert_ptr_equal(regime_def_indicator(&d, "I03"), &d.indicators[2]);
    assert_int_equal(indicator_delete(f->db, NULL, NULL, i3), 0);
    /* frequency cannot change once periods exist */
    assert_int_equal(period_generate(f->db, NULL, NULL, f->R, 2025, 2025, NULL), 0);
    struct regime_input up = {.code = "R-Q", .name = "Quarterly 2", .frequency = "month",
                              .receiver_unit_id = f->C, .active_from = "2020-01-01"};
    assert_int_equal(regime_update(f->db, NULL, NULL, f->R, &up), DV_ECONFLICT);
    up.frequency = "quarter";
    assert_int_equal(regime_update(f->db, NULL, NULL, f->R, &up), 0);
    struct regime_input dupl = {.code = "R-Q", .name = "x", .frequency = "year",
                                .receiver_unit_id = f->C, .active_from = "2020-01-01"};
    assert_int_equal(regime_create(f->db, NULL, NULL, &dupl, NULL), DV_ECONFLICT);
    dupl.code = "R-Y";
    dupl.receiver_unit_id = 999999;
    assert_int_equal(regime_create(f->db, NULL, NULL, &dupl, NULL), DV_EINVAL);
}

int main(void)
{
    if (i18n_init(NULL) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_generate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expected_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opening_day_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_definition, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
