/* seed_store.c - SQL for demo content only: an imported article keeps its real publication
 * date. article_publish() stamps "now"; the seed article was published on 28/05/2020, so
 * after publishing it through the store (history and audit written) its dates and its
 * history rows are moved back to that moment, in one transaction. */
#include "portal/seed.h"

#include "core/err.h"

static const char *SQL_BACKDATE_ARTICLE =
    "UPDATE articles SET published_at = ?2, created_at = ?2, updated_at = ?2 WHERE id = ?1";
static const char *SQL_BACKDATE_HISTORY = "UPDATE article_history SET at = ?2 WHERE article_id = ?1";

int portal_seed_backdate(dv_db *db, int64_t article_id, const char *iso)
{
    if (db_begin(db)) return DV_EDB;
    const char *sqls[] = {SQL_BACKDATE_ARTICLE, SQL_BACKDATE_HISTORY};
    for (int i = 0; i < 2; i++) {
        dv_stmt *st = db_prepare(db, sqls[i]);
        if (!st) goto fail;
        db_bind_int(st, 1, article_id);
        db_bind_text(st, 2, iso);
        if (db_exec(st) < 0) goto fail;
    }
    if (db_commit(db)) goto fail;
    return DV_OK;
fail:
    db_rollback(db);
    return DV_EDB;
}
