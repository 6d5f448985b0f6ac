/* report_assigned.h - is a unit assigned to report for a period of a regime? The expected
 * set of the period (expected.h: the regime's dated assignments matched against the units
 * as they were on the period's close_end), kept in memory per period while
 * settings.reporting_version stays the same (it moves with every change of assignments,
 * periods, deadlines, units and links: 0007_completeness.sql). Every route of one unit's
 * report answers 404 for a unit that is not (report_ctx.c), and the fast submission path
 * decides it from memory alone, the group-commit writer checking the version
 * (report_commit.c). */
#ifndef DV_REPORT_ASSIGNED_H
#define DV_REPORT_ASSIGNED_H

#include "db/db.h"

#include <stdint.h>

/* Inside a read transaction: 1 assigned, 0 not (or no such period), <0 DV_E*. *version
 * (may be NULL) is the reporting_version the answer holds for. */
int report_assigned(dv_db *db, int64_t period_id, int64_t unit_id, int64_t *version);

/* From memory alone, whatever version is held: 1 / 0 as above with *version, DV_ENOTFOUND
 * when no copy of the period's set is held. A caller acting on it checks the version where
 * it writes (report_save_input.assign_version). */
int report_assigned_cached(const char *store, int64_t period_id, int64_t unit_id, int64_t *version);

#endif
