/* cadre_store.c - the SQL of cadre assignments (cadre.h): a unit's history, the cadre on a
 * date, coverage of a subtree on a date, and the writes with their audit rows. */
#include "directive/cadre.h"

#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "org/unit.h"

#include <string.h>

#define COLS "c.id, c.unit_id, u.name, c.full_name, c.position, c.phone, c.decision_number, c.decision_date, " \
             "c.valid_from, c.valid_until, c.note"
#define FROM " FROM cadre_assignments c JOIN units u ON u.id = c.unit_id"
/* on day ?2 */
#define COVERS " c.valid_from <= ?2 AND (c.valid_until IS NULL OR c.valid_until >= ?2)"

static const char *dup(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s && *s ? arena_strdup(a, s) : NULL;
}

static void read_at(dv_arena *a, dv_stmt *st, int c0, struct cadre *x)
{
    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, c0);
    x->unit_id = db_col_int(st, c0 + 1);
    x->unit_name = dup(a, st, c0 + 2);
    x->full_name = dup(a, st, c0 + 3);
    x->position = dup(a, st, c0 + 4);
    x->phone = dup(a, st, c0 + 5);
    x->decision_number = dup(a, st, c0 + 6);
    x->decision_date = dup(a, st, c0 + 7);
    x->valid_from = dup(a, st, c0 + 8);
    x->valid_until = dup(a, st, c0 + 9);
    x->note = dup(a, st, c0 + 10);
}

static void cadre_fill(dv_arena *a, dv_stmt *st, void *item)
{
    read_at(a, st, 0, item);
}

int cadre_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct cadre **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, "SELECT " COLS FROM " WHERE c.unit_id = ?1 ORDER BY c.valid_from DESC, c.id DESC",
                                unit_id, sizeof **out, cadre_fill, n, &rc);
    return rc;
}

int cadre_get(dv_db *db, dv_arena *a, int64_t id, struct cadre *out)
{
    return rstore_get_by_id(db, a, "SELECT " COLS FROM " WHERE c.id = ?1", id, cadre_fill, out);
}

int cadre_on(dv_db *db, dv_arena *a, int64_t unit_id, const char *date, struct cadre *out)
{
    dv_stmt *st = db_prepare(db, "SELECT " COLS FROM " WHERE c.unit_id = ?1 AND" COVERS " ORDER BY c.valid_from DESC LIMIT 1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, date);
    int rc = db_step(st);
    if (rc == DB_ROW) read_at(a, st, 0, out);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static void coverage_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct cadre_coverage_row *x = item;
    x->unit_id = db_col_int(st, 0);
    x->unit_name = dup(a, st, 1);
    x->unit_type = dup(a, st, 2);
    if (db_col_is_null(st, 3)) memset(&x->cadre, 0, sizeof x->cadre);
    else read_at(a, st, 3, &x->cadre);
}

int cadre_coverage(dv_db *db, dv_arena *a, int64_t root_id, const char *date, struct cadre_coverage_row **out,
                   size_t *n)
{
    dv_stmt *st = db_prepare(db,
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id "
        "WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR l.valid_to > ?2)) "
        "SELECT x.id, x.name, x.type, " COLS " FROM sub JOIN units x ON x.id = sub.id "
        "LEFT JOIN cadre_assignments c ON c.id = (SELECT c.id FROM cadre_assignments c WHERE c.unit_id = x.id AND"
        COVERS " ORDER BY c.valid_from DESC, c.id DESC LIMIT 1) LEFT JOIN units u ON u.id = c.unit_id "
        "WHERE x.valid_from <= ?2 AND (x.valid_to IS NULL OR x.valid_to > ?2) "
        "ORDER BY (x.type IN ('province','commune','ward','special_zone')), x.name COLLATE vi, x.id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_text(st, 2, date);
    return rstore_collect(st, a, sizeof **out, coverage_fill, (void **)out, n);
}

/* ---- writes ---- */

struct clean {
    const char *full_name, *position, *phone, *decision_number, *note;
};

static int check(dv_arena *a, const struct cadre_input *in, struct clean *c)
{
    if (rstore_clean(a, in->full_name, 0, 1, &c->full_name) || rstore_clean(a, in->position, 0, 0, &c->position) ||
        rstore_clean(a, in->phone, 0, 0, &c->phone) || rstore_clean(a, in->decision_number, 0, 0, &c->decision_number) ||
        rstore_clean(a, in->note, 1, 0, &c->note))
        return DV_EINVAL;
    if (!in->valid_from || strlen(in->valid_from) != 10) return DV_EINVAL;
    if (in->valid_until && *in->valid_until && strcmp(in->valid_until, in->valid_from) < 0) return DV_EINVAL;
    return 0;
}

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

/* Another assignment of unit_id (not self) sharing a day with [from, until]? 0 yes,
 * DV_ENOTFOUND no. */
static int overlaps(dv_db *db, int64_t unit_id, int64_t self, const char *from, const char *until)
{
    return rstore_exists(db, "SELECT 1 FROM cadre_assignments WHERE unit_id = ?1 AND id <> ?2 "
                             "AND (valid_until IS NULL OR valid_until >= ?3) AND (?4 IS NULL OR valid_from <= ?4)",
                         RINT(unit_id), RINT(self), RTEXT(from), RTEXT(opt(until)));
}

/* The open assignment that began before from is ended the day before it. */
static int end_open_before(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id, const char *from,
                           int64_t *ended)
{
    *ended = 0;
    dv_stmt *st = db_prepare(db, "SELECT id FROM cadre_assignments WHERE unit_id = ?1 AND valid_until IS NULL "
                                 "AND valid_from < ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, from);
    int rc = db_step(st);
    if (rc == DB_ROW) *ended = db_col_int(st, 0);
    db_done(st);
    if (rc != DB_ROW) return rc == DB_DONE ? 0 : DV_EDB;
    rc = rstore_exec(db, "UPDATE cadre_assignments SET valid_until = date(?2, '-1 day'), "
                         "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                     RINT(*ended), RTEXT(from));
    struct audit_change ch[] = {{"valid_until", NULL, "the day before the next assignment"}};
    return rc ? rc : audit_write(db, actor, ip, "end", "cadre", *ended, ch, 1);
}

int cadre_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id, const struct cadre_input *in,
              int64_t *id_out, int64_t *ended_id)
{
    dv_arena *a = arena_new();
    struct clean c;
    int64_t ended = 0, id = 0;
    int rc = check(a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = rstore_exists(db, "SELECT 1 FROM units WHERE id = ?1", RINT(unit_id));
        if (rc == 0) rc = end_open_before(db, actor, ip, unit_id, in->valid_from, &ended);
        if (rc == 0) {
            int o = overlaps(db, unit_id, 0, in->valid_from, in->valid_until);
            rc = o == 0 ? DV_ECONFLICT : o == DV_ENOTFOUND ? 0 : o;
        }
        if (rc == 0)
            rc = rstore_exec(db, "INSERT INTO cadre_assignments (unit_id, full_name, position, phone, decision_number, "
                                 "decision_date, valid_from, valid_until, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             RINT(unit_id), RTEXT(c.full_name), RTEXT(c.position), RTEXT(c.phone),
                             RTEXT(c.decision_number), RTEXT(opt(in->decision_date)), RTEXT(in->valid_from),
                             RTEXT(opt(in->valid_until)), RTEXT(c.note));
        if (rc == 0) id = db_last_id(db);
        struct audit_change ch[] = {
            {"unit_id", NULL, rstore_num(a, unit_id)}, {"full_name", NULL, c.full_name}, {"position", NULL, c.position},
            {"decision_number", NULL, c.decision_number}, {"decision_date", NULL, opt(in->decision_date)},
            {"valid_from", NULL, in->valid_from}, {"valid_until", NULL, opt(in->valid_until)},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "cadre", id, ch, RSTORE_N(ch));
    }
    if (rc == 0 && id_out) *id_out = id;
    if (ended_id) *ended_id = rc == 0 ? ended : 0;
    arena_free(a);
    return rc;
}

int cadre_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const struct cadre_input *in)
{
    dv_arena *a = arena_new();
    struct clean c;
    struct cadre old = {0};
    int rc = check(a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = cadre_get(db, a, id, &old);
        if (rc == 0) {
            int o = overlaps(db, old.unit_id, id, in->valid_from, in->valid_until);
            rc = o == 0 ? DV_ECONFLICT : o == DV_ENOTFOUND ? 0 : o;
        }
        if (rc == 0)
            rc = rstore_exec(db, "UPDATE cadre_assignments SET full_name = ?2, position = ?3, phone = ?4, "
                                 "decision_number = ?5, decision_date = ?6, valid_from = ?7, valid_until = ?8, note = ?9, "
                                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                             RINT(id), RTEXT(c.full_name), RTEXT(c.position), RTEXT(c.phone), RTEXT(c.decision_number),
                             RTEXT(opt(in->decision_date)), RTEXT(in->valid_from), RTEXT(opt(in->valid_until)),
                             RTEXT(c.note));
        struct audit_change ch[] = {
            {"full_name", old.full_name, c.full_name}, {"position", old.position, c.position},
            {"phone", old.phone, c.phone}, {"decision_number", old.decision_number, c.decision_number},
            {"decision_date", old.decision_date, opt(in->decision_date)}, {"valid_from", old.valid_from, in->valid_from},
            {"valid_until", old.valid_until, opt(in->valid_until)}, {"note", old.note, c.note},
        };
        rc = audit_tx_end(db, rc, actor, ip, "update", "cadre", id, ch, RSTORE_N(ch));
    }
    arena_free(a);
    return rc;
}

int cadre_end(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *until)
{
    dv_arena *a = arena_new();
    struct cadre old = {0};
    int rc = until && strlen(until) == 10 ? db_begin(db) : DV_EINVAL;
    if (rc == 0) {
        rc = cadre_get(db, a, id, &old);
        if (rc == 0 && strcmp(until, old.valid_from) < 0) rc = DV_EINVAL;
        if (rc == 0) {
            int o = overlaps(db, old.unit_id, id, old.valid_from, until);
            rc = o == 0 ? DV_ECONFLICT : o == DV_ENOTFOUND ? 0 : o;
        }
        if (rc == 0)
            rc = rstore_exec(db, "UPDATE cadre_assignments SET valid_until = ?2, "
                                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                             RINT(id), RTEXT(until));
        struct audit_change ch[] = {{"valid_until", old.valid_until, until}};
        rc = audit_tx_end(db, rc, actor, ip, "end", "cadre", id, ch, 1);
    }
    arena_free(a);
    return rc;
}
