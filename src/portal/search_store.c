/* search_store.c - the SQL of article search: reader input → safe FTS5 query, ranked hits
 * with highlighted title and snippet, total count. */
#include "portal/search.h"
#include "portal/search_pg.h"

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

#include <string.h>

/* Ranked by vi_rank 10/4/1 (the table's persistent rank, set in 0003 and 0005, or the same
 * weights with the reader's words for exact-letter and title-phrase matches, through rank
 * MATCH ?5; NULL keeps the persistent one): ORDER BY rank is done inside FTS5, so highlight()/snippet() run only for the rows returned. One
 * snippet per row: of the lead when the words are in it (or in neither lead nor body and
 * the lead is not empty), else of the body; vi_hit() (src/db/fts_vi.c) tells from the
 * position lists, and CASE computes only the branch taken. */
#define SQL_SEARCH_HEAD \
    "SELECT s.rowid, a.slug," \
    " highlight(article_search, 0, char(57344), char(57345))," \
    " CASE WHEN vi_hit(article_search, 1) OR (a.lead <> '' AND NOT vi_hit(article_search, 2))" \
    "  THEN snippet(article_search, 1, char(57344), char(57345), '…', 30)" \
    "  ELSE snippet(article_search, 2, char(57344), char(57345), '…', 30) END," \
    " a.published_at" \
    " FROM article_search s JOIN articles a ON a.id = s.rowid" \
    " WHERE article_search MATCH ?1 AND s.rowid >= ?4"
static const char *SQL_SEARCH = SQL_SEARCH_HEAD " ORDER BY s.rank LIMIT ?2 OFFSET ?3";
static const char *SQL_SEARCH_WORDS = SQL_SEARCH_HEAD " AND s.rank MATCH ?5 ORDER BY s.rank LIMIT ?2 OFFSET ?3";
/* The weights of the persistent rank (0003/0005), with the words as typed after them. */
#define RANK_CALL "vi_rank(10.0, 4.0, 1.0, X'"
/* The newest matches, newest first, at most SEARCH_MAX_RESULTS + 1: counts them (an exact
 * count of a very common word costs as much as ranking all its articles) and finds the
 * oldest of the newest SEARCH_MAX_RESULTS, the floor of the ranked window. Streams the
 * doclists in rowid order: cheap. */
static const char *SQL_WINDOW =
    "SELECT rowid FROM article_search WHERE article_search MATCH ?1 ORDER BY rowid DESC LIMIT ?2";

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A term is worth searching when it holds a letter or digit: ASCII alnum, or any non-ASCII
 * character (Vietnamese letters; unicode61 decides what else is a token character). */
static int has_word_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 1;
    }
    return 0;
}

/* The reader's searchable terms: at most SEARCH_MAX_TERMS white-space separated words holding
 * a word character, within the first SEARCH_MAX_QUERY bytes. 0 when there is none (or the
 * input is not valid UTF-8). */
struct terms {
    const char *start[SEARCH_MAX_TERMS];
    size_t len[SEARCH_MAX_TERMS];
    size_t n;
};

static size_t split_terms(const char *input, struct terms *t)
{
    t->n = 0;
    if (!input) return 0;
    size_t len = strlen(input);
    if (len > SEARCH_MAX_QUERY) {
        len = SEARCH_MAX_QUERY;
        while (len > 0 && ((unsigned char)input[len] & 0xC0) == 0x80) len--; /* whole characters */
    }
    if (!text_valid_utf8(input, len) || memchr(input, '\0', len)) return 0;
    for (size_t i = 0; i < len && t->n < SEARCH_MAX_TERMS;) {
        while (i < len && is_space((unsigned char)input[i])) i++;
        size_t b = i;
        while (i < len && !is_space((unsigned char)input[i])) i++;
        if (i > b && has_word_char(input + b, i - b)) {
            t->start[t->n] = input + b;
            t->len[t->n++] = i - b;
        }
    }
    return t->n;
}

const char *search_fts_query(dv_arena *a, const char *input)
{
    struct terms t;
    if (!split_terms(input, &t)) return NULL;
    dv_buf q = DV_BUF_INIT;
    for (size_t k = 0; k < t.n; k++) {
        if (k) buf_putc(&q, ' ');
        buf_putc(&q, '"');
        for (size_t i = 0; i < t.len[k]; i++) {
            if (t.start[k][i] == '"') buf_putc(&q, '"'); /* "" inside an FTS5 string */
            buf_putc(&q, t.start[k][i]);
        }
        buf_putc(&q, '"');
    }
    buf_putc(&q, '*'); /* the last term as a prefix: results while typing */
    const char *out = arena_strdup(a, buf_cstr(&q));
    buf_free(&q);
    return out;
}

/* The rank MATCH value for the same terms: vi_rank with the table's weights and the terms
 * as typed, one space between them, as a hexadecimal blob literal (FTS5 evaluates the
 * arguments as SQL: hex digits cannot end the literal, whatever the reader typed). */
static const char *rank_with_words(dv_arena *a, const char *input)
{
    struct terms t;
    if (!split_terms(input, &t)) return NULL;
    static const char hex[] = "0123456789ABCDEF";
    dv_buf q = DV_BUF_INIT;
    buf_puts(&q, RANK_CALL);
    for (size_t k = 0; k < t.n; k++) {
        if (k) buf_puts(&q, "20");
        for (size_t i = 0; i < t.len[k]; i++) {
            unsigned char c = (unsigned char)t.start[k][i];
            buf_putc(&q, hex[c >> 4]);
            buf_putc(&q, hex[c & 15]);
        }
    }
    buf_puts(&q, "')");
    const char *out = arena_strdup(a, buf_cstr(&q));
    buf_free(&q);
    return out;
}

static int search_run(dv_db *db, dv_arena *a, const char *fts, const char *rank, size_t offset, size_t limit,
                      struct search_hit **out, size_t *n, size_t *total);

int search_articles(dv_db *db, dv_arena *a, const char *query, size_t offset, size_t limit,
                    struct search_hit **out, size_t *n, size_t *total)
{
    return search_run(db, a, search_fts_query(a, query), rank_with_words(a, query), offset, limit, out, n, total);
}

int search_articles_fts(dv_db *db, dv_arena *a, const char *fts, size_t offset, size_t limit,
                        struct search_hit **out, size_t *n, size_t *total)
{
    return search_run(db, a, fts, NULL, offset, limit, out, n, total);
}

static int search_run(dv_db *db, dv_arena *a, const char *fts, const char *rank, size_t offset, size_t limit,
                      struct search_hit **out, size_t *n, size_t *total)
{
    *out = NULL;
    *n = 0;
    *total = 0;
    if (!fts || limit == 0) return DV_OK;
    if (db_is_postgres(db)) return search_run_pg(db, a, fts, rank != NULL, offset, limit, out, n, total);

    dv_stmt *st = db_prepare(db, SQL_WINDOW);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, fts);
    db_bind_int(st, 2, SEARCH_MAX_RESULTS + 1);
    int rc;
    int64_t floor = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (++*total == SEARCH_MAX_RESULTS) floor = db_col_int(st, 0);
    }
    db_done(st);
    if (rc < 0) return rc;
    if (*total <= SEARCH_MAX_RESULTS) floor = 0; /* all of them are ranked */
    if (*total == 0 || offset >= *total || offset >= SEARCH_MAX_RESULTS) return DV_OK;
    if (offset + limit > SEARCH_MAX_RESULTS) limit = SEARCH_MAX_RESULTS - offset;

    st = db_prepare(db, rank ? SQL_SEARCH_WORDS : SQL_SEARCH);
    if (!st) return DV_EDB;
    if (rank) db_bind_text(st, 5, rank);
    db_bind_text(st, 1, fts);
    db_bind_int(st, 2, (int64_t)limit);
    db_bind_int(st, 3, (int64_t)offset);
    db_bind_int(st, 4, floor);
    struct search_hit *hits = arena_alloc(a, limit * sizeof *hits);
    size_t k = 0;
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
    if (rc < 0) return rc;
    *out = hits;
    *n = k;
    return DV_OK;
}

dv_html search_marked_html(dv_arena *a, const char *marked)
{
    dv_buf b = DV_BUF_INIT;
    const size_t ml = sizeof SEARCH_MARK_OPEN - 1;
    int open = 0;
    const char *p = marked ? marked : "";
    dv_buf seg = DV_BUF_INIT;
    for (;;) {
        const char *m = strstr(p, "\xEE\x80");
        while (m && m[2] != '\x80' && m[2] != '\x81') m = strstr(m + 2, "\xEE\x80");
        size_t run = m ? (size_t)(m - p) : strlen(p);
        buf_reset(&seg);
        buf_append(&seg, p, run);
        html_text(&b, buf_cstr(&seg));
        if (!m) break;
        if (m[2] == '\x80' && !open) {
            buf_puts(&b, "<mark>");
            open = 1;
        } else if (m[2] == '\x81' && open) {
            buf_puts(&b, "</mark>");
            open = 0;
        }
        p = m + ml;
    }
    if (open) buf_puts(&b, "</mark>");
    dv_html h = {arena_strdup(a, buf_cstr(&b))};
    buf_free(&seg);
    buf_free(&b);
    return h;
}
