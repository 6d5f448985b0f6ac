/* test_directive_status.c - status of a task as of any date (the four groups and returned),
 * deadline history, escalation ages, cascades, access of the inspector, and the follow-up
 * board agreeing with task_status_of for every task, on a real SQLite store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "directive/board.h"
#include "directive/directive.h"
#include "directive/directive_access.h"
#include "org_fixture.h"

/* ---- pure timelines ---- */
static void test_four_groups(void **state)
{
    (void)state;
    struct task_completion_step done = {"2024-03-10", "2024-03-12", 'c'};
    struct task_timeline t = {"2024-01-01", "2024-03-31", NULL, 0, &done, 1};
    assert_int_equal(task_status_as_of(&t, "2023-12-31"), TS_NONE);
    assert_int_equal(task_status_as_of(&t, "2024-01-01"), TS_OPEN_WITHIN);
    assert_int_equal(task_status_as_of(&t, "2024-03-11"), TS_OPEN_WITHIN); /* submitted, not yet confirmed */
    assert_true(task_pending_as_of(&t, "2024-03-11"));
    assert_int_equal(task_status_as_of(&t, "2024-03-12"), TS_DONE_ON_TIME);
    struct task_completion_step late = {"2024-04-10", "2024-04-11", 'c'};
    t.steps = &late;
    assert_int_equal(task_status_as_of(&t, "2024-03-31"), TS_OPEN_WITHIN);
    assert_int_equal(task_status_as_of(&t, "2024-04-01"), TS_OPEN_OVERDUE);
    assert_int_equal(task_overdue_days(&t, "2024-04-05"), 5);
    assert_int_equal(task_status_as_of(&t, "2024-04-11"), TS_DONE_LATE);
    assert_int_equal(task_overdue_days(&t, "2024-04-11"), 0);
    assert_string_equal(task_status_code(TS_DONE_LATE), "late");
}

static void test_deadline_history_and_return(void **state)
{
    (void)state;
    struct task_deadline_step ch[] = {{"2024-03-20", "2024-04-30"}};
    struct task_completion_step st[] = {{"2024-04-10", "2024-04-12", 'r'}, {"2024-04-20", "2024-04-22", 'c'}};
    struct task_timeline t = {"2024-01-01", "2024-03-31", ch, 1, st, 2};
    assert_string_equal(task_deadline_as_of(&t, "2024-03-19"), "2024-03-31");
    assert_string_equal(task_deadline_as_of(&t, "2024-03-20"), "2024-04-30");
    assert_string_equal(t.deadline_original, "2024-03-31");                 /* never changes */
    assert_int_equal(task_status_as_of(&t, "2024-04-12"), TS_RETURNED);
    assert_int_equal(task_status_as_of(&t, "2024-04-20"), TS_OPEN_WITHIN);  /* submitted again */
    assert_int_equal(task_status_as_of(&t, "2024-04-22"), TS_DONE_ON_TIME); /* within the extension */
    /* an extension granted after the work was done does not make it on time */
    struct task_deadline_step late_ext[] = {{"2024-05-05", "2024-05-31"}};
    struct task_completion_step c = {"2024-05-01", "2024-05-02", 'c'};
    struct task_timeline u = {"2024-01-01", "2024-04-30", late_ext, 1, &c, 1};
    assert_int_equal(task_status_as_of(&u, "2024-06-01"), TS_DONE_LATE);
}

static void test_escalation_age(void **state)
{
    (void)state;
    struct task_timeline t = {"2024-01-01", "2024-01-31", NULL, 0, NULL, 0};
    assert_false(task_escalated_as_of(&t, "2024-02-14", 15));
    assert_true(task_escalated_as_of(&t, "2024-02-15", 15));
    struct task_tally y = {0};
    task_tally_add(&y, task_status_as_of(&t, "2024-02-15"), task_overdue_days(&t, "2024-02-15"), 15);
    task_tally_add(&y, TS_DONE_ON_TIME, 0, 15);
    assert_int_equal(y.total, 2);
    assert_int_equal(y.escalated, 1);
    assert_int_equal(y.overdue_age_max, 15);
    assert_true(task_tally_done_rate(&y) > 49.9 && task_tally_done_rate(&y) < 50.1);
}

/* ---- on the store ---- */
static int64_t mk_task(struct fx *f, int64_t lead, const char *assigned, const char *deadline, int64_t parent)
{
    struct task_input in = {.title = "Kế hoạch", .assigner_unit_id = f->P, .lead_unit_id = lead,
                            .product_kind = "document", .assigned_on = assigned, .deadline = deadline,
                            .parent_id = parent};
    int64_t id = 0;
    assert_int_equal(task_create_from(f->db, f->a, &in, TASK_SOURCE_DOCUMENT, 0, &id), 0);
    return id;
}

static void test_store_history(void **state)
{
    struct fx *f = *state;
    int64_t t = mk_task(f, f->A, "2024-01-01", "2024-03-31", 0);
    assert_int_equal(task_deadline_change(f->db, NULL, t, "2024-05-31", "2024-03-25", "Lùi hạn"), 0);
    struct task got;
    assert_int_equal(task_get(f->db, f->a, t, &got), 0);
    assert_string_equal(got.deadline_original, "2024-03-31");
    assert_string_equal(got.deadline, "2024-05-31");
    struct completion_input none = {.submitted_on = "2024-04-01"};
    assert_int_equal(task_complete(f->db, NULL, t, &none, NULL), DV_EINVAL); /* no evidence */
    struct completion_input ci = {.submitted_on = "2024-04-01", .link = "https://example.org/a"};
    assert_int_equal(task_complete(f->db, NULL, t, &ci, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, t, 0, "", "2024-04-02"), DV_EINVAL); /* a return says why */
    assert_int_equal(task_decide(f->db, NULL, t, 0, "Thiếu", "2024-04-02"), 0);
    enum task_status s;
    assert_int_equal(task_status_of(f->db, f->a, t, "2024-04-03", &s), 0);
    assert_int_equal(s, TS_RETURNED);
    ci.submitted_on = "2024-04-10";
    assert_int_equal(task_complete(f->db, NULL, t, &ci, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, t, 1, "Đạt", "2024-04-11"), 0);
    assert_int_equal(task_status_of(f->db, f->a, t, "2024-04-11", &s), 0);
    assert_int_equal(s, TS_DONE_ON_TIME);
    assert_int_equal(task_status_of(f->db, f->a, t, "2024-04-01", &s), 0);
    assert_int_equal(s, TS_OPEN_WITHIN); /* as of a past date: the old deadline change already in force */
    assert_int_equal(task_decide(f->db, NULL, t, 1, "", "2024-04-12"), DV_ECONFLICT);
    struct task_deadline_change *h;
    size_t n;
    assert_int_equal(task_deadline_history(f->db, f->a, t, &h, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].old_deadline, "2024-03-31");
}

static void test_cascade_and_board(void **state)
{
    struct fx *f = *state;
    int64_t parent = mk_task(f, f->C, "2025-01-01", "2025-06-30", 0);
    /* a cascade goes down the parent's lead unit's subtree only */
    struct task_input bad = {.title = "x", .assigner_unit_id = f->C, .lead_unit_id = f->A, .product_kind = "report",
                             .assigned_on = "2025-01-02", .deadline = "2025-05-31", .parent_id = parent};
    int64_t id = 0;
    assert_int_equal(task_create_from(f->db, f->a, &bad, "document", 0, &id), DV_EINVAL);
    bad.lead_unit_id = f->D;
    int64_t units[] = {f->D};
    assert_int_equal(task_assign_many(f->db, &bad, "document", 0, units, 1, &id), 0);
    struct task p;
    assert_int_equal(task_get(f->db, f->a, parent, &p), 0);
    assert_int_equal(p.n_children, 1);
    assert_int_equal(p.n_children_done, 0);
    struct completion_input ci = {.submitted_on = "2025-05-01", .link = "https://example.org/b"};
    assert_int_equal(task_complete(f->db, NULL, id, &ci, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, id, 1, "", "2025-05-02"), 0);
    assert_int_equal(task_get(f->db, f->a, parent, &p), 0);
    assert_int_equal(p.n_children_done, 1);
    mk_task(f, f->B, "2025-01-01", "2025-02-28", 0); /* overdue, never done */
    /* moved deadlines and returns take the full timeline; the others the day numbers */
    int64_t moved = mk_task(f, f->A, "2025-01-01", "2025-03-31", 0);
    assert_int_equal(task_deadline_change(f->db, NULL, moved, "2025-04-30", "2025-03-20", "Lùi hạn"), 0);
    int64_t back = mk_task(f, f->D, "2025-01-01", "2025-03-31", 0);
    struct completion_input cb = {.submitted_on = "2025-03-10", .link = "https://example.org/c"};
    assert_int_equal(task_complete(f->db, NULL, back, &cb, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, back, 0, "Thiếu", "2025-03-12"), 0);
    cb.submitted_on = "2025-04-10";
    assert_int_equal(task_complete(f->db, NULL, back, &cb, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, back, 1, "", "2025-04-11"), 0);
    int64_t moved_done = mk_task(f, f->B, "2025-01-01", "2025-03-31", 0);
    assert_int_equal(task_deadline_change(f->db, NULL, moved_done, "2025-05-31", "2025-03-01", "Lùi hạn"), 0);
    cb.submitted_on = "2025-05-01";
    assert_int_equal(task_complete(f->db, NULL, moved_done, &cb, NULL), 0);
    assert_int_equal(task_decide(f->db, NULL, moved_done, 1, "", "2025-05-02"), 0);
    /* the board as of a date equals the statuses of every task, whichever scope was read
     * first (the subtree's own tasks, or every task) */
    const char *dates[] = {"2024-12-31", "2025-03-01", "2025-03-12", "2025-04-05", "2025-04-11", "2025-05-02", "2026-01-01"};
    for (int scope = 0; scope < 3; scope++) {
        board_cache_clear();
        if (scope == 1) { /* the nation's set first: the province's board reads from it */
            struct board all;
            assert_int_equal(board_compute(f->db, f->a, 0, "2025-01-01", 0, &all), 0);
        }
        for (size_t k = 0; k < sizeof dates / sizeof *dates; k++) {
            struct board b;
            assert_int_equal(board_compute(f->db, f->a, scope == 2 ? 0 : f->P, dates[k], 0, &b), 0);
            struct task *ts;
            size_t n;
            struct task_filter tf = {.lead_root_id = scope == 2 ? 0 : f->P};
            assert_int_equal(task_list(f->db, f->a, &tf, &ts, &n), 0);
            long want[TS_COUNT] = {0}, age = 0;
            for (size_t i = 0; i < n; i++) {
                struct task_timeline tl;
                assert_int_equal(task_timeline_load(f->db, f->a, ts[i].id, &tl), 0);
                want[task_status_as_of(&tl, dates[k])]++;
                age += task_overdue_days(&tl, dates[k]);
            }
            for (int s = 1; s < TS_COUNT; s++) assert_int_equal(b.total.n[s], want[s]);
            assert_int_equal(b.total.overdue_age_sum, age);
        }
        /* the chart's series (one pass over the tasks for every date) gives the same totals */
        struct task_tally series[7];
        int64_t root = scope == 2 ? 0 : f->P;
        board_cache_clear();
        assert_int_equal(board_series(f->db, f->a, root, dates, 7, 0, series), 0);
        for (size_t k = 0; k < 7; k++) {
            struct board b;
            assert_int_equal(board_compute(f->db, f->a, root, dates[k], 0, &b), 0);
            assert_int_equal(series[k].total, b.total.total);
            assert_int_equal(series[k].n[TS_RETURNED], b.total.n[TS_RETURNED]);
            assert_int_equal(series[k].escalated, b.total.escalated);
        }
    }
    struct board b;
    assert_int_equal(board_compute(f->db, f->a, f->P, "2026-01-01", 0, &b), 0);
    assert_true(b.total.escalated >= 1);
}

static void test_inspector_reads_only(void **state)
{
    struct fx *f = *state;
    struct dv_user ins = {.id = 9, .unit_id = f->C, .scope_unit_id = f->P, .role = ROLE_INSPECTOR};
    assert_int_equal(directive_can_read_unit(f->db, &ins, f->A), 1);
    assert_int_equal(directive_can_read_unit(f->db, &ins, f->Q), 0);
    assert_int_equal(directive_can_work_task(f->db, &ins, f->A), 0);
    assert_int_equal(directive_can_decide_task(f->db, &ins, f->P), 0);
    assert_int_equal(directive_can_assign(f->db, &ins, f->P), 0);
    assert_int_equal(directive_can_edit_document(f->db, &ins, f->P), 0);
    struct dv_user off = {.id = 8, .unit_id = f->A, .scope_unit_id = f->A, .role = ROLE_OFFICER};
    assert_int_equal(directive_can_work_task(f->db, &off, f->A), 1);
    assert_int_equal(directive_can_work_task(f->db, &off, f->B), 0); /* another unit's task */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_groups),
        cmocka_unit_test(test_deadline_history_and_return),
        cmocka_unit_test(test_escalation_age),
        cmocka_unit_test_setup_teardown(test_store_history, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_cascade_and_board, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_inspector_reads_only, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
