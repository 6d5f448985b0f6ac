/* test_reminder.c - the plan of the e-mail reminders (report/reminder.h) with exact
 * expectations: the window (days_before, due today, overdue up to REMINDER_OVERDUE_DAYS),
 * per-level deadlines, sent reports left out and returned ones kept, recipients (officers
 * and staff of the unit; not viewers, not disabled accounts), one digest per user with all
 * their items in deadline order, the digest text, and the once-a-day claim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "org_fixture.h"

#include "core/config.h"
#include "core/err.h"
#include "report/reminder/reminder.h"

static int64_t user(struct fx *f, const char *name, const char *email, int64_t unit, const char *role, int disabled)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO users(username, full_name, email, unit_id, scope_unit_id, role,"
                                    " password_hash, disabled) VALUES (?1, ?1, ?2, ?3, ?3, ?4, 'x', ?5)");
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, email);
    db_bind_int(st, 3, unit);
    db_bind_text(st, 4, role);
    db_bind_int(st, 5, disabled);
    if (db_exec(st) != 0) return 0;
    return db_last_id(f->db);
}

static int64_t P1, P2, REG;

/* A monthly regime reported by P's subtree; January 2030 (communes by 18/01, others by 20/01)
 * and February 2030 (communes by 18/02, others by 20/02). */
static int setup(void **state)
{
    if (fx_setup(state)) return -1;
    struct fx *f = *state;
    const char *sql[] = {
        "INSERT INTO regimes(id, code, name, frequency, receiver_unit_id, active_from) VALUES (1, 'T', 'Báo cáo tháng', 'month', 4, '2020-01-01')",
        "INSERT INTO periods(id, regime_id, year, seq, label, close_start, close_end) VALUES"
        " (1, 1, 2030, 1, 'Tháng 1 năm 2030', '2029-12-15', '2030-01-14'), (2, 1, 2030, 2, 'Tháng 2 năm 2030', '2030-01-15', '2030-02-14')",
        "INSERT INTO period_deadlines VALUES (1, 'commune', '2030-01-18'), (1, '*', '2030-01-20'),"
        " (2, 'commune', '2030-02-18'), (2, '*', '2030-02-20')",
    };
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
        if (db_exec_script(f->db, sql[i])) return -1;
    dv_stmt *st = db_prepare(f->db, "INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) VALUES (1, 'subtree', ?1, '2000-01-01')");
    db_bind_int(st, 1, f->P);
    if (db_exec(st)) return -1;
    P1 = 1, P2 = 2, REG = 1;
    if (!user(f, "a_officer", "a@x.vn", f->A, "officer", 0) || !user(f, "a_viewer", "v@x.vn", f->A, "viewer", 0) ||
        !user(f, "a_gone", "g@x.vn", f->A, "officer", 1) || !user(f, "b_officer", NULL, f->B, "officer", 0) ||
        !user(f, "c_staff", "c@x.vn", f->C, "staff", 0))
        return -1;
    return 0;
}

static const struct reminder_digest *find(const struct reminder_digest *d, size_t n, const char *username)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(d[i].username, username)) return &d[i];
    return NULL;
}

static void test_window_and_recipients(void **state)
{
    struct fx *f = *state;
    struct reminder_digest *d;
    size_t n;
    /* 16/01: communes due in 2 days; the others' 20/01 is 4 days away (outside 3) */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-16", 3, &d, &n), 0);
    assert_int_equal(n, 2);
    const struct reminder_digest *a = find(d, n, "a_officer"), *b = find(d, n, "b_officer");
    assert_non_null(a);
    assert_non_null(b);
    assert_null(find(d, n, "a_viewer"));
    assert_null(find(d, n, "a_gone"));
    assert_null(find(d, n, "c_staff"));
    assert_int_equal(a->nitems, 1);
    assert_string_equal(a->items[0].deadline, "2030-01-18");
    assert_int_equal(a->items[0].days_left, 2);
    assert_string_equal(a->items[0].status, "none");
    assert_null(b->email);

    /* 17/01: the commission's 20/01 is 3 days away: in */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-17", 3, &d, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(find(d, n, "c_staff")->items[0].days_left, 3);
    /* days_before 0: only what is due today or overdue */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-17", 0, &d, &n), 0);
    assert_int_equal(n, 0);
}

static void test_overdue_sent_returned(void **state)
{
    struct fx *f = *state;
    /* B sent January; A's January was returned for correction */
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at) VALUES"
             " (1, 1, %lld, 'submitted', '2030-01-18', '2030-01-17T02:00:00Z'),"
             " (1, 1, %lld, 'returned', '2030-01-18', '2030-01-17T02:00:00Z')",
             (long long)f->B, (long long)f->A);
    assert_int_equal(db_exec_script(f->db, sql), 0);
    struct reminder_digest *d;
    size_t n;
    /* 17/02: January overdue (30 and 28 days), February due in 1 (communes) or 3 days */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-02-17", 3, &d, &n), 0);
    const struct reminder_digest *a = find(d, n, "a_officer"), *b = find(d, n, "b_officer"),
                                 *c = find(d, n, "c_staff");
    assert_non_null(a);
    assert_int_equal(a->nitems, 2);
    assert_string_equal(a->items[0].deadline, "2030-01-18"); /* deadline order */
    assert_int_equal(a->items[0].days_left, -30);
    assert_string_equal(a->items[0].status, "returned");
    assert_int_equal(a->items[1].days_left, 1);
    assert_int_equal(b->nitems, 1); /* January was sent */
    assert_int_equal(b->items[0].period_id, P2);
    assert_int_equal(c->nitems, 2);
    assert_int_equal(c->items[0].days_left, -28);

    /* the digest text: every item with its deadline dd/mm/yyyy and the link */
    char *subject, *body;
    reminder_digest_text(a, "2030-02-17", "https://dv.example.vn", &subject, &body, f->a);
    assert_non_null(strstr(subject, "2 (1 overdue)"));
    assert_non_null(strstr(body, "18/01/2030"));
    assert_non_null(strstr(body, "18/02/2030"));
    assert_non_null(strstr(body, "overdue by 30 days"));
    assert_non_null(strstr(body, "1 days left"));
    assert_non_null(strstr(body, "Tháng 1 năm 2030"));
    assert_non_null(strstr(body, "https://dv.example.vn/reports\n"));

    /* more than REMINDER_OVERDUE_DAYS after a deadline: no longer recalled */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-04-22", 3, &d, &n), 0); /* 20/02 + 61 */
    assert_int_equal(n, 0);
    assert_int_equal(reminder_plan(f->db, f->a, "2030-03-19", 3, &d, &n), 0); /* 18/01 + 60: still in */
    assert_int_equal(find(d, n, "a_officer")->nitems, 2);
}

static void test_claim_once_a_day(void **state)
{
    struct fx *f = *state;
    struct reminder_digest *d;
    size_t n;
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-17", 3, &d, &n), 0);
    const struct reminder_digest *c = find(d, n, "c_staff");
    assert_int_equal(c->already_sent, 0);
    assert_int_equal(db_begin(f->db), 0);
    assert_int_equal(reminder_store_claim(f->db, c->user_id, "2030-01-17", 1), 1);
    assert_int_equal(reminder_store_claim(f->db, c->user_id, "2030-01-17", 1), 0);
    assert_int_equal(db_commit(f->db), 0);
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-17", 3, &d, &n), 0);
    assert_int_equal(find(d, n, "c_staff")->already_sent, 1);
    assert_int_equal(find(d, n, "a_officer")->already_sent, 0);
    /* the next day is a new day */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-01-18", 3, &d, &n), 0);
    assert_int_equal(find(d, n, "c_staff")->already_sent, 0);
    /* a failed send gives the claim back */
    assert_int_equal(reminder_store_unclaim(f->db, c->user_id, "2030-01-17"), 0);
    assert_int_equal(reminder_store_logged(f->db, c->user_id, "2030-01-17"), 0);
    /* bad input */
    assert_int_equal(reminder_plan(f->db, f->a, "2030-02-30", 3, &d, &n), DV_EINVAL);
}

static void test_config_remind_days(void **state)
{
    (void)state;
    struct dv_config c;
    char err[128];
    config_defaults(&c);
    assert_int_equal(c.remind_days_before, 3);
    assert_int_equal(config_set(&c, "remind_days", "7", err, sizeof err), 0);
    assert_int_equal(c.remind_days_before, 7);
    assert_int_equal(config_set(&c, "remind_days", "61", err, sizeof err), DV_EINVAL);
    assert_int_equal(config_set(&c, "remind_days", "-1", err, sizeof err), DV_EINVAL);
    setenv("DANVAN_REMIND_DAYS", "0", 1);
    config_load_env(&c);
    unsetenv("DANVAN_REMIND_DAYS");
    assert_int_equal(c.remind_days_before, 0);
    config_activate(&c);
    assert_int_equal(config_remind_days_before(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_window_and_recipients, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_overdue_sent_returned, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_claim_once_a_day, setup, fx_teardown),
        cmocka_unit_test(test_config_remind_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
