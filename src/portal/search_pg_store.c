/* search_pg_store.c - the SQL of article search on PostgreSQL (migrations_pg/0002_search.sql):
 * the same words, folding (đ → d), prefix on the last word, bounded window of the newest
 * SEARCH_MAX_RESULTS matches, ranking (vi_rank_doc of 0029_search_rank.sql, from the stored
 * row) and one highlighted snippet per hit as search_store.c's FTS5 queries give on SQLite. */
#include "portal/search_pg.h"

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* ts_headline marks with the same private-use characters as FTS5's highlight(). */
#define HL_OPTS "StartSel=\"" SEARCH_MARK_OPEN "\", StopSel=\"" SEARCH_MARK_CLOSE "\""
#define SQL_Q "to_tsquery('vi', ?1)"
/* The parser takes <…> for a tag and ts_headline leaves tags out: '<' goes in as U+FE64 and
 * comes back, so markup in the text is shown (escaped) as FTS5's snippet shows it. */
#define HL(col, opts) \
    "replace(ts_headline('vi', replace(" col ", '<', U&'\\FE64'), q.q, '" HL_OPTS opts "'), U&'\\FE64', '<')"

static const char *SQL_PG_WINDOW =
    "SELECT id FROM article_search WHERE doc @@ " SQL_Q " ORDER BY id DESC LIMIT ?2";

/* ?1 the query, ?2 limit, ?3 offset, ?4 floor, ?5 the folded words, ?6 the words as typed
 * (NULL: folded rank only), ?7 the title phrase. */
static const char *SQL_PG_SEARCH =
    "WITH q AS (SELECT " SQL_Q " AS q), "
    "avgdl AS (SELECT avg(nt) AS t, avg(nl) AS l, avg(nb) AS b FROM article_search) "
    "SELECT s.id, a.slug, " HL("a.title", ", HighlightAll=true") ", "
    " CASE WHEN vi_tsv(a.lead) @@ q.q OR (a.lead <> '' AND NOT vi_tsv(a.body_md) @@ q.q) "
    "  THEN " HL("a.lead", ", MaxWords=30, MinWords=10") " "
    "  ELSE " HL("a.body_md", ", MaxWords=30, MinWords=10") " END, "
    " a.published_at "
    "FROM article_search s JOIN articles a ON a.id = s.id CROSS JOIN q CROSS JOIN avgdl "
    "WHERE s.doc @@ q.q AND s.id >= ?4 "
    "ORDER BY vi_rank_doc(s.doc, s.nt, s.nl, s.nb, a.title, a.lead, string_to_array(?5, ' '), "
    "  string_to_array(lower(?6), ' '), to_tsquery('vi', ?7), avgdl.t, avgdl.l, avgdl.b) DESC, s.id "
    "LIMIT ?2 OFFSET ?3";

/* A byte that continues a token: an ASCII letter or digit, or any byte of a non-ASCII
 * character (Vietnamese letters), as unicode61 and PostgreSQL's parser see words. */
static int tok_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

struct pg_words {
    dv_buf typed, folded, query, phrase;
    size_t n;
};

static void add_token(struct pg_words *w, const char *t, size_t len)
{
    char *raw = strndup(t, len);
    char *f = text_fold(raw);
    if (!f || !*f) {
        free(f);
        free(raw);
        return;
    }
    if (w->n) {
        buf_putc(&w->typed, ' ');
        buf_putc(&w->folded, ' ');
        buf_puts(&w->query, " & ");
        buf_puts(&w->phrase, " <-> ");
    }
    buf_puts(&w->typed, raw);
    buf_puts(&w->folded, f);
    buf_printf(&w->query, "'%s'", f);
    buf_printf(&w->phrase, "'%s'", f);
    w->n++;
    free(f);
    free(raw);
}

/* The tokens of search_fts_query's "w1" "w2"* (quotes doubled inside). */
static void parse_fts(const char *fts, struct pg_words *w)
{
    const char *p = fts;
    while (*p) {
        if (*p != '"') { p++; continue; }
        p++;
        dv_buf word = DV_BUF_INIT;
        while (*p && !(*p == '"' && p[1] != '"')) {
            if (*p == '"') p++;
            buf_putc(&word, *p++);
        }
        if (*p == '"') p++;
        const char *s = buf_cstr(&word);
        for (size_t i = 0; s[i];) {
            while (s[i] && !tok_byte((unsigned char)s[i])) i++;
            size_t b = i;
            while (s[i] && tok_byte((unsigned char)s[i])) i++;
            if (i > b) add_token(w, s + b, i - b);
        }
        buf_free(&word);
    }
    if (w->n) {
        buf_puts(&w->query, ":*");
        buf_puts(&w->phrase, ":*");
    }
}

static void words_free(struct pg_words *w)
{
    buf_free(&w->typed);
    buf_free(&w->folded);
    buf_free(&w->query);
    buf_free(&w->phrase);
}

static int window(dv_db *db, const char *q, size_t *total, int64_t *floor)
{
    dv_stmt *st = db_prepare(db, SQL_PG_WINDOW);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, q);
    db_bind_int(st, 2, SEARCH_MAX_RESULTS + 1);
    int rc;
    *floor = 0;
    while ((rc = db_step(st)) == DB_ROW)
        if (++*total == SEARCH_MAX_RESULTS) *floor = db_col_int(st, 0);
    db_done(st);
    if (*total <= SEARCH_MAX_RESULTS) *floor = 0;
    return rc < 0 ? rc : DV_OK;
}

static int ranked(dv_db *db, dv_arena *a, const struct pg_words *w, int exact, int64_t floor, size_t offset,
                  size_t limit, struct search_hit **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_PG_SEARCH);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, buf_cstr(&w->query));
    db_bind_int(st, 2, (int64_t)limit);
    db_bind_int(st, 3, (int64_t)offset);
    db_bind_int(st, 4, floor);
    db_bind_text(st, 5, buf_cstr(&w->folded));
    db_bind_text(st, 6, exact ? buf_cstr(&w->typed) : NULL);
    db_bind_text(st, 7, buf_cstr(&w->phrase));
    struct search_hit *hits = arena_alloc(a, limit * sizeof *hits);
    size_t k = 0;
    int rc;
    while (k < limit && (rc = db_step(st)) == DB_ROW) {
        struct search_hit *h = &hits[k++];
        h->id = db_col_int(st, 0);
        h->slug = arena_strdup(a, db_col_text(st, 1));
        h->title = arena_strdup(a, db_col_text(st, 2));
        const char *snip = db_col_text(st, 3);
        h->snippet = arena_strdup(a, snip ? snip : "");
        h->published_at = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    if (k == limit) rc = DB_DONE;
    if (rc < 0) return rc;
    *out = hits;
    *n = k;
    return DV_OK;
}

int search_run_pg(dv_db *db, dv_arena *a, const char *fts, int exact, size_t offset, size_t limit,
                  struct search_hit **out, size_t *n, size_t *total)
{
    struct pg_words w = {DV_BUF_INIT, DV_BUF_INIT, DV_BUF_INIT, DV_BUF_INIT, 0};
    parse_fts(fts, &w);
    int64_t floor = 0;
    int rc = w.n ? window(db, buf_cstr(&w.query), total, &floor) : DV_OK;
    if (rc == DV_OK && *total && offset < *total && offset < SEARCH_MAX_RESULTS) {
        if (offset + limit > SEARCH_MAX_RESULTS) limit = SEARCH_MAX_RESULTS - offset;
        rc = ranked(db, a, &w, exact, floor, offset, limit, out, n);
    }
    words_free(&w);
    return rc;
}
