/* reorder_store.c - writing a reordered list back as dense positions 1..n, each changed
 * row audited (see reorder.h); the lists' SQL comes from the calling store. */
#include "report/regime/reorder.h"

#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

struct id_pos {
    int64_t id, pos;
};

static void id_pos_fill(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    struct id_pos *x = item;
    x->id = db_col_int(st, 0);
    x->pos = db_col_int(st, 1);
}

int rstore_positions(dv_db *db, const struct dv_user *actor, const char *ip, const char *entity, const char *list_sql,
                     const char *update_sql, int64_t scope_id, int64_t id, int dir)
{
    dv_arena *a = arena_new();
    size_t n;
    int rc;
    struct id_pos *rows = rstore_collect_by_id(db, a, list_sql, scope_id, sizeof *rows, id_pos_fill, &n, &rc);
    int64_t *ids = arena_alloc(a, (n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++) ids[i] = rows[i].id;
    if (rc == 0 && dir != 0) rc = reorder_move(ids, n, id, dir);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int64_t old = 0;
        for (size_t k = 0; k < n; k++)
            if (rows[k].id == ids[i]) old = rows[k].pos;
        if (old == (int64_t)i + 1) continue;
        rc = rstore_exec(db, update_sql, RINT(ids[i]), RINT((int64_t)i + 1));
        struct audit_change ch[] = {{"position", rstore_num(a, old), rstore_num(a, (int64_t)i + 1)}};
        if (rc == 0) rc = audit_write(db, actor, ip, "update", entity, ids[i], ch, 1);
    }
    arena_free(a);
    return rc;
}

static void id_fill(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    *(int64_t *)item = db_col_int(st, 0);
}

int rstore_move(dv_db *db, const struct dv_user *actor, const char *ip, const char *entity, const char *scope_sql,
                const char *list_sql, const char *update_sql, int64_t id, int dir)
{
    int rc = db_begin(db);
    if (rc) return rc;
    int64_t scope = 0;
    rc = rstore_get_by_id(db, NULL, scope_sql, id, id_fill, &scope);
    if (rc == 0) rc = rstore_positions(db, actor, ip, entity, list_sql, update_sql, scope, id, dir);
    return rstore_tx_end(db, rc);
}
