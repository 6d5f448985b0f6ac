/* report_access.c - the reporting area's access rules: acting for a unit (entering its
 * report) and reviewing for a receiving unit. See report_access.h. */
#include "report/report_access.h"

#include "org/unit.h"

int report_access_act_for(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role == ROLE_OFFICER) return u->unit_id == unit_id;
    if (u->role == ROLE_STAFF) {
        int yes = 0;
        if (unit_in_subtree(db, u->scope_unit_id, unit_id, &yes) != 0) return -1;
        return yes;
    }
    return 0;
}

int report_access_reviews(dv_db *db, const struct dv_user *u, int64_t receiver_id)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role != ROLE_STAFF) return 0;
    int yes = 0;
    if (unit_in_subtree(db, u->scope_unit_id, receiver_id, &yes) != 0) return -1;
    return yes;
}

int report_access_check(dv_db *db, const struct dv_user *u, int64_t unit_id, int64_t receiver_id, int need_act,
                        int *can_act, int *can_review)
{
    int a = report_access_act_for(db, u, unit_id);
    int v = need_act ? 0 : report_access_reviews(db, u, receiver_id);
    *can_act = a > 0;
    *can_review = v > 0;
    if (a < 0 || v < 0) return a < 0 ? a : v;
    return a || v;
}

static int has_role(const struct dv_user *u, unsigned roles)
{
    return u && !u->disabled && (roles & (1u << u->role));
}

int report_can_enter_reports(const struct dv_user *u)
{
    return has_role(u, 1u << ROLE_ADMIN | 1u << ROLE_STAFF | 1u << ROLE_OFFICER);
}

int report_can_view_dashboards(const struct dv_user *u)
{
    return has_role(u, 1u << ROLE_ADMIN | 1u << ROLE_STAFF | 1u << ROLE_VIEWER);
}

int report_can_manage_regimes(const struct dv_user *u)
{
    return has_role(u, 1u << ROLE_ADMIN | 1u << ROLE_STAFF);
}

int report_can_review_reports(const struct dv_user *u)
{
    return has_role(u, 1u << ROLE_ADMIN | 1u << ROLE_STAFF);
}

int report_can_manage_regime(dv_db *db, const struct dv_user *u, int64_t receiver_id)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role != ROLE_STAFF || !u->scope_unit_id) return 0;
    int yes = 0;
    if (unit_in_subtree(db, u->scope_unit_id, receiver_id, &yes) != 0) return 0;
    return yes;
}

int report_can_manage_category_set(dv_db *db, const struct dv_user *u, int64_t scope_unit_id)
{
    if (!u || u->disabled) return 0;
    if (u->role == ROLE_ADMIN) return 1;
    if (u->role != ROLE_STAFF) return 0; /* only the commission's staff set up reporting */
    if (!u->scope_unit_id || !scope_unit_id) return 0;
    int yes = 0;
    return unit_in_subtree(db, u->scope_unit_id, scope_unit_id, &yes) == 0 && yes;
}

int report_enters_own_unit_only(const struct dv_user *u)
{
    return u && u->role == ROLE_OFFICER;
}
