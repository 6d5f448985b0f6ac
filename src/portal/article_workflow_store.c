/* article_workflow_store.c - the SQL of an article's workflow: submit, publish, return,
 * archive (each in one transaction with its article_history snapshot and audit row, checked
 * against the version the editor saw) and the scheduled publication of due articles. */
#include "portal/article.h"
#include "portal/article_store_internal.h"

#include "core/err.h"
#include "org/audit.h"
#include "portal/portal.h"
#include "portal/portal_access.h"
#include "portal/portal_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- workflow ----------------------------------------------------------------------- */

/* ?6: a publication date in the past (an article that first appeared elsewhere) becomes
 * its publication and last-change date; otherwise the first publication stays. */
static const char *SQL_SET_STATUS =
    "UPDATE articles SET status = ?3, publish_at = ?4, "
    "published_at = CASE WHEN ?3 = 'published' THEN COALESCE(?6, published_at, ?5) ELSE published_at END, "
    "version = version + 1, updated_at = COALESCE(?6, strftime('%Y-%m-%dT%H:%M:%SZ','now')) "
    "WHERE id = ?1 AND version = ?2";

/* 1 when s is exactly "YYYY-MM-DDTHH:MM:SSZ" naming a real moment. */
static int iso_utc_valid(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char z = 0, extra = 0;
    if (strlen(s) != 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &extra) != 7 || z != 'Z')
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    char back[21];
    gmtime_r(&t, &tm);
    strftime(back, sizeof back, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return strcmp(back, s) == 0;
}

int article_publish_date_check(const char *publish_at)
{
    if (!publish_at || !*publish_at) return DV_OK;
    if (!iso_utc_valid(publish_at) || strcmp(publish_at, ARTICLE_EARLIEST_PUBLISHED) < 0) return DV_EINVAL;
    return DV_OK;
}

enum op { OP_SUBMIT, OP_PUBLISH, OP_RETURN, OP_ARCHIVE };

static int transition(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version, enum op op,
                      const char *publish_at, const char *comment)
{
    if (!portal_can_use_desk(actor)) return DV_EDENIED;
    if (op != OP_SUBMIT && !portal_can_publish(actor)) return DV_EDENIED;
    if (op == OP_PUBLISH && article_publish_date_check(publish_at)) return DV_EINVAL;
    char now[21];
    article_now_iso(now);
    dv_arena *a = arena_new();
    int changed_public = 0;
    struct portal_write pw;
    int rc = db_begin(db);
    if (rc) goto out;
    portal_write_begin(db, &pw);
    struct article cur;
    if ((rc = article_get(db, a, id, &cur)) != 0) goto fail;
    if (op == OP_SUBMIT && !portal_can_submit(actor, &cur)) {
        rc = portal_can_edit(actor, &cur) || portal_can_publish(actor) ? DV_ECONFLICT : DV_EDENIED;
        goto fail;
    }
    if (cur.version != version) {
        rc = DV_ECONFLICT;
        goto fail;
    }
    enum article_status to = cur.status;
    const char *at = NULL;       /* the new publish_at */
    const char *past_date = NULL;  /* a publication date in the past */
    const char *action = NULL;
    switch (op) {
    case OP_SUBMIT:
        to = ART_PENDING;
        action = "submit";
        break;
    case OP_PUBLISH:
        if (cur.status == ART_PUBLISHED) {
            rc = DV_ECONFLICT;
            goto fail;
        }
        if (publish_at && *publish_at && strcmp(publish_at, now) > 0) {
            to = ART_PENDING;
            at = publish_at;
            action = "schedule";
        } else {
            to = ART_PUBLISHED;
            past_date = publish_at && *publish_at ? publish_at : NULL;
            action = cur.status == ART_ARCHIVED ? "restore" : "publish";
        }
        break;
    case OP_RETURN:
        if (cur.status != ART_PENDING) {
            rc = DV_ECONFLICT;
            goto fail;
        }
        to = ART_DRAFT;
        action = "return";
        break;
    case OP_ARCHIVE:
        if (cur.status == ART_ARCHIVED) {
            rc = DV_ECONFLICT;
            goto fail;
        }
        to = ART_ARCHIVED;
        action = "archive";
        break;
    }
    changed_public = cur.status == ART_PUBLISHED || to == ART_PUBLISHED;
    dv_stmt *st = db_prepare(db, SQL_SET_STATUS);
    if (!st) {
        rc = DV_EDB;
        goto fail;
    }
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, version);
    db_bind_text(st, 3, article_status_code(to));
    db_bind_text(st, 4, at);
    db_bind_text(st, 5, now);
    db_bind_text(st, 6, past_date);
    if ((rc = db_exec(st)) != 0) goto fail;
    if (db_changes(db) != 1) {
        rc = DV_ECONFLICT;
        goto fail;
    }
    if ((rc = article_record(db, actor, id, action, comment, &cur)) != 0) goto fail;
    if ((rc = portal_write_commit(db, &pw)) != 0) goto fail;
    if (changed_public) portal_changed(id);
    goto out;
fail:
    db_rollback(db);
out:
    arena_free(a);
    return rc;
}

int article_submit(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version)
{
    return transition(db, actor, id, version, OP_SUBMIT, NULL, NULL);
}

int article_publish(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version, const char *publish_at)
{
    return transition(db, actor, id, version, OP_PUBLISH, publish_at, NULL);
}

int article_return(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version, const char *comment)
{
    return transition(db, actor, id, version, OP_RETURN, NULL, comment);
}

int article_archive(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version)
{
    return transition(db, actor, id, version, OP_ARCHIVE, NULL, NULL);
}

/* Scheduled publication: pending articles whose publish_at has come. A cheap read first,
 * so the lazy callers on public requests take no write lock when nothing is due. */
static const char *SQL_DUE_ANY =
    "SELECT 1 FROM articles WHERE status = 'pending' AND publish_at IS NOT NULL AND publish_at <= ?1 LIMIT 1";
static const char *SQL_DUE =
    "SELECT id, version FROM articles WHERE status = 'pending' AND publish_at IS NOT NULL AND publish_at <= ?1 "
    "ORDER BY publish_at, id LIMIT 100";
static const char *SQL_PUBLISH_DUE =
    "UPDATE articles SET status = 'published', published_at = COALESCE(published_at, publish_at), "
    "publish_at = NULL, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
    "WHERE id = ?1 AND version = ?2";

int article_publish_due(dv_db *db, int *count)
{
    if (count) *count = 0;
    char now[21];
    article_now_iso(now);
    dv_stmt *st = db_prepare(db, SQL_DUE_ANY);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, now);
    int rc = db_step(st);
    db_done(st);
    if (rc == DB_DONE) return 0;
    if (rc != DB_ROW) return DV_EDB;

    int64_t ids[100], versions[100];
    size_t n = 0;
    struct portal_write pw;
    if ((rc = db_begin(db)) != 0) return rc;
    portal_write_begin(db, &pw);
    if (!(st = db_prepare(db, SQL_DUE))) {
        rc = DV_EDB;
        goto fail;
    }
    db_bind_text(st, 1, now);
    while ((rc = db_step(st)) == DB_ROW && n < 100) {
        ids[n] = db_col_int(st, 0);
        versions[n++] = db_col_int(st, 1);
    }
    db_done(st);
    if (rc != DB_DONE && rc != DB_ROW) {
        rc = DV_EDB;
        goto fail;
    }
    dv_arena *a = arena_new();
    rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct article cur;
        if ((rc = article_get(db, a, ids[i], &cur)) != 0) break;
        if (!(st = db_prepare(db, SQL_PUBLISH_DUE))) {
            rc = DV_EDB;
            break;
        }
        db_bind_int(st, 1, ids[i]);
        db_bind_int(st, 2, versions[i]);
        if ((rc = db_exec(st)) != 0) break;
        rc = article_record(db, NULL, ids[i], "publish", NULL, &cur);
    }
    arena_free(a);
    if (rc == 0) rc = portal_write_commit(db, &pw);
    if (rc) goto fail;
    for (size_t i = 0; i < n; i++) portal_changed(ids[i]);
    if (count) *count = (int)n;
    return 0;
fail:
    db_rollback(db);
    return rc;
}
