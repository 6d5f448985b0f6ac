/* store_util.h - small helpers shared by the *_store.c files of every area: ending a write
 * transaction (with its audit row: audit_tx_end in org/audit.h), running a statement with
 * typed arguments, collecting rows (arrays grow with arena_grow, core/arena.h), numbers as
 * text, cleaning input. */
#ifndef DV_REPORT_STORE_UTIL_H
#define DV_REPORT_STORE_UTIL_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* Finish a write transaction: commit on 0, else roll back. Returns the outcome. */
int rstore_tx_end(dv_db *db, int rc);

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
/* rstore_exec for an INSERT … RETURNING id: *id the new row's id. */
int rstore_insert_args(dv_db *db, int64_t *id, const char *sql, const struct rstore_arg *args, size_t n);
#define rstore_insert(db, id, sql, ...) rstore_insert_args((db), (id), (sql), RSTORE_ARGS(__VA_ARGS__))
/* Does sql give a row? 0 when it does, DV_ENOTFOUND when not, DV_EDB. */
int rstore_exists_args(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n);
#define RSTORE_ARGS(...) (const struct rstore_arg[]){__VA_ARGS__}, RSTORE_N(((const struct rstore_arg[]){__VA_ARGS__}))
#define rstore_exec(db, sql, ...) rstore_exec_args((db), (sql), RSTORE_ARGS(__VA_ARGS__))
#define rstore_exists(db, sql, ...) rstore_exists_args((db), (sql), RSTORE_ARGS(__VA_ARGS__))

/* Cleans user text s (text_clean: UTF-8, NFC, trimmed) into the arena; DV_EINVAL when
 * invalid or (required and) empty. NULL/"" with !required gives NULL. */
int rstore_clean(dv_arena *a, const char *s, int multiline, int required, const char **out);
/* A code: 1–32 of A-Z a-z 0-9 - _ . */
int rstore_is_code(const char *s);

/* The value to bind where a search table is matched, from an FTS5 query as the stores build
 * it ("w1" "w2"*: each term quoted, * after a term makes it a prefix; a term of several
 * words is a phrase). On SQLite it is that query (for `tbl MATCH ?`); on PostgreSQL the same
 * terms as a tsquery for `doc @@ to_tsquery('vi', ?)` ('w1' & 'w2':*, a phrase with <->),
 * whose configuration folds as the "vi" tokenizer does. NULL when fts is NULL or has no word. */
const char *rstore_fts_query(dv_db *db, dv_arena *a, const char *fts);

/* v as decimal text in the arena (for audit rows). */
char *rstore_num(dv_arena *a, int64_t v);

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
