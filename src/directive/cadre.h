/* cadre.h - the cadre each unit assigns to mass-mobilization work (cán bộ phụ trách công
 * tác dân vận), with dated history: who, the assignment decision (number and date), from
 * and until (both inclusive; until NULL = still assigned). One cadre at a time per unit: a
 * new assignment ends the open one the day before it starts; any other overlap is refused.
 * Every write is one transaction with its audit row (entity "cadre"). */
#ifndef DV_DIRECTIVE_CADRE_H
#define DV_DIRECTIVE_CADRE_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define CADRE_TEXT_MAX 200
#define CADRE_NOTE_MAX 2000

struct cadre {
    int64_t id;
    int64_t unit_id;
    const char *unit_name;
    const char *full_name;
    const char *position;        /* NULL = not given */
    const char *phone;
    const char *decision_number; /* '125-QĐ/ĐU' */
    const char *decision_date;   /* ISO or NULL */
    const char *valid_from;      /* ISO */
    const char *valid_until;     /* ISO or NULL: still assigned */
    const char *note;
};

struct cadre_input {
    const char *full_name;       /* required */
    const char *position, *phone, *decision_number, *decision_date; /* NULL or "" = none */
    const char *valid_from;      /* ISO, required */
    const char *valid_until;     /* ISO or NULL */
    const char *note;
};

/* A unit's assignments, newest first. */
int cadre_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct cadre **out, size_t *n);
int cadre_get(dv_db *db, dv_arena *a, int64_t id, struct cadre *out); /* DV_ENOTFOUND */
/* The unit's cadre on date (ISO): 0 and *out filled, DV_ENOTFOUND when none. */
int cadre_on(dv_db *db, dv_arena *a, int64_t unit_id, const char *date, struct cadre *out);

/* DV_EINVAL bad input (until before from), DV_ECONFLICT another assignment covers some of
 * these days (an open one that began earlier is ended the day before instead:
 * *ended_id names it, 0 when none; ended_id may be NULL). */
int cadre_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id, const struct cadre_input *in,
              int64_t *id_out, int64_t *ended_id);
/* Corrects an assignment; DV_ECONFLICT when it would overlap another. */
int cadre_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const struct cadre_input *in);
/* Ends an assignment on until (its last day). DV_EINVAL before it began. */
int cadre_end(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *until);

/* Coverage of a subtree on a date: every unit of root's subtree existing on date (links
 * valid on date), with its cadre on that date (cadre.id 0 = none), in unit order. */
struct cadre_coverage_row {
    int64_t unit_id;
    const char *unit_name;
    const char *unit_type;
    struct cadre cadre;
};
int cadre_coverage(dv_db *db, dv_arena *a, int64_t root_id, const char *date, struct cadre_coverage_row **out,
                   size_t *n);

/* The pre-fill sources of cadres (report/prefill.h): "directive.cadres_assigned". */
void cadre_prefill_register(void);

#endif
