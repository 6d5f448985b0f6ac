/* search.h - full-text search over published articles (FTS5 table article_search, see
 * src/db/migrations/0003_search.sql, its prefix indexes in 0005_search_prefix.sql, and the
 * "vi" tokenizer, vi_rank and vi_hit in src/db/fts_vi.c).
 *
 * The reader's words become a safe FTS5 query: each term quoted as a string, the last one
 * prefix-matched, at most SEARCH_MAX_TERMS terms, all required. Titles and snippets come
 * back with the matches between SEARCH_MARK_OPEN / SEARCH_MARK_CLOSE (private-use code
 * points that never reach a page); search_marked_html() turns such a string into escaped
 * HTML with <mark> elements. */
#ifndef DV_SEARCH_H
#define DV_SEARCH_H

#include "core/arena.h"
#include "core/html.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define SEARCH_MAX_TERMS 10
#define SEARCH_MAX_QUERY 200        /* bytes of the reader's query considered */
/* Counted and ranked at most: the newest matches of a common word, 30 pages. Recency is a
 * fair prior for news, and ranking costs per article in the window (vi_rank reads each one's
 * column sizes): 300 instead of 1000 halved p50 (bench/search.sh). */
#define SEARCH_MAX_RESULTS 300
#define SEARCH_MARK_OPEN "\xEE\x80\x80"  /* U+E000 */
#define SEARCH_MARK_CLOSE "\xEE\x80\x81" /* U+E001 */

struct search_hit {
    int64_t id;
    const char *slug;
    const char *title;         /* with markers */
    const char *snippet;       /* from the lead or the body, with markers; may be "" */
    const char *published_at;  /* ISO UTC, may be NULL */
};

/* The FTS5 query for a reader's input, in the arena; NULL when it has no searchable term
 * (empty, only punctuation, not valid UTF-8). "Dân vận" → "\"Dân\" \"vận\"*". */
const char *search_fts_query(dv_arena *a, const char *input);

/* Ranked hits [offset, offset+limit) and the total number of hits. Ranked by vi_rank with
 * the words as typed: a word found in the title or lead with its letters exactly as typed
 * (tones and marks included), and all the words in order in the title, weigh more than a
 * folded match (src/db/fts_vi.c). An input without terms
 * gives 0 hits and total 0. 0 or DV_EDB.
 * Bounded work for very common words: *total is exact up to SEARCH_MAX_RESULTS and
 * SEARCH_MAX_RESULTS + 1 means "more"; then only the newest SEARCH_MAX_RESULTS matching
 * articles are ranked (vi_rank), and no hit lies beyond rank SEARCH_MAX_RESULTS. */
int search_articles(dv_db *db, dv_arena *a, const char *query, size_t offset, size_t limit,
                    struct search_hit **out, size_t *n, size_t *total);

/* search_articles() over an FTS5 query already made by search_fts_query() (bench/bench_search.c
 * also times it with the last term's prefix '*' taken off), ranked by the folded words only
 * (the table's persistent rank: no exact-letter or title-phrase weight). fts NULL: no hits. */
int search_articles_fts(dv_db *db, dv_arena *a, const char *fts, size_t offset, size_t limit,
                        struct search_hit **out, size_t *n, size_t *total);

/* Escaped HTML of a marked string: text escaped, markers → <mark>…</mark>, always balanced
 * (stray markers are dropped or closed). NULL → "". */
dv_html search_marked_html(dv_arena *a, const char *marked);

#endif
