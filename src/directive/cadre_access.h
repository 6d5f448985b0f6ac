/* cadre_access.h - who may read and record cadre assignments and dissemination sessions
 * (cadre_access.c): one question per action. 1 = allowed, 0 = refused, <0 = store error. */
#ifndef DV_DIRECTIVE_CADRE_ACCESS_H
#define DV_DIRECTIVE_CADRE_ACCESS_H

#include "core/principal.h"
#include "db/db.h"

#include <stdint.h>

/* Reads a unit's cadres and the coverage lists of its subtree: anyone who may see the unit. */
int cadre_can_view(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* Records, corrects or ends a unit's assignment: an admin, staff of a subtree holding the
 * unit, the unit's own officer. Viewers (and inspectors) read only. */
int cadre_can_edit(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* The "cadres" menu entry: every role that works with units' records. */
int cadre_can_list(const struct dv_user *u);

#endif
