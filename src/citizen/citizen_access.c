/* citizen_access.c - the access questions of the citizens' area (citizen_access.h). */
#include "citizen/citizen_access.h"

#include "org/access.h"
#include "org/unit.h"
#include "org/unit_tree.h"

#include "core/err.h"

int64_t citizen_scope_root(const struct dv_user *u)
{
    if (!u) return -1;
    if (u->role == ROLE_ADMIN) return 0;
    return u->role == ROLE_OFFICER ? u->unit_id : u->scope_unit_id;
}

int citizen_can_use_desk(const struct dv_user *u)
{
    return u && !u->disabled &&
           (u->role == ROLE_ADMIN || u->role == ROLE_STAFF || u->role == ROLE_OFFICER || u->role == ROLE_VIEWER);
}

int citizen_can_use_registry(const struct dv_user *u)
{
    return citizen_can_use_desk(u);
}

static int in_scope(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (unit_id <= 0) return 0;
    int64_t root = citizen_scope_root(u);
    if (root == 0) return 1;
    if (root < 0) return 0;
    int yes = 0;
    int rc = unit_in_subtree(db, root, unit_id, &yes);
    return rc < 0 ? rc : yes;
}

int citizen_can_view_petition(dv_db *db, const struct dv_user *u, const struct petition *p)
{
    if (!citizen_can_use_desk(u)) return 0;
    int rc = in_scope(db, u, p->commune_id);
    if (rc != 0) return rc;
    return p->assigned_unit_id ? in_scope(db, u, p->assigned_unit_id) : 0;
}

int citizen_can_handle_petition(dv_db *db, const struct dv_user *u, const struct petition *p)
{
    if (!u || u->role == ROLE_VIEWER) return 0;
    return citizen_can_view_petition(db, u, p);
}

int citizen_can_review_petition(dv_db *db, const struct dv_user *u, const struct petition *p)
{
    if (!u || (u->role != ROLE_ADMIN && u->role != ROLE_STAFF)) return 0;
    return citizen_can_view_petition(db, u, p);
}

int citizen_can_assign_to(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!u || u->role == ROLE_VIEWER) return 0;
    return in_scope(db, u, unit_id);
}

int citizen_can_configure(dv_db *db, const struct dv_user *u)
{
    if (!u || u->disabled || (u->role != ROLE_ADMIN && u->role != ROLE_STAFF)) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    /* the settings are the whole operator's: staff whose scope is a root of the tree (a
     * province) only; any staff account changed them before, a mass organisation's too */
    const struct unit_tree *t = unit_tree_get(db);
    if (!t) return DV_EDB;
    const struct unit *s = unit_tree_find(t, u->scope_unit_id);
    return s && !s->parent_id;
}

int citizen_can_view_unit_records(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!citizen_can_use_registry(u)) return 0;
    return in_scope(db, u, unit_id);
}

int citizen_can_edit_unit_records(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!citizen_can_use_desk(u) || u->role == ROLE_VIEWER) return 0;
    return in_scope(db, u, unit_id);
}
