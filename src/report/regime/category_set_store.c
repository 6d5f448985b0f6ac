/* category_set_store.c - the SQL of category sets (the disaggregations of indicators, e.g.
 * "Khối" with one option per organisation): reads, and audited writes that keep option
 * positions dense and refuse to delete or re-code an option that already holds values
 * (see regime.h). */
#include "report/regime/regime.h"

#include "core/err.h"
#include "org/audit.h"
#include "report/regime/reorder.h"
#include "db/store_util.h"

#include <stdio.h>
#include <string.h>

/* ---- reads ---- */

static void option_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct category_option *o = item;
    o->id = db_col_int(st, 0);
    o->code = arena_strdup(a, db_col_text(st, 1));
    o->name = arena_strdup(a, db_col_text(st, 2));
    o->position = (int)db_col_int(st, 3);
    o->set_id = db_col_int(st, 4);
}

static void set_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct category_set *s = item;
    memset(s, 0, sizeof *s);
    s->id = db_col_int(st, 0);
    s->code = arena_strdup(a, db_col_text(st, 1));
    s->name = arena_strdup(a, db_col_text(st, 2));
    s->scope_unit_id = db_col_int(st, 3);
}

static const char *SQL_OPTIONS =
    "SELECT id, code, name, position, set_id FROM category_options WHERE set_id = ?1 ORDER BY position, id";
static const char *SQL_OPTION_ONE = "SELECT id, code, name, position, set_id FROM category_options WHERE id = ?1";

int category_set_options_load(dv_db *db, dv_arena *a, struct category_set *s)
{
    int rc;
    s->options = rstore_collect_by_id(db, a, SQL_OPTIONS, s->id, sizeof *s->options, option_fill, &s->n_options, &rc);
    return rc;
}

int category_set_list(dv_db *db, dv_arena *a, struct category_set **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, "SELECT id, code, name, scope_unit_id FROM category_sets ORDER BY code");
    if (!st) return DV_EDB;
    size_t cap = 0;
    int rc;
    struct category_set *v = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, *n, &cap, sizeof *v);
        set_fill(a, st, &v[(*n)++]);
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    for (size_t i = 0; i < *n; i++)
        if ((rc = category_set_options_load(db, a, &v[i])) != 0) return rc;
    *out = v;
    return 0;
}

int category_set_get(dv_db *db, dv_arena *a, int64_t id, struct category_set *out)
{
    int rc = rstore_get_by_id(db, a, "SELECT id, code, name, scope_unit_id FROM category_sets WHERE id = ?1", id, set_fill, out);
    return rc ? rc : category_set_options_load(db, a, out);
}

int category_option_get(dv_db *db, dv_arena *a, int64_t option_id, struct category_option *out)
{
    return rstore_get_by_id(db, a, SQL_OPTION_ONE, option_id, option_fill, out);
}

int category_set_find_code(dv_db *db, const char *code, int64_t *id_out)
{
    dv_stmt *st = db_prepare(db, "SELECT id FROM category_sets WHERE code = ?1");
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

/* Values are reached through the reports of the regimes whose indicators use the set:
 * report_values is keyed by report first and has no index on its other columns
 * (0008_report_values_lean.sql). */
int category_option_in_use(dv_db *db, int64_t option_id, int *yes)
{
    int rc = rstore_exists(db,
        "SELECT 1 FROM category_options o JOIN indicators i ON i.category_set_id = o.set_id "
        "JOIN reports r ON r.regime_id = i.regime_id "
        "JOIN report_values v ON v.report_id = r.id AND v.indicator_id = i.id AND v.option_id = o.id "
        "WHERE o.id = ?1 LIMIT 1",
        RINT(option_id));
    *yes = rc == 0;
    return rc == DV_ENOTFOUND ? 0 : rc;
}

/* ---- sets ---- */

int category_set_create(dv_db *db, const struct dv_user *actor, const char *ip, const char *code,
                        const char *name, int64_t *id_out)
{
    return category_set_create_in(db, actor, ip, 0, code, name, id_out);
}

int category_set_create_in(dv_db *db, const struct dv_user *actor, const char *ip, int64_t scope_unit_id,
                           const char *code, const char *name, int64_t *id_out)
{
    if (!rstore_is_code(code)) return DV_EINVAL;
    dv_arena *a = arena_new();
    const char *nm;
    int rc = rstore_clean(a, name, 0, 1, &nm);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        int64_t id = 0;
        rc = rstore_insert(db, &id, "INSERT INTO category_sets(code, name, scope_unit_id) VALUES (?1, ?2, ?3) RETURNING id", RTEXT(code),
                         RTEXT(nm), RID0(scope_unit_id));
        char scope[24];
        snprintf(scope, sizeof scope, "%lld", (long long)scope_unit_id);
        struct audit_change ch[] = {{"code", NULL, code}, {"name", NULL, nm}, {"scope_unit_id", NULL, scope_unit_id ? scope : NULL}};
        rc = audit_tx_end(db, rc, actor, ip, "create", "category_set", id, ch, 3);
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

int category_set_rename(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id, const char *name)
{
    dv_arena *a = arena_new();
    const char *nm;
    struct category_set old = {0};
    int rc = rstore_clean(a, name, 0, 1, &nm);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = rstore_get_by_id(db, a, "SELECT id, code, name, scope_unit_id FROM category_sets WHERE id = ?1", set_id, set_fill, &old);
        if (rc == 0) rc = rstore_exec(db, "UPDATE category_sets SET name = ?2 WHERE id = ?1", RINT(set_id), RTEXT(nm));
        struct audit_change ch[] = {{"name", old.name, nm}};
        rc = audit_tx_end(db, rc, actor, ip, "update", "category_set", set_id, ch, 1);
    }
    arena_free(a);
    return rc;
}

static const char *SQL_SET_USERS = "SELECT count(*) FROM indicators WHERE category_set_id = ?1";

int category_set_users(dv_db *db, int64_t set_id, int64_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_SET_USERS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, set_id);
    int rc = db_step(st);
    if (rc == DB_ROW) *n = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : DV_EDB;
}

int category_set_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id)
{
    dv_arena *a = arena_new();
    struct category_set old = {0};
    int rc = db_begin(db);
    if (rc == 0) {
        rc = rstore_get_by_id(db, a, "SELECT id, code, name, scope_unit_id FROM category_sets WHERE id = ?1", set_id, set_fill, &old);
        int64_t users = 0;
        if (rc == 0 && (rc = category_set_users(db, set_id, &users)) == 0 && users) rc = DV_EDENIED;
        /* its categories go with it (ON DELETE CASCADE); none holds values, as no indicator uses the set */
        if (rc == 0) rc = rstore_exec(db, "DELETE FROM category_sets WHERE id = ?1", RINT(set_id));
        struct audit_change ch[] = {{"code", old.code, NULL}, {"name", old.name, NULL}};
        rc = audit_tx_end(db, rc, actor, ip, "delete", "category_set", set_id, ch, 2);
    }
    arena_free(a);
    return rc;
}

/* ---- options ---- */

static const char *SQL_OPTION_POSITIONS =
    "SELECT id, position FROM category_options WHERE set_id = ?1 ORDER BY position, id";
static const char *SQL_OPTION_SET_POSITION = "UPDATE category_options SET position = ?2 WHERE id = ?1";

int category_option_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id,
                        const char *code, const char *name, int position, int64_t *id_out)
{
    if (!rstore_is_code(code) || position < 0) return DV_EINVAL;
    dv_arena *a = arena_new();
    const char *nm;
    int rc = rstore_clean(a, name, 0, 1, &nm);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = rstore_exists(db, "SELECT 1 FROM category_sets WHERE id = ?1", RINT(set_id));
        int64_t id = 0;
        if (rc == 0)
            rc = rstore_insert(db, &id,
                "INSERT INTO category_options(set_id, code, name, position) VALUES (?1, ?2, ?3, "
                "CASE WHEN ?4 > 0 THEN ?4 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM category_options "
                "WHERE set_id = ?1) END) RETURNING id",
                RINT(set_id), RTEXT(code), RTEXT(nm), RINT(position));
        struct audit_change ch[] = {{"set_id", NULL, rstore_num(a, set_id)}, {"code", NULL, code}, {"name", NULL, nm}};
        rc = audit_tx_end(db, rc, actor, ip, "create", "category_option", id, ch, 3);
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

int category_option_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id,
                           const char *code, const char *name)
{
    if (!rstore_is_code(code)) return DV_EINVAL;
    dv_arena *a = arena_new();
    const char *nm;
    struct category_option old = {0};
    int rc = rstore_clean(a, name, 0, 1, &nm);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = category_option_get(db, a, option_id, &old);
        int used = 0;
        if (rc == 0 && strcmp(old.code, code) != 0 && (rc = category_option_in_use(db, option_id, &used)) == 0 && used)
            rc = DV_EDENIED;
        if (rc == 0)
            rc = rstore_exec(db, "UPDATE category_options SET code = ?2, name = ?3 WHERE id = ?1", RINT(option_id),
                             RTEXT(code), RTEXT(nm));
        struct audit_change ch[] = {{"code", old.code, code}, {"name", old.name, nm}};
        rc = audit_tx_end(db, rc, actor, ip, "update", "category_option", option_id, ch, 2);
    }
    arena_free(a);
    return rc;
}

int category_option_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id)
{
    dv_arena *a = arena_new();
    struct category_option old = {0};
    int rc = db_begin(db);
    if (rc == 0) {
        rc = category_option_get(db, a, option_id, &old);
        int used = 0;
        if (rc == 0 && (rc = category_option_in_use(db, option_id, &used)) == 0 && used) rc = DV_EDENIED;
        if (rc == 0) rc = rstore_exec(db, "DELETE FROM category_options WHERE id = ?1", RINT(option_id));
        struct audit_change ch[] = {
            {"set_id", rstore_num(a, old.set_id), NULL}, {"code", old.code, NULL}, {"name", old.name, NULL}};
        if (rc == 0) rc = audit_write(db, actor, ip, "delete", "category_option", option_id, ch, 3);
        if (rc == 0)
            rc = rstore_positions(db, actor, ip, "category_option", SQL_OPTION_POSITIONS, SQL_OPTION_SET_POSITION,
                                  old.set_id, 0, 0);
        rc = rstore_tx_end(db, rc);
    }
    arena_free(a);
    return rc;
}

int category_option_move(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id, int dir)
{
    return rstore_move(db, actor, ip, "category_option", "SELECT set_id FROM category_options WHERE id = ?1",
                       SQL_OPTION_POSITIONS, SQL_OPTION_SET_POSITION, option_id, dir);
}
