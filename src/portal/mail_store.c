/* mail_store.c - SQL of the mail_sends log (see mail_store.h). Rows older than a day are
 * pruned on every reservation, so the table stays small. */
#include "portal/mail_store.h"

#include "core/err.h"

static const char *SQL_COUNT =
    "SELECT count(*), coalesce(sum(CASE WHEN at > ?2 THEN 1 ELSE 0 END), 0) FROM mail_sends WHERE ip = ?1 AND at > ?3";
static const char *SQL_INSERT =
    "INSERT INTO mail_sends(at, ip, recipient, article_id) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char *SQL_PRUNE = "DELETE FROM mail_sends WHERE at <= ?1";
static const char *SQL_DELETE = "DELETE FROM mail_sends WHERE id = ?1";

#define DAY_S 86400

int mail_store_reserve(dv_db *db, const struct mail_limit *lim, const char *ip, const char *recipient,
                       int64_t article_id, int64_t now, int64_t *id_out)
{
    *id_out = 0;
    if (db_begin(db)) return DV_EDB;
    int rc = DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_PRUNE);
    if (!st) goto fail;
    db_bind_int(st, 1, now - DAY_S);
    if (db_exec(st) < 0) goto fail;

    if (!(st = db_prepare(db, SQL_COUNT))) goto fail;
    db_bind_text(st, 1, ip);
    db_bind_int(st, 2, now - lim->short_window_s);
    db_bind_int(st, 3, now - DAY_S);
    if (db_step(st) != DB_ROW) {
        db_done(st);
        goto fail;
    }
    int64_t day = db_col_int(st, 0), recent = db_col_int(st, 1);
    db_done(st);
    if (day >= lim->day_max || recent >= lim->short_max) {
        rc = DV_EBUSY;
        goto fail;
    }

    if (!(st = db_prepare(db, SQL_INSERT))) goto fail;
    db_bind_int(st, 1, now);
    db_bind_text(st, 2, ip);
    db_bind_text(st, 3, recipient);
    if (article_id > 0) db_bind_int(st, 4, article_id);
    else db_bind_null(st, 4);
    if (db_exec_id(st, id_out) < 0) goto fail;
    if (db_commit(db)) goto fail;
    return DV_OK;
fail:
    db_rollback(db);
    *id_out = 0;
    return rc;
}

int mail_store_release(dv_db *db, int64_t id)
{
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_DELETE);
    if (!st) {
        db_rollback(db);
        return DV_EDB;
    }
    db_bind_int(st, 1, id);
    if (db_exec(st) < 0 || db_commit(db)) {
        db_rollback(db);
        return DV_EDB;
    }
    return DV_OK;
}
