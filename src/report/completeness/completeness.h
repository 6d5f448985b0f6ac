/* completeness.h - completeness and timeliness of a regime's reports, live: computed from
 * the tables on every call (no batch job, no cache), for a set of periods and a subtree.
 *
 * DEFINITIONS (exactly as implemented in completeness.c; the dashboard page shows the same
 * text translated, in its "Definitions" section):
 *
 *  - Expected: unit U is expected for period P when it is in THE EXPECTED SET of
 *    report/expected.h: U is open on P's close_end and an assignment of the regime valid
 *    that day matches it. Its deadline is the period's deadline for U's level (unit type,
 *    else '*'). A report of a unit that is not expected for P (for instance one sent
 *    before a reassignment ended its assignment) counts nowhere: not in received, not in
 *    the rates.
 *  - The tree: a parent's numbers for P count the expected units under it (itself
 *    included) in the tree AS IT WAS on P's close_end (unit_links valid that day). A
 *    commune merged on 2025-07-01 keeps its past periods under the units it was in; the
 *    new commune is expected from the first period whose close_end falls on or after its
 *    opening day; before its merger day, the units merged into a root show as its children.
 *  - Sent: the unit's report for P has status submitted, approved or returned. A draft
 *    (never submitted) is not sent.
 *  - The status of each expected unit and period is exactly one of:
 *      on_time   sent, and its FIRST submission (first_submitted_at, converted to Vietnam
 *                time, UTC+7) falls on or before the deadline day; status not returned;
 *      late      sent, first submission after the deadline day; status not returned;
 *      returned  the report is currently returned for correction (and not resubmitted:
 *                a resubmission makes it submitted again, judged on its first submission);
 *      missing   not sent and the deadline day has passed (today, Vietnam date, is after it);
 *      not_due   not sent and the deadline day has not passed yet (today <= deadline).
 *    An expected unit whose period has no deadline is judged against close_end.
 *    Approved is a flag on a sent report (status approved), not a status of its own.
 *    The grace days of a regime only keep entry open; they do not move the deadline.
 *  - Counts (per unit subtree, per period, and totals): expected; received = on_time +
 *    late + returned (it was sent); on_time; late; missing; returned; not_due; approved.
 *    expected = on_time + late + returned + missing + not_due.
 *  - Rates: due = expected − not_due;
 *      received rate = received / due,  on-time rate = on_time / due,
 *    0 when due is 0. As received and on_time count only expected units that are not
 *    not_due, both are <= due: a rate never exceeds 100%.
 *
 * Pivot: the sum of one indicator (option_id 0 = the not-disaggregated value or the total)
 * over the reports of status submitted or approved (returned reports are being corrected
 * and drafts are unsent: both excluded), by unit and period; a parent's subtotal for P sums
 * the reports of the units strictly under it in the tree as of P's close_end, and its own
 * report's value is shown apart, so a consolidated report is never counted twice.
 *
 * Everything returned lives in the arena passed in. */
#ifndef DV_COMPLETENESS_H
#define DV_COMPLETENESS_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

enum compl_status {
    CS_NONE = 0,   /* not expected (or not in the subtree) for that period */
    CS_ON_TIME,
    CS_LATE,
    CS_RETURNED,
    CS_MISSING,
    CS_NOT_DUE,
};
const char *compl_status_code(enum compl_status s);  /* "on_time", … ; "" for CS_NONE */
const char *compl_status_label(enum compl_status s); /* translated, with its icon: "✓ On time" */

struct compl_counts {
    long expected, received, on_time, late, missing, returned, not_due, approved;
};
/* Percentages 0..100 (never above), 0 when expected − not_due is 0. */
double compl_received_rate(const struct compl_counts *c);
double compl_on_time_rate(const struct compl_counts *c);
void compl_counts_add(struct compl_counts *to, const struct compl_counts *c);

struct compl_period {
    int64_t id;
    const char *label;
    const char *close_start, *close_end;
};

/* One unit's own state in one period (status CS_NONE when it was not expected). */
struct compl_cell {
    enum compl_status status;
    int approved;
    int in_tree;                  /* the unit was in the subtree on close_end */
    const char *deadline;         /* ISO or NULL */
    const char *first_submitted_at; /* ISO UTC or NULL */
    int64_t report_id;            /* 0 = no report row */
    struct compl_counts sub;      /* the unit and everything under it, as of close_end */
};

struct compl_row {
    int64_t unit_id;
    const char *code, *name, *type;
    int is_root;                  /* the subtree's root itself: sub counts only its own report */
    int has_children;             /* has units under it in some chosen period: drill down */
    struct compl_cell *cells;     /* one per period */
    struct compl_counts total;    /* the sum of cells[].sub over the periods */
};

/* Per level (unit type) of the expected units in the subtree, per period. */
struct compl_level {
    const char *type;             /* units.type */
    struct compl_counts *counts;  /* per period */
    struct compl_counts total;
};

struct compl_result {
    const struct compl_period *periods;
    size_t nperiods;
    struct compl_row *rows;       /* root first (when it was ever expected), then its
                                     children of any chosen period, by name */
    size_t nrows;
    struct compl_counts *totals;  /* per period: the whole subtree */
    struct compl_counts grand;    /* all periods */
    struct compl_level *levels;   /* by type code */
    size_t nlevels;
};

/* Computes the matrix for root's subtree. periods: the chosen periods (of the regime),
 * in display order. today: Vietnam ISO date ("YYYY-MM-DD"), NULL = today. */
int completeness_compute(dv_db *db, dv_arena *a, int64_t regime_id, const struct compl_period *periods,
                         size_t nperiods, int64_t root_id, const char *today, struct compl_result *out);

/* ---- pivot ---- */
struct pivot_row {
    int64_t unit_id;
    const char *code, *name;
    int depth;                    /* 0 = root */
    int is_parent;                /* has units under it: values are subtotals */
    int is_own;                   /* the line of a parent's own report */
    double *values;               /* per period */
    int *has;                     /* per period: 1 when at least one value was summed */
    double total;
};
struct pivot_result {
    const struct compl_period *periods;
    size_t nperiods;
    struct pivot_row *rows;       /* tree order (depth-first, by name), parents before children */
    size_t nrows;
};
int pivot_compute(dv_db *db, dv_arena *a, int64_t indicator_id, int64_t option_id,
                  const struct compl_period *periods, size_t nperiods, int64_t root_id,
                  struct pivot_result *out);

/* ---- the province × year table (the national overview; bench/ measures it) ----
 * Rows: the units directly under root_id (root_id 0: the top-level units, i.e. the
 * provinces and central bodies with no parent), each with, per calendar year of the
 * periods (periods.year), the completeness counts of every expected unit under it as of
 * each period's close_end (same definitions as above, summed over the year's periods) and
 * the sums of every numeric indicator (option 0) over its reports submitted or approved.
 *
 * Performance (target: 34 provinces × 10 years of monthly periods, ~16M values, warm
 * <= 50 ms): each period's contribution (per row unit: counts and sums) is computed from the
 * tables (one expected set, one dated tree, one report list, one grouped value query) and
 * kept in a process-wide cache keyed by (database, regime, period, root, Vietnam date)
 * while settings.reporting_version and the period's compl_period_versions.v are unchanged.
 * Triggers (src/db/migrations/0007_completeness.sql) bump them in the same transaction as
 * every write the numbers depend on: a report write bumps its period's counter (only that
 * period is recomputed); periods, deadlines, assignments, regimes, indicators, units and
 * links bump the global one. A warm call costs two small reads and a fold of the cached
 * rows, and the result is never stale: no batch job. Each computed period is also written to
 * the store (compl_tallies, 0018) with the counters it was computed under, so the first call
 * after a restart reads the tallies instead of recomputing them (9.6 s → a few hundred ms on
 * the national set); a stored tally whose counters moved is recomputed like a cache miss. Values have no trigger: report_store.c
 * updates the reports row (version + 1) with every write of values; any other writer of
 * report_values must too.
 * THIS is the function for the bench's province × year table (root_id 0 = provinces). */
struct year_cell {
    struct compl_counts c;
    double *sums;                 /* per indicator of year_table.indicators */
};
struct year_row {
    int64_t unit_id;
    const char *code, *name;
    struct year_cell *years;      /* nyears */
};
struct year_table {
    int from_year;
    size_t nyears;
    struct compl_choice *indicators; /* numeric indicators by position */
    size_t nindicators;
    struct year_row *rows;        /* by name */
    size_t nrows;
};
int completeness_year_table(dv_db *db, dv_arena *a, int64_t regime_id, int64_t root_id, int from_year, int to_year,
                            const char *today, struct year_table *out);
/* Empties the in-memory per-period cache (what a restart leaves: the stored tallies only);
 * for shutdown and for bench/bench_reporting.c's "cold after a restart". */
void completeness_cache_drop(void);

/* ---- the store (completeness_store.c) ---- */
struct compl_node {
    int64_t id, parent_id;        /* parent on the date, 0 for the root */
    int depth;
    const char *code, *name, *type;
};
/* root and the units under it through links valid on date (every unit open that day; the root even when closed;
 * units merged into root after date as its depth-1 children, with their subtrees); order not guaranteed. */
int compl_store_tree_at(dv_db *db, dv_arena *a, int64_t root_id, const char *date,
                        struct compl_node **out, size_t *n);
struct compl_report {
    int64_t id, unit_id;
    const char *status;
    const char *first_submitted_at, *submitted_at;
};
int compl_store_reports(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id,
                        struct compl_report **out, size_t *n); /* by unit_id */
struct compl_value {
    int64_t unit_id;
    double num;
};
/* Values of one indicator/option in reports of the period with status submitted/approved. */
int compl_store_values(dv_db *db, dv_arena *a, int64_t period_id, int64_t indicator_id, int64_t option_id,
                       struct compl_value **out, size_t *n);
/* The regime's periods by close_end; and its indicators / options for pickers. */
int compl_store_periods(dv_db *db, dv_arena *a, int64_t regime_id, struct compl_period **out, size_t *n);
struct compl_choice {
    int64_t id;
    const char *code, *name;
    int64_t set_id;               /* indicators: category set, 0 = none; options: parent set */
};
int compl_store_indicators(dv_db *db, dv_arena *a, int64_t regime_id, struct compl_choice **out, size_t *n);
int compl_store_options(dv_db *db, dv_arena *a, int64_t set_id, struct compl_choice **out, size_t *n);
/* The units with no parent on date (open that day) and everything under them. */
int compl_store_forest_at(dv_db *db, dv_arena *a, const char *date, struct compl_node **out, size_t *n);
/* The option-0 values of the period's reports with status submitted or approved, one row
 * per report and indicator (callers add them up). */
struct compl_sum {
    int64_t unit_id, indicator_id;
    double total;
};
int compl_store_sums(dv_db *db, dv_arena *a, int64_t period_id, struct compl_sum **out, size_t *n);
struct compl_year_period {
    int64_t id;
    int year;
    const char *close_end;
    int64_t version;              /* compl_period_versions.v: bumped by each report write */
};
int compl_store_periods_years(dv_db *db, dv_arena *a, int64_t regime_id, int from_year, int to_year,
                              struct compl_year_period **out, size_t *n);
/* The stored per-period tallies of the year table (0018_compl_tallies.sql), for one regime and
 * root; the blob lives in a. */
struct compl_tally {
    int64_t period_id, version, pversion;
    const char *computed_on;
    int settled;
    const void *blob;
    size_t len;
};
int compl_store_tallies(dv_db *db, dv_arena *a, int64_t regime_id, int64_t root_id, struct compl_tally **out,
                        size_t *n);
/* Insert or replace one (inside the caller's transaction). */
int compl_store_tally_put(dv_db *db, int64_t regime_id, int64_t root_id, const struct compl_tally *t);
/* settings.reporting_version (0007_completeness.sql; 0 when absent). */
int compl_store_version(dv_db *db, int64_t *out);
/* Every regime by code; set_id carries its receiver unit. */
int compl_store_regimes(dv_db *db, dv_arena *a, struct compl_choice **out, size_t *n);

#endif
