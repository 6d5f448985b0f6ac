/* store_util.c - helpers shared by the reporting area's stores (see store_util.h). */
#include "db/store_util.h"

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

int rstore_tx_end(dv_db *db, int rc)
{
    if (rc == 0) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

static void bind_args(dv_stmt *st, const struct rstore_arg *args, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int col = (int)i + 1;
        if (args[i].kind == RA_TEXT) db_bind_text(st, col, args[i].s);
        else if (args[i].kind == RA_ID_OR_NULL && args[i].i == 0) db_bind_null(st, col);
        else db_bind_int(st, col, args[i].i);
    }
}

int rstore_exec_args(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    bind_args(st, args, n);
    return db_exec(st);
}

int rstore_insert_args(dv_db *db, int64_t *id, const char *sql, const struct rstore_arg *args, size_t n)
{
    *id = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    bind_args(st, args, n);
    return db_exec_id(st, id);
}

int rstore_exists_args(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    bind_args(st, args, n);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int rstore_clean(dv_arena *a, const char *s, int multiline, int required, const char **out)
{
    *out = NULL;
    if (!s || !*s) return required ? DV_EINVAL : 0;
    char *c;
    if (text_clean(s, strlen(s), multiline, &c)) return DV_EINVAL;
    if (!*c && required) {
        free(c);
        return DV_EINVAL;
    }
    *out = *c ? arena_strdup(a, c) : NULL;
    free(c);
    return 0;
}

int rstore_is_code(const char *s)
{
    if (!s || !*s || strlen(s) > 32) return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '_' || *p == '.'))
            return 0;
    return 1;
}

char *rstore_num(dv_arena *a, int64_t v)
{
    return arena_printf(a, "%lld", (long long)v);
}

int rstore_get_by_id(dv_db *db, dv_arena *a, const char *sql, int64_t id, rstore_fill_fn *fill, void *item)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) fill(a, st, item);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int rstore_collect(dv_stmt *st, dv_arena *a, size_t size, rstore_fill_fn *fill, void **out, size_t *n)
{
    size_t cap = 0, cnt = 0;
    char *v = NULL;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, size);
        fill(a, st, v + cnt * size);
        cnt++;
    }
    db_done(st);
    if (step != DB_DONE) v = NULL, cnt = 0;
    *out = v;
    *n = cnt;
    return step == DB_DONE ? 0 : DV_EDB;
}

void *rstore_collect_by_id(dv_db *db, dv_arena *a, const char *sql, int64_t id, size_t size, rstore_fill_fn *fill,
                           size_t *n, int *rc)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) {
        *rc = DV_EDB;
        return NULL;
    }
    db_bind_int(st, 1, id);
    void *v;
    *rc = rstore_collect(st, a, size, fill, &v, n);
    return v;
}

/* A byte of a word as unicode61 sees words: an ASCII letter or digit, or any byte of a
 * non-ASCII character. */
static int fts_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

const char *rstore_fts_query(dv_db *db, dv_arena *a, const char *fts)
{
    if (!fts) return NULL;
    if (!db_is_postgres(db)) return fts;
    dv_buf q = DV_BUF_INIT;
    for (const char *p = fts; *p;) {
        if (*p != '"') { p++; continue; }
        dv_buf term = DV_BUF_INIT; /* the term's words, 'w1' <-> 'w2' */
        int words = 0;
        for (p++; *p && !(*p == '"' && p[1] != '"');) {
            if (*p == '"') p++; /* "" inside the term */
            if (!fts_word_byte((unsigned char)*p)) { p++; continue; }
            buf_puts(&term, words++ ? " <-> '" : "'");
            while (*p && fts_word_byte((unsigned char)*p)) buf_putc(&term, *p++);
            buf_putc(&term, '\'');
        }
        if (*p == '"') p++;
        if (*p == '*' && words) buf_puts(&term, ":*");
        if (words) {
            if (q.len) buf_puts(&q, " & ");
            if (words > 1) buf_putc(&q, '(');
            buf_puts(&q, buf_cstr(&term));
            if (words > 1) buf_putc(&q, ')');
        }
        buf_free(&term);
    }
    const char *out = q.len ? arena_strdup(a, buf_cstr(&q)) : NULL;
    buf_free(&q);
    return out;
}
