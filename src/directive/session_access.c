/* session_access.c - the access questions of dissemination sessions (session_access.h). */
#include "directive/session_access.h"

#include "directive/cadre_access.h"
#include "org/access.h"

int dissem_can_view(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return access_can_view_unit(db, u, unit_id);
}

int dissem_can_record(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return cadre_can_edit(db, u, unit_id); /* the same rule: acting for the unit */
}
