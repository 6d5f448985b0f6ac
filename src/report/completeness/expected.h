/* expected.h - THE EXPECTED SET: which units must report for a period. Every rate of
 * completeness and timeliness is built on it.
 *
 * Unit U is expected to report for period P of regime R iff, with D = P.close_end:
 *  (a) U is open on D: U.valid_from <= D and (U.valid_to IS NULL or D < U.valid_to);
 *  (b) an assignment A of R is valid on D (A.valid_from <= D < A.valid_to or open) and
 *      matches U on D:
 *        kind 'unit'    : U = A.unit_id;
 *        kind 'subtree' : U = A.unit_id or U is under A.unit_id through unit_links valid on D
 *                         (every unit on the path open on D);
 *        kind 'type'    : U.type = A.unit_type and U is under A.unit_id (when set; else under
 *                         R.receiver_unit_id) through links valid on D (that root excluded).
 *  Regime active dates do not restrict the set (periods are generated for the years asked).
 * Each expected unit carries its deadline (period_deadlines for level = U.type, else '*';
 * "" when the period has neither) and its parent on D (0 for a root on D), so results roll
 * up the tree as it was then: a commune merged on 2025-07-01 keeps its past reports under
 * the units it was in, and the new commune is expected from the first period whose
 * close_end >= its opening day.
 * Computed with SQL over the dated links (one recursive query per period), never from the
 * in-memory unit_tree (today's tree only). */
#ifndef DV_EXPECTED_H
#define DV_EXPECTED_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct expected_unit {
    int64_t unit_id;
    const char *code;
    const char *name;
    const char *type;
    int64_t parent_id;     /* parent on close_end, 0 = none */
    char deadline[11];     /* ISO, "" when no deadline row applies */
};

/* The expected units of a period, ordered by unit_id ascending (bsearch-able), each once.
 * DV_ENOTFOUND when the period does not exist. */
int expected_units(dv_db *db, dv_arena *a, int64_t period_id, struct expected_unit **out, size_t *n);
/* Is unit_id expected for period_id? 1 (deadline_out filled, may be "") / 0 / negative DV_E*.
 * deadline_out may be NULL. */
int expected_is(dv_db *db, int64_t period_id, int64_t unit_id, char deadline_out[11]);
/* Just the count (for overview pages). */
int expected_count(dv_db *db, int64_t period_id, size_t *n);
/* bsearch helper over expected_units' output: the entry or NULL. */
const struct expected_unit *expected_find(const struct expected_unit *v, size_t n, int64_t unit_id);

#endif
