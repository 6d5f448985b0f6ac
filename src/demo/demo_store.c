/* demo_store.c - the demo loaders' own SQL (see demo_store.h). */
#include "demo/demo_store.h"

#include "core/err.h"

#include <math.h>
#include <stdio.h>

static const char *SQL_USER_BY_NAME = "SELECT id FROM users WHERE username = ?1";
static const char *SQL_UNIT_USER =
    "SELECT id FROM users WHERE unit_id = ?1 AND role IN ('officer','staff') AND disabled = 0 ORDER BY id LIMIT 1";
static const char *SQL_UNIT_OFFICER = "SELECT 1 FROM users WHERE unit_id = ?1 AND role = 'officer' LIMIT 1";
static const char *SQL_HAS_REPORTS =
    "SELECT 1 FROM reports WHERE regime_id = (SELECT regime_id FROM periods WHERE id = ?1) AND period_id = ?1 LIMIT 1";
static const char *SQL_INS_REPORT =
    "INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at,"
    " reviewed_at, reviewed_by, review_comment, version, updated_at, updated_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";
static const char *SQL_INS_VALUE =
    "INSERT INTO report_values(report_id, indicator_id, option_id, num, text) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *SQL_INS_SECTION = "INSERT INTO report_sections(report_id, position, body) VALUES (?1, ?2, ?3)";
static const char *SQL_INS_EVENT =
    "INSERT INTO report_events(report_id, at, user_id, action, comment) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *SQL_CATEGORY_INSERT =
    "INSERT INTO categories (slug, name, position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING RETURNING id";

static void bind_id0(dv_stmt *st, int col, int64_t id)
{
    if (id) db_bind_int(st, col, id);
    else db_bind_null(st, col);
}

int demo_report_insert(dv_db *db, const struct demo_report_row *row, int64_t *id)
{
    dv_stmt *st = db_prepare(db, SQL_INS_REPORT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, row->regime_id);
    db_bind_int(st, 2, row->period_id);
    db_bind_int(st, 3, row->unit_id);
    db_bind_text(st, 4, row->status);
    db_bind_text(st, 5, row->deadline);
    db_bind_text(st, 6, row->first_submitted_at);
    db_bind_text(st, 7, row->submitted_at);
    db_bind_text(st, 8, row->reviewed_at);
    bind_id0(st, 9, row->reviewed_by);
    db_bind_text(st, 10, row->review_comment);
    db_bind_int(st, 11, row->version);
    db_bind_text(st, 12, row->updated_at);
    bind_id0(st, 13, row->updated_by);
    return db_exec_id(st, id);
}

int demo_value_insert(dv_db *db, int64_t report_id, int64_t indicator_id, int64_t option_id, const double *num,
                      int decimals, const char *text)
{
    dv_stmt *st = db_prepare(db, SQL_INS_VALUE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    db_bind_int(st, 2, indicator_id);
    db_bind_int(st, 3, option_id);
    /* db.h has no REAL bind: integers bind exactly; other numbers as text, which the REAL
     * column affinity converts */
    char buf[32];
    if (!num) db_bind_null(st, 4);
    else if (*num == floor(*num) && fabs(*num) < 9e15) db_bind_int(st, 4, (int64_t)*num);
    else {
        snprintf(buf, sizeof buf, "%.*f", decimals, *num);
        db_bind_text(st, 4, buf);
    }
    db_bind_text(st, 5, text);
    return db_exec(st);
}

int demo_section_insert(dv_db *db, int64_t report_id, int position, const char *body)
{
    dv_stmt *st = db_prepare(db, SQL_INS_SECTION);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    db_bind_int(st, 2, position);
    db_bind_text(st, 3, body);
    return db_exec(st);
}

int demo_event_insert(dv_db *db, int64_t report_id, const char *at, int64_t user_id, const char *action,
                      const char *comment)
{
    dv_stmt *st = db_prepare(db, SQL_INS_EVENT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    db_bind_text(st, 2, at);
    bind_id0(st, 3, user_id);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, comment);
    return db_exec(st);
}

/* The first column of sql's first row with ?1 bound (text when s, else the integer i). */
static int64_t first_int(dv_db *db, const char *sql, const char *s, int64_t i)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return 0;
    if (s) db_bind_text(st, 1, s);
    else db_bind_int(st, 1, i);
    int64_t v = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return v;
}

int64_t demo_user_by_name(dv_db *db, const char *username)
{
    return first_int(db, SQL_USER_BY_NAME, username, 0);
}

int64_t demo_unit_user(dv_db *db, int64_t unit_id)
{
    return first_int(db, SQL_UNIT_USER, NULL, unit_id);
}

int demo_unit_has_officer(dv_db *db, int64_t unit_id)
{
    return first_int(db, SQL_UNIT_OFFICER, NULL, unit_id) != 0;
}

int demo_period_has_reports(dv_db *db, int64_t period_id)
{
    return first_int(db, SQL_HAS_REPORTS, NULL, period_id) != 0;
}

int demo_category_insert(dv_db *db, const char *slug, const char *name, int position, int64_t *added)
{
    *added = 0;
    dv_stmt *st = db_prepare(db, SQL_CATEGORY_INSERT);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, slug);
    db_bind_text(st, 2, name);
    db_bind_int(st, 3, position);
    return db_exec_id(st, added);
}
