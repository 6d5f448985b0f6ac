/* petition_query_store.c - reading petitions in bulk (petition.h): the staff's lists within
 * a unit's subtree with filters and overdue flags, the search of published answers (FTS5,
 * "vi" tokenizer, or tsvector on PostgreSQL: no diacritics needed), the counts that
 * pre-fill report indicators and the Open311 GeoReport v2 requests. */
#include "citizen/petition.h"
#include "citizen/citizen_internal.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/store_util.h"

#include <stdio.h>
#include <string.h>

#define SUBTREE                                                                                       \
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON "     \
    "l.parent_id = sub.id WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR ?2 < l.valid_to)) "
#define IN_SCOPE "(?1 = 0 OR p.commune_id IN (SELECT id FROM sub) OR p.assigned_unit_id IN (SELECT id FROM sub)) "
#define OPEN_STATES "p.status NOT IN ('published', 'transferred', 'duplicate', 'refused')"

static const char *SQL_LIST =
    SUBTREE "SELECT p.id, p.code, c.name, cu.name, au.name, p.received_day, p.answer_due, p.notice_due, "
            "p.summary, p.status FROM petitions p JOIN petition_categories c ON c.id = p.category_id "
            "JOIN units cu ON cu.id = p.commune_id LEFT JOIN units au ON au.id = p.assigned_unit_id "
            "WHERE " IN_SCOPE "AND (?3 = '' OR p.status = ?3) AND (?4 = 0 OR p.category_id = ?4) "
            "AND (?5 = 0 OR " OPEN_STATES ") "
            "AND (?6 = 0 OR (" OPEN_STATES " AND (p.answer_due < ?2 OR (p.status = 'received' AND p.notice_due < ?2)))) "
            "ORDER BY p.id DESC LIMIT ?7 OFFSET ?8";
static const char *SQL_SEARCH =
    "SELECT p.code, c.name, cu.name, p.published_at, p.summary, p.answer FROM petition_search s "
    "JOIN petitions p ON p.id = s.rowid JOIN petition_categories c ON c.id = p.category_id "
    "JOIN units cu ON cu.id = p.commune_id WHERE petition_search MATCH ?1 AND p.status = 'published' "
    "ORDER BY s.rank LIMIT ?2";
/* PostgreSQL (migrations_pg/0028): the same hits, ranked with the summary 4 × the answer. */
static const char *SQL_SEARCH_PG =
    "SELECT p.code, c.name, cu.name, p.published_at, p.summary, p.answer FROM petition_search s "
    "JOIN petitions p ON p.id = s.rowid JOIN petition_categories c ON c.id = p.category_id "
    "JOIN units cu ON cu.id = p.commune_id WHERE s.doc @@ to_tsquery('vi', ?1) AND p.status = 'published' "
    "ORDER BY ts_rank('{0, 0, 0.25, 1}', s.doc, to_tsquery('vi', ?1)) DESC, p.id DESC LIMIT ?2";
static const char *SQL_RECENT_ANSWERS =
    "SELECT p.code, c.name, cu.name, p.published_at, p.summary, p.answer FROM petitions p "
    "JOIN petition_categories c ON c.id = p.category_id JOIN units cu ON cu.id = p.commune_id "
    "WHERE p.status = 'published' ORDER BY p.published_at DESC LIMIT ?1";
static const char *SQL_COUNT_RECEIVED =
    SUBTREE "SELECT count(*) FROM petitions p WHERE " IN_SCOPE "AND p.received_day BETWEEN ?3 AND ?4";
static const char *SQL_COUNT_RESOLVED =
    SUBTREE "SELECT count(*) FROM petitions p WHERE " IN_SCOPE "AND p.closed_on BETWEEN ?3 AND ?4 "
            "AND p.status IN ('published', 'transferred', 'refused')";
static const char *SQL_COUNT_OVERDUE =
    SUBTREE "SELECT count(*) FROM petitions p WHERE " IN_SCOPE "AND " OPEN_STATES " AND (p.answer_due < ?2 "
            "OR (p.status = 'received' AND p.notice_due < ?2))";
static const char *SQL_OPEN311 =
    "SELECT " PETITION_COLS PETITION_FROM
    "WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || p.code || ',') > 0) "
    "AND (?2 IS NULL OR c.code = ?2) AND (?3 IS NULL OR p.received_at >= ?3) "
    "AND (?4 IS NULL OR p.received_at <= ?4) "
    "AND (?5 IS NULL OR (?5 = 'open' AND " OPEN_STATES ") OR (?5 = 'closed' AND NOT " OPEN_STATES ")) "
    "AND p.status <> 'refused' ORDER BY p.id DESC LIMIT ?6";

static const char *dup_col(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

struct list_ctx {
    const char *today;
};
static __thread struct list_ctx list_ctx;

static void fill_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition_row *r = item;
    r->id = db_col_int(st, 0);
    r->code = dup_col(a, st, 1);
    r->category_name = dup_col(a, st, 2);
    r->commune_name = dup_col(a, st, 3);
    r->assigned_unit_name = dup_col(a, st, 4);
    r->received_day = dup_col(a, st, 5);
    r->answer_due = dup_col(a, st, 6);
    r->notice_due = dup_col(a, st, 7);
    r->summary = dup_col(a, st, 8);
    petition_status_parse(db_col_text(st, 9), &r->status);
    const char *today = list_ctx.today;
    r->overdue_notice = r->status == PS_RECEIVED && r->notice_due && strcmp(r->notice_due, today) < 0;
    r->overdue_answer = !petition_is_closed(r->status) && r->answer_due && strcmp(r->answer_due, today) < 0;
}

int petition_list(dv_db *db, dv_arena *a, const struct petition_filter *f, struct petition_row **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_LIST);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, f->root);
    db_bind_text(st, 2, f->today);
    db_bind_text(st, 3, f->status >= 0 && f->status < PS_COUNT ? petition_status_code(f->status) : "");
    db_bind_int(st, 4, f->category_id);
    db_bind_int(st, 5, f->open_only);
    db_bind_int(st, 6, f->overdue_only);
    db_bind_int(st, 7, (int64_t)(f->limit ? f->limit : 100));
    db_bind_int(st, 8, (int64_t)f->offset);
    list_ctx.today = f->today;
    return rstore_collect(st, a, sizeof **out, fill_row, (void **)out, n);
}

static void fill_hit(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition_answer_hit *h = item;
    h->code = dup_col(a, st, 0);
    h->category_name = dup_col(a, st, 1);
    h->commune_name = dup_col(a, st, 2);
    h->published_at = dup_col(a, st, 3);
    h->summary = dup_col(a, st, 4);
    h->answer = dup_col(a, st, 5);
}

/* Each word of q as an FTS5 string with a prefix match: "word"* … (quotes dropped). */
static const char *fts_query(dv_arena *a, const char *q)
{
    dv_buf b = DV_BUF_INIT;
    const char *p = q;
    while (*p) {
        while (*p && (unsigned char)*p < 0x80 && !((*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
            p++;
        if (!*p) break;
        buf_puts(&b, b.len ? " \"" : "\"");
        while (*p && ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
            buf_putc(&b, *p++);
        buf_puts(&b, "\"*");
    }
    const char *s = b.len ? arena_strdup(a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return s;
}

int petition_search_answers(dv_db *db, dv_arena *a, const char *q, size_t limit, struct petition_answer_hit **out,
                            size_t *n)
{
    *out = NULL;
    *n = 0;
    const char *m = q ? rstore_fts_query(db, a, fts_query(a, q)) : NULL;
    dv_stmt *st = db_prepare(db, !m ? SQL_RECENT_ANSWERS : db_is_postgres(db) ? SQL_SEARCH_PG : SQL_SEARCH);
    if (!st) return DV_EDB;
    if (m) {
        db_bind_text(st, 1, m);
        db_bind_int(st, 2, (int64_t)limit);
    } else db_bind_int(st, 1, (int64_t)limit);
    return rstore_collect(st, a, sizeof **out, fill_hit, (void **)out, n);
}

static int count(dv_db *db, const char *sql, int64_t unit_id, const char *day, const char *from, const char *to,
                 int64_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, day);
    if (from) db_bind_text(st, 3, from);
    if (to) db_bind_text(st, 4, to);
    int rc = db_step(st);
    if (rc == DB_ROW) *n = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int petition_count_received(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n)
{
    return count(db, SQL_COUNT_RECEIVED, unit_id, to, from, to, n);
}

int petition_count_resolved(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n)
{
    return count(db, SQL_COUNT_RESOLVED, unit_id, to, from, to, n);
}

int petition_count_overdue(dv_db *db, int64_t unit_id, const char *today, int64_t *n)
{
    return count(db, SQL_COUNT_OVERDUE, unit_id, today, NULL, NULL, n);
}

int petition_open311(dv_db *db, dv_arena *a, const struct open311_filter *f, struct petition **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_OPEN311);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, f->codes);
    db_bind_text(st, 2, f->service_code);
    db_bind_text(st, 3, f->start);
    db_bind_text(st, 4, f->end);
    db_bind_text(st, 5, f->status);
    db_bind_int(st, 6, (int64_t)(f->limit ? f->limit : 50));
    return rstore_collect(st, a, sizeof **out, petition_fill_row, (void **)out, n);
}
