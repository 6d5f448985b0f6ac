/* reminder_store.c - the SQL of the e-mail reminders (reminder.h): candidate periods,
 * report statuses, recipients and the reminder_log claims. */
#include "report/reminder/reminder.h"

#include "core/err.h"

#include <string.h>

static const char *SQL_PERIODS =
    "SELECT p.id, p.regime_id, r.name, p.label FROM periods p JOIN regimes r ON r.id = p.regime_id "
    "WHERE EXISTS (SELECT 1 FROM period_deadlines d WHERE d.period_id = p.id AND d.deadline BETWEEN ?1 AND ?2) "
    "AND r.active_from <= ?3 AND (r.active_to IS NULL OR r.active_to > ?3) "
    "ORDER BY p.close_end, r.code, p.id";

static const char *SQL_STATUS = "SELECT status FROM reports WHERE regime_id = (SELECT regime_id FROM periods WHERE id = ?1) "
                                 "AND period_id = ?1 AND unit_id = ?2";

static const char *SQL_USERS =
    "SELECT id, username, full_name, email, lang, scope_unit_id FROM users "
    "WHERE unit_id = ?1 AND disabled = 0 AND role IN ('officer','staff') ORDER BY username";
static const char *SQL_STAFF =
    "SELECT id, username, full_name, email, lang, scope_unit_id FROM users "
    "WHERE disabled = 0 AND role = 'staff' ORDER BY username";

static const char *SQL_LOGGED = "SELECT 1 FROM reminder_log WHERE user_id = ?1 AND day = ?2";
static const char *SQL_CLAIM = "INSERT INTO reminder_log(user_id, day, items) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
static const char *SQL_UNCLAIM = "DELETE FROM reminder_log WHERE user_id = ?1 AND day = ?2";

int reminder_store_periods(dv_db *db, dv_arena *a, const char *from, const char *to, const char *today,
                           struct reminder_period **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_PERIODS);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, today);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct reminder_period *p = &(*out)[(*n)++];
        p->period_id = db_col_int(st, 0);
        p->regime_id = db_col_int(st, 1);
        p->regime_name = arena_strdup(a, db_col_text(st, 2));
        p->period_label = arena_strdup(a, db_col_text(st, 3));
    }
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int reminder_store_report_status(dv_db *db, int64_t period_id, int64_t unit_id, char status[16])
{
    dv_stmt *st = db_prepare(db, SQL_STATUS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, unit_id);
    int rc = db_step(st);
    snprintf(status, 16, "%s", rc == DB_ROW && db_col_text(st, 0) ? db_col_text(st, 0) : "none");
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

static int collect_users(dv_stmt *st, dv_arena *a, struct reminder_user **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct reminder_user *u = &(*out)[(*n)++];
        u->id = db_col_int(st, 0);
        u->username = arena_strdup(a, db_col_text(st, 1));
        u->full_name = arena_strdup(a, db_col_text(st, 2));
        u->email = arena_strdup(a, db_col_text(st, 3));
        u->lang = arena_strdup(a, db_col_text(st, 4));
        u->scope_unit_id = db_col_int(st, 5);
    }
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int reminder_store_unit_users(dv_db *db, dv_arena *a, int64_t unit_id, struct reminder_user **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_USERS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    return collect_users(st, a, out, n);
}

int reminder_store_staff(dv_db *db, dv_arena *a, struct reminder_user **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_STAFF);
    if (!st) return DV_EDB;
    return collect_users(st, a, out, n);
}

int reminder_store_logged(dv_db *db, int64_t user_id, const char *day)
{
    dv_stmt *st = db_prepare(db, SQL_LOGGED);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, day);
    int rc = db_step(st);
    db_done(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

int reminder_store_claim(dv_db *db, int64_t user_id, const char *day, int items)
{
    dv_stmt *st = db_prepare(db, SQL_CLAIM);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, day);
    db_bind_int(st, 3, items);
    int rc = db_exec(st);
    if (rc < 0) return rc;
    return db_changes(db) > 0;
}

int reminder_store_unclaim(dv_db *db, int64_t user_id, const char *day)
{
    dv_stmt *st = db_prepare(db, SQL_UNCLAIM);
    if (!st || db_begin(db)) return DV_EDB;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, day);
    int rc = db_exec(st);
    if (rc < 0 || db_commit(db)) {
        db_rollback(db);
        return DV_EDB;
    }
    return DV_OK;
}
