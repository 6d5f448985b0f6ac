/* report_commit.h - between report_store.c (one save's SQL) and report_commit.c (the group
 * commit that runs saves in batches on a writer thread). */
#ifndef DV_REPORT_COMMIT_H
#define DV_REPORT_COMMIT_H

#include "report/report.h"

/* One save inside a write transaction the caller owns (no BEGIN/COMMIT): 0 or the error,
 * after which the caller rolls back to its savepoint. */
int report_save_one(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                    struct report_save_result *out);

#endif
