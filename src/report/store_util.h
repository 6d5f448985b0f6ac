/* store_util.h - small helpers shared by the reporting area's *_store.c files: ending a
 * write transaction, arena-backed growing arrays, collecting rows, numbers as text. */
#ifndef DV_REPORT_STORE_UTIL_H
#define DV_REPORT_STORE_UTIL_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* Finish a write transaction: commit on 0, else roll back. Returns the outcome. */
int rstore_tx_end(dv_db *db, int rc);

/* v as decimal text in the arena (for audit rows). */
char *rstore_num(dv_arena *a, int64_t v);

/* Grows an arena-backed array of n elements of sz bytes (doubling from 16, copying:
 * arenas never free); returns p itself while n < *cap. */
void *rstore_grow(dv_arena *a, void *p, size_t n, size_t *cap, size_t sz);

/* Fills one element of a collected array from the current row. */
typedef void rstore_fill_fn(dv_arena *a, dv_stmt *st, void *item);

/* Runs sql with ?1 = id and collects one element of size bytes per row (filled by fill)
 * into an arena array, returned with its length in *n. *rc: 0, or DV_EDB (the rows read
 * so far are still returned). */
void *rstore_collect_by_id(dv_db *db, dv_arena *a, const char *sql, int64_t id, size_t size, rstore_fill_fn *fill,
                           size_t *n, int *rc);

#endif
