/* directive_access.h - who may read and change documents and tasks (one question per action).
 *   read      admin; staff, viewer, inspector: their scope's subtree; officer: own unit's subtree;
 *   write     "acts for unit X": admin; staff whose scope contains X; officer of X itself.
 *             Inspectors and viewers never write. Tokens act as their role at their unit.
 * 1 = allowed, 0 = refused, <0 = store error. */
#ifndef DV_DIRECTIVE_ACCESS_H
#define DV_DIRECTIVE_ACCESS_H

#include "core/principal.h"
#include "db/db.h"

#include <stdint.h>

/* The registry, boards and lists at all (every role but the portal's). */
int directive_can_use(const struct dv_user *u);
/* Read documents, tasks, boards of unit_id (0 = documents from outside the tree: all readers). */
int directive_can_read_unit(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* Writes anything at all (admin, staff, officer): inspectors and viewers never do. */
int directive_can_write(const struct dv_user *u);
/* Register or edit a document issued by issuer_unit_id (0 = a body outside the tree: staff
 * and admins only). */
int directive_can_edit_document(dv_db *db, const struct dv_user *u, int64_t issuer_unit_id);
/* Assign tasks in the name of assigner_unit_id (to units in its subtree). */
int directive_can_assign(dv_db *db, const struct dv_user *u, int64_t assigner_unit_id);
/* Is target_unit_id one that assigner_unit_id may give tasks to: inside the subtree of the
 * territorial unit the assigner works for (itself excluded)? */
int directive_can_assign_to(dv_db *db, int64_t assigner_unit_id, int64_t target_unit_id);
/* Cascade, submit a completion, explain an overdue task: acts for the task's lead unit. */
int directive_can_work_task(dv_db *db, const struct dv_user *u, int64_t lead_unit_id);
/* Confirm or return a completion, change a deadline: acts for the assigning unit. */
int directive_can_decide_task(dv_db *db, const struct dv_user *u, int64_t assigner_unit_id);
/* Change settings of the area (escalation days, one value for the store): admins, and the
 * staff whose scope is a top unit of the tree (a province's commission). */
int directive_can_configure(dv_db *db, const struct dv_user *u);

#endif
