/* review_store_int.h - what the review area's stores share (review_store.c, conference_store.c,
 * summary_store.c): a text column copied into the arena, the ISO date check, and reading one
 * stored file (an inspection's finding, a conference's presentation or photo) by its id and
 * its parent's id. Private to src/review/. */
#ifndef DV_REVIEW_STORE_INT_H
#define DV_REVIEW_STORE_INT_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

/* Column c of the current row as an arena string, NULL for SQL NULL. */
const char *rv_col(dv_arena *a, dv_stmt *st, int c);
/* s is a valid "YYYY-MM-DD". 1/0. */
int rv_is_date(const char *s);
/* Runs sql (?1 the file's id, ?2 its parent's; columns: name, mime, blob) and copies the
 * blob into the arena. name and mime may be NULL when not wanted. DV_ENOTFOUND, DV_EDB. */
int rv_store_file(dv_db *db, dv_arena *a, const char *sql, int64_t id, int64_t parent_id, const char **name,
                  const char **mime, const void **data, size_t *len);

#endif
