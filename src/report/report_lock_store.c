/* report_lock_store.c - the entry lock of one unit's report in a period: its deadline (the
 * unit's level, else the period's general one), grace days and any lock exception. */
#include "report/report.h"
#include "report/report_store_internal.h"

#include "core/clock.h"
#include "core/err.h"
#include "report/period.h"

#include <stdio.h>
#include <string.h>

/* The deadline of the unit's level, else the period's general one ('*'), and any lock
 * exception: three primary-key lookups (an IN list with a subquery, sorted, cost a temporary
 * b-tree per call: 6% of a submission's CPU). */
static const char *SQL_LOCK =
    "SELECT COALESCE((SELECT deadline FROM period_deadlines WHERE period_id = ?1 "
    "                 AND level = (SELECT type FROM units WHERE id = ?2)), "
    "                (SELECT deadline FROM period_deadlines WHERE period_id = ?1 AND level = '*')), "
    "       (SELECT until FROM lock_exceptions WHERE period_id = ?1 AND unit_id = ?2)";

int report_lock_compute(dv_db *db, int64_t period_id, int64_t unit_id, int grace_days, const char *today,
                        char deadline[11], char lock_from[11], char exc[11], int *locked)
{
    deadline[0] = lock_from[0] = exc[0] = 0;
    *locked = 0;
    dv_stmt *st = db_prepare(db, SQL_LOCK);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, unit_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        const char *d = db_col_text(st, 0), *e = db_col_text(st, 1);
        if (d) snprintf(deadline, 11, "%s", d);
        if (e) snprintf(exc, 11, "%s", e);
    }
    db_done(st);
    if (rc != DB_ROW) return DV_EDB;
    char t[11];
    if (!today) {
        clock_vn_today(t);
        today = t;
    }
    if (deadline[0] && date_add_days(deadline, grace_days + 1, lock_from) == 0) {
        if (strcmp(today, lock_from) >= 0) *locked = 1;
        if (*locked && exc[0] && strcmp(today, exc) <= 0) *locked = 0;
    } else {
        lock_from[0] = 0;
    }
    return 0;
}

int report_lock_state(dv_db *db, dv_arena *a, int64_t period_id, int64_t unit_id, int grace_days,
                      const char *today, struct report_lock *out)
{
    char d[11], l[11], e[11];
    memset(out, 0, sizeof *out);
    int rc = report_lock_compute(db, period_id, unit_id, grace_days, today, d, l, e, &out->locked);
    if (rc) return rc;
    out->deadline = d[0] ? arena_strdup(a, d) : NULL;
    out->lock_from = l[0] ? arena_strdup(a, l) : NULL;
    out->exception_until = e[0] ? arena_strdup(a, e) : NULL;
    return 0;
}
