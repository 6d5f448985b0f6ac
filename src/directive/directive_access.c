/* directive_access.c - the access questions of documents and tasks (directive_access.h). */
#include "directive/directive_access.h"

#include "org/access.h"
#include "org/unit.h"
#include "org/unit_tree.h"

#include "core/err.h"

#include <string.h>

static int writer_role(const struct dv_user *u)
{
    return u && !u->disabled && (u->role == ROLE_ADMIN || u->role == ROLE_STAFF || u->role == ROLE_OFFICER);
}

int directive_can_write(const struct dv_user *u)
{
    return writer_role(u);
}

int directive_can_use(const struct dv_user *u)
{
    if (!u || u->disabled) return 0;
    return u->role != ROLE_EDITOR && u->role != ROLE_CONTRIBUTOR;
}

int directive_can_read_unit(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!directive_can_use(u)) return 0;
    if (unit_id <= 0) return 1;
    return access_can_view_unit(db, u, unit_id);
}

/* Acts for unit_id: admin; staff whose scope contains it; the officer of that very unit. */
static int acts_for(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!writer_role(u) || unit_id <= 0) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role == ROLE_OFFICER) return u->unit_id == unit_id;
    return access_can_view_unit(db, u, unit_id);
}

int directive_can_edit_document(dv_db *db, const struct dv_user *u, int64_t issuer_unit_id)
{
    if (issuer_unit_id <= 0) return writer_role(u) && u->role != ROLE_OFFICER;
    return acts_for(db, u, issuer_unit_id);
}

int directive_can_assign(dv_db *db, const struct dv_user *u, int64_t assigner_unit_id)
{
    return acts_for(db, u, assigner_unit_id);
}

/* The territorial unit a body works for: the nearest province, commune, ward or special zone
 * at or above it today (the Ban Dân vận Tỉnh ủy assigns to the whole province's units). */
static int64_t territory_of(const struct unit_tree *t, int64_t unit_id)
{
    const struct unit *u = unit_tree_find(t, unit_id);
    for (int guard = 0; u && guard < 64; guard++) {
        if (!strcmp(u->type, "province") || !strcmp(u->type, "commune") || !strcmp(u->type, "ward") ||
            !strcmp(u->type, "special_zone") || !u->parent_id)
            return u->id;
        u = unit_tree_find(t, u->parent_id);
    }
    return unit_id;
}

int directive_can_assign_to(dv_db *db, int64_t assigner_unit_id, int64_t target_unit_id)
{
    if (assigner_unit_id <= 0 || target_unit_id <= 0 || assigner_unit_id == target_unit_id) return 0;
    const struct unit_tree *t = unit_tree_get(db);
    if (!t) return DV_EDB;
    int64_t root = territory_of(t, assigner_unit_id);
    int yes = 0;
    int rc = unit_in_subtree(db, root, target_unit_id, &yes);
    if (rc < 0) return rc;
    return yes;
}

int directive_can_work_task(dv_db *db, const struct dv_user *u, int64_t lead_unit_id)
{
    return acts_for(db, u, lead_unit_id);
}

int directive_can_decide_task(dv_db *db, const struct dv_user *u, int64_t assigner_unit_id)
{
    return acts_for(db, u, assigner_unit_id);
}

int directive_can_configure(dv_db *db, const struct dv_user *u)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role != ROLE_STAFF || u->scope_unit_id <= 0) return 0;
    /* the setting holds for the whole store: the staff of a top unit own it */
    const struct unit_tree *t = unit_tree_get(db);
    const struct unit *top = t ? unit_tree_find(t, u->scope_unit_id) : NULL;
    return top && !top->parent_id;
}
