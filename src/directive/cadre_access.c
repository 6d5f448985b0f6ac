/* cadre_access.c - the access questions of cadre assignments (cadre_access.h). */
#include "directive/cadre_access.h"

#include "org/access.h"
#include "org/unit.h"

int cadre_can_view(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return access_can_view_unit(db, u, unit_id);
}

int cadre_can_edit(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role == ROLE_OFFICER) return u->unit_id == unit_id;
    if (u->role != ROLE_STAFF) return 0;
    int yes = 0;
    if (unit_in_subtree(db, u->scope_unit_id, unit_id, &yes) != 0) return -1;
    return yes;
}

int cadre_can_list(const struct dv_user *u)
{
    return u && !u->disabled &&
           (u->role == ROLE_ADMIN || u->role == ROLE_STAFF || u->role == ROLE_OFFICER || u->role == ROLE_VIEWER ||
            u->role == ROLE_INSPECTOR);
}
