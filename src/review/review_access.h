/* review_access.h - who may read and run inspections and review conferences (one question
 * per action). Reading follows the directives area (every role but the portal's, within the
 * unit's subtree); running an inspection or a conference acts for its unit (admin; staff
 * whose scope holds it; that unit's officer). 1 = allowed, 0 = refused. */
#ifndef DV_REVIEW_ACCESS_H
#define DV_REVIEW_ACCESS_H

#include "core/principal.h"
#include "db/db.h"

#include <stdint.h>

/* The area's pages at all (menu, board, lists). */
int review_can_use(const struct dv_user *u);
/* Run anything at all (admin, staff, officer): viewers and inspectors only read. */
int review_can_run(const struct dv_user *u);
/* Read the plan, inspection or conference of unit_id. */
int review_can_read_unit(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* Make a plan, an inspection or a conference for unit_id and run it (status, team, findings,
 * conclusion, recommendations, invitations, minutes). */
int review_can_manage(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* May the user's inspection by unit_id cover subject_unit_id (or give it a recommendation)?
 * Any other unit the user may read: a commission inspects the Party committees, the Front
 * and the organisations of its province, which sit beside it in the tree, not under it. */
int review_can_inspect(dv_db *db, const struct dv_user *u, int64_t unit_id, int64_t subject_unit_id);

#endif
