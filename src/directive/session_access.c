/* session_access.c - the access questions of dissemination sessions (session_access.h). */
#include "directive/session_access.h"

#include "directive/cadre_access.h"
#include "directive/session.h"
#include "org/access.h"

int dissem_can_view(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    int rc = access_can_view_unit(db, u, unit_id);
    if (rc != 0) return rc;
    /* a closed unit's records are read by those who see the unit that took over its work */
    dv_arena *a = arena_new();
    int64_t *ids;
    size_t n;
    if (dissem_unit_successors(db, a, unit_id, &ids, &n)) n = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = access_can_view_unit(db, u, ids[i]);
    arena_free(a);
    return rc;
}

int dissem_can_record(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return cadre_can_edit(db, u, unit_id); /* the same rule: acting for the unit */
}
