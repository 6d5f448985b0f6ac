/* demo_store.h - the SQL the demo loaders need beyond the areas' own stores: inserting the
 * generated reports directly (one transaction per period, for speed) and the portal's demo
 * categories, plus the lookups they make. Callers own the transactions. */
#ifndef DV_DEMO_STORE_H
#define DV_DEMO_STORE_H

#include "db/db.h"

#include <stdint.h>

/* A generated report row (reports); NULL texts and 0 ids are stored as NULL. */
struct demo_report_row {
    int64_t regime_id, period_id, unit_id;
    const char *status, *deadline, *first_submitted_at, *submitted_at, *reviewed_at;
    int64_t reviewed_by;
    const char *review_comment;
    int64_t version;
    const char *updated_at;
    int64_t updated_by;
};

int demo_report_insert(dv_db *db, const struct demo_report_row *row, int64_t *id);
/* One value: num NULL stores NULL; an integral *num (below 9e15) binds as an integer, any
 * other as text with `decimals` places (the REAL column converts it); option_id 0 is 0. */
int demo_value_insert(dv_db *db, int64_t report_id, int64_t indicator_id, int64_t option_id, const double *num,
                      int decimals, const char *text);
int demo_section_insert(dv_db *db, int64_t report_id, int position, const char *body);
/* user_id 0 stores NULL. */
int demo_event_insert(dv_db *db, int64_t report_id, const char *at, int64_t user_id, const char *action,
                      const char *comment);

/* The id of the account with this username, 0 when none. */
int64_t demo_user_by_name(dv_db *db, const char *username);
/* The first enabled officer or staff account of the unit, 0 when none. */
int64_t demo_unit_user(dv_db *db, int64_t unit_id);
/* 1 when an officer account belongs to the unit. */
int demo_unit_has_officer(dv_db *db, int64_t unit_id);
/* 1 when the period has any report already. */
int demo_period_has_reports(dv_db *db, int64_t period_id);

/* A portal category unless its slug exists: *added 1 when inserted (its id db_last_id). */
int demo_category_insert(dv_db *db, const char *slug, const char *name, int position, int64_t *added);

#endif
