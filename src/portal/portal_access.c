/* portal_access.c - the portal's permission rules (portal_access.h). */
#include "portal/portal_access.h"

static int active(const struct dv_user *u)
{
    return u && !u->disabled;
}

int portal_can_publish(const struct dv_user *u)
{
    return active(u) && (u->role == ROLE_EDITOR || u->role == ROLE_ADMIN);
}

int portal_can_use_desk(const struct dv_user *u)
{
    return portal_can_publish(u) || (active(u) && u->role == ROLE_CONTRIBUTOR);
}

int portal_can_create(const struct dv_user *u)
{
    return portal_can_use_desk(u);
}

int portal_can_manage_categories(const struct dv_user *u)
{
    return portal_can_publish(u);
}

static int owns(const struct dv_user *u, const struct article *a)
{
    return a && a->created_by == u->id;
}

int portal_can_edit(const struct dv_user *u, const struct article *a)
{
    if (!a) return 0;
    if (portal_can_publish(u)) return 1;
    return portal_can_use_desk(u) && owns(u, a) && a->status == ART_DRAFT;
}

int portal_can_submit(const struct dv_user *u, const struct article *a)
{
    return a && a->status == ART_DRAFT && portal_can_edit(u, a);
}

int portal_can_view(const struct dv_user *u, const struct article *a)
{
    if (!a) return 0;
    if (portal_can_publish(u)) return 1;
    return portal_can_use_desk(u) && owns(u, a);
}
