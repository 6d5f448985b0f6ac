/* category_store.c - all SQL of the desk's category page (category.h). */
#include "portal/category.h"

#include "core/buf.h"
#include "core/err.h"
#include "org/audit.h"
#include "portal/portal.h"
#include "portal/portal_access.h"
#include "portal/portal_version.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SQL_LIST_ALL =
    "SELECT c.id, c.slug, c.name, c.hidden, (SELECT count(*) FROM article_categories ac WHERE ac.category_id = c.id) "
    "FROM categories c ORDER BY c.position, c.id";
static const char *SQL_GET =
    "SELECT c.id, c.slug, c.name, c.hidden, (SELECT count(*) FROM article_categories ac WHERE ac.category_id = c.id) "
    "FROM categories c WHERE c.id = ?1";
static const char *SQL_SLUG_TAKEN = "SELECT 1 FROM categories WHERE slug = ?1 AND id <> ?2";
static const char *SQL_INSERT =
    "INSERT INTO categories (slug, name, position) VALUES (?1, ?2, (SELECT COALESCE(max(position), 0) + 1 FROM categories)) "
    "RETURNING id";
static const char *SQL_UPDATE = "UPDATE categories SET name = ?2, slug = ?3 WHERE id = ?1";
static const char *SQL_ORDER = "SELECT id FROM categories ORDER BY position, id";
static const char *SQL_SET_POSITION = "UPDATE categories SET position = ?2 WHERE id = ?1";
static const char *SQL_SET_HIDDEN = "UPDATE categories SET hidden = ?2 WHERE id = ?1";

static void read_row(dv_stmt *st, dv_arena *a, struct category_row *c)
{
    c->t.id = db_col_int(st, 0);
    c->t.slug = arena_strdup(a, db_col_text(st, 1));
    c->t.name = arena_strdup(a, db_col_text(st, 2));
    c->hidden = (int)db_col_int(st, 3);
    c->articles = db_col_int(st, 4);
}

int category_list_all(dv_db *db, dv_arena *a, struct category_row **out, size_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_LIST_ALL);
    if (!st) return DV_EDB;
    size_t cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        read_row(st, a, &(*out)[(*n)++]);
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

static int get(dv_db *db, dv_arena *a, int64_t id, struct category_row *out)
{
    dv_stmt *st = db_prepare(db, SQL_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) read_row(st, a, out);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int category_slug_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > CATEGORY_SLUG_MAX || s[0] == '-' || s[n - 1] == '-') return 0;
    for (size_t i = 0; i < n; i++) {
        int ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && s[i + 1] != '-');
        if (!ok) return 0;
    }
    return 1;
}

/* The slug to store (malloc'd): the typed one when valid and free, else one from the name. */
static int choose_slug(dv_db *db, const char *typed, const char *name, int64_t id, char **out)
{
    *out = typed && *typed ? xstrdup(typed) : text_slug(name);
    if (!*out || !category_slug_valid(*out)) return DV_EINVAL;
    dv_stmt *st = db_prepare(db, SQL_SLUG_TAKEN);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, *out);
    db_bind_int(st, 2, id);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_ROW ? DV_ECONFLICT : rc == DB_DONE ? DV_OK : DV_EDB;
}

/* The end of every write: audit row, commit, cached public pages dropped. */
static int finish(dv_db *db, const struct portal_write *pw, const struct dv_user *actor, const char *action,
                  int64_t id, const struct audit_change *ch, size_t nch)
{
    int rc = audit_write(db, actor, NULL, action, "category", id, ch, nch);
    if (!rc) rc = portal_write_commit(db, pw);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    portal_changed(0);
    return DV_OK;
}

static int start(dv_db *db, const struct dv_user *actor, struct portal_write *pw)
{
    if (!portal_can_manage_categories(actor)) return DV_EDENIED;
    int rc = db_begin(db);
    if (!rc) portal_write_begin(db, pw);
    return rc;
}

static int fail(dv_db *db, int rc)
{
    db_rollback(db);
    return rc;
}

/* start(), then the category as it stands before the write (rolled back when missing). */
static int start_on(dv_db *db, const struct dv_user *actor, int64_t id, dv_arena *a, struct portal_write *pw,
                    struct category_row *cur)
{
    memset(cur, 0, sizeof *cur);
    int rc = start(db, actor, pw);
    if (rc) return rc;
    rc = get(db, a, id, cur);
    return rc ? fail(db, rc) : DV_OK;
}

/* sql is "UPDATE categories SET column = ?2 WHERE id = ?1". */
static int set_int(dv_db *db, const char *sql, int64_t id, int64_t v)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, v);
    return db_exec(st);
}

int category_create(dv_db *db, const struct dv_user *actor, const char *name, const char *slug, int64_t *id_out)
{
    if (!name || !*name) return DV_EINVAL;
    struct portal_write pw;
    int rc = start(db, actor, &pw);
    if (rc) return rc;
    char *s = NULL;
    if ((rc = choose_slug(db, slug, name, 0, &s)) != 0) {
        free(s);
        return fail(db, rc);
    }
    dv_stmt *st = db_prepare(db, SQL_INSERT);
    int64_t id = 0;
    if (!st) rc = DV_EDB;
    else {
        db_bind_text(st, 1, s);
        db_bind_text(st, 2, name);
        rc = db_exec_id(st, &id);
    }
    struct audit_change ch[] = {{"slug", NULL, s}, {"name", NULL, name}};
    rc = rc ? fail(db, rc) : finish(db, &pw, actor, "create", id, ch, 2);
    free(s);
    if (!rc && id_out) *id_out = id;
    return rc;
}

int category_update(dv_db *db, const struct dv_user *actor, int64_t id, const char *name, const char *slug)
{
    if (!name || !*name) return DV_EINVAL;
    struct portal_write pw;
    struct category_row cur;
    dv_arena *a = arena_new();
    char *s = NULL;
    int rc = start_on(db, actor, id, a, &pw, &cur);
    if (rc) goto out;
    if ((rc = choose_slug(db, slug, name, id, &s)) == 0) {
        dv_stmt *st = db_prepare(db, SQL_UPDATE);
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, id);
            db_bind_text(st, 2, name);
            db_bind_text(st, 3, s);
            rc = db_exec(st);
        }
    }
    struct audit_change ch[] = {{"slug", cur.t.slug, s}, {"name", cur.t.name, name}};
    rc = rc ? fail(db, rc) : finish(db, &pw, actor, "update", id, ch, 2);
out:
    free(s);
    arena_free(a);
    return rc;
}

/* Positions may repeat or have gaps (older data): the whole order is written back as
 * 1..n with the two neighbours swapped, so a move always moves exactly one place. */
int category_move(dv_db *db, const struct dv_user *actor, int64_t id, int dir)
{
    struct portal_write pw;
    int rc = start(db, actor, &pw);
    if (rc) return rc;
    int64_t ids[CATEGORY_MAX];
    size_t n = 0, at = CATEGORY_MAX;
    dv_stmt *st = db_prepare(db, SQL_ORDER);
    if (!st) return fail(db, DV_EDB);
    while ((rc = db_step(st)) == DB_ROW && n < CATEGORY_MAX) {
        ids[n] = db_col_int(st, 0);
        if (ids[n] == id) at = n;
        n++;
    }
    db_done(st);
    if (rc != DB_DONE && rc != DB_ROW) return fail(db, DV_EDB);
    if (at == CATEGORY_MAX) return fail(db, DV_ENOTFOUND);
    size_t to = dir < 0 ? at - 1 : at + 1;
    if ((dir < 0 && at == 0) || (dir > 0 && to >= n)) return fail(db, DV_OK); /* already at that end */
    ids[at] = ids[to];
    ids[to] = id;
    for (size_t i = 0; i < n; i++)
        if ((rc = set_int(db, SQL_SET_POSITION, ids[i], (int64_t)i + 1)) != 0) return fail(db, rc);
    char p0[24], p1[24];
    snprintf(p0, sizeof p0, "%zu", at + 1);
    snprintf(p1, sizeof p1, "%zu", to + 1);
    struct audit_change ch[] = {{"position", p0, p1}};
    return finish(db, &pw, actor, "move", id, ch, 1);
}

int category_set_hidden(dv_db *db, const struct dv_user *actor, int64_t id, int hidden)
{
    struct portal_write pw;
    struct category_row cur;
    dv_arena *a = arena_new();
    int rc = start_on(db, actor, id, a, &pw, &cur);
    if (rc) goto out;
    rc = hidden && cur.articles > 0 ? DV_ECONFLICT : set_int(db, SQL_SET_HIDDEN, id, hidden ? 1 : 0);
    struct audit_change ch[] = {{"hidden", cur.hidden ? "1" : "0", hidden ? "1" : "0"}};
    rc = rc ? fail(db, rc) : finish(db, &pw, actor, hidden ? "hide" : "show", id, ch, 1);
out:
    arena_free(a);
    return rc;
}
