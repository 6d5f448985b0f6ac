/* unit_store.c - all SQL of org units: reads of the dated tree (children, ancestors,
 * subtrees, search) and the audited writes (create, update, close, succession). */
#include "org/unit.h"
#include "org/unit_internal.h"

#include "core/buf.h"
#include "core/clock.h"
#include "db/store_util.h"
#include "core/err.h"
#include "org/audit.h"
#include "org/unit_tree.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A unit or link exists on day D when valid_from <= D < valid_to (NULL = open). */
#define OPEN_U(d) "u.valid_from <= " d " AND (u.valid_to IS NULL OR u.valid_to > " d ")"
#define OPEN_L(al, d) al ".valid_from <= " d " AND (" al ".valid_to IS NULL OR " al ".valid_to > " d ")"

/* Columns read by read_row(), in order; ?9 is the date for the parent and child count. */
#define UNIT_COLS                                                                          \
    "u.id, u.code, u.name, u.short_name, u.type, u.valid_from, u.valid_to, u.note, "       \
    "COALESCE((SELECT p.parent_id FROM unit_links p WHERE p.child_id = u.id AND "           \
    OPEN_L("p", "?9") " LIMIT 1), 0), "                                                     \
    "(SELECT count(*) FROM unit_links c JOIN units cu ON cu.id = c.child_id "               \
    "WHERE c.parent_id = u.id AND " OPEN_L("c", "?9") " AND cu.valid_from <= ?9 AND "      \
    "(cu.valid_to IS NULL OR cu.valid_to > ?9))"

void unit_today(char out[11])
{
    clock_vn_today(out);
}

/* Columns 0-8: id, code, name, short_name, type, valid_from, valid_to, note, parent_id. */
static void read_fields(dv_stmt *st, dv_arena *a, struct unit *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_col_int(st, 0);
    u->code = arena_strdup(a, db_col_text(st, 1));
    u->name = arena_strdup(a, db_col_text(st, 2));
    u->short_name = arena_strdup(a, db_col_text(st, 3));
    u->type = arena_strdup(a, db_col_text(st, 4));
    u->valid_from = arena_strdup(a, db_col_text(st, 5));
    u->valid_to = arena_strdup(a, db_col_text(st, 6));
    u->note = arena_strdup(a, db_col_text(st, 7));
    u->parent_id = db_col_int(st, 8);
}

/* read_fields and column 9, the child count. */
static void read_row(dv_stmt *st, dv_arena *a, struct unit *u)
{
    read_fields(st, a, u);
    u->child_count = db_col_int(st, 9);
}

static void fill_unit(dv_arena *a, dv_stmt *st, void *item)
{
    read_row(st, a, item);
}

static void fill_unit_depth(dv_arena *a, dv_stmt *st, void *item)
{
    struct unit *u = item;
    read_row(st, a, u);
    u->depth = (int)db_col_int(st, 10);
}

/* Step st to the end, collecting rows (col 10, when depth_col, is the depth). */
static int collect(dv_stmt *st, dv_arena *a, int depth_col, struct unit **out, size_t *n)
{
    return rstore_collect(st, a, sizeof **out, depth_col ? fill_unit_depth : fill_unit, (void **)out, n);
}

/* Prepares sql with ?9, the day the tree is read on, bound to today; NULL on failure. */
static dv_stmt *prepare_today(dv_db *db, const char *sql)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return NULL;
    char today[11];
    unit_today(today);
    db_bind_text(st, 9, today); /* copied by the binding */
    return st;
}

static const char *SQL_GET = "SELECT " UNIT_COLS " FROM units u WHERE u.id = ?1";

int unit_store_get(dv_db *db, dv_arena *a, int64_t id, struct unit *out)
{
    const struct unit *open = unit_tree_find(unit_tree_get(db), id);
    if (open) {
        *out = *open;
        return 0;
    }
    dv_stmt *st = prepare_today(db, SQL_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) read_row(st, a, out);
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static const char *SQL_CHILDREN =
    "SELECT " UNIT_COLS " FROM unit_links l JOIN units u ON u.id = l.child_id "
    "WHERE l.parent_id = ?1 AND " OPEN_L("l", "?9") " AND " OPEN_U("?9")
    " ORDER BY (u.type IN ('province','commune','ward','special_zone')), u.name COLLATE vi, u.id"; /* unit_sort's order */

int unit_store_children_at(dv_db *db, dv_arena *a, int64_t parent_id, const char *date,
                           struct unit **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_CHILDREN);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, parent_id);
    db_bind_text(st, 9, date);
    return collect(st, a, 0, out, n);
}

int unit_store_children(dv_db *db, dv_arena *a, int64_t parent_id, struct unit **out, size_t *n)
{
    const struct unit_tree *t = unit_tree_get(db);
    if (unit_tree_find(t, parent_id)) {
        const struct unit *const *kids = unit_tree_children(t, parent_id, n);
        *out = arena_alloc(a, (*n + 1) * sizeof **out);
        for (size_t i = 0; i < *n; i++) (*out)[i] = *kids[i];
        return 0;
    }
    char today[11];
    unit_today(today);
    return unit_store_children_at(db, a, parent_id, today, out, n);
}

/* The day a unit is looked at: today while open, else its last day (so a closed unit
 * still shows where it stood). */
#define REF_DAY(idparam)                                                                 \
    "ref(d) AS (SELECT CASE WHEN valid_to IS NOT NULL AND valid_to <= ?9 "              \
    "THEN date(valid_to, '-1 day') ELSE ?9 END FROM units WHERE id = " idparam ")"

static const char *SQL_ANCESTORS =
    "WITH RECURSIVE " REF_DAY("?1") ", "
    "up(id, lvl) AS (SELECT ?1, 0 UNION ALL "
    "SELECT l.parent_id, up.lvl + 1 FROM up JOIN unit_links l ON l.child_id = up.id, ref "
    "WHERE " OPEN_L("l", "ref.d") " AND up.lvl < 64) "
    "SELECT " UNIT_COLS ", up.lvl FROM up JOIN units u ON u.id = up.id "
    "WHERE up.lvl > 0 ORDER BY up.lvl DESC";

/* Ancestors of an open unit from the snapshot, root first. */
static void ancestors_from_tree(const struct unit_tree *t, const struct unit *u, dv_arena *a,
                                struct unit **out, size_t *n)
{
    const struct unit *chain[64];
    size_t k = 0;
    for (const struct unit *p = unit_tree_find(t, u->parent_id); p && k < 64;
         p = unit_tree_find(t, p->parent_id))
        chain[k++] = p;
    *out = arena_alloc(a, (k + 1) * sizeof **out);
    for (size_t i = 0; i < k; i++) {
        (*out)[i] = *chain[k - 1 - i];
        (*out)[i].depth = (int)i;
    }
    *n = k;
}

int unit_store_ancestors(dv_db *db, dv_arena *a, int64_t id, struct unit **out, size_t *n)
{
    const struct unit_tree *t = unit_tree_get(db);
    const struct unit *open = unit_tree_find(t, id);
    if (open) {
        ancestors_from_tree(t, open, a, out, n);
        return 0;
    }
    dv_stmt *st = prepare_today(db, SQL_ANCESTORS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = collect(st, a, 1, out, n);
    /* depth from the root: the farthest ancestor is 0 */
    if (rc == 0)
        for (size_t i = 0; i < *n; i++) (*out)[i].depth = (int)i;
    return rc;
}

static const char *SQL_SUBTREE =
    "WITH RECURSIVE down(id, lvl, path) AS ("
    "SELECT id, 0, vi_key(name) || char(1) || id FROM units WHERE id = ?1 UNION ALL "
    "SELECT l.child_id, down.lvl + 1, down.path || char(2) || "
    "(cu.type IN ('province','commune','ward','special_zone')) || vi_key(cu.name) || char(1) || cu.id "
    "FROM down JOIN unit_links l ON l.parent_id = down.id JOIN units cu ON cu.id = l.child_id "
    "WHERE " OPEN_L("l", "?9") " AND cu.valid_from <= ?9 AND (cu.valid_to IS NULL OR cu.valid_to > ?9) "
    "AND down.lvl < 64) "
    "SELECT " UNIT_COLS ", down.lvl FROM down JOIN units u ON u.id = down.id ORDER BY down.path";

int unit_store_subtree(dv_db *db, dv_arena *a, int64_t root_id, struct unit **out, size_t *n)
{
    dv_stmt *st = prepare_today(db, SQL_SUBTREE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    return collect(st, a, 1, out, n);
}

static const char *SQL_IN_SUBTREE =
    "WITH RECURSIVE " REF_DAY("?2") ", "
    "up(id, lvl) AS (SELECT ?2, 0 UNION ALL "
    "SELECT l.parent_id, up.lvl + 1 FROM up JOIN unit_links l ON l.child_id = up.id, ref "
    "WHERE " OPEN_L("l", "ref.d") " AND up.lvl < 64) "
    "SELECT 1 FROM up WHERE id = ?1 AND EXISTS (SELECT 1 FROM units WHERE id = ?2) LIMIT 1";

int unit_in_subtree(dv_db *db, int64_t root_id, int64_t unit_id, int *yes)
{
    const struct unit_tree *t = unit_tree_get(db);
    if (unit_tree_find(t, unit_id)) {
        *yes = unit_tree_contains(t, root_id, unit_id);
        return 0;
    }
    *yes = 0;
    dv_stmt *st = prepare_today(db, SQL_IN_SUBTREE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_int(st, 2, unit_id);
    int rc = db_step(st);
    if (rc == DB_ROW) *yes = 1;
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : DV_EDB;
}

/* Search: everything open (root 0) or root's open subtree; the folded query is a
 * substring of name_fold (or of the code). */
static const char *SQL_SEARCH_ALL =
    "WITH RECURSIVE home(id, lvl) AS ("
    "SELECT ?5, 0 UNION ALL "
    "SELECT l.child_id, home.lvl + 1 FROM home JOIN unit_links l ON l.parent_id = home.id "
    "WHERE " OPEN_L("l", "?9") " AND home.lvl < 64) "
    "SELECT " UNIT_COLS " FROM units u WHERE " OPEN_U("?9")
    " AND (instr(u.name_fold, ?2) > 0 OR u.code = ?3) "
    "ORDER BY NOT EXISTS (SELECT 1 FROM home WHERE home.id = u.id), length(u.name_fold), u.name COLLATE vi, u.id "
    "LIMIT ?4";

static const char *SQL_SEARCH_SUBTREE =
    "WITH RECURSIVE down(id, lvl) AS ("
    "SELECT id, 0 FROM units WHERE id = ?1 UNION ALL "
    "SELECT l.child_id, down.lvl + 1 FROM down JOIN unit_links l ON l.parent_id = down.id "
    "WHERE " OPEN_L("l", "?9") " AND down.lvl < 64) "
    "SELECT " UNIT_COLS " FROM down JOIN units u ON u.id = down.id WHERE " OPEN_U("?9")
    " AND (instr(u.name_fold, ?2) > 0 OR u.code = ?3) ORDER BY length(u.name_fold), u.name COLLATE vi, u.id LIMIT ?4";

int unit_store_search(dv_db *db, dv_arena *a, int64_t root_id, int64_t home_id, const char *query,
                      size_t limit, struct unit **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *fold = text_fold(query ? query : "");
    if (!fold) return DV_EINVAL;
    if (!*fold) {
        free(fold);
        return 0;
    }
    dv_stmt *st = prepare_today(db, root_id ? SQL_SEARCH_SUBTREE : SQL_SEARCH_ALL);
    if (!st) {
        free(fold);
        return DV_EDB;
    }
    if (root_id) db_bind_int(st, 1, root_id);
    else db_bind_int(st, 5, home_id);
    db_bind_text(st, 2, fold);
    db_bind_text(st, 3, query);
    db_bind_int(st, 4, (int64_t)limit);
    free(fold);
    return collect(st, a, 0, out, n);
}

static const char *SQL_ROOTS =
    "SELECT " UNIT_COLS " FROM units u WHERE " OPEN_U("?9")
    " AND NOT EXISTS (SELECT 1 FROM unit_links l WHERE l.child_id = u.id AND " OPEN_L("l", "?9") ")"
    " ORDER BY u.code, u.id";

int unit_store_roots(dv_db *db, dv_arena *a, struct unit **out, size_t *n)
{
    dv_stmt *st = prepare_today(db, SQL_ROOTS);
    if (!st) return DV_EDB;
    return collect(st, a, 0, out, n);
}

static const char *SQL_FIND_OPEN_CODE =
    "SELECT id FROM units WHERE code = ?1 AND valid_to IS NULL";

int unit_store_find_open_code(dv_db *db, const char *code, int64_t *id_out)
{
    *id_out = 0;
    dv_stmt *st = db_prepare(db, SQL_FIND_OPEN_CODE);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : DV_EDB;
}

/* ---- writes ---------------------------------------------------------------------- */

static int type_known(const char *t)
{
    for (size_t i = 0; t && i < unit_type_count; i++)
        if (strcmp(unit_types[i].code, t) == 0) return 1;
    return 0;
}

static int date_ok(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && s[4] == '-' && text_date_parse(s, &y, &m, &d) == 0;
}

static const char *empty_null(const char *s)
{
    return s && *s ? s : NULL;
}

/* Cleaned copies of the input's texts (malloc'd; free with input_free). */
struct clean_input {
    char *code, *name, *short_name, *note, *fold;
};

static void input_free(struct clean_input *c)
{
    free(c->code);
    free(c->name);
    free(c->short_name);
    free(c->note);
    free(c->fold);
}

static int input_clean(const struct unit_input *in, struct clean_input *c)
{
    memset(c, 0, sizeof *c);
    if (!in->code || !in->name || !type_known(in->type) || !date_ok(in->valid_from)) return DV_EINVAL;
    if (text_clean(in->code, strlen(in->code), 0, &c->code) || !*c->code) goto bad;
    if (text_clean(in->name, strlen(in->name), 0, &c->name) || !*c->name) goto bad;
    if (empty_null(in->short_name) &&
        text_clean(in->short_name, strlen(in->short_name), 0, &c->short_name)) goto bad;
    if (empty_null(in->note) && text_clean(in->note, strlen(in->note), 1, &c->note)) goto bad;
    if (c->short_name && !*c->short_name) {
        free(c->short_name);
        c->short_name = NULL;
    }
    if (c->note && !*c->note) {
        free(c->note);
        c->note = NULL;
    }
    c->fold = text_fold(c->name);
    if (!c->fold) goto bad;
    return 0;
bad:
    input_free(c);
    return DV_EINVAL;
}

static const char *SQL_INSERT_UNIT =
    "INSERT INTO units (code, name, short_name, name_fold, type, valid_from, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char *SQL_INSERT_LINK =
    "INSERT INTO unit_links (child_id, parent_id, valid_from) VALUES (?1, ?2, ?3)";
static const char *SQL_UNIT_OPEN_ON =
    "SELECT 1 FROM units u WHERE u.id = ?1 AND u.valid_to IS NULL";

/* Binds a unit's fields, in SQL_INSERT_UNIT's and SQL_UPDATE_UNIT's order, from ?first:
 * code, name, short_name, name_fold, type, valid_from, note. */
static void bind_fields(dv_stmt *st, int first, const struct unit_input *in, const struct clean_input *c)
{
    db_bind_text(st, first, c->code);
    db_bind_text(st, first + 1, c->name);
    db_bind_text(st, first + 2, c->short_name);
    db_bind_text(st, first + 3, c->fold);
    db_bind_text(st, first + 4, in->type);
    db_bind_text(st, first + 5, in->valid_from);
    db_bind_text(st, first + 6, c->note);
}

/* Inside a transaction. */
static int create_tx(dv_db *db, const struct dv_user *actor, const char *ip,
                     const struct unit_input *in, const struct clean_input *c, int audit, int64_t *id_out)
{
    int rc;
    if (in->parent_id) {
        dv_stmt *st = db_prepare(db, SQL_UNIT_OPEN_ON);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, in->parent_id);
        rc = db_step(st);
        db_done(st);
        if (rc == DB_DONE) return DV_ENOTFOUND;
        if (rc != DB_ROW) return DV_EDB;
    }
    dv_stmt *st = db_prepare(db, SQL_INSERT_UNIT);
    if (!st) return DV_EDB;
    bind_fields(st, 1, in, c);
    int64_t id;
    if ((rc = db_exec_id(st, &id)) != 0) return rc;
    char parent[24] = "";
    if (in->parent_id) {
        st = db_prepare(db, SQL_INSERT_LINK);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, in->parent_id);
        db_bind_text(st, 3, in->valid_from);
        if ((rc = db_exec(st)) != 0) return rc;
        snprintf(parent, sizeof parent, "%lld", (long long)in->parent_id);
    }
    struct audit_change ch[] = {
        {"code", NULL, c->code},          {"name", NULL, c->name},
        {"short_name", NULL, c->short_name}, {"type", NULL, in->type},
        {"valid_from", NULL, in->valid_from}, {"note", NULL, c->note},
        {"parent_id", NULL, parent[0] ? parent : NULL},
    };
    if (audit && (rc = audit_write(db, actor, ip, "create", "unit", id, ch, sizeof ch / sizeof *ch)) != 0)
        return rc;
    if (id_out) *id_out = id;
    return 0;
}

int unit_create_in_tx(dv_db *db, const struct dv_user *actor, const char *ip,
                      const struct unit_input *in, int audit, int64_t *id_out)
{
    struct clean_input c;
    if (input_clean(in, &c)) return DV_EINVAL;
    int rc = create_tx(db, actor, ip, in, &c, audit, id_out);
    input_free(&c);
    return rc;
}

/* Ends a write transaction begun with db_begin(): when rc is 0, commits it through
 * unit_tree_commit() (so the tree snapshot follows); otherwise, or when that fails, rolls
 * it back. Returns the outcome. */
static int write_end(dv_db *db, int rc)
{
    if (rc == 0) rc = unit_tree_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

/* Prepares sql, binds ?1 = id and steps to its one row: 0 with *out on the row (the caller
 * db_done()s it), DV_ENOTFOUND when there is none, DV_EDB on failure. */
static int row_by_id(dv_db *db, const char *sql, int64_t id, dv_stmt **out)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
    }
    *out = st;
    return 0;
}

/* Runs a write with ?1 = id and ?2 = text. */
static int exec_id_text(dv_db *db, const char *sql, int64_t id, const char *text)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, text);
    return db_exec(st);
}

int unit_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct unit_input *in,
                int64_t *id_out)
{
    struct clean_input c;
    if (input_clean(in, &c)) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc == 0) rc = write_end(db, create_tx(db, actor, ip, in, &c, 1, id_out));
    input_free(&c);
    return rc;
}

static const char *SQL_GET_RAW =
    "SELECT code, name, short_name, type, valid_from, valid_to, note FROM units WHERE id = ?1";
static const char *SQL_UPDATE_UNIT =
    "UPDATE units SET code = ?2, name = ?3, short_name = ?4, name_fold = ?5, type = ?6, "
    "valid_from = ?7, note = ?8, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
/* The first parent link starts with the unit: move it along with valid_from. */
static const char *SQL_MOVE_FIRST_LINK =
    "UPDATE unit_links SET valid_from = ?3 WHERE child_id = ?1 AND valid_from = ?2 "
    "AND (valid_to IS NULL OR valid_to > ?3)";

/* Inside a transaction; the old values are kept in a. */
static int update_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t id,
                     const struct unit_input *in, const struct clean_input *c)
{
    dv_stmt *st;
    int rc = row_by_id(db, SQL_GET_RAW, id, &st);
    if (rc) return rc;
    const char *old[7];
    for (int i = 0; i < 7; i++) old[i] = arena_strdup(a, db_col_text(st, i));
    db_done(st);
    if (old[5] && strcmp(in->valid_from, old[5]) >= 0) return DV_EINVAL; /* would start on or after the day it closed */
    st = db_prepare(db, SQL_UPDATE_UNIT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    bind_fields(st, 2, in, c);
    if ((rc = db_exec(st)) != 0) return rc;
    if (strcmp(old[4], in->valid_from) != 0) {
        st = db_prepare(db, SQL_MOVE_FIRST_LINK);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, old[4]);
        db_bind_text(st, 3, in->valid_from);
        if ((rc = db_exec(st)) != 0) return rc;
    }
    struct audit_change ch[] = {
        {"code", old[0], c->code},         {"name", old[1], c->name},
        {"short_name", old[2], c->short_name}, {"type", old[3], in->type},
        {"valid_from", old[4], in->valid_from}, {"note", old[6], c->note},
    };
    return audit_write(db, actor, ip, "update", "unit", id, ch, sizeof ch / sizeof *ch);
}

int unit_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                const struct unit_input *in)
{
    struct clean_input c;
    if (input_clean(in, &c)) return DV_EINVAL;
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) rc = write_end(db, update_tx(db, a, actor, ip, id, in, &c));
    arena_free(a);
    input_free(&c);
    return rc;
}

static const char *SQL_CLOSE_INFO =
    "SELECT valid_from, valid_to, "
    "(SELECT count(*) FROM unit_links l JOIN units cu ON cu.id = l.child_id "
    " WHERE l.parent_id = ?1 AND l.valid_to IS NULL AND cu.valid_to IS NULL) "
    "FROM units WHERE id = ?1";
static const char *SQL_CLOSE_UNIT =
    "UPDATE units SET valid_to = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_CLOSE_LINK =
    "UPDATE unit_links SET valid_to = ?2 WHERE child_id = ?1 AND valid_to IS NULL AND valid_from < ?2";
static const char *SQL_DROP_LATE_LINK =
    "DELETE FROM unit_links WHERE child_id = ?1 AND valid_to IS NULL AND valid_from >= ?2";

/* Inside a transaction. */
static int close_tx(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *on_date)
{
    dv_stmt *st;
    int rc = row_by_id(db, SQL_CLOSE_INFO, id, &st);
    if (rc) return rc;
    char from[11];
    snprintf(from, sizeof from, "%s", db_col_text(st, 0));
    int closed = !db_col_is_null(st, 1);
    int64_t open_children = db_col_int(st, 2);
    db_done(st);
    if (closed || open_children > 0) return DV_ECONFLICT;
    if (strcmp(on_date, from) <= 0) return DV_EINVAL;
    const char *sqls[] = {SQL_CLOSE_UNIT, SQL_CLOSE_LINK, SQL_DROP_LATE_LINK};
    for (size_t i = 0; i < 3; i++)
        if ((rc = exec_id_text(db, sqls[i], id, on_date)) != 0) return rc;
    struct audit_change ch[] = {{"valid_to", NULL, on_date}};
    return audit_write(db, actor, ip, "close", "unit", id, ch, 1);
}

int unit_close(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *on_date)
{
    if (!date_ok(on_date)) return DV_EINVAL;
    int rc = db_begin(db);
    return rc ? rc : write_end(db, close_tx(db, actor, ip, id, on_date));
}

static const char *SQL_INSERT_SUCCESSION =
    "INSERT INTO unit_successions (predecessor_id, successor_id, on_date) VALUES (?1, ?2, ?3)";

/* Inside a transaction. */
static int succession_tx(dv_db *db, const struct dv_user *actor, const char *ip, int64_t predecessor_id,
                         int64_t successor_id, const char *on_date)
{
    dv_stmt *st = db_prepare(db, SQL_INSERT_SUCCESSION);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, predecessor_id);
    db_bind_int(st, 2, successor_id);
    db_bind_text(st, 3, on_date);
    int rc = db_exec(st);
    if (rc) return rc;
    char succ[24];
    snprintf(succ, sizeof succ, "%lld", (long long)successor_id);
    struct audit_change ch[] = {{"successor_id", NULL, succ}, {"on_date", NULL, on_date}};
    return audit_write(db, actor, ip, "update", "unit", predecessor_id, ch, 2);
}

int unit_succession_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t predecessor_id,
                        int64_t successor_id, const char *on_date)
{
    if (!date_ok(on_date) || predecessor_id == successor_id) return DV_EINVAL;
    int rc = db_begin(db);
    return rc ? rc : write_end(db, succession_tx(db, actor, ip, predecessor_id, successor_id, on_date));
}

/* ---- for the import (inside its transaction) -------------------------------------- */

int unit_close_in_tx(dv_db *db, int64_t id, const char *on_date)
{
    return date_ok(on_date) ? close_tx(db, NULL, NULL, id, on_date) : DV_EINVAL;
}

int unit_succession_add_in_tx(dv_db *db, int64_t predecessor_id, int64_t successor_id, const char *on_date)
{
    if (!date_ok(on_date) || predecessor_id == successor_id) return DV_EINVAL;
    return succession_tx(db, NULL, NULL, predecessor_id, successor_id, on_date);
}

static const char *SQL_LOOKUP_CODE_FROM =
    "SELECT id, name FROM units WHERE code = ?1 AND valid_from = ?2";

int unit_store_lookup(dv_db *db, const char *code, const char *valid_from, int64_t *id,
                      char *name, size_t name_cap)
{
    *id = 0;
    dv_stmt *st = db_prepare(db, SQL_LOOKUP_CODE_FROM);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, valid_from);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        snprintf(name, name_cap, "%s", db_col_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : DV_EDB;
}

static const char *SQL_RENAME =
    "UPDATE units SET name = ?2, name_fold = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
    "WHERE id = ?1";

int unit_store_rename_tx(dv_db *db, const struct dv_user *actor, int64_t id, const char *old_name,
                         const char *new_name)
{
    char *fold = text_fold(new_name);
    if (!fold) return DV_EINVAL;
    dv_stmt *st = db_prepare(db, SQL_RENAME);
    if (!st) {
        free(fold);
        return DV_EDB;
    }
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, new_name);
    db_bind_text(st, 3, fold);
    free(fold);
    int rc = db_exec(st);
    if (rc) return rc;
    struct audit_change ch[] = {{"name", old_name, new_name}};
    return audit_write(db, actor, NULL, "update", "unit", id, ch, 1);
}

static const char *SQL_HAS_OPEN_PARENT =
    "SELECT parent_id FROM unit_links WHERE child_id = ?1 AND valid_to IS NULL";

int unit_store_ensure_link(dv_db *db, int64_t child, int64_t parent, const char *valid_from, int *added)
{
    *added = 0;
    dv_stmt *st = db_prepare(db, SQL_HAS_OPEN_PARENT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, child);
    int rc = db_step(st);
    db_done(st);
    if (rc == DB_ROW) return 0;
    if (rc != DB_DONE) return DV_EDB;
    st = db_prepare(db, SQL_INSERT_LINK);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, child);
    db_bind_int(st, 2, parent);
    db_bind_text(st, 3, valid_from);
    rc = db_exec(st);
    if (rc == 0) *added = 1;
    return rc;
}

static const char *SQL_BUMP_UNITS_VERSION =
    "INSERT INTO settings(key, value) VALUES ('units_version', '1') "
    "ON CONFLICT(key) DO UPDATE SET value = CAST(settings.value AS INTEGER) + 1";
static const char *SQL_OPEN_UNITS =
    "SELECT u.id, u.code, u.name, u.short_name, u.type, u.valid_from, u.valid_to, u.note, "
    "COALESCE((SELECT l.parent_id FROM unit_links l WHERE l.child_id = u.id AND "
    "l.valid_from <= ?1 AND (l.valid_to IS NULL OR l.valid_to > ?1) LIMIT 1), 0) "
    "FROM units u WHERE u.valid_from <= ?1 AND (u.valid_to IS NULL OR u.valid_to > ?1)";

int unit_store_bump_version(dv_db *db)
{
    dv_stmt *st = db_prepare(db, SQL_BUMP_UNITS_VERSION);
    if (!st) return DV_EDB;
    return db_exec(st);
}

int unit_store_open_units(dv_db *db, dv_arena *a, const char *day, struct unit **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_OPEN_UNITS);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, day);
    size_t cap = 0, len = 0;
    struct unit *units = xgrow(NULL, 0, &cap, sizeof *units);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        units = xgrow(units, len, &cap, sizeof *units);
        read_fields(st, a, &units[len++]);
    }
    db_done(st);
    *out = units; /* the caller frees it, also on an error */
    *n = len;
    return rc == DB_DONE ? DV_OK : DV_EDB;
}
