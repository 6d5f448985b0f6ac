/* review_util_store.c - the helpers the review area's stores share (review_store_int.h). */
#include "review/review_store_int.h"

#include "core/err.h"
#include "text/text.h"

#include <string.h>

const char *rv_col(dv_arena *a, dv_stmt *st, int c)
{
    const char *s = db_col_text(st, c);
    return s ? arena_strdup(a, s) : NULL;
}

int rv_is_date(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && text_date_parse(s, &y, &m, &d) == 0;
}

int rv_store_file(dv_db *db, dv_arena *a, const char *sql, int64_t id, int64_t parent_id, const char **name,
                  const char **mime, const void **data, size_t *len)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, parent_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        if (name) *name = rv_col(a, st, 0);
        if (mime) *mime = rv_col(a, st, 1);
        size_t l = 0;
        const void *p = db_col_blob(st, 2, &l);
        void *copy = arena_alloc(a, l + 1);
        if (l) memcpy(copy, p, l);
        *data = copy;
        *len = l;
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
