/* test_completeness.c - completeness and timeliness with exact expected values: a merger
 * (communes A and B closed on 2025-07-01, N and M opened), a closed commune C, a ward R
 * whose assignment ended on 2025-01-01 (its later reports count nowhere), a returned
 * report, a late one (the UTC+7 boundary), a period not yet due, rates capped by
 * definition, aggregation through an intermediate unit T, a root with a predecessor
 * (unit_successions) and the indicator pivot.
 *
 *   P province ─┬─ A commune  (closed 2025-07-01)    regime: half-yearly, receiver P,
 *               ├─ B commune  (closed 2025-07-01)    every commune under P (type) and
 *               ├─ C commune  (closed 2025-03-01)    R by name until 2025-01-01
 *               ├─ N commune  (opened 2025-07-01)
 *               ├─ M commune  (opened 2025-07-01)
 *               └─ T party committee ─ R ward
 *   periods: P1 close_end 2024-06-14, P2 2025-06-14, P3 2025-12-14; communes' deadline
 *   close_end + 6 days, other levels ('*') + 10 days. */
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
#include "org/unit_tree.h"
#include "report/completeness/completeness.h"
#include "temp_store.h"

struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
    int64_t P, A, B, C, N, M, T, R;
    int64_t regime, p1, p2, p3, ind;
    struct compl_period per[3];
};

static int64_t unit(struct fx *f, const char *code, const char *name, const char *type, const char *from,
                    const char *to, int64_t parent)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO units(code, name, name_fold, type, valid_from, valid_to) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5)");
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, type);
    db_bind_text(st, 4, from);
    db_bind_text(st, 5, to);
    assert_int_equal(db_exec(st), 0);
    int64_t id = db_last_id(f->db);
    if (parent) {
        st = db_prepare(f->db, "INSERT INTO unit_links(child_id, parent_id, valid_from, valid_to) "
                               "VALUES (?1, ?2, ?3, ?4)");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, parent);
        db_bind_text(st, 3, from);
        db_bind_text(st, 4, to);
        assert_int_equal(db_exec(st), 0);
    }
    unit_tree_invalidate();
    return id;
}

static int64_t period(struct fx *f, int year, int seq, const char *label, const char *start, const char *end,
                      const char *dl_commune, const char *dl_other)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO periods(regime_id, year, seq, label, close_start, close_end) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    db_bind_int(st, 1, f->regime);
    db_bind_int(st, 2, year);
    db_bind_int(st, 3, seq);
    db_bind_text(st, 4, label);
    db_bind_text(st, 5, start);
    db_bind_text(st, 6, end);
    assert_int_equal(db_exec(st), 0);
    int64_t id = db_last_id(f->db);
    st = db_prepare(f->db, "INSERT INTO period_deadlines(period_id, level, deadline) VALUES (?1, 'commune', ?2), "
                           "(?1, '*', ?3)");
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, dl_commune);
    db_bind_text(st, 3, dl_other);
    assert_int_equal(db_exec(st), 0);
    return id;
}

static int64_t report(struct fx *f, int64_t period_id, int64_t unit_id, const char *status, const char *first,
                      double value)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, "
                                    "first_submitted_at, submitted_at) VALUES (?1, ?2, ?3, ?4, '2000-01-01', ?5, ?5)");
    db_bind_int(st, 1, f->regime);
    db_bind_int(st, 2, period_id);
    db_bind_int(st, 3, unit_id);
    db_bind_text(st, 4, status);
    db_bind_text(st, 5, first);
    assert_int_equal(db_exec(st), 0);
    int64_t id = db_last_id(f->db);
    if (value >= 0) {
        st = db_prepare(f->db, "INSERT INTO report_values(report_id, indicator_id, option_id, num) VALUES (?1, ?2, 0, ?3)");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, f->ind);
        char num[32];
        snprintf(num, sizeof num, "%g", value);
        db_bind_text(st, 3, num); /* REAL affinity converts */
        assert_int_equal(db_exec(st), 0);
    }
    return id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "compl", 1)) return -1;
    f->a = arena_new();
    f->P = unit(f, "96", "Tỉnh P", "province", "2000-01-01", NULL, 0);
    f->A = unit(f, "0001", "Xã A", "commune", "2000-01-01", "2025-07-01", f->P);
    f->B = unit(f, "0002", "Xã B", "commune", "2000-01-01", "2025-07-01", f->P);
    f->C = unit(f, "0003", "Xã C", "commune", "2000-01-01", "2025-03-01", f->P);
    f->N = unit(f, "0004", "Xã N", "commune", "2025-07-01", NULL, f->P);
    f->M = unit(f, "0005", "Xã M", "commune", "2025-07-01", NULL, f->P);
    f->T = unit(f, "T", "Tỉnh ủy T", "party_committee", "2000-01-01", NULL, f->P);
    f->R = unit(f, "R", "Phường R", "ward", "2000-01-01", NULL, f->T);

    dv_stmt *st = db_prepare(f->db, "INSERT INTO regimes(code, name, frequency, receiver_unit_id, active_from) "
                                    "VALUES ('BC-T', 'Báo cáo thử', 'half', ?1, '2020-01-01')");
    db_bind_int(st, 1, f->P);
    if (db_exec(st) != 0) return -1;
    f->regime = db_last_id(f->db);
    st = db_prepare(f->db, "INSERT INTO regime_assignments(regime_id, kind, unit_type, valid_from) "
                           "VALUES (?1, 'type', 'commune', '2020-01-01')");
    db_bind_int(st, 1, f->regime);
    if (db_exec(st) != 0) return -1;
    st = db_prepare(f->db, "INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from, valid_to) "
                           "VALUES (?1, 'unit', ?2, '2020-01-01', '2025-01-01')");
    db_bind_int(st, 1, f->regime);
    db_bind_int(st, 2, f->R);
    if (db_exec(st) != 0) return -1;
    st = db_prepare(f->db, "INSERT INTO indicators(regime_id, code, name, type) VALUES (?1, 'I01', 'Số cuộc', 'int')");
    db_bind_int(st, 1, f->regime);
    if (db_exec(st) != 0) return -1;
    f->ind = db_last_id(f->db);

    f->p1 = period(f, 2024, 1, "6 tháng đầu năm 2024", "2023-12-15", "2024-06-14", "2024-06-20", "2024-06-24");
    f->p2 = period(f, 2025, 1, "6 tháng đầu năm 2025", "2024-12-15", "2025-06-14", "2025-06-20", "2025-06-24");
    f->p3 = period(f, 2025, 2, "6 tháng cuối năm 2025", "2025-06-15", "2025-12-14", "2025-12-20", "2025-12-24");
    f->per[0] = (struct compl_period){f->p1, "P1", "2023-12-15", "2024-06-14"};
    f->per[1] = (struct compl_period){f->p2, "P2", "2024-12-15", "2025-06-14"};
    f->per[2] = (struct compl_period){f->p3, "P3", "2025-06-15", "2025-12-14"};

    /* P1: A on time at 23:59:59 Vietnam time on the deadline day; B late by one second
     * (00:00:00 the next day in Vietnam); C approved, on time; R (ward) sends nothing. */
    report(f, f->p1, f->A, "submitted", "2024-06-20T16:59:59Z", 10);
    report(f, f->p1, f->B, "submitted", "2024-06-20T17:00:00Z", 5);
    report(f, f->p1, f->C, "approved", "2024-06-10T03:00:00Z", 7);
    /* P2: A returned (its value is being corrected); B only a draft; C closed; R no longer
     * assigned but sent anyway (counts nowhere in completeness; its data still sums). */
    report(f, f->p2, f->A, "returned", "2025-06-18T01:00:00Z", 3);
    report(f, f->p2, f->B, "draft", NULL, 8);
    report(f, f->p2, f->R, "submitted", "2025-06-10T01:00:00Z", 4);
    /* P3: N on time; M nothing yet; R again (unexpected: would make 2 received of 1 due). */
    report(f, f->p3, f->N, "submitted", "2025-11-30T00:00:00Z", 6);
    report(f, f->p3, f->R, "submitted", "2025-11-30T00:00:00Z", 2);
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

#define COUNTS(c, e, rcv, ot, lt, ms, rt, nd, ap)                                                  \
    do {                                                                                          \
        assert_int_equal((c).expected, e);                                                        \
        assert_int_equal((c).received, rcv);                                                      \
        assert_int_equal((c).on_time, ot);                                                        \
        assert_int_equal((c).late, lt);                                                           \
        assert_int_equal((c).missing, ms);                                                        \
        assert_int_equal((c).returned, rt);                                                       \
        assert_int_equal((c).not_due, nd);                                                        \
        assert_int_equal((c).approved, ap);                                                       \
    } while (0)

static const struct compl_row *row(const struct compl_result *r, int64_t id)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].unit_id == id) return &r->rows[i];
    return NULL;
}

static void test_province(void **state)
{
    struct fx *f = *state;
    struct compl_result r;
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per, 3, f->P, "2025-12-01", &r), 0);

    /* P1: A, B, C communes + R (assigned by name): 2 on time, 1 late, 1 missing */
    COUNTS(r.totals[0], 4, 3, 2, 1, 1, 0, 0, 1);
    assert_float_equal(compl_received_rate(&r.totals[0]), 75.0, 1e-9);
    assert_float_equal(compl_on_time_rate(&r.totals[0]), 50.0, 1e-9);
    /* P2: A and B (still open on 2025-06-14; C closed, N/M not yet, R unassigned) */
    COUNTS(r.totals[1], 2, 1, 0, 0, 1, 1, 0, 0);
    assert_float_equal(compl_received_rate(&r.totals[1]), 50.0, 1e-9);
    assert_float_equal(compl_on_time_rate(&r.totals[1]), 0.0, 1e-9);
    /* P3: N on time, M not yet due; R's report does not count: 1 of 1 due, not 2 */
    COUNTS(r.totals[2], 2, 1, 1, 0, 0, 0, 1, 0);
    assert_float_equal(compl_received_rate(&r.totals[2]), 100.0, 1e-9);
    assert_float_equal(compl_on_time_rate(&r.totals[2]), 100.0, 1e-9);
    COUNTS(r.grand, 8, 5, 3, 1, 2, 1, 1, 1);

    /* per level: communes and the ward */
    assert_int_equal(r.nlevels, 2);
    assert_string_equal(r.levels[0].type, "commune");
    COUNTS(r.levels[0].counts[0], 3, 3, 2, 1, 0, 0, 0, 1);
    COUNTS(r.levels[0].total, 7, 5, 3, 1, 1, 1, 1, 1);
    assert_string_equal(r.levels[1].type, "ward");
    COUNTS(r.levels[1].total, 1, 0, 0, 0, 1, 0, 0, 0);

    /* rows: P itself is never expected; A, B, C, M, N, T by name */
    assert_int_equal(r.nrows, 6);
    const char *order[] = {"Tỉnh ủy T", "Xã A", "Xã B", "Xã C", "Xã M", "Xã N"};
    for (size_t i = 0; i < 6; i++) assert_string_equal(r.rows[i].name, order[i]);
    assert_null(row(&r, f->P));

    const struct compl_row *a = row(&r, f->A), *b = row(&r, f->B), *c = row(&r, f->C), *n = row(&r, f->N),
                           *m = row(&r, f->M), *t = row(&r, f->T);
    assert_int_equal(a->cells[0].status, CS_ON_TIME);
    assert_string_equal(a->cells[0].deadline, "2024-06-20");
    assert_int_equal(a->cells[1].status, CS_RETURNED);
    assert_int_equal(a->cells[2].status, CS_NONE);
    assert_int_equal(a->cells[2].in_tree, 0); /* merged away */
    assert_int_equal(b->cells[0].status, CS_LATE);
    assert_int_equal(b->cells[1].status, CS_MISSING); /* a draft is not sent */
    assert_int_equal(c->cells[0].status, CS_ON_TIME);
    assert_int_equal(c->cells[0].approved, 1);
    assert_int_equal(c->cells[1].status, CS_NONE);    /* closed before P2's close_end */
    assert_int_equal(n->cells[0].status, CS_NONE);
    assert_int_equal(n->cells[1].status, CS_NONE);    /* expected from its opening on */
    assert_int_equal(n->cells[2].status, CS_ON_TIME);
    assert_int_equal(m->cells[2].status, CS_NOT_DUE);
    COUNTS(n->total, 1, 1, 1, 0, 0, 0, 0, 0);

    /* T is not expected itself: its numbers are R's, as of each close_end */
    assert_int_equal(t->cells[0].status, CS_NONE);
    assert_int_equal(t->has_children, 1);
    COUNTS(t->cells[0].sub, 1, 0, 0, 0, 1, 0, 0, 0);
    COUNTS(t->cells[1].sub, 0, 0, 0, 0, 0, 0, 0, 0);
    COUNTS(t->cells[2].sub, 0, 0, 0, 0, 0, 0, 0, 0);
    COUNTS(t->total, 1, 0, 0, 0, 1, 0, 0, 0);
    assert_int_equal(a->has_children, 0);
}

static void test_later_today(void **state)
{
    struct fx *f = *state;
    struct compl_result r;
    /* after P3's commune deadline, M is missing */
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per + 2, 1, f->P, "2025-12-21", &r), 0);
    COUNTS(r.totals[0], 2, 1, 1, 0, 1, 0, 0, 0);
    assert_float_equal(compl_received_rate(&r.totals[0]), 50.0, 1e-9);
    /* on the deadline day itself it is still not due */
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per + 2, 1, f->P, "2025-12-20", &r), 0);
    COUNTS(r.totals[0], 2, 1, 1, 0, 0, 0, 1, 0);
}

static void test_resubmitted(void **state)
{
    struct fx *f = *state;
    /* A resubmits P2 after the return: judged on its first submission (2025-06-18, on time) */
    assert_int_equal(db_exec_script(f->db, "UPDATE reports SET status = 'submitted', "
                                           "submitted_at = '2025-07-02T00:00:00Z' WHERE status = 'returned'"), 0);
    struct compl_result r;
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per + 1, 1, f->P, "2025-12-01", &r), 0);
    COUNTS(r.totals[0], 2, 1, 1, 0, 1, 0, 0, 0);
}

static void test_drill_down(void **state)
{
    struct fx *f = *state;
    struct compl_result r;
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per, 3, f->T, "2025-12-01", &r), 0);
    assert_int_equal(r.nrows, 1);
    assert_int_equal(r.rows[0].unit_id, f->R);
    assert_int_equal(r.rows[0].cells[0].status, CS_MISSING);
    assert_string_equal(r.rows[0].cells[0].deadline, "2024-06-24"); /* the '*' level */
    assert_int_equal(r.rows[0].cells[1].status, CS_NONE);            /* reassigned: not expected */
    COUNTS(r.totals[0], 1, 0, 0, 0, 1, 0, 0, 0);
    COUNTS(r.totals[1], 0, 0, 0, 0, 0, 0, 0, 0);
    assert_float_equal(compl_received_rate(&r.totals[1]), 0.0, 1e-9); /* 0 when nothing is due */

    /* a commune as root: its own row, counted once */
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per, 3, f->A, "2025-12-01", &r), 0);
    assert_int_equal(r.nrows, 1);
    assert_int_equal(r.rows[0].is_root, 1);
    COUNTS(r.grand, 2, 2, 1, 0, 0, 1, 0, 0);
}

/* A province merged into a new one Q on 2025-07-01 (unit_successions): Q's dashboard shows
 * P, with its own past numbers, as its child for the periods closing before the merger, and
 * nothing of P after it. */
static void test_merged_root(void **state)
{
    struct fx *f = *state;
    int64_t Q = unit(f, "Q", "Tỉnh Q", "province", "2025-07-01", NULL, 0);
    dv_stmt *st = db_prepare(f->db, "INSERT INTO unit_successions(predecessor_id, successor_id, on_date) "
                                    "VALUES (?1, ?2, '2025-07-01')");
    db_bind_int(st, 1, f->P);
    db_bind_int(st, 2, Q);
    assert_int_equal(db_exec(st), 0);
    struct compl_result r;
    assert_int_equal(completeness_compute(f->db, f->a, f->regime, f->per, 3, Q, "2025-12-01", &r), 0);
    COUNTS(r.totals[0], 4, 3, 2, 1, 1, 0, 0, 1);
    COUNTS(r.totals[1], 2, 1, 0, 0, 1, 1, 0, 0);
    COUNTS(r.totals[2], 0, 0, 0, 0, 0, 0, 0, 0);
    assert_int_equal(r.nrows, 1);
    assert_int_equal(r.rows[0].unit_id, f->P);
    assert_int_equal(r.rows[0].is_root, 0);
    assert_int_equal(r.rows[0].has_children, 1);
    COUNTS(r.rows[0].cells[0].sub, 4, 3, 2, 1, 1, 0, 0, 1);
    COUNTS(r.rows[0].cells[2].sub, 0, 0, 0, 0, 0, 0, 0, 0);
}

static void test_rates_capped(void **state)
{
    (void)state;
    struct compl_counts c = {.expected = 3, .received = 5, .on_time = 4, .not_due = 1};
    assert_float_equal(compl_received_rate(&c), 100.0, 1e-9);
    assert_float_equal(compl_on_time_rate(&c), 100.0, 1e-9);
    struct compl_counts z = {.expected = 2, .not_due = 2};
    assert_float_equal(compl_received_rate(&z), 0.0, 1e-9);
    assert_string_equal(compl_status_code(CS_NOT_DUE), "not_due");
}

static void test_pivot(void **state)
{
    struct fx *f = *state;
    struct pivot_result p;
    assert_int_equal(pivot_compute(f->db, f->a, f->ind, 0, f->per, 3, f->P, &p), 0);
    /* tree order: P, T, R, then the communes by name (T sorts before "Xã") */
    const char *names[] = {"Tỉnh P", "Tỉnh ủy T", "Phường R", "Xã A", "Xã B", "Xã C", "Xã M", "Xã N"};
    const int depth[] = {0, 1, 2, 1, 1, 1, 1, 1};
    assert_int_equal(p.nrows, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(p.rows[i].name, names[i]);
        assert_int_equal(p.rows[i].depth, depth[i]);
    }
    /* P1: 10 + 5 + 7; P2: only R's 4 (A returned, B draft); P3: N 6 + R 2 */
    assert_float_equal(p.rows[0].values[0], 22, 1e-9);
    assert_float_equal(p.rows[0].values[1], 4, 1e-9);
    assert_float_equal(p.rows[0].values[2], 8, 1e-9);
    assert_float_equal(p.rows[0].total, 34, 1e-9);
    assert_int_equal(p.rows[0].is_parent, 1);
    assert_float_equal(p.rows[1].values[1], 4, 1e-9); /* T's subtotal */
    assert_int_equal(p.rows[1].has[0], 0);
    assert_float_equal(p.rows[3].values[0], 10, 1e-9); /* A */
    assert_int_equal(p.rows[3].has[1], 0);             /* returned: excluded */
    assert_float_equal(p.rows[7].values[2], 6, 1e-9);  /* N */
}

static void test_year_table(void **state)
{
    struct fx *f = *state;
    struct year_table t;
    /* the forest: P is the only top-level unit */
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    assert_int_equal(t.nyears, 2);
    assert_int_equal(t.nindicators, 1);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(t.rows[0].unit_id, f->P);
    COUNTS(t.rows[0].years[0].c, 4, 3, 2, 1, 1, 0, 0, 1);  /* P1 */
    COUNTS(t.rows[0].years[1].c, 4, 2, 1, 0, 1, 1, 1, 0);  /* P2 + P3 */
    assert_float_equal(t.rows[0].years[0].sums[0], 22, 1e-9);
    assert_float_equal(t.rows[0].years[1].sums[0], 12, 1e-9); /* R 4 + N 6 + R 2 */

    /* under P: its children, by name */
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, f->P, 2024, 2025, "2025-12-01", &t), 0);
    assert_int_equal(t.nrows, 6);
    assert_string_equal(t.rows[0].name, "Tỉnh ủy T");
    COUNTS(t.rows[0].years[0].c, 1, 0, 0, 0, 1, 0, 0, 0);
    COUNTS(t.rows[0].years[1].c, 0, 0, 0, 0, 0, 0, 0, 0);
    assert_float_equal(t.rows[0].years[1].sums[0], 6, 1e-9);
    assert_string_equal(t.rows[1].name, "Xã A");
    COUNTS(t.rows[1].years[1].c, 1, 1, 0, 0, 0, 1, 0, 0);
    assert_float_equal(t.rows[1].years[0].sums[0], 10, 1e-9);
    assert_float_equal(t.rows[1].years[1].sums[0], 0, 1e-9);  /* returned: left out */
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2025, 2024, NULL, &t), DV_EINVAL);

    /* warm (cached) gives the same; a write bumps reporting_version and is seen at once */
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    COUNTS(t.rows[0].years[1].c, 4, 2, 1, 0, 1, 1, 1, 0);
    assert_int_equal(db_exec_script(f->db, "UPDATE reports SET status = 'submitted' WHERE status = 'returned'"), 0);
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    COUNTS(t.rows[0].years[1].c, 4, 2, 2, 0, 1, 0, 1, 0);
    assert_float_equal(t.rows[0].years[1].sums[0], 15, 1e-9); /* A's 3 now counts */
    assert_int_equal(db_exec_script(f->db, "UPDATE unit_links SET valid_to = '2025-01-01' WHERE child_id = "
                                           "(SELECT id FROM units WHERE code = 'T')"), 0);
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    assert_int_equal(t.nrows, 2); /* T is a root of its own from 2025 on */
}

static int64_t count_tallies(struct fx *f)
{
    dv_stmt *st = db_prepare(f->db, "SELECT count(*) FROM compl_tallies");
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

/* The per-period tallies are stored (0018): after a restart (memory emptied) the table is
 * read back from them, and a stored tally is used only while its counters and day hold. */
static void test_year_table_stored(void **state)
{
    struct fx *f = *state;
    struct year_table t;
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    assert_int_equal(count_tallies(f), 3); /* P1, P2, P3 */
    assert_float_equal(t.rows[0].years[1].sums[0], 12, 1e-9);

    /* A write of values alone, against report_store.c's rule (it always touches the reports
     * row): no counter moves, so the restarted process serves the stored tally, which shows
     * that it was read rather than recomputed. */
    completeness_cache_drop();
    assert_int_equal(db_exec_script(f->db, "UPDATE report_values SET num = num + 100"), 0);
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    assert_float_equal(t.rows[0].years[1].sums[0], 12, 1e-9);
    COUNTS(t.rows[0].years[1].c, 4, 2, 1, 0, 1, 1, 1, 0);

    /* A write as the store makes it (the reports row too): the counters move and the stored
     * tallies of those periods are stale, after a restart as well. */
    assert_int_equal(db_exec_script(f->db, "UPDATE reports SET version = version + 1"), 0);
    completeness_cache_drop();
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-01", &t), 0);
    assert_float_equal(t.rows[0].years[1].sums[0], 312, 1e-9); /* R 104 + N 106 + R 102 */

    /* A later day: P3's deadline (2025-12-20) had not passed on 12-01, so its tally held for
     * that day only; on 12-25 M is missing, no longer not yet due. */
    completeness_cache_drop();
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-25", &t), 0);
    COUNTS(t.rows[0].years[1].c, 4, 2, 1, 0, 2, 1, 0, 0);

    /* A change of structure (reporting_version) makes every stored tally stale. */
    assert_int_equal(db_exec_script(f->db, "UPDATE unit_links SET valid_to = '2025-01-01' WHERE child_id = "
                                           "(SELECT id FROM units WHERE code = 'T')"), 0);
    completeness_cache_drop();
    assert_int_equal(completeness_year_table(f->db, f->a, f->regime, 0, 2024, 2025, "2025-12-25", &t), 0);
    assert_int_equal(t.nrows, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_province, setup, teardown),
        cmocka_unit_test_setup_teardown(test_later_today, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resubmitted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drill_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merged_root, setup, teardown),
        cmocka_unit_test(test_rates_capped),
        cmocka_unit_test_setup_teardown(test_pivot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_year_table_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
