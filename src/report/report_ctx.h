/* report_ctx.h - what the pages of one unit's report for one period start from: the regime
 * definition, the period, the unit, the report row, its lock state and what the signed-in
 * user may do, read from one snapshot of the store (entry_pages.c, document_routes.c). */
#ifndef DV_REPORT_CTX_H
#define DV_REPORT_CTX_H

#include "http/http.h"
#include "org/unit.h"
#include "report/period.h"
#include "report/regime/regime.h"
#include "report/report.h"

struct report_ctx {
    int64_t regime_id, period_id, unit_id;
    struct report_def def;
    struct regime regime;      /* only with REPORT_CTX_REGIME */
    struct report_period per;
    struct unit unit;
    struct report rep;         /* rep.id 0 when there is no row */
    struct report_lock lock;
    int can_act, can_review;
    int64_t assign_version;    /* reporting_version the unit was found assigned at (report_assigned.h) */
};

enum {
    REPORT_CTX_ACT = 1 << 0,    /* the user must be able to act (enter), not only view or review */
    REPORT_CTX_REGIME = 1 << 1, /* also load the regime's own row (documents: type, receiver) */
    REPORT_CTX_NO_STATE = 1 << 2, /* leave rep and lock empty: a save checks both again in its
                                   * own transaction; report_ctx_load_state reads them if a page
                                   * is shown after all */
    REPORT_CTX_CONSOLIDATES = 1 << 3, /* the unit must be assigned to the period, or be the
                                       * parent of one that is (a consolidated report) */
};

/* Loads and checks access, and that the unit is assigned to report for the period (else
 * 404, as for a unit or period that does not exist); on failure the error page (404, 403, 500) is rendered and -1
 * returned. One read transaction: cheaper than one per query, and consistent. */
int report_ctx_load(dv_req *r, dv_db *db, int64_t regime_id, int64_t period_id, int64_t unit_id, unsigned flags,
                    struct report_ctx *c);
/* The report row and lock state of a context loaded with REPORT_CTX_NO_STATE, in a read
 * transaction of their own: 0 or DV_EDB. */
int report_ctx_load_state(dv_db *db, dv_arena *a, struct report_ctx *c);
/* The same for the :regime/:period/:unit of the route. */
int report_ctx_from_params(dv_req *r, dv_db *db, unsigned flags, struct report_ctx *c);
/* What a save of the route's report needs, from memory alone, without a read of the store:
 * the regime's definition as the definition cache holds it (possibly older than the
 * store's: the save checks def.version where it writes), and can_act from the unit tree
 * for an open unit, and the unit's assignment to the period from the copy report_assigned
 * holds (the writer checks its version). per, unit, rep and lock stay empty, and the period
 * is not checked (the save does). 0, or -1 with nothing rendered when something is not in memory. */
int report_ctx_cached(dv_req *r, dv_db *db, struct report_ctx *c);

#endif
