/* search_pg.h - article search on the PostgreSQL backend (search_pg_store.c), called by
 * search_store.c with the same FTS5-style query it builds for SQLite. */
#ifndef DV_SEARCH_PG_H
#define DV_SEARCH_PG_H

#include "portal/search.h"

/* fts: search_fts_query()'s "w1" "w2"* form; exact: rank by the letters as typed and the
 * title phrase too (search_articles), else by the folded words alone. As search_articles. */
int search_run_pg(dv_db *db, dv_arena *a, const char *fts, int exact, size_t offset, size_t limit,
                  struct search_hit **out, size_t *n, size_t *total);

#endif
