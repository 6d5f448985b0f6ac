/* unit_internal.h - unit store operations that run inside a caller's transaction: for the
 * national table import and the demo loader only (not for handlers). */
#ifndef DV_UNIT_INTERNAL_H
#define DV_UNIT_INTERNAL_H

#include "org/unit.h"

#include <stddef.h>
#include <stdint.h>

/* unit_create without its own transaction; audit 0 = no audit row (the caller writes one). */
int unit_create_in_tx(dv_db *db, const struct dv_user *actor, const char *ip,
                      const struct unit_input *in, int audit, int64_t *id_out);
/* The unit with this code and valid_from: *id (0 if none) and its name. */
int unit_store_lookup(dv_db *db, const char *code, const char *valid_from, int64_t *id,
                      char *name, size_t name_cap);
/* Rename (name and name_fold) with an audit row. */
int unit_store_rename_tx(dv_db *db, const struct dv_user *actor, int64_t id, const char *old_name,
                         const char *new_name);
/* Link child under parent from valid_from unless child already has an open parent link. */
int unit_store_ensure_link(dv_db *db, int64_t child, int64_t parent, const char *valid_from, int *added);
/* unit_close and unit_succession_add without their own transaction (actor: the command
 * line); the caller commits with unit_tree_commit(). */
int unit_close_in_tx(dv_db *db, int64_t id, const char *on_date);
int unit_succession_add_in_tx(dv_db *db, int64_t predecessor_id, int64_t successor_id, const char *on_date);

/* For the unit tree (unit_tree.c): the units open on day with their parent on that day
 * (an xmalloc'd array the caller frees, also after an error; strings in a), and the bump
 * of settings.units_version inside the caller's write transaction. */
int unit_store_open_units(dv_db *db, dv_arena *a, const char *day, struct unit **out, size_t *n);
int unit_store_bump_version(dv_db *db);

#endif
