/* report_list_store.c - the SQL of lists of reports: the review queue of a scope and the
 * reports due soon or overdue for a set of units (the reminders). */
#include "report/report.h"

#include "core/clock.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/store_util.h"
#include "report/completeness/expected.h"
#include "report/period.h"

#include <string.h>

/* ---- lists ---- */

int report_store_review_list(dv_db *db, dv_arena *a, int64_t scope_unit_id, size_t limit,
                             struct report_review_row **out, size_t *n)
{
    /* regimes whose receiver is the scope unit or under it today */
    dv_stmt *st = db_prepare(db,
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id "
        "  WHERE l.valid_from <= ?3 AND (l.valid_to IS NULL OR l.valid_to > ?3)) "
        "SELECT r.id, r.regime_id, r.period_id, r.unit_id, g.name, p.label, u.name, r.submitted_at, r.deadline, "
        "  substr(r.first_submitted_at, 1, 10) > r.deadline, p.close_end "
        "FROM reports r JOIN regimes g ON g.id = r.regime_id JOIN periods p ON p.id = r.period_id "
        "JOIN units u ON u.id = r.unit_id "
        "WHERE r.status = 'submitted' AND (?1 = 0 OR g.receiver_unit_id IN (SELECT id FROM sub)) "
        "ORDER BY r.submitted_at, r.id LIMIT ?2");
    if (!st) return DV_EDB;
    char today[11];
    clock_vn_today(today);
    db_bind_int(st, 1, scope_unit_id);
    db_bind_int(st, 2, (int64_t)limit);
    db_bind_text(st, 3, today);
    struct report_review_row *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, sizeof *v);
        struct report_review_row *x = &v[cnt++];
        x->report_id = db_col_int(st, 0);
        x->regime_id = db_col_int(st, 1);
        x->period_id = db_col_int(st, 2);
        x->unit_id = db_col_int(st, 3);
        x->regime_name = arena_strdup(a, db_col_text(st, 4));
        x->period_label = arena_strdup(a, db_col_text(st, 5));
        x->unit_name = arena_strdup(a, db_col_text(st, 6));
        x->submitted_at = arena_strdup(a, db_col_text(st, 7));
        x->deadline = arena_strdup(a, db_col_text(st, 8));
        x->late = (int)db_col_int(st, 9);
        x->period_end = arena_strdup(a, db_col_text(st, 10));
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = v;
    *n = cnt;
    return 0;
}

int report_store_due(dv_db *db, dv_arena *a, const int64_t *units, size_t nunits, const char *today,
                     struct report_due_row **out, size_t *n)
{
    char t[11];
    if (!today) {
        clock_vn_today(t);
        today = t;
    }
    /* candidate periods: started, of regimes in force, deadline within the last 60 days
     * (or later), or with a report not yet approved */
    dv_stmt *st = db_prepare(db,
        "SELECT p.id, p.regime_id, g.name, p.label, "
        "  (SELECT max(d.deadline) FROM period_deadlines d WHERE d.period_id = p.id) AS last_deadline "
        "FROM periods p JOIN regimes g ON g.id = p.regime_id "
        "WHERE p.close_start <= ?1 AND g.active_from <= ?1 AND (g.active_to IS NULL OR g.active_to > ?1) "
        "  AND COALESCE((SELECT max(d.deadline) FROM period_deadlines d WHERE d.period_id = p.id), p.close_end) >= date(?1, '-60 days') "
        "ORDER BY p.close_end, g.name");
    if (!st) return DV_EDB;
    db_bind_text(st, 1, today);
    struct cand {
        int64_t period_id, regime_id;
        const char *regime_name, *label;
    } *c = NULL;
    size_t nc = 0, cc = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        c = arena_grow(a, c, nc, &cc, sizeof *c);
        c[nc].period_id = db_col_int(st, 0);
        c[nc].regime_id = db_col_int(st, 1);
        c[nc].regime_name = arena_strdup(a, db_col_text(st, 2));
        c[nc].label = arena_strdup(a, db_col_text(st, 3));
        nc++;
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    dv_stmt *rs = db_prepare(db, "SELECT r.id, r.status, u.name FROM units u LEFT JOIN reports r ON r.unit_id = u.id "
                                 "AND r.period_id = ?1 AND r.regime_id = ?2 WHERE u.id = ?3");
    if (!rs) return DV_EDB;
    struct report_due_row *v = NULL;
    size_t cnt = 0, cap = 0;
    for (size_t i = 0; i < nc; i++) {
        struct expected_unit *ex = NULL;
        size_t nex = 0;
        if ((rc = expected_units(db, a, c[i].period_id, &ex, &nex)) != 0) return rc;
        for (size_t k = 0; k < nunits; k++) {
            const struct expected_unit *e = expected_find(ex, nex, units[k]);
            if (!e) continue;
            const char *dl = e->deadline;
            db_bind_int(rs, 1, c[i].period_id);
            db_bind_int(rs, 2, c[i].regime_id);
            db_bind_int(rs, 3, units[k]);
            rc = db_step(rs);
            v = arena_grow(a, v, cnt, &cap, sizeof *v);
            struct report_due_row *x = &v[cnt];
            memset(x, 0, sizeof *x);
            if (rc == DB_ROW) {
                x->report_id = db_col_int(rs, 0);
                x->status = report_status_parse(db_col_text(rs, 1));
                x->unit_name = arena_strdup(a, db_col_text(rs, 2));
            }
            db_done(rs);
            if (rc != DB_ROW) return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
            /* approved ones whose deadline is long past drop off */
            if (x->status == REPORT_APPROVED && dl[0] && date_diff_days(dl, today) > 30) continue;
            x->regime_id = c[i].regime_id;
            x->period_id = c[i].period_id;
            x->unit_id = units[k];
            x->regime_name = c[i].regime_name;
            x->period_label = c[i].label;
            x->deadline = dl[0] ? arena_strdup(a, dl) : NULL;
            cnt++;
        }
    }
    *out = v;
    *n = cnt;
    return 0;
}
