/* report_commit.h - between report_store.c (one save's SQL) and report_commit.c (the group
 * commit that runs saves in batches on a writer thread). */
#ifndef DV_REPORT_COMMIT_H
#define DV_REPORT_COMMIT_H

#include "report/report.h"

/* A save inside a write transaction the caller owns (no BEGIN/COMMIT), in two steps.
 * report_save_check reads only: 0, or the refusal (DV_ESTALE, DV_ENOTFOUND, DV_EDENIED, DV_ECONFLICT)
 * or DV_EDB, with nothing written. report_save_write then writes: 0 or the error; with
 * *halfway set, the transaction holds part of the save and the caller must roll it back
 * (else nothing was written: DV_ECONFLICT when another save created the row first). */
struct report_save_plan {
    int64_t report_id;          /* the stored row; 0 when the save creates it */
    enum report_status status;  /* its status; REPORT_NONE when the save creates it */
    char deadline[11];          /* the unit's deadline, "" when the period has none */
};
int report_save_check(dv_db *db, const struct report_save_input *in, struct report_save_plan *plan);
int report_save_write(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                      const struct report_save_plan *plan, struct report_save_result *out, int *halfway);

#endif
