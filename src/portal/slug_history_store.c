/* slug_history_store.c - where an old address of an article or a category leads now: the current
 * slug of the published article or visible category that once had the slug (kept by the
 * triggers of 0010_slug_history.sql). */
#include "portal/article.h"

#include "core/err.h"

static const char *SQL_ARTICLE_NOW =
    "SELECT a.slug FROM slug_history h JOIN articles a ON a.id = h.target_id "
    "WHERE h.kind = 'article' AND h.old_slug = ?1 AND a.status = 'published'";
static const char *SQL_CATEGORY_NOW =
    "SELECT c.slug FROM slug_history h JOIN categories c ON c.id = h.target_id "
    "WHERE h.kind = 'category' AND h.old_slug = ?1 AND c.hidden = 0";

static int slug_now(dv_db *db, dv_arena *a, const char *sql, const char *old, const char **now)
{
    *now = NULL;
    if (!old) return DV_ENOTFOUND;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, old);
    int rc = db_step(st);
    if (rc == DB_ROW) *now = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (rc < 0) return rc;
    return *now ? DV_OK : DV_ENOTFOUND;
}

int article_slug_now(dv_db *db, dv_arena *a, const char *old, const char **now)
{
    return slug_now(db, a, SQL_ARTICLE_NOW, old, now);
}

int category_slug_now(dv_db *db, dv_arena *a, const char *old, const char **now)
{
    return slug_now(db, a, SQL_CATEGORY_NOW, old, now);
}
