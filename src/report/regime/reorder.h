/* reorder.h - moving one item of an ordered list one place up or down (the indicators of
 * a regime, the options of a category set). Pure logic: the stores write the result back
 * as dense positions 1..n (rstore_positions below, reorder_store.c). */
#ifndef DV_REORDER_H
#define DV_REORDER_H

#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct dv_user;

/* Moves the item id one place within ids[0..n), in place: dir < 0 towards the front (up),
 * dir > 0 towards the end (down). 0; DV_ENOTFOUND when id is not in the list; DV_EINVAL
 * when dir is 0 or the item is already first (up) or last (down). */
int reorder_move(int64_t *ids, size_t n, int64_t id, int dir);

/* Rewrites the positions of a list as 1..n in its current order, after moving row id one
 * place (dir < 0 up, dir > 0 down; dir 0: no move, only closing gaps), and audits each row
 * whose position changed as an "update" of entity. list_sql gives "id, position" of the
 * list with ?1 = scope_id, in order; update_sql sets "position = ?2 WHERE id = ?1". Call
 * inside the write's transaction. Errors: reorder_move()'s, DV_EDB. */
int rstore_positions(dv_db *db, const struct dv_user *actor, const char *ip, const char *entity, const char *list_sql,
                     const char *update_sql, int64_t scope_id, int64_t id, int dir);

/* A whole move write: in one transaction, reads the list a row belongs to (scope_sql:
 * "SELECT <scope id> FROM … WHERE id = ?1"; DV_ENOTFOUND without a row), then
 * rstore_positions() with dir, and commits. */
int rstore_move(dv_db *db, const struct dv_user *actor, const char *ip, const char *entity, const char *scope_sql,
                const char *list_sql, const char *update_sql, int64_t id, int dir);

#endif
