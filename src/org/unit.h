/* unit.h - org units of the political system: a tree of any depth with dated validity.
 *
 * Validity is half-open: a unit (and a parent link) exists on day D when
 * valid_from <= D < valid_to (valid_to NULL = still open). A merger closes the old units
 * and their links on the merger day and opens new ones, so history is never rewritten. */
#ifndef DV_UNIT_H
#define DV_UNIT_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct unit {
    int64_t id;
    const char *code;        /* official code */
    const char *name;
    const char *short_name;  /* may be NULL */
    const char *type;        /* a code of unit_types[] */
    const char *valid_from;  /* ISO date */
    const char *valid_to;    /* ISO date or NULL */
    const char *note;
    int64_t parent_id;       /* today's parent, 0 for a root */
    int depth;               /* in listings of a subtree: 0 for the root */
    int64_t child_count;     /* open children today (filled by listings that say so) */
};

struct unit_type {
    const char *code;        /* stored in units.type */
    const char *label;       /* English msgid, N_() */
};
extern const struct unit_type unit_types[];
extern const size_t unit_type_count;
const char *unit_type_label(const char *code); /* translated */

/* The order of every list of units (unit_types.c): bodies before territorial units
 * (unit_type_group 0, 1), then by Vietnamese collation of the name (text_collate), then
 * by id. unit_order writes into order[n] the permutation of n items read through the
 * accessors (type_of may be NULL: one group); unit_sort sorts units in place. */
int unit_type_group(const char *code);
void unit_order(size_t *order, size_t n, const char *(*type_of)(const void *items, size_t i),
                   const char *(*name_of)(const void *items, size_t i), int64_t (*id_of)(const void *items, size_t i),
                   const void *items);
void unit_sort(struct unit *units, size_t n);

/* Today's date as ISO "YYYY-MM-DD" (UTC+7, Vietnam's time), into out[11]. */
void unit_today(char out[11]);

int unit_store_get(dv_db *db, dv_arena *a, int64_t id, struct unit *out);  /* DV_ENOTFOUND */
/* Open children of a unit today, by name. */
int unit_store_children(dv_db *db, dv_arena *a, int64_t parent_id, struct unit **out, size_t *n);
/* Chain of today's ancestors, root first, excluding the unit itself. */
int unit_store_ancestors(dv_db *db, dv_arena *a, int64_t id, struct unit **out, size_t *n);
/* The whole open subtree under root (root included, depth-first, by name) — for pickers. */
int unit_store_subtree(dv_db *db, dv_arena *a, int64_t root_id, struct unit **out, size_t *n);
/* Is unit_id inside root_id's subtree today (root itself included)? *yes = 0/1. */
int unit_in_subtree(dv_db *db, int64_t root_id, int64_t unit_id, int *yes);
/* Units whose folded name contains the folded query, within root's subtree (0: all), at
 * most limit; shorter names first. Searching all, the units of home_id's subtree (the
 * searcher's own province) come first. */
int unit_store_search(dv_db *db, dv_arena *a, int64_t root_id, int64_t home_id, const char *query,
                      size_t limit, struct unit **out, size_t *n);
/* Roots: units with no open parent today. */
int unit_store_roots(dv_db *db, dv_arena *a, struct unit **out, size_t *n);

/* Open children of a unit on a given ISO date (unit_store_children is this for today). */
int unit_store_children_at(dv_db *db, dv_arena *a, int64_t parent_id, const char *date,
                           struct unit **out, size_t *n);
/* Does a unit with this official code exist and is it open today? *id_out = its id or 0. */
int unit_store_find_open_code(dv_db *db, const char *code, int64_t *id_out);

/* The codes of unit_types[], NULL-terminated (a input_field choices list). */
extern const char *const unit_type_codes[];

/* Writes: each in one transaction, with its audit row. actor NULL = the command line. */
struct dv_user;
struct unit_input {
    const char *code;
    const char *name;        /* cleaned (NFC) by the store */
    const char *short_name;  /* NULL or "" = none */
    const char *type;
    const char *valid_from;  /* ISO date */
    const char *note;        /* NULL or "" = none */
    int64_t parent_id;       /* unit_create only: 0 = a root */
};
/* DV_EINVAL bad input, DV_ENOTFOUND no such parent, DV_ECONFLICT the code is taken. */
int unit_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct unit_input *in,
                int64_t *id_out);
/* Changes code, name, short name, type, valid_from, note (not the parent). */
int unit_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                const struct unit_input *in);
/* Closes the unit and its open parent link on on_date (ISO; the first day it no longer
 * exists). DV_ECONFLICT while it has open children or is closed already; DV_EINVAL when
 * on_date is not after valid_from. */
int unit_close(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *on_date);
/* Records that predecessor's work continues in successor from on_date (a merger or split). */
int unit_succession_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t predecessor_id,
                        int64_t successor_id, const char *on_date);

/* The national table import (org.h's units_import_tsv), with its counts. */
struct unit_import_counts {
    long created, updated, unchanged;
};
int unit_import_tsv(dv_db *db, const char *path, int progress, struct unit_import_counts *counts,
                    char *err, size_t errlen);

#endif
