/* unit_tree.h - today's open unit tree, held in memory for the hot read paths.
 *
 * Every page checks access by walking a unit's ancestors and most pages list children;
 * against SQLite that was a recursive query per check. The tree is small (a province has
 * about a hundred units, the nation a few thousand) and changes rarely, so one immutable
 * snapshot serves every thread. It is rebuilt when the day changes, when a unit write in
 * this process commits (unit_tree_commit), or, checked at most once a second, when the
 * units_version counter in the store shows another process changed units.
 *
 * A replaced snapshot is freed only after RETIRE_SECONDS, so pointers a handler took from
 * it stay valid while the handler runs without any per-request reference counting. */
#ifndef DV_UNIT_TREE_H
#define DV_UNIT_TREE_H

#include "db/db.h"
#include "org/unit.h"

#include <stddef.h>
#include <stdint.h>

struct unit_tree;

/* The current snapshot (rebuilt first when stale); NULL if the store failed. */
const struct unit_tree *unit_tree_get(dv_db *db);
/* The node of an open unit, or NULL when the unit is closed or absent today. */
const struct unit *unit_tree_find(const struct unit_tree *t, int64_t id);
/* Open children of an open unit, by folded name; *n = 0 for a leaf. */
const struct unit *const *unit_tree_children(const struct unit_tree *t, int64_t id, size_t *n);
/* Is unit_id inside root_id's subtree (both open today)? */
int unit_tree_contains(const struct unit_tree *t, int64_t root_id, int64_t unit_id);

/* Rendered HTML cached with a snapshot, so it is dropped exactly when the tree changes.
 * slot tells variants apart (the interface language). */
#define UNIT_TREE_SLOTS 2
const char *unit_tree_fragment(const struct unit_tree *t, int64_t id, int slot);
/* Keep html (malloc'd; ownership passes) unless another thread was first; returns the kept one. */
const char *unit_tree_fragment_put(const struct unit_tree *t, int64_t id, int slot, char *html);

/* Bump the store's units_version inside the caller's transaction, commit, and mark this
 * process's snapshot stale. Use instead of db_commit() for every write to units or links. */
int unit_tree_commit(dv_db *db);
/* Mark the snapshot stale (after units were changed by plain SQL, as test fixtures do). */
void unit_tree_invalidate(void);
/* Free every snapshot (at shutdown). */
void unit_tree_free_all(void);

#endif
