/* article_store.c - the SQL of portal articles: the editors' writes (create, update, each
 * in one transaction with an article_history snapshot and an audit row) and the reads of
 * the desk and the public pages. The workflow transitions and scheduled publication are
 * article_workflow_store.c. */
#include "portal/article.h"
#include "portal/article_store_internal.h"

#include "core/buf.h"
#include "db/store_util.h"
#include "core/err.h"
#include "org/audit.h"
#include "portal/portal.h"
#include "portal/portal_access.h"
#include "portal/portal_version.h"
#include "text/text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ART_COLS                                                                              \
    "a.id, a.slug, a.title, a.lead, a.body_md, a.body_html, a.status, a.featured, a.publish_at, " \
    "a.published_at, a.created_at, a.updated_at, COALESCE(a.created_by, 0), COALESCE(a.unit_id, 0), " \
    "a.view_count, a.version"

void article_now_iso(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void read_row(dv_stmt *st, dv_arena *a, struct article *o)
{
    memset(o, 0, sizeof *o);
    o->id = db_col_int(st, 0);
    o->slug = arena_strdup(a, db_col_text(st, 1));
    o->title = arena_strdup(a, db_col_text(st, 2));
    o->lead = arena_strdup(a, db_col_text(st, 3));
    o->body_md = arena_strdup(a, db_col_text(st, 4));
    o->body_html = arena_strdup(a, db_col_text(st, 5));
    enum article_status s = ART_DRAFT;
    article_status_parse(db_col_text(st, 6), &s);
    o->status = s;
    o->featured = (int)db_col_int(st, 7);
    o->publish_at = arena_strdup(a, db_col_text(st, 8));
    o->published_at = arena_strdup(a, db_col_text(st, 9));
    o->created_at = arena_strdup(a, db_col_text(st, 10));
    o->updated_at = arena_strdup(a, db_col_text(st, 11));
    o->created_by = db_col_int(st, 12);
    o->unit_id = db_col_int(st, 13);
    o->view_count = db_col_int(st, 14);
    o->version = db_col_int(st, 15);
}

/* ---- the parts of an article: authors, photos, categories, tags -------------------- */

static const char *SQL_AUTHORS =
    "SELECT name, unit_label FROM article_authors WHERE article_id = ?1 ORDER BY position";
static const char *SQL_PHOTOS =
    "SELECT p.media_id, p.caption, p.alt, m.width, m.height FROM article_photos p "
    "JOIN media m ON m.id = p.media_id WHERE p.article_id = ?1 ORDER BY p.position";
static const char *SQL_ART_CATEGORIES =
    "SELECT c.id, c.slug, c.name FROM article_categories ac JOIN categories c ON c.id = ac.category_id "
    "WHERE ac.article_id = ?1 ORDER BY c.position, c.id";
static const char *SQL_ART_TAGS =
    "SELECT t.id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
    "WHERE at.article_id = ?1 ORDER BY t.name";

/* Categories or tags: (id, slug, name) rows of sql, its ?1 bound to id when id is not 0.
 * *out is never NULL on success. */
static int load_terms(dv_db *db, dv_arena *a, const char *sql, int64_t id, struct term **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    if (id) db_bind_int(st, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct term *t = &(*out)[(*n)++];
        t->id = db_col_int(st, 0);
        t->slug = arena_strdup(a, db_col_text(st, 1));
        t->name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (!*out) *out = arena_alloc(a, sizeof **out);
    return rc == DB_DONE ? 0 : DV_EDB;
}

static int load_parts(dv_db *db, dv_arena *a, struct article *o)
{
    int rc;
    size_t cap = 0;
    dv_stmt *st = db_prepare(db, SQL_AUTHORS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, o->id);
    while ((rc = db_step(st)) == DB_ROW) {
        o->authors = arena_grow(a, o->authors, o->nauthors, &cap, sizeof *o->authors);
        o->authors[o->nauthors].name = arena_strdup(a, db_col_text(st, 0));
        o->authors[o->nauthors].unit_label = arena_strdup(a, db_col_text(st, 1));
        o->nauthors++;
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;

    cap = 0;
    if (!(st = db_prepare(db, SQL_PHOTOS))) return DV_EDB;
    db_bind_int(st, 1, o->id);
    while ((rc = db_step(st)) == DB_ROW) {
        o->photos = arena_grow(a, o->photos, o->nphotos, &cap, sizeof *o->photos);
        struct article_photo *p = &o->photos[o->nphotos++];
        p->media_id = db_col_int(st, 0);
        p->caption = arena_strdup(a, db_col_text(st, 1));
        p->alt = arena_strdup(a, db_col_text(st, 2));
        p->width = (int)db_col_int(st, 3);
        p->height = (int)db_col_int(st, 4);
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;

    if ((rc = load_terms(db, a, SQL_ART_CATEGORIES, o->id, &o->categories, &o->ncategories)) != 0) return rc;
    return load_terms(db, a, SQL_ART_TAGS, o->id, &o->tags, &o->ntags);
}

static void fill_article(dv_arena *a, dv_stmt *st, void *item)
{
    read_row(st, a, item);
}

/* Step a list query to the end, then load each article's parts. */
static int collect(dv_db *db, dv_stmt *st, dv_arena *a, struct article **out, size_t *n)
{
    size_t cnt = 0;
    struct article *v = NULL;
    int rc = rstore_collect(st, a, sizeof *v, fill_article, (void **)&v, &cnt);
    if (rc != 0) return rc;
    for (size_t i = 0; i < cnt; i++)
        if ((rc = load_parts(db, a, &v[i])) != 0) return rc;
    *out = v ? v : arena_alloc(a, sizeof *v);
    *n = cnt;
    return 0;
}

static int one(dv_db *db, dv_stmt *st, dv_arena *a, struct article *out)
{
    int rc = db_step(st);
    if (rc == DB_ROW) read_row(st, a, out);
    db_done(st);
    if (rc == DB_DONE) return DV_ENOTFOUND;
    if (rc != DB_ROW) return DV_EDB;
    return load_parts(db, a, out);
}

static const char *SQL_GET = "SELECT " ART_COLS " FROM articles a WHERE a.id = ?1";
static const char *SQL_GET_PUBLISHED =
    "SELECT " ART_COLS " FROM articles a WHERE a.slug = ?1 AND a.status = 'published'";

int article_get(dv_db *db, dv_arena *a, int64_t id, struct article *out)
{
    dv_stmt *st = db_prepare(db, SQL_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    return one(db, st, a, out);
}

int article_get_published(dv_db *db, dv_arena *a, const char *slug, struct article *out)
{
    if (!slug) return DV_ENOTFOUND;
    dv_stmt *st = db_prepare(db, SQL_GET_PUBLISHED);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, slug);
    return one(db, st, a, out);
}

#define PUBLISHED_WHERE                                                                          \
    " WHERE a.status = 'published'"                                                              \
    " AND (?1 = 0 OR EXISTS (SELECT 1 FROM article_categories x WHERE x.article_id = a.id AND x.category_id = ?1))" \
    " AND (?2 = 0 OR EXISTS (SELECT 1 FROM article_tags y WHERE y.article_id = a.id AND y.tag_id = ?2))" \
    " AND (?3 = 0 OR a.featured = 1)"
static const char *SQL_LIST_PUBLISHED =
    "SELECT " ART_COLS " FROM articles a" PUBLISHED_WHERE
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?4 OFFSET ?5";
static const char *SQL_COUNT_PUBLISHED = "SELECT count(*) FROM articles a" PUBLISHED_WHERE;

static int count_rows(dv_stmt *st, size_t *total)
{
    int rc = db_step(st);
    if (rc == DB_ROW) *total = (size_t)db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : DV_EDB;
}

int article_list_published(dv_db *db, dv_arena *a, int64_t category_id, int64_t tag_id, int featured_only,
                           size_t offset, size_t limit, struct article **out, size_t *n, size_t *total)
{
    *n = 0;
    if (total) {
        dv_stmt *st = db_prepare(db, SQL_COUNT_PUBLISHED);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, category_id);
        db_bind_int(st, 2, tag_id);
        db_bind_int(st, 3, featured_only ? 1 : 0);
        if (count_rows(st, total)) return DV_EDB;
    }
    dv_stmt *st = db_prepare(db, SQL_LIST_PUBLISHED);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, category_id);
    db_bind_int(st, 2, tag_id);
    db_bind_int(st, 3, featured_only ? 1 : 0);
    db_bind_int(st, 4, (int64_t)limit);
    db_bind_int(st, 5, (int64_t)offset);
    return collect(db, st, a, out, n);
}

#define DESK_WHERE " WHERE (?1 = '' OR a.status = ?1) AND (?2 = 0 OR a.created_by = ?2)"
static const char *SQL_LIST_DESK =
    "SELECT " ART_COLS " FROM articles a" DESK_WHERE " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?3 OFFSET ?4";
static const char *SQL_COUNT_DESK = "SELECT count(*) FROM articles a" DESK_WHERE;

int article_list_desk_by(dv_db *db, dv_arena *a, int status, int64_t created_by, size_t offset, size_t limit,
                         struct article **out, size_t *n, size_t *total)
{
    *n = 0;
    const char *code = status < 0 ? "" : article_status_code((enum article_status)status);
    dv_stmt *st = db_prepare(db, SQL_COUNT_DESK);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, created_by);
    size_t t = 0;
    if (count_rows(st, &t)) return DV_EDB;
    if (total) *total = t;
    if (!(st = db_prepare(db, SQL_LIST_DESK))) return DV_EDB;
    db_bind_text(st, 1, code);
    db_bind_int(st, 2, created_by);
    db_bind_int(st, 3, (int64_t)limit);
    db_bind_int(st, 4, (int64_t)offset);
    return collect(db, st, a, out, n);
}

int article_list_desk(dv_db *db, dv_arena *a, int status, size_t offset, size_t limit, struct article **out,
                      size_t *n, size_t *total)
{
    return article_list_desk_by(db, a, status, 0, offset, limit, out, n, total);
}

static const char *SQL_RELATED =
    "SELECT " ART_COLS " FROM articles a WHERE a.status = 'published' AND a.id <> ?1 AND ("
    "EXISTS (SELECT 1 FROM article_categories x JOIN article_categories y ON y.category_id = x.category_id "
    "WHERE x.article_id = ?1 AND y.article_id = a.id) OR "
    "EXISTS (SELECT 1 FROM article_tags x JOIN article_tags y ON y.tag_id = x.tag_id "
    "WHERE x.article_id = ?1 AND y.article_id = a.id)) "
    "ORDER BY a.published_at DESC, a.id DESC LIMIT ?2";

int article_related(dv_db *db, dv_arena *a, int64_t id, size_t limit, struct article **out, size_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_RELATED);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, (int64_t)limit);
    return collect(db, st, a, out, n);
}

/* Readers and the article form never see a hidden category (category.h). */
static const char *SQL_CATEGORIES = "SELECT id, slug, name FROM categories WHERE hidden = 0 ORDER BY position, id";
static const char *SQL_CATEGORY_BY_SLUG = "SELECT id, slug, name FROM categories WHERE slug = ?1 AND hidden = 0";
static const char *SQL_TAG_BY_SLUG = "SELECT id, slug, name FROM tags WHERE slug = ?1";

int category_list(dv_db *db, dv_arena *a, struct term **out, size_t *n)
{
    return load_terms(db, a, SQL_CATEGORIES, 0, out, n);
}

static int get_named(dv_db *db, dv_arena *a, const char *sql, const char *slug, int64_t *id,
                     const char **s, const char **name)
{
    if (!slug) return DV_ENOTFOUND;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, slug);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        *s = arena_strdup(a, db_col_text(st, 1));
        *name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int category_get_by_slug(dv_db *db, dv_arena *a, const char *slug, struct term *out)
{
    memset(out, 0, sizeof *out);
    return get_named(db, a, SQL_CATEGORY_BY_SLUG, slug, &out->id, &out->slug, &out->name);
}

int tag_get_by_slug(dv_db *db, dv_arena *a, const char *slug, struct term *out)
{
    memset(out, 0, sizeof *out);
    return get_named(db, a, SQL_TAG_BY_SLUG, slug, &out->id, &out->slug, &out->name);
}

static const char *SQL_HISTORY =
    "SELECT h.version, h.at, COALESCE(u.full_name, u.username, 'system'), h.action, h.snapshot "
    "FROM article_history h LEFT JOIN users u ON u.id = h.user_id WHERE h.article_id = ?1 "
    "ORDER BY h.id DESC";

int article_history(dv_db *db, dv_arena *a, int64_t id, struct history_entry **out, size_t *n)
{
    *n = 0;
    *out = NULL;
    dv_stmt *st = db_prepare(db, SQL_HISTORY);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct history_entry *h = &(*out)[(*n)++];
        h->version = db_col_int(st, 0);
        h->at = arena_strdup(a, db_col_text(st, 1));
        h->actor = arena_strdup(a, db_col_text(st, 2));
        h->action = arena_strdup(a, db_col_text(st, 3));
        h->snapshot = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    if (!*out) *out = arena_alloc(a, sizeof **out);
    return rc == DB_DONE ? 0 : DV_EDB;
}

/* ---- slugs -------------------------------------------------------------------------- */

static const char *SQL_SLUG_TAKEN = "SELECT 1 FROM articles WHERE slug = ?1 AND id <> ?2";

int article_slug_taken(dv_db *db, const char *slug, int64_t except_id, int *taken)
{
    *taken = 0;
    dv_stmt *st = db_prepare(db, SQL_SLUG_TAKEN);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, slug);
    db_bind_int(st, 2, except_id);
    int rc = db_step(st);
    db_done(st);
    if (rc == DB_ROW) *taken = 1;
    return rc == DB_ROW || rc == DB_DONE ? 0 : DV_EDB;
}

/* The slug to store (malloc'd). Typed: slugged, and DV_ECONFLICT when another article has
 * it. From the title: -2, -3 … appended until free. */
static int choose_slug(dv_db *db, const char *typed, const char *title, int64_t except_id, char **out)
{
    *out = NULL;
    int taken, rc;
    if (typed && *typed) {
        char *s = text_slug(typed);
        if (!s || !*s) {
            free(s);
            return DV_EINVAL;
        }
        if ((rc = article_slug_taken(db, s, except_id, &taken)) != 0 || taken) {
            free(s);
            return rc ? rc : DV_ECONFLICT;
        }
        *out = s;
        return 0;
    }
    char *base = text_slug(title ? title : "");
    if (!base) return DV_EINVAL;
    if (!*base) {
        free(base);
        base = xstrdup("bai-viet");
    }
    char *s = xstrdup(base);
    for (int i = 2; i < 10000; i++) {
        if ((rc = article_slug_taken(db, s, except_id, &taken)) != 0) break;
        if (!taken) {
            free(base);
            *out = s;
            return 0;
        }
        free(s);
        size_t len = strlen(base) + 16;
        s = xmalloc(len);
        snprintf(s, len, "%s-%d", base, i);
    }
    free(s);
    free(base);
    return rc ? rc : DV_ECONFLICT;
}

/* ---- writes ------------------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The article as it now stands, for article_history. Caller frees. */
static char *snapshot(const struct article *o, const char *comment)
{
    json_t *j = json_object();
    json_object_set_new(j, "title", jstr(o->title));
    json_object_set_new(j, "slug", jstr(o->slug));
    json_object_set_new(j, "lead", jstr(o->lead));
    json_object_set_new(j, "body_md", jstr(o->body_md));
    json_object_set_new(j, "status", json_string(article_status_code(o->status)));
    json_object_set_new(j, "featured", json_boolean(o->featured));
    json_object_set_new(j, "publish_at", jstr(o->publish_at));
    json_object_set_new(j, "published_at", jstr(o->published_at));
    json_t *arr = json_array();
    for (size_t i = 0; i < o->nauthors; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "name", jstr(o->authors[i].name));
        json_object_set_new(x, "unit", jstr(o->authors[i].unit_label));
        json_array_append_new(arr, x);
    }
    json_object_set_new(j, "authors", arr);
    arr = json_array();
    for (size_t i = 0; i < o->ncategories; i++) json_array_append_new(arr, json_string(o->categories[i].slug));
    json_object_set_new(j, "categories", arr);
    arr = json_array();
    for (size_t i = 0; i < o->ntags; i++) json_array_append_new(arr, json_string(o->tags[i].name));
    json_object_set_new(j, "tags", arr);
    arr = json_array();
    for (size_t i = 0; i < o->nphotos; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "media_id", json_integer(o->photos[i].media_id));
        json_object_set_new(x, "caption", jstr(o->photos[i].caption));
        json_object_set_new(x, "alt", jstr(o->photos[i].alt));
        json_array_append_new(arr, x);
    }
    json_object_set_new(j, "photos", arr);
    if (comment && *comment) json_object_set_new(j, "comment", json_string(comment));
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    return s;
}

static const char *SQL_HISTORY_INSERT =
    "INSERT INTO article_history (article_id, version, user_id, action, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Inside the transaction: the history row (from the article re-read) and the audit row. */
int article_record(dv_db *db, const struct dv_user *actor, int64_t id, const char *action, const char *comment,
                   const struct article *before)
{
    dv_arena *a = arena_new();
    struct article now;
    int rc = article_get(db, a, id, &now);
    if (rc) goto out;
    char *snap = snapshot(&now, comment);
    dv_stmt *st = db_prepare(db, SQL_HISTORY_INSERT);
    if (!st) {
        free(snap);
        rc = DV_EDB;
        goto out;
    }
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, now.version);
    if (actor) db_bind_int(st, 3, actor->id);
    else db_bind_null(st, 3);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, snap);
    rc = db_exec(st);
    free(snap);
    if (rc) goto out;
    char v0[24] = "", v1[24];
    if (before) snprintf(v0, sizeof v0, "%lld", (long long)before->version);
    snprintf(v1, sizeof v1, "%lld", (long long)now.version);
    struct audit_change ch[] = {
        {"title", before ? before->title : NULL, now.title},
        {"slug", before ? before->slug : NULL, now.slug},
        {"status", before ? article_status_code(before->status) : NULL, article_status_code(now.status)},
        {"publish_at", before ? before->publish_at : NULL, now.publish_at},
        {"version", before ? v0 : NULL, v1},
        {"comment", NULL, comment && *comment ? comment : NULL},
    };
    rc = actor ? audit_write(db, actor, NULL, action, "article", id, ch, sizeof ch / sizeof *ch)
               : audit_write_named(db, 0, "scheduler", NULL, action, "article", id, ch, sizeof ch / sizeof *ch);
out:
    arena_free(a);
    return rc;
}

static const char *SQL_DEL_AUTHORS = "DELETE FROM article_authors WHERE article_id = ?1";
static const char *SQL_DEL_CATEGORIES = "DELETE FROM article_categories WHERE article_id = ?1";
static const char *SQL_DEL_TAGS = "DELETE FROM article_tags WHERE article_id = ?1";
static const char *SQL_DEL_PHOTOS = "DELETE FROM article_photos WHERE article_id = ?1";
static const char *SQL_ADD_AUTHOR =
    "INSERT INTO article_authors (article_id, position, name, unit_label) VALUES (?1, ?2, ?3, ?4)";
static const char *SQL_ADD_CATEGORY =
    "INSERT INTO article_categories (article_id, category_id) SELECT ?1, id FROM categories WHERE id = ?2 "
    "ON CONFLICT DO NOTHING";
static const char *SQL_TAG_ENSURE = "INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
static const char *SQL_ADD_TAG =
    "INSERT INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE slug = ?2 "
    "ON CONFLICT DO NOTHING";
static const char *SQL_ADD_PHOTO =
    "INSERT INTO article_photos (article_id, position, media_id, caption, alt) "
    "SELECT ?1, ?2, id, ?3, ?4 FROM media WHERE id = ?5";

static int exec_id(dv_db *db, const char *sql, int64_t id)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    return db_exec(st);
}

static const char *nz(const char *s)
{
    return s && *s ? s : NULL;
}

/* Replace the authors, categories, tags and photos of id with in's. */
static int write_parts(dv_db *db, int64_t id, const struct article_input *in)
{
    const char *dels[] = {SQL_DEL_AUTHORS, SQL_DEL_CATEGORIES, SQL_DEL_TAGS, SQL_DEL_PHOTOS};
    int rc;
    for (size_t i = 0; i < 4; i++)
        if ((rc = exec_id(db, dels[i], id)) != 0) return rc;
    dv_stmt *st;
    int pos = 0;
    for (size_t i = 0; i < in->nauthors; i++) {
        if (!nz(in->authors[i].name)) continue;
        if (!(st = db_prepare(db, SQL_ADD_AUTHOR))) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, pos++);
        db_bind_text(st, 3, in->authors[i].name);
        db_bind_text(st, 4, nz(in->authors[i].unit_label));
        if ((rc = db_exec(st)) != 0) return rc;
    }
    for (size_t i = 0; i < in->ncategories; i++) {
        if (!(st = db_prepare(db, SQL_ADD_CATEGORY))) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, in->category_ids[i]);
        if ((rc = db_exec(st)) != 0) return rc;
    }
    for (size_t i = 0; i < in->ntags; i++) {
        char *slug = text_slug(in->tag_names[i] ? in->tag_names[i] : "");
        if (!slug || !*slug) {
            free(slug);
            continue;
        }
        if (!(st = db_prepare(db, SQL_TAG_ENSURE))) rc = DV_EDB;
        else {
            db_bind_text(st, 1, slug);
            db_bind_text(st, 2, in->tag_names[i]);
            rc = db_exec(st);
        }
        if (rc == 0) {
            if (!(st = db_prepare(db, SQL_ADD_TAG))) rc = DV_EDB;
            else {
                db_bind_int(st, 1, id);
                db_bind_text(st, 2, slug);
                rc = db_exec(st);
            }
        }
        free(slug);
        if (rc) return rc;
    }
    pos = 0;
    for (size_t i = 0; i < in->nphotos; i++) {
        if (!(st = db_prepare(db, SQL_ADD_PHOTO))) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, pos);
        db_bind_text(st, 3, nz(in->photos[i].caption));
        db_bind_text(st, 4, in->photos[i].alt ? in->photos[i].alt : "");
        db_bind_int(st, 5, in->photos[i].media_id);
        if ((rc = db_exec(st)) != 0) return rc;
        if (db_changes(db) > 0) pos++;
    }
    return 0;
}

static const char *SQL_INSERT =
    "INSERT INTO articles (slug, title, lead, body_md, body_html, featured, created_by, unit_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";

static int input_ok(const struct article_input *in)
{
    return in && in->title && *in->title && text_valid_utf8(in->title, strlen(in->title)) &&
           (!in->body_md || text_valid_utf8(in->body_md, strlen(in->body_md)));
}

int article_create(dv_db *db, const struct dv_user *actor, const struct article_input *in, int64_t *id_out)
{
    if (!portal_can_create(actor)) return DV_EDENIED;
    if (!input_ok(in)) return DV_EINVAL;
    char *html = markdown_to_safe_html(in->body_md ? in->body_md : "");
    char *slug = NULL;
    struct portal_write pw;
    int rc = db_begin(db);
    if (rc) goto out;
    portal_write_begin(db, &pw);
    if ((rc = choose_slug(db, in->slug, in->title, 0, &slug)) != 0) goto fail;
    dv_stmt *st = db_prepare(db, SQL_INSERT);
    if (!st) {
        rc = DV_EDB;
        goto fail;
    }
    db_bind_text(st, 1, slug);
    db_bind_text(st, 2, in->title);
    db_bind_text(st, 3, in->lead ? in->lead : "");
    db_bind_text(st, 4, in->body_md ? in->body_md : "");
    db_bind_text(st, 5, html);
    db_bind_int(st, 6, in->featured ? 1 : 0);
    db_bind_int(st, 7, actor->id);
    if (in->unit_id) db_bind_int(st, 8, in->unit_id);
    else db_bind_int(st, 8, actor->unit_id);
    int64_t id;
    if ((rc = db_exec_id(st, &id)) != 0) goto fail;
    if ((rc = write_parts(db, id, in)) != 0) goto fail;
    if ((rc = article_record(db, actor, id, "create", NULL, NULL)) != 0) goto fail;
    if ((rc = portal_write_commit(db, &pw)) != 0) goto fail;
    if (id_out) *id_out = id;
    goto out;
fail:
    db_rollback(db);
out:
    free(slug);
    free(html);
    return rc;
}

static const char *SQL_UPDATE =
    "UPDATE articles SET slug = ?3, title = ?4, lead = ?5, body_md = ?6, body_html = ?7, featured = ?8, "
    "unit_id = COALESCE(?9, unit_id), version = version + 1, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1 AND version = ?2";

int article_update(dv_db *db, const struct dv_user *actor, int64_t id, const struct article_input *in)
{
    if (!portal_can_use_desk(actor)) return DV_EDENIED;
    if (!input_ok(in)) return DV_EINVAL;
    dv_arena *a = arena_new();
    char *html = markdown_to_safe_html(in->body_md ? in->body_md : "");
    char *slug = NULL;
    int was_public = 0;
    struct portal_write pw;
    int rc = db_begin(db);
    if (rc) goto out;
    portal_write_begin(db, &pw);
    struct article cur;
    if ((rc = article_get(db, a, id, &cur)) != 0) goto fail;
    if (!portal_can_edit(actor, &cur)) {
        rc = DV_EDENIED;
        goto fail;
    }
    if (cur.version != in->version) {
        rc = DV_ECONFLICT;
        goto fail;
    }
    was_public = cur.status == ART_PUBLISHED;
    if (nz(in->slug)) rc = choose_slug(db, in->slug, in->title, id, &slug);
    else slug = xstrdup(cur.slug);
    if (rc) goto fail;
    dv_stmt *st = db_prepare(db, SQL_UPDATE);
    if (!st) {
        rc = DV_EDB;
        goto fail;
    }
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, in->version);
    db_bind_text(st, 3, slug);
    db_bind_text(st, 4, in->title);
    db_bind_text(st, 5, in->lead ? in->lead : "");
    db_bind_text(st, 6, in->body_md ? in->body_md : "");
    db_bind_text(st, 7, html);
    db_bind_int(st, 8, in->featured ? 1 : 0);
    if (in->unit_id) db_bind_int(st, 9, in->unit_id);
    else db_bind_null(st, 9);
    if ((rc = db_exec(st)) != 0) goto fail;
    if (db_changes(db) != 1) {
        rc = DV_ECONFLICT;
        goto fail;
    }
    if ((rc = write_parts(db, id, in)) != 0) goto fail;
    if ((rc = article_record(db, actor, id, "update", NULL, &cur)) != 0) goto fail;
    if ((rc = portal_write_commit(db, &pw)) != 0) goto fail;
    if (was_public) portal_changed(id);
    goto out;
fail:
    db_rollback(db);
out:
    free(slug);
    free(html);
    arena_free(a);
    return rc;
}
