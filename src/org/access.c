/* access.c - the access rules, checked on the server for every request:
 *   admin   everything;
 *   staff   units in the subtree of their scope; accounts placed there with the roles
 *           officer, editor or viewer (never admin or staff);
 *   officer their own unit and what lies under it;
 *   editor, viewer  read the subtree of their scope;
 *   inspector  reads the subtree of their scope (tasks, documents, sessions), changes nothing. */
#include "org/access.h"

#include "org/unit.h"

static int in_subtree(dv_db *db, int64_t root, int64_t unit_id)
{
    if (root <= 0 || unit_id <= 0) return 0;
    if (root == unit_id) return 1;
    int yes = 0;
    int rc = unit_in_subtree(db, root, unit_id, &yes);
    if (rc < 0) return rc;
    return yes ? 1 : 0;
}

int access_can_view_unit(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!u || u->disabled) return 0;
    switch (u->role) {
    case ROLE_ADMIN: return 1;
    case ROLE_OFFICER: return in_subtree(db, u->unit_id, unit_id);
    case ROLE_STAFF:
    case ROLE_EDITOR:
    case ROLE_CONTRIBUTOR:
    case ROLE_VIEWER:
    case ROLE_INSPECTOR: return in_subtree(db, u->scope_unit_id, unit_id);
    }
    return 0;
}

int access_sees_every_unit(const struct dv_user *u)
{
    return u && u->role == ROLE_ADMIN;
}

int access_can_edit_units(const struct dv_user *u)
{
    return u && !u->disabled && u->role == ROLE_ADMIN;
}

int access_can_manage_account(dv_db *db, const struct dv_user *u, int64_t target_unit_id,
                              enum dv_role target_role)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role != ROLE_STAFF) return 0;
    if (!access_can_assign_role(u, target_role)) return 0;
    return in_subtree(db, u->scope_unit_id, target_unit_id);
}

int access_can_read_audit(const struct dv_user *u)
{
    return u && !u->disabled && u->role == ROLE_ADMIN;
}

int access_can_list_units(const struct dv_user *u)
{
    return u && !u->disabled;
}

int access_can_manage_accounts(const struct dv_user *u)
{
    return u && !u->disabled && (u->role == ROLE_ADMIN || u->role == ROLE_STAFF);
}

int access_can_manage_tokens(const struct dv_user *u)
{
    return u && u->id > 0 && (u->role == ROLE_ADMIN || u->role == ROLE_STAFF); /* a person, not a token */
}

int access_can_revoke_token(dv_db *db, const struct dv_user *u, int64_t unit_id, enum dv_role role)
{
    if (!access_can_manage_tokens(u)) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    return access_can_manage_account(db, u, unit_id, role);
}

int64_t access_scope_root(const struct dv_user *u)
{
    return !u || access_sees_every_unit(u) ? 0 : u->scope_unit_id;
}

int access_can_assign_role(const struct dv_user *u, enum dv_role role)
{
    if (!u) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    return role == ROLE_OFFICER || role == ROLE_EDITOR || role == ROLE_CONTRIBUTOR || role == ROLE_VIEWER;
}
