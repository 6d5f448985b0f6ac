/* media_store.c - all SQL of uploaded images (table media): stored once per SHA-256 with
 * an audit row, read back whole or as the list copy. */
#include "portal/media.h"

#include "core/err.h"
#include "org/audit.h"

#include <stdio.h>
#include <string.h>

static const char *SQL_MEDIA_BY_SHA = "SELECT id FROM media WHERE sha256 = ?1";
static const char *SQL_MEDIA_INSERT =
    "INSERT INTO media (sha256, content_type, width, height, data, thumb, thumb_type, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char *SQL_MEDIA_GET =
    "SELECT id, content_type, sha256, data, width, height FROM media WHERE id = ?1";
static const char *SQL_MEDIA_GET_THUMB =
    "SELECT id, thumb_type, sha256, thumb, width, height FROM media WHERE id = ?1";
static const char *SQL_MEDIA_INFO = "SELECT width, height FROM media WHERE id = ?1";
/* Is the image a photo of a published article, or shown in one's text (its rendering has
 * src="/media/ID" or src="/media/ID/thumb")? */
static const char *SQL_MEDIA_PUBLIC =
    "SELECT EXISTS (SELECT 1 FROM article_photos p JOIN articles a ON a.id = p.article_id "
    "               WHERE p.media_id = ?1 AND a.status = 'published') "
    "    OR EXISTS (SELECT 1 FROM articles WHERE status = 'published' "
    "               AND (instr(body_html, '\"/media/' || ?1 || '\"') > 0 OR instr(body_html, '\"/media/' || ?1 || '/thumb\"') > 0))";
static const char *SQL_MEDIA_OWNER = "SELECT created_by FROM media WHERE id = ?1";

static int find_sha(dv_db *db, const char *sha, int64_t *id)
{
    *id = 0;
    dv_stmt *st = db_prepare(db, SQL_MEDIA_BY_SHA);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, sha);
    int rc = db_step(st);
    if (rc == DB_ROW) *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : DV_EDB;
}

int media_save(dv_db *db, const struct dv_user *actor, const void *data, size_t n, int64_t *id_out)
{
    struct media_image m;
    int rc = media_prepare(data, n, &m);
    if (rc) return rc;
    if ((rc = db_begin(db)) != 0) goto out;
    int64_t id;
    if ((rc = find_sha(db, m.sha256, &id)) != 0) goto fail;
    if (id == 0) {
        dv_stmt *st = db_prepare(db, SQL_MEDIA_INSERT);
        if (!st) {
            rc = DV_EDB;
            goto fail;
        }
        db_bind_text(st, 1, m.sha256);
        db_bind_text(st, 2, m.type);
        db_bind_int(st, 3, m.width);
        db_bind_int(st, 4, m.height);
        db_bind_blob(st, 5, data, n);
        db_bind_blob(st, 6, m.thumb, m.thumb_len);
        db_bind_text(st, 7, m.thumb_type);
        if (actor) db_bind_int(st, 8, actor->id);
        else db_bind_null(st, 8);
        if ((rc = db_exec_id(st, &id)) != 0) goto fail;
        char dims[48];
        snprintf(dims, sizeof dims, "%dx%d", m.width, m.height);
        struct audit_change ch[] = {{"sha256", NULL, m.sha256}, {"content_type", NULL, m.type},
                                    {"size", NULL, dims}};
        if ((rc = audit_write(db, actor, NULL, "create", "media", id, ch, 3)) != 0) goto fail;
    }
    if ((rc = db_commit(db)) != 0) goto fail;
    *id_out = id;
    goto out;
fail:
    db_rollback(db);
out:
    media_image_free(&m);
    return rc;
}

int media_get(dv_db *db, dv_arena *a, int64_t id, int thumb, struct media_blob *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, thumb ? SQL_MEDIA_GET_THUMB : SQL_MEDIA_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->type = arena_strdup(a, db_col_text(st, 1));
        out->sha256 = arena_strdup(a, db_col_text(st, 2));
        size_t len = 0;
        const void *p = db_col_blob(st, 3, &len);
        void *copy = arena_alloc(a, len + 1);
        if (len) memcpy(copy, p, len);
        out->data = copy;
        out->len = len;
        out->width = (int)db_col_int(st, 4);
        out->height = (int)db_col_int(st, 5);
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int media_info(dv_db *db, int64_t id, int *width, int *height)
{
    dv_stmt *st = db_prepare(db, SQL_MEDIA_INFO);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *width = (int)db_col_int(st, 0);
        *height = (int)db_col_int(st, 1);
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int media_is_public(dv_db *db, int64_t id, int *yes)
{
    *yes = 0;
    dv_stmt *st = db_prepare(db, SQL_MEDIA_PUBLIC);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) *yes = db_col_int(st, 0) != 0;
    db_done(st);
    return rc == DB_ROW ? 0 : DV_EDB;
}

int media_owner(dv_db *db, int64_t id, int64_t *user_id)
{
    *user_id = 0;
    dv_stmt *st = db_prepare(db, SQL_MEDIA_OWNER);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) *user_id = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
