/* session_access.h - who may read and record dissemination sessions (session_access.c).
 * 1 = allowed, 0 = refused, <0 = store error. */
#ifndef DV_DIRECTIVE_SESSION_ACCESS_H
#define DV_DIRECTIVE_SESSION_ACCESS_H

#include "core/principal.h"
#include "db/db.h"

#include <stdint.h>

/* A unit's sessions: anyone who may see the unit (inspectors of its subtree included), or
 * for a closed unit, a unit that took over its work (a merger's successor). */
int dissem_can_view(dv_db *db, const struct dv_user *u, int64_t unit_id);
/* Record or correct a session held by unit_id: an admin, staff of a subtree holding it,
 * its own officer; never a viewer or an inspector. */
int dissem_can_record(dv_db *db, const struct dv_user *u, int64_t unit_id);

#endif
