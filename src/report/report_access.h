/* report_access.h - who may enter and who may view a unit's report (the reporting area's
 * access rules, shared by the web form in entry_pages.c and the documents in
 * document_routes.c). Decided on the server, from the signed-in user. */
#ifndef DV_REPORT_ACCESS_H
#define DV_REPORT_ACCESS_H

#include "db/db.h"
#include "core/principal.h"

#include <stdint.h>

/* May u enter and see reports of unit_id? An officer acts for their own unit only, staff
 * for their subtree, admins for all. 1/0, <0 store error. */
/* The menus of the reporting area (each report is then checked with the functions below):
 * entering reports (admins, staff, officers), dashboards (admins, staff, viewers), and
 * managing regimes and category sets (admins, staff). 1/0. */
int report_can_enter_reports(const struct dv_user *u);
int report_can_view_dashboards(const struct dv_user *u);
int report_can_manage_regimes(const struct dv_user *u);
/* The commission's work on reports sent up to it (the review list, reopening entry for a
 * unit): admins and staff. 1/0. */
int report_can_review_reports(const struct dv_user *u);
/* Does u enter the reports of their own unit only (an officer), not of a subtree? 1/0. */
int report_enters_own_unit_only(const struct dv_user *u);
/* May u manage the regime received by receiver_id? Admins any; staff one whose receiver is
 * in their scope. 1/0 (errors count as 0). */
int report_can_manage_regime(dv_db *db, const struct dv_user *u, int64_t receiver_id);
/* May u manage a category set scoped to scope_unit_id (0 = a root set)? Admins any; staff
 * a set whose scope unit is in their subtree (not a root set). 1/0 (errors count as 0). */
int report_can_manage_category_set(dv_db *db, const struct dv_user *u, int64_t scope_unit_id);
int report_access_act_for(dv_db *db, const struct dv_user *u, int64_t unit_id);

/* Does u review for the receiving unit (staff/admin whose scope covers it)? 1/0, <0. */
int report_access_reviews(dv_db *db, const struct dv_user *u, int64_t receiver_id);

/* Both checks for the report of unit_id sent to receiver_id: fills *can_act, and
 * *can_review (0 without asking when need_act). Returns 1 when u may act or review,
 * 0 when refused, <0 on a store error. */
int report_access_check(dv_db *db, const struct dv_user *u, int64_t unit_id, int64_t receiver_id, int need_act,
                        int *can_act, int *can_review);

#endif
