/* report_store_internal.h - what the report store files share among themselves (not for
 * handlers). */
#ifndef DV_REPORT_STORE_INTERNAL_H
#define DV_REPORT_STORE_INTERNAL_H

#include "db/db.h"

#include <stdint.h>

/* The unit's deadline in the period, the day entry locks (deadline + grace_days + 1), the
 * lock exception's last day ("" each when none) and whether entry is locked on today (NULL:
 * today in Vietnam). 0 or DV_EDB. */
int report_lock_compute(dv_db *db, int64_t period_id, int64_t unit_id, int grace_days, const char *today,
                        char deadline[11], char lock_from[11], char exc[11], int *locked);

struct report_prefill_row;
/* Replaces report_id's report_prefill rows by rows[0..n) inside the save's transaction
 * (is_new: there are none to delete). prefill_store.c. */
int report_prefill_write(dv_db *db, int64_t report_id, int is_new, const struct report_prefill_row *rows, size_t n);

#endif
