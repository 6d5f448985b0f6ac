/* test_report.c - the report store on a temp SQLite file with a tiny regime built by SQL:
 * save creates one row, a double submit never duplicates, a stale version is refused,
 * a late submission keeps its real time, the lock after deadline + grace and the exception
 * that reopens it, approve/return transitions with their history, the parent's approval
 * refused while a child is unapproved, attachments checked by content, and concurrent
 * saves (committed together) each getting the answer it would have had alone, also when
 * one of them fails halfway; values checked against a definition changed since are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "org/unit_tree.h"
#include "core/principal.h"
#include "report/regime/regime.h"
#include "report/report.h"
#include "temp_store.h"

#include <zip.h>

struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
    int64_t P, A, B, regime, period, i1, i2;
    struct dv_user officer, staff;
};

static int64_t unit(struct fx *f, const char *code, const char *name, const char *type, int64_t parent)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO units(code, name, name_fold, type, valid_from) VALUES (?1, ?2, ?2, ?3, '2000-01-01')");
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, type);
    if (db_exec(st) != 0) return 0;
    int64_t id = db_last_id(f->db);
    if (parent) {
        st = db_prepare(f->db, "INSERT INTO unit_links(child_id, parent_id, valid_from) VALUES (?1, ?2, '2000-01-01')");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, parent);
        if (db_exec(st) != 0) return 0;
    }
    unit_tree_invalidate();
    return id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "report", 1)) return -1;
    f->a = arena_new();
    f->P = unit(f, "96", "Tỉnh P", "province", 0);
    f->A = unit(f, "0001", "Xã A", "commune", f->P);
    f->B = unit(f, "0002", "Xã B", "commune", f->P);
    char buf[2048];
    snprintf(buf, sizeof buf,
             "INSERT INTO users(id, username, full_name, password_hash, unit_id, scope_unit_id, role) VALUES "
             " (1, 'xa', 'Cán bộ xã', 'x', %lld, %lld, 'officer'), (2, 'bdv', 'Ban Dân vận', 'x', %lld, %lld, 'staff');"
             "INSERT INTO regimes(id, code, name, frequency, receiver_unit_id, grace_days, active_from) "
             " VALUES (1, 'T', 'Báo cáo thử', 'half', %lld, 3, '2020-01-01');"
             "INSERT INTO regime_assignments(regime_id, kind, unit_id, valid_from) VALUES (1, 'subtree', %lld, '2020-01-01');"
             "INSERT INTO regime_deadlines VALUES (1, 'commune', 5), (1, '*', 10);"
             "INSERT INTO regime_sections VALUES (1, 1, 'Kết quả', '');"
             "INSERT INTO indicators(id, regime_id, code, name, type, required, position) VALUES "
             " (1, 1, 'I01', 'Tổng', 'int', 1, 1), (2, 1, 'I02', 'Phần', 'int', 0, 2);"
             "INSERT INTO indicator_rules(regime_id, left_code, op, right_operand, message) VALUES (1, 'I02', '<=', 'I01', 'Phần ≤ tổng');"
             "INSERT INTO periods(id, regime_id, year, seq, label, close_start, close_end) "
             " VALUES (1, 1, 2025, 1, '6 tháng đầu năm 2025', '2024-12-15', '2025-06-14');"
             "INSERT INTO period_deadlines VALUES (1, 'commune', '2025-06-19'), (1, '*', '2025-06-24');",
             (long long)f->A, (long long)f->A, (long long)f->P, (long long)f->P, (long long)f->P, (long long)f->P);
    if (db_exec_script(f->db, buf) != 0) {
        /* users may have other required columns: fall back to whatever the schema needs */
        fprintf(stderr, "fixture: %s\n", db_errmsg(f->db));
        return -1;
    }
    f->regime = 1;
    f->period = 1;
    f->officer = (struct dv_user){.id = 1, .username = "xa", .full_name = "Cán bộ xã", .unit_id = f->A,
                                  .scope_unit_id = f->A, .role = ROLE_OFFICER};
    f->staff = (struct dv_user){.id = 2, .username = "bdv", .full_name = "Ban Dân vận", .unit_id = f->P,
                                .scope_unit_id = f->P, .role = ROLE_STAFF};
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

static int save(struct fx *f, int64_t unit_id, int version, int submit, const char *today, double v1,
                struct report_save_result *res)
{
    struct report_value vals[] = {{1, 0, 1, v1, NULL}, {2, 0, 1, 1, NULL}};
    struct report_section_body secs[] = {{1, "Tốt"}};
    struct report_save_input in = {f->regime, f->period, unit_id, version, vals, 2, secs, 1, submit, today, 0, 0, 0, 0, NULL, 0};
    return report_save(f->db, &f->officer, "127.0.0.1", &in, res);
}

static int64_t count(struct fx *f, const char *q)
{
    dv_stmt *st = db_prepare(f->db, q);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void definition(void **state)
{
    struct fx *f = *state;
    struct report_def d;
    assert_int_equal(report_def_load(f->db, f->a, 1, &d), 0);
    assert_int_equal(d.nindicators, 2);
    assert_int_equal(d.nrules, 1);
    assert_int_equal(d.nsections, 1);
    assert_int_equal(d.grace_days, 3);
    struct report_def none;
    assert_int_equal(report_def_load(f->db, f->a, 99, &none), DV_ENOTFOUND);
    /* the same definition from H1's regime_load, as the XLSX upload gets it */
    struct regime_def rd;
    assert_int_equal(regime_load(f->db, f->a, 1, &rd), 0);
    struct report_def e;
    report_def_from_regime(f->a, &rd, &e);
    assert_int_equal(e.nindicators, d.nindicators);
    for (size_t i = 0; i < d.nindicators; i++) {
        assert_int_equal(e.indicators[i].id, d.indicators[i].id);
        assert_string_equal(e.indicators[i].code, d.indicators[i].code);
        assert_int_equal(e.indicators[i].type, d.indicators[i].type);
        assert_int_equal(e.indicators[i].required, d.indicators[i].required);
        assert_int_equal(e.indicators[i].noptions, d.indicators[i].noptions);
    }
    assert_int_equal(e.nrules, d.nrules);
    assert_string_equal(e.rules[0].right, "I01");
    assert_int_equal(e.nsections, d.nsections);
    assert_int_equal(e.grace_days, 3);
}

static void save_and_submit(void **state)
{
    struct fx *f = *state;
    struct report_save_result r1, r2;
    assert_int_equal(save(f, f->A, 0, 0, "2025-06-01", 10, &r1), 0);
    assert_int_equal(r1.version, 1);
    assert_int_equal(r1.status, REPORT_DRAFT);
    /* a second tab that saw no row: stale, nothing written, still one row */
    assert_int_equal(save(f, f->A, 0, 0, "2025-06-01", 99, &r2), DV_ECONFLICT);
    assert_int_equal(count(f, "SELECT count(*) FROM reports"), 1);
    assert_int_equal(save(f, f->A, 1, 1, "2025-06-01", 11, &r2), 0);
    assert_int_equal(r2.status, REPORT_SUBMITTED);
    assert_int_equal(r2.report_id, r1.report_id);
    /* submit twice (double click): the second is stale and refused, one row */
    assert_int_equal(save(f, f->A, 1, 1, "2025-06-01", 11, &r2), DV_ECONFLICT);
    assert_int_equal(count(f, "SELECT count(*) FROM reports"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM report_values"), 2);
    struct report rep;
    assert_int_equal(report_store_get(f->db, f->a, r1.report_id, &rep), 0);
    assert_non_null(rep.first_submitted_at);
    assert_string_equal(rep.deadline, "2025-06-19");
    /* a submitted report is not editable */
    assert_int_equal(save(f, f->A, rep.version, 0, "2025-06-01", 12, &r2), DV_EDENIED);
    struct report_value *v;
    size_t n;
    assert_int_equal(report_store_values(f->db, f->a, r1.report_id, &v, &n), 0);
    assert_int_equal(n, 2);
    assert_true(v[0].num == 11 || v[1].num == 11);
    assert_int_equal(count(f, "SELECT count(*) FROM report_events"), 2);
    assert_true(count(f, "SELECT count(*) FROM audit_log WHERE entity = 'report'") >= 2);
}

/* Values checked against a definition that has changed since (def_version no longer the
 * store's regime_def_version) are refused with DV_ESTALE and nothing is written; with the
 * current version the same save goes through. */
static void stale_definition(void **state)
{
    struct fx *f = *state;
    int64_t now = 0;
    assert_int_equal(db_counter_get(f->db, "regime_def_version", &now), 0);
    struct report_value vals[] = {{1, 0, 1, 10, NULL}, {2, 0, 1, 1, NULL}};
    struct report_save_input in = {f->regime, f->period, f->A, 0, vals, 2, NULL, 0, 1, "2025-06-01", now - 1, 0, 0, 0, NULL, 0};
    struct report_save_result res;
    assert_int_equal(report_save(f->db, &f->officer, "127.0.0.1", &in, &res), DV_ESTALE);
    assert_int_equal(count(f, "SELECT count(*) FROM reports"), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM report_values"), 0);
    in.def_version = now;
    assert_int_equal(report_save(f->db, &f->officer, "127.0.0.1", &in, &res), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM reports WHERE status = 'submitted'"), 1);
}

/* Concurrent saves are committed together (report_save's group commit): each keeps the
 * result it would have had alone. Eight threads, each with its own connection, submit
 * version 0 of A or B at once: exactly one per unit wins, the rest are stale. */
struct racer {
    struct fx *f;
    int64_t unit;
    pthread_barrier_t *go;
    int rc;
    const char *body; /* the section's text; NULL = "Tốt" */
};

static void *race(void *arg)
{
    struct racer *r = arg;
    struct db_options o = {.path = r->f->path, .busy_ms = 5000};
    dv_db *db = NULL;
    r->rc = -999;
    if (db_open(&o, &db) != 0) return NULL;
    struct report_value vals[] = {{1, 0, 1, 10, NULL}, {2, 0, 1, 1, NULL}};
    struct report_section_body secs[] = {{1, r->body ? r->body : "Tốt"}};
    struct report_save_input in = {r->f->regime, r->f->period, r->unit, 0, vals, 2, secs, 1, 1, "2025-06-01", 0, 0, 0, 0, NULL, 0};
    struct report_save_result res;
    pthread_barrier_wait(r->go);
    r->rc = report_save(db, &r->f->officer, "127.0.0.1", &in, &res);
    db_close(db);
    return NULL;
}

static void concurrent_saves(void **state)
{
    struct fx *f = *state;
    enum { N = 8 };
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, N);
    struct racer r[N];
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        r[i] = (struct racer){f, i % 2 ? f->B : f->A, &go, 0, NULL};
        assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
    }
    int ok = 0, stale = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        if (r[i].rc == 0) ok++;
        else if (r[i].rc == DV_ECONFLICT) stale++;
    }
    pthread_barrier_destroy(&go);
    assert_int_equal(ok, 2);
    assert_int_equal(stale, N - 2);
    assert_int_equal(count(f, "SELECT count(*) FROM reports WHERE status = 'submitted' AND version = 1"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM report_values"), 4);
    assert_int_equal(count(f, "SELECT count(*) FROM report_events"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE entity = 'report'"), 2);
}

/* A save that fails halfway (after its row and values are written: a trigger on its section
 * raises a store error) leaves nothing of itself and takes nothing from the saves committed
 * with it: its batch runs again without it. Two saves of A fail, two of B race as above. */
static void failing_save_alone(void **state)
{
    struct fx *f = *state;
    assert_int_equal(db_exec_script(f->db, "CREATE TRIGGER boom AFTER INSERT ON report_sections "
                                           "WHEN NEW.body = 'boom' BEGIN SELECT abs(-9223372036854775807 - 1); END;"),
                     0);
    enum { N = 4 };
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, N);
    struct racer r[N];
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        r[i] = (struct racer){f, i % 2 ? f->B : f->A, &go, 0, i % 2 ? NULL : "boom"};
        assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
    }
    int ok = 0, stale = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        if (i % 2 == 0) assert_int_equal(r[i].rc, DV_EDB);
        else if (r[i].rc == 0) ok++;
        else if (r[i].rc == DV_ECONFLICT) stale++;
    }
    pthread_barrier_destroy(&go);
    assert_int_equal(ok, 1);
    assert_int_equal(stale, 1);
    assert_int_equal(count(f, "SELECT count(*) FROM reports"), 1);
    char q[128];
    snprintf(q, sizeof q, "SELECT count(*) FROM reports WHERE unit_id = %lld AND status = 'submitted'", (long long)f->B);
    assert_int_equal(count(f, q), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM report_values"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM report_sections"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM report_events"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE entity = 'report'"), 1);
}

static void late_and_lock(void **state)
{
    struct fx *f = *state;
    struct report_save_result r;
    /* deadline 19/06 + 3 days grace: 22/06 still open (late), 23/06 locked */
    assert_int_equal(save(f, f->A, 0, 1, "2025-06-22", 5, &r), 0);
    struct report rep;
    assert_int_equal(report_store_get(f->db, f->a, r.report_id, &rep), 0);
    assert_non_null(rep.submitted_at); /* the real time is kept (the clock's, not the deadline) */
    assert_non_null(rep.first_submitted_at);
    assert_true(strncmp(rep.first_submitted_at, rep.deadline, 10) > 0); /* so it counts as late */
    struct report_lock lk;
    assert_int_equal(report_lock_state(f->db, f->a, f->period, f->B, 3, "2025-06-22", &lk), 0);
    assert_int_equal(lk.locked, 0);
    assert_int_equal(report_lock_state(f->db, f->a, f->period, f->B, 3, "2025-06-23", &lk), 0);
    assert_int_equal(lk.locked, 1);
    assert_string_equal(lk.lock_from, "2025-06-23");
    assert_int_equal(save(f, f->B, 0, 0, "2025-06-23", 5, &r), DV_EDENIED);
    assert_int_equal(count(f, "SELECT count(*) FROM reports"), 1);
    /* the commission reopens until 30/06 */
    assert_int_equal(report_unlock(f->db, &f->staff, "127.0.0.1", f->period, f->B, "2025-06-30", "Mất điện", 0), 0);
    assert_int_equal(report_lock_state(f->db, f->a, f->period, f->B, 3, "2025-06-25", &lk), 0);
    assert_int_equal(lk.locked, 0);
    assert_string_equal(lk.exception_until, "2025-06-30");
    assert_int_equal(save(f, f->B, 0, 1, "2025-06-25", 5, &r), 0);
    assert_int_equal(report_lock_state(f->db, f->a, f->period, f->B, 3, "2025-07-01", &lk), 0);
    assert_int_equal(lk.locked, 1);
    /* the district's own deadline ('*') is later */
    assert_int_equal(report_lock_state(f->db, f->a, f->period, f->P, 3, "2025-06-25", &lk), 0);
    assert_string_equal(lk.deadline, "2025-06-24");
    assert_int_equal(report_unlock(f->db, &f->staff, "127.0.0.1", f->period, f->B, "bad", "x", 0), DV_EINVAL);
}

static void review(void **state)
{
    struct fx *f = *state;
    struct report_save_result ra, rb, rp;
    assert_int_equal(save(f, f->A, 0, 1, "2025-06-01", 5, &ra), 0);
    assert_int_equal(save(f, f->B, 0, 1, "2025-06-01", 5, &rb), 0);
    assert_int_equal(save(f, f->P, 0, 1, "2025-06-01", 5, &rp), 0);
    const char *blocking = NULL;
    /* the district waits for both communes */
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", rp.report_id, &blocking), DV_ECONFLICT);
    assert_non_null(blocking);
    assert_non_null(strstr(blocking, "Xã A"));
    assert_non_null(strstr(blocking, "Xã B"));
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", ra.report_id, NULL), 0);
    /* B is returned with a comment; the officer sees it, fixes and resubmits */
    assert_int_equal(report_return(f->db, &f->staff, "127.0.0.1", rb.report_id, ""), DV_EINVAL);
    assert_int_equal(report_return(f->db, &f->staff, "127.0.0.1", rb.report_id, "Thiếu số liệu"), 0);
    struct report rep;
    assert_int_equal(report_store_get(f->db, f->a, rb.report_id, &rep), 0);
    assert_int_equal(rep.status, REPORT_RETURNED);
    assert_string_equal(rep.review_comment, "Thiếu số liệu");
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", rp.report_id, &blocking), DV_ECONFLICT);
    assert_string_equal(blocking, "Xã B");
    struct report_save_result r;
    assert_int_equal(save(f, f->B, rep.version, 0, "2025-06-01", 6, &r), 0);
    assert_int_equal(r.status, REPORT_RETURNED); /* a saved draft stays returned */
    const char *first = rep.first_submitted_at;
    assert_non_null(first);
    assert_int_equal(save(f, f->B, r.version, 1, "2025-06-01", 6, &r), 0);
    struct report again;
    assert_int_equal(report_store_get(f->db, f->a, rb.report_id, &again), 0);
    assert_string_equal(again.first_submitted_at, first); /* set once */
    assert_non_null(again.submitted_at);
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", rb.report_id, NULL), 0);
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", rb.report_id, NULL), DV_EDENIED);
    assert_int_equal(report_approve(f->db, f->a, &f->staff, "127.0.0.1", rp.report_id, &blocking), 0);
    struct report_event *ev;
    size_t n;
    assert_int_equal(report_store_events(f->db, f->a, rb.report_id, &ev, &n), 0);
    assert_int_equal(n, 5); /* submitted, returned, saved, submitted, approved */
    assert_string_equal(ev[1].action, "returned");
    assert_string_equal(ev[1].comment, "Thiếu số liệu");
    assert_string_equal(ev[1].user_name, "Ban Dân vận");
    assert_string_equal(ev[4].action, "approved");
    assert_true(count(f, "SELECT count(*) FROM audit_log WHERE action IN ('approve','return')") == 4);
}

static void attachments(void **state)
{
    struct fx *f = *state;
    struct report_save_result r;
    assert_int_equal(save(f, f->A, 0, 0, "2025-06-01", 5, &r), 0);
    static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n";
    static const char fake[] = "hello, I am not a PDF";
    int64_t aid;
    assert_string_equal(report_attachment_sniff(pdf, sizeof pdf - 1), "application/pdf");
    assert_null(report_attachment_sniff(fake, sizeof fake - 1));
    assert_null(report_attachment_sniff("PK\x03\x04garbage", 11));
    assert_int_equal(report_attach(f->db, &f->officer, NULL, r.report_id, "../x\"a.pdf", fake, sizeof fake - 1, &aid), DV_EINVAL);
    assert_int_equal(report_attach(f->db, &f->officer, NULL, r.report_id, "../x\"a.pdf", pdf, sizeof pdf - 1, &aid), 0);
    struct report_attachment at;
    assert_int_equal(report_store_attachment_get(f->db, f->a, r.report_id, aid, &at), 0);
    assert_string_equal(at.filename, "x_a.pdf");
    assert_int_equal(at.size, (int64_t)(sizeof pdf - 1));
    assert_memory_equal(at.data, pdf, sizeof pdf - 1);
    assert_int_equal(report_store_attachment_get(f->db, f->a, r.report_id + 1, aid, &at), DV_ENOTFOUND);
    assert_int_equal(report_detach(f->db, &f->officer, NULL, r.report_id, aid), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM report_attachments"), 0);
}

static void lists(void **state)
{
    struct fx *f = *state;
    int64_t units[] = {f->A, f->B};
    struct report_due_row *due;
    size_t n;
    assert_int_equal(report_store_due(f->db, f->a, units, 2, "2025-06-01", &due, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(due[0].status, REPORT_NONE);
    assert_string_equal(due[0].deadline, "2025-06-19");
    assert_string_equal(due[0].unit_name, "Xã A");
    /* before the window opens nothing is due */
    assert_int_equal(report_store_due(f->db, f->a, units, 2, "2024-12-01", &due, &n), 0);
    assert_int_equal(n, 0);
    struct report_save_result r;
    assert_int_equal(save(f, f->A, 0, 1, "2025-06-01", 5, &r), 0);
    assert_int_equal(report_store_due(f->db, f->a, units, 1, "2025-06-01", &due, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(due[0].status, REPORT_SUBMITTED);
    assert_int_equal(due[0].report_id, r.report_id);
    struct report_review_row *rv;
    assert_int_equal(report_store_review_list(f->db, f->a, f->P, 10, &rv, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rv[0].unit_name, "Xã A");
    assert_int_equal(report_store_review_list(f->db, f->a, 0, 10, &rv, &n), 0);
    assert_int_equal(n, 1);
    /* the commune's own scope does not cover the receiving province */
    assert_int_equal(report_store_review_list(f->db, f->a, f->A, 10, &rv, &n), 0);
    assert_int_equal(n, 0);
}

/* Writes a zip holding [Content_Types].xml with `types` into the fixture dir; returns its bytes. */
static char *make_zip(struct fx *f, const char *types, size_t *n)
{
    char path[160];
    snprintf(path, sizeof path, "%s/t.zip", f->dir);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    zip_source_t *s = zip_source_buffer(z, types, strlen(types), 0);
    assert_true(zip_file_add(z, "[Content_Types].xml", s, ZIP_FL_OVERWRITE) >= 0);
    zip_source_t *d = zip_source_buffer(z, "<w:document/>", 13, 0);
    assert_true(zip_file_add(z, "word/document.xml", d, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 16);
    *n = fread(buf, 1, 1 << 16, fp);
    fclose(fp);
    unlink(path);
    return buf;
}

static void docx_by_content(void **state)
{
    struct fx *f = *state;
    size_t n;
    char *docx = make_zip(f, "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/"
                             "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>", &n);
    assert_string_equal(report_attachment_sniff(docx, n),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    free(docx);
    /* an XLSX (or any other zip) is not a DOCX */
    char *xlsx = make_zip(f, "<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument."
                             "spreadsheetml.sheet.main+xml\"/></Types>", &n);
    assert_null(report_attachment_sniff(xlsx, n));
    free(xlsx);
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    assert_string_equal(report_attachment_sniff(png, sizeof png), "image/png");
    static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16};
    assert_string_equal(report_attachment_sniff(jpg, sizeof jpg), "image/jpeg");
    static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a'};
    assert_null(report_attachment_sniff(gif, sizeof gif));
    /* over the size limit */
    char *big = calloc(1, REPORT_ATTACH_MAX + 1);
    memcpy(big, "%PDF-", 5);
    struct report_save_result r;
    assert_int_equal(save(f, f->A, 0, 0, "2025-06-01", 5, &r), 0);
    assert_int_equal(report_attach(f->db, &f->officer, NULL, r.report_id, "a.pdf", big, REPORT_ATTACH_MAX + 1, NULL),
                     DV_ETOOBIG);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(definition, setup, teardown),
        cmocka_unit_test_setup_teardown(save_and_submit, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_definition, setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_saves, setup, teardown),
        cmocka_unit_test_setup_teardown(failing_save_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(late_and_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(review, setup, teardown),
        cmocka_unit_test_setup_teardown(attachments, setup, teardown),
        cmocka_unit_test_setup_teardown(docx_by_content, setup, teardown),
        cmocka_unit_test_setup_teardown(lists, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
