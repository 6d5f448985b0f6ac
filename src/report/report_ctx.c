/* report_ctx.c - the context of one unit's report for one period (report_ctx.h). */
#include "report/report_ctx.h"

#include "http/input.h"

#include "core/err.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "report/completeness/expected.h"
#include "report/report_access.h"
#include "report/report_assigned.h"

#include <string.h>

/* The report row (rep.id 0 when there is none) and the lock state. */
static int read_state(dv_db *db, dv_arena *a, struct report_ctx *c)
{
    int rc = report_store_find(db, a, c->regime_id, c->period_id, c->unit_id, &c->rep);
    if (rc == DV_ENOTFOUND) {
        memset(&c->rep, 0, sizeof c->rep);
        rc = 0;
    }
    if (!rc) rc = report_lock_state(db, a, c->period_id, c->unit_id, c->def.grace_days, NULL, &c->lock);
    return rc;
}

/* Is the unit assigned to the period, or the parent (on close_end) of a unit that is? */
static int consolidates(dv_db *db, dv_arena *a, int64_t period_id, int64_t unit_id, int64_t receiver_id)
{
    if (unit_id == receiver_id) return 1; /* the receiver consolidates every report it gets */
    struct expected_unit *exp = NULL;
    size_t n = 0;
    int rc = expected_units(db, a, period_id, &exp, &n);
    if (rc) return rc == DV_ENOTFOUND ? 0 : rc;
    if (expected_find(exp, n, unit_id)) return 1;
    /* a unit consolidates its whole subtree: it must hold at least one unit due to report */
    for (size_t i = 0; i < n; i++) {
        if (exp[i].parent_id == unit_id) return 1;
        int yes = 0;
        if ((rc = unit_in_subtree(db, unit_id, exp[i].unit_id, &yes)) != 0) return rc;
        if (yes) return 1;
    }
    return 0;
}

static int ctx_read(dv_req *r, dv_db *db, unsigned flags, struct report_ctx *c)
{
    int rc = report_def_load(db, r->arena, c->regime_id, &c->def);
    if (!rc && (flags & REPORT_CTX_REGIME)) rc = regime_store_get(db, r->arena, c->regime_id, &c->regime);
    if (!rc) rc = report_period_get(db, r->arena, c->period_id, &c->per);
    if (!rc && c->per.regime_id != c->regime_id) rc = DV_ENOTFOUND;
    if (!rc) {
        /* a unit outside the regime's assignments for the period has no report there */
        int yes = (flags & REPORT_CTX_CONSOLIDATES) ? consolidates(db, r->arena, c->period_id, c->unit_id, c->def.receiver_unit_id)
                                                    : report_assigned(db, c->period_id, c->unit_id, &c->assign_version);
        rc = yes < 0 ? yes : yes ? 0 : DV_ENOTFOUND;
    }
    if (!rc) rc = unit_store_get(db, r->arena, c->unit_id, &c->unit);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    int ok = report_access_check(db, r->user, c->unit_id, c->def.receiver_unit_id, (flags & REPORT_CTX_ACT) != 0,
                                 &c->can_act, &c->can_review);
    if (ok <= 0) {
        res_error(r, ok < 0 ? 500 : 403);
        return -1;
    }
    if (flags & REPORT_CTX_NO_STATE) return 0;
    if (read_state(db, r->arena, c)) {
        res_error(r, 500);
        return -1;
    }
    return 0;
}

int report_ctx_load_state(dv_db *db, dv_arena *a, struct report_ctx *c)
{
    if (db_begin_read(db)) return DV_EDB;
    int rc = read_state(db, a, c);
    db_end_read(db);
    return rc;
}

int report_ctx_load(dv_req *r, dv_db *db, int64_t regime_id, int64_t period_id, int64_t unit_id, unsigned flags,
                    struct report_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->regime_id = regime_id;
    c->period_id = period_id;
    c->unit_id = unit_id;
    if (!regime_id || !period_id || !unit_id) {
        res_error(r, 404);
        return -1;
    }
    if (db_begin_read(db)) {
        res_error(r, 500);
        return -1;
    }
    int rc = ctx_read(r, db, flags, c);
    db_end_read(db);
    return rc;
}

int report_ctx_cached(dv_req *r, dv_db *db, struct report_ctx *c)
{
    memset(c, 0, sizeof *c);
    /* the fast path answers nothing: ids that are not ids fall to the read path (404) */
    c->regime_id = req_param_id(r, "regime");
    c->period_id = req_param_id(r, "period");
    c->unit_id = req_param_id(r, "unit");
    if (!c->regime_id || !c->period_id || !c->unit_id) return -1;
    if (!unit_tree_find(unit_tree_get(db), c->unit_id)) return -1;
    if (report_def_cached(db_filename(db), r->arena, c->regime_id, &c->def)) return -1;
    /* not assigned, or not known from memory: the read path decides (and answers 404) */
    if (report_assigned_cached(db_filename(db), c->period_id, c->unit_id, &c->assign_version) != 1) return -1;
    int act = report_access_act_for(db, r->user, c->unit_id);
    if (act < 0) return -1;
    c->can_act = act;
    return 0;
}

int report_ctx_from_params(dv_req *r, dv_db *db, unsigned flags, struct report_ctx *c)
{
    int64_t regime = input_path_id(r, "regime"), period = regime ? input_path_id(r, "period") : 0;
    int64_t unit = period ? input_path_id(r, "unit") : 0;
    if (!unit) return -1; /* 404 answered */
    return report_ctx_load(r, db, regime, period, unit, flags, c);
}
