/* doc_store.h - official document numbers (doc_counters, given when a report is issued),
 * signers, formal names, and the reads the document routes need that no other store offers.
 * A consolidated report's counts and sums are not here: they come from the dashboard's own
 * tallies (completeness_compute, pivot_compute in completeness.h). */
#ifndef DV_DOC_STORE_H
#define DV_DOC_STORE_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stddef.h>
#include <stdint.h>

struct doc_signer_row {
    const char *authority, *position, *signer_name;
};

/* Sets (or, with position empty, clears) who signs unit's documents for body, audited. */
int doc_store_signer_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id, const char *body,
                         const struct doc_signer_row *in);

/* The next number of (issuer, type, series), in its own transaction with an audit row. */
int doc_counter_next(dv_db *db, const struct dv_user *actor, const char *ip, int64_t issuer_unit_id,
                     const char *doc_type, const char *series, int64_t *number_out);

/* The same inside the caller's transaction (another area numbering its own documents in the
 * issuer's series, e.g. an inspection's decision): no audit row of its own, the caller's
 * records the number. */
int doc_counter_next_tx(dv_db *db, int64_t issuer_unit_id, const char *doc_type, const char *series,
                        int64_t *number_out);

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

/* When a report is issued, it is numbered (report_store.c calls this inside the transaction
 * that submits or approves it): if the regime numbers on that event (regimes.number_on) and
 * the report has no number yet, the next number of (its unit, doc_type, series) is kept on
 * it with the day (reports.doc_date, Vietnam date) and an audit row. The series follows the
 * layout the regime's issuer_body gives the unit (a Party term, else the year). A report
 * keeps its number when returned and sent again. */
enum doc_event { DOC_ON_SUBMIT, DOC_ON_APPROVE };
/* *given: the number given now, 0 when none was. With given NULL the number gets its own
 * audit row; else the caller records it in the audit row of the submission or approval. */
int doc_number_issue_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                        enum doc_event ev, int64_t *given);

/* Numbers the issued reports that have none (written without report_save, as the demo's
 * generator does), in the order they were issued, and gives the closed units whose name
 * carries the interface's suffix " (trước DD/MM/YYYY)" their formal name. One transaction. */
int doc_store_backfill(dv_db *db);

/* A report's number as issued: *number 0 when it has none; *date (arena) the day it was given. */
int doc_store_report_number(dv_db *db, dv_arena *a, int64_t report_id, int64_t *number, const char **date);

/* The unit as it wrote itself on date: its formal name (units.formal_name, else its name)
 * and type, and its parent's through the link valid on date (NULL when none). */
struct doc_unit_names {
    const char *name, *type;
    int64_t parent_id;
    const char *parent_name, *parent_type;
};
int doc_store_unit_names(dv_db *db, dv_arena *a, int64_t unit_id, const char *date, struct doc_unit_names *out);

/* Who signs the unit's documents for a body (doc_signers). DV_ENOTFOUND when not set. */
int doc_store_signer(dv_db *db, dv_arena *a, int64_t unit_id, const char *body, struct doc_signer_row *out);

#endif
