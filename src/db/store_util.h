/* store_util.h - small helpers shared by the reporting area's *_store.c files: ending a
 * write transaction (with its audit row), running a statement with typed arguments,
 * arena-backed growing arrays, collecting rows, numbers as text, cleaning input. */
#ifndef DV_REPORT_STORE_UTIL_H
#define DV_REPORT_STORE_UTIL_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct audit_change;
struct dv_user;

/* Finish a write transaction: commit on 0, else roll back. Returns the outcome. */
int rstore_tx_end(dv_db *db, int rc);

/* Finish a write transaction with its audit row: when rc is 0, audit_write(), then commit;
 * on any error roll back. Returns the outcome. */
int rstore_tx_end_audited(dv_db *db, int rc, const struct dv_user *actor, const char *ip, const char *action,
                          const char *entity, int64_t entity_id, const struct audit_change *ch, size_t n);
#define RSTORE_N(arr) (sizeof(arr) / sizeof *(arr))

/* One bound argument of rstore_exec()/rstore_exists(): ?1, ?2, … in order. */
struct rstore_arg {
    enum { RA_INT, RA_TEXT, RA_ID_OR_NULL } kind;
    int64_t i;
    const char *s; /* RA_TEXT: NULL binds NULL */
};
#define RINT(x) ((struct rstore_arg){RA_INT, (x), NULL})
#define RTEXT(x) ((struct rstore_arg){RA_TEXT, 0, (x)})
#define RID0(x) ((struct rstore_arg){RA_ID_OR_NULL, (x), NULL}) /* 0 binds NULL */

/* Runs one statement to completion: 0 or DV_E* (DV_ECONFLICT on a unique key). */
int rstore_exec_args(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n);
/* Does sql give a row? 0 when it does, DV_ENOTFOUND when not, DV_EDB. */
int rstore_exists_args(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n);
#define RSTORE_ARGS(...) (const struct rstore_arg[]){__VA_ARGS__}, RSTORE_N(((const struct rstore_arg[]){__VA_ARGS__}))
#define rstore_exec(db, sql, ...) rstore_exec_args((db), (sql), RSTORE_ARGS(__VA_ARGS__))
#define rstore_exists(db, sql, ...) rstore_exists_args((db), (sql), RSTORE_ARGS(__VA_ARGS__))

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

/* Cleans user text s (text_clean: UTF-8, NFC, trimmed) into the arena; DV_EINVAL when
 * invalid or (required and) empty. NULL/"" with !required gives NULL. */
int rstore_clean(dv_arena *a, const char *s, int multiline, int required, const char **out);
/* A code: 1–32 of A-Z a-z 0-9 - _ . */
int rstore_is_code(const char *s);

/* v as decimal text in the arena (for audit rows). */
char *rstore_num(dv_arena *a, int64_t v);

/* Grows an arena-backed array of n elements of sz bytes (doubling from 16, copying:
 * arenas never free); returns p itself while n < *cap. */
void *rstore_grow(dv_arena *a, void *p, size_t n, size_t *cap, size_t sz);

/* Fills one element of a collected array from the current row. */
typedef void rstore_fill_fn(dv_arena *a, dv_stmt *st, void *item);

/* Runs sql with ?1 = id and fills item from its first row: 0, DV_ENOTFOUND or DV_EDB. */
int rstore_get_by_id(dv_db *db, dv_arena *a, const char *sql, int64_t id, rstore_fill_fn *fill, void *item);

/* Steps the bound statement st to its end, collecting one element of size bytes per row
 * (filled by fill) into an arena array, *out (NULL when empty) of *n elements: 0, or DV_EDB
 * with none. */
int rstore_collect(dv_stmt *st, dv_arena *a, size_t size, rstore_fill_fn *fill, void **out, size_t *n);

/* rstore_collect over sql with ?1 = id: the array, its length in *n, and *rc. */
void *rstore_collect_by_id(dv_db *db, dv_arena *a, const char *sql, int64_t id, size_t size, rstore_fill_fn *fill,
                           size_t *n, int *rc);

#endif
