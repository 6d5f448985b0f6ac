/* store_util.c - helpers shared by the reporting area's stores (see store_util.h). */
#include "report/store_util.h"

#include "core/err.h"

#include <string.h>

int rstore_tx_end(dv_db *db, int rc)
{
    if (rc == 0) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

char *rstore_num(dv_arena *a, int64_t v)
{
    return arena_printf(a, "%lld", (long long)v);
}

void *rstore_grow(dv_arena *a, void *p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return p;
    size_t nc = *cap ? *cap * 2 : 16;
    void *q = arena_alloc(a, nc * sz);
    if (p) memcpy(q, p, n * sz);
    *cap = nc;
    return q;
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
    size_t cap = 0;
    char *v = NULL;
    int step;
    while ((step = db_step(st)) == DB_ROW) {
        v = rstore_grow(a, v, *n, &cap, size);
        fill(a, st, v + *n * size);
        (*n)++;
    }
    db_done(st);
    *rc = step == DB_DONE ? 0 : DV_EDB;
    return v;
}
