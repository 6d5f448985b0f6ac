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

/* Every URL after the static pages, in sitemap order, with its last change: an article's
 * updated_at; a category's or tag's, that of the newest change among its published articles. */
#define SITEMAP_ROWS                                                                             \
    " SELECT 0 AS k, position AS o1, id AS o2, '/chuyen-muc/' || slug AS path,"                  \
    "  (SELECT max(a.updated_at) FROM article_categories x JOIN articles a ON a.id = x.article_id" \
    "   WHERE x.category_id = categories.id AND a.status = 'published') AS lastmod"              \
    " FROM categories WHERE hidden = 0"                                                          \
    " UNION ALL"                                                                                 \
    " SELECT 1, 0, id, '/the/' || slug, (SELECT max(a.updated_at) FROM article_tags t"           \
    "   JOIN articles a ON a.id = t.article_id WHERE t.tag_id = tags.id AND a.status = 'published')" \
    " FROM tags WHERE EXISTS (SELECT 1 FROM article_tags t"                                      \
    "   JOIN articles a ON a.id = t.article_id WHERE t.tag_id = tags.id AND a.status = 'published')" \
    " UNION ALL"                                                                                 \
    " SELECT 2, 0, id, '/bai-viet/' || slug, updated_at FROM articles WHERE status = 'published'"
static const char *SQL_URLS =
    "SELECT path, lastmod FROM (" SITEMAP_ROWS ") AS r ORDER BY k, o1, o2 LIMIT ?1 OFFSET ?2";
/* The newest change of each sitemap file of ?1 URLs (the static pages, ?2 of them, first). */
static const char *SQL_FILE_LASTMOD =
    "SELECT (n - 1) / ?1, max(lastmod) FROM ("
    " SELECT row_number() OVER (ORDER BY k, o1, o2) + ?2 AS n, lastmod FROM (" SITEMAP_ROWS ") AS r) AS f"
    " GROUP BY 1 ORDER BY 1";
/* The home page changes with any published article. */
static const char *SQL_HOME_LASTMOD = "SELECT max(updated_at) FROM articles WHERE status = 'published'";

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

static int home_lastmod(dv_db *db, dv_arena *a, const char **out)
{
    *out = NULL;
    dv_stmt *st = db_prepare(db, SQL_HOME_LASTMOD);
    if (!st) return DV_EDB;
    int rc = db_step(st);
    if (rc == DB_ROW && db_col_text(st, 0)) *out = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int public_sitemap_lastmods(dv_db *db, dv_arena *a, size_t per_file, size_t nfiles, const char ***out)
{
    const char **lm = arena_alloc(a, (nfiles ? nfiles : 1) * sizeof *lm);
    memset(lm, 0, (nfiles ? nfiles : 1) * sizeof *lm);
    *out = lm;
    if (!nfiles || !per_file) return DV_OK;
    if (home_lastmod(db, a, &lm[0])) return DV_EDB; /* the first file holds the home page */
    dv_stmt *st = db_prepare(db, SQL_FILE_LASTMOD);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, (int64_t)per_file);
    db_bind_int(st, 2, (int64_t)NSTATIC);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t f = db_col_int(st, 0);
        const char *m = db_col_text(st, 1);
        if (f < 0 || (size_t)f >= nfiles || !m) continue;
        if (!lm[f] || strcmp(m, lm[f]) > 0) lm[f] = arena_strdup(a, m);
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

int public_sitemap_urls(dv_db *db, dv_arena *a, size_t offset, size_t limit, struct sitemap_url **out, size_t *n)
{
    *out = arena_alloc(a, (limit ? limit : 1) * sizeof **out);
    *n = 0;
    const char *home = NULL;
    if (offset == 0 && limit > 0 && home_lastmod(db, a, &home)) return DV_EDB;
    for (size_t i = offset; i < NSTATIC && *n < limit; i++)
        (*out)[(*n)++] = (struct sitemap_url){static_pages[i], i == 0 ? home : NULL};
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
