/* public_store.c - the SQL of the public pages beyond article.h: the sitemap's URL list and
 * the batched view-count write. */
#include "portal/public.h"

#include "core/err.h"

#include <string.h>

/* The static pages come first in the sitemap; they need no query. */
static const char *const static_pages[] = {"/", "/gioi-thieu", "/en/about"};
#define NSTATIC (sizeof static_pages / sizeof *static_pages)

static const char *SQL_COUNT =
    "SELECT (SELECT count(*) FROM categories WHERE hidden = 0)"
    " + (SELECT count(*) FROM tags WHERE EXISTS (SELECT 1 FROM article_tags t JOIN articles a"
    "     ON a.id = t.article_id WHERE t.tag_id = tags.id AND a.status = 'published'))"
    " + (SELECT count(*) FROM articles WHERE status = 'published')";

static const char *SQL_URLS =
    "SELECT path, lastmod FROM ("
    " SELECT 0 AS k, position AS o1, id AS o2, '/chuyen-muc/' || slug AS path, NULL AS lastmod FROM categories WHERE hidden = 0"
    " UNION ALL"
    " SELECT 1, 0, id, '/the/' || slug, NULL FROM tags WHERE EXISTS (SELECT 1 FROM article_tags t"
    "   JOIN articles a ON a.id = t.article_id WHERE t.tag_id = tags.id AND a.status = 'published')"
    " UNION ALL"
    " SELECT 2, 0, id, '/bai-viet/' || slug, updated_at FROM articles WHERE status = 'published'"
    ") ORDER BY k, o1, o2 LIMIT ?1 OFFSET ?2";

static const char *SQL_VIEWS_ADD = "UPDATE articles SET view_count = view_count + ?2 WHERE id = ?1";

int public_sitemap_count(dv_db *db, size_t *total)
{
    *total = NSTATIC;
    dv_stmt *st = db_prepare(db, SQL_COUNT);
    if (!st) return DV_EDB;
    int rc = db_step(st);
    if (rc == DB_ROW) *total += (size_t)db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int public_sitemap_urls(dv_db *db, dv_arena *a, size_t offset, size_t limit, struct sitemap_url **out, size_t *n)
{
    *out = arena_alloc(a, (limit ? limit : 1) * sizeof **out);
    *n = 0;
    for (size_t i = offset; i < NSTATIC && *n < limit; i++) (*out)[(*n)++] = (struct sitemap_url){static_pages[i], NULL};
    if (*n == limit) return DV_OK;
    size_t skip = offset > NSTATIC ? offset - NSTATIC : 0;
    dv_stmt *st = db_prepare(db, SQL_URLS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, (int64_t)(limit - *n));
    db_bind_int(st, 2, (int64_t)skip);
    int rc;
    while ((rc = db_step(st)) == DB_ROW && *n < limit) {
        (*out)[*n].path = arena_strdup(a, db_col_text(st, 0));
        (*out)[*n].lastmod = arena_strdup(a, db_col_text(st, 1));
        (*n)++;
    }
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int public_views_add(dv_db *db, const int64_t *ids, const int64_t *counts, size_t n)
{
    dv_stmt *st = db_prepare(db, SQL_VIEWS_ADD);
    if (!st || db_begin(db)) return DV_EDB;
    for (size_t i = 0; i < n; i++) {
        db_bind_int(st, 1, ids[i]);
        db_bind_int(st, 2, counts[i]);
        int rc = db_exec(st);
        if (rc) {
            db_rollback(db);
            return rc;
        }
    }
    if (db_commit(db)) {
        db_rollback(db);
        return DV_EDB;
    }
    return DV_OK;
}
