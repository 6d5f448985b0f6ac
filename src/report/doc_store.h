/* doc_store.h - official document numbers (doc_counters) and the reads the document and
 * consolidated-report routes need that no other store offers. */
#ifndef DV_DOC_STORE_H
#define DV_DOC_STORE_H

#include "core/arena.h"
#include "db/db.h"
#include "org/user.h"

#include <stddef.h>
#include <stdint.h>

/* The next number of (issuer, type, series), in its own transaction with an audit row. */
int doc_counter_next(dv_db *db, const struct dv_user *actor, const char *ip, int64_t issuer_unit_id,
                     const char *doc_type, const char *series, int64_t *number_out);

/* The report's number: the one kept on it (reports.doc_number/doc_series), or a new one
 * from doc_counters for (its unit, doc_type, series), allocated and kept on the report in
 * one transaction (so a report is numbered once, whoever asks first). *series_out (arena)
 * is the series the number belongs to. DV_ENOTFOUND: no such report. */
int doc_number_for_report(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                          const char *doc_type, const char *series, int64_t *number_out, const char **series_out);

/* The same inside the caller's transaction (e.g. at submission, in report_save's), so the
 * number can be given in the very transaction that sends the report. */
int doc_number_assign_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                         const char *doc_type, const char *series, int64_t *number_out, const char **series_out);

/* Sums of the children's values for a consolidated report. */
struct doc_sum {
    int64_t indicator_id;
    int64_t option_id;
    double sum;
    int64_t count;        /* reports that gave a value */
};
/* Sums over the reports of units[] for (regime, period) whose status is submitted or
 * approved; *received = those reports. */
int doc_store_sums(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id, const int64_t *units,
                   size_t nunits, struct doc_sum **out, size_t *n, int64_t *received);

#endif
