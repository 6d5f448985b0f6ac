/* prefill.h - values of report indicators computed from records another area keeps (each
 * fact entered once): an area registers its sources at start-up; the regime editor stores
 * a source's key on an indicator (indicators.prefill_source); the report form shows the
 * computed value pre-filled with its derivation, and the officer may correct it with a
 * note that the reviewer sees (report_prefill rows, 0027_prefill.sql). */
#ifndef DV_REPORT_PREFILL_H
#define DV_REPORT_PREFILL_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* A value for a report indicator computed from records another area keeps. */
struct prefill_source {
    const char *key;    /* "directive.cadres_assigned": stored on the indicator (indicators.prefill_source) */
    const char *label;  /* N_("Units with an assigned mass-mobilization cadre") */
    /* The value for unit_id's own report over the period [from, to] (ISO dates, inclusive),
     * and a short translated derivation ("3 sessions: 12/03/2026 …") shown beside it. 0/DV_E* */
    int (*compute)(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to,
                   double *value, const char **derivation);
};

#define PREFILL_MAX 64 /* sources registered in all */

/* At start-up, from an area's *_routes_register (before the server serves): the table
 * must stay valid for the process's life. A key registered twice keeps its first entry. */
void report_prefill_add(const struct prefill_source *src, size_t n);

/* The source with this key, or NULL (an indicator may name a source no longer built in). */
const struct prefill_source *report_prefill_find(const char *key);
/* The registered sources, in registration order. */
size_t report_prefill_count(void);
const struct prefill_source *report_prefill_at(size_t i);
/* Every key, NULL-terminated: the choices of the regime editor's "source" field
 * (http/input.h IN_CHOICE). Filled by report_prefill_add. */
extern const char *report_prefill_keys[PREFILL_MAX + 1];

/* The value of `key` for unit_id over [from, to]: DV_ENOTFOUND for an unknown key, else
 * what the source's compute returns (a derivation is always set on success). */
int report_prefill_compute(dv_db *db, dv_arena *a, const char *key, int64_t unit_id, const char *from,
                           const char *to, double *value, const char **derivation);

/* ---- what a report keeps of a pre-filled value (report_prefill) ---- */

/* One indicator of a report that had a source: the value computed when the report was
 * saved, its derivation, and the officer's note when the value saved differs from it. */
struct report_prefill_row {
    int64_t indicator_id;
    double computed;
    const char *derivation;
    const char *note;       /* NULL or "": the value was accepted as computed */
};

/* The rows of one report, in no order. */
int report_prefill_rows(dv_db *db, dv_arena *a, int64_t report_id, struct report_prefill_row **out, size_t *n);
/* The row for indicator_id among rows, or NULL. */
const struct report_prefill_row *report_prefill_row_find(const struct report_prefill_row *rows, size_t n,
                                                         int64_t indicator_id);

#endif
