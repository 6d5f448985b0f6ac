/* regime_store.c - the SQL of reporting regimes: regimes, who reports, per-level deadlines,
 * narrative sections, category sets, indicators, rules and periods (see regime.h). Every
 * write is one transaction with its audit row. */
#include "report/regime/regime.h"

#include "core/err.h"
#include "core/i18n.h"
#include "org/audit.h"
#include "report/regime/reorder.h"
#include "report/prefill.h"
#include "org/unit.h"
#include "db/store_util.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const indicator_type_codes[] = {"int", "decimal", "percent", "bool", "text", "date", NULL};
static const char *const indicator_type_labels[] = {N_("Whole number"), N_("Decimal number"),
                                                    N_("Percentage"),   N_("Yes/no"),
                                                    N_("Text"),         N_("Date")};
const char *const indicator_rule_ops[] = {"<=", "<", "=", ">=", ">", NULL};

const char *indicator_type_code(enum indicator_type t)
{
    return (int)t >= 0 && t <= IND_DATE ? indicator_type_codes[t] : "";
}

int indicator_type_parse(const char *code, enum indicator_type *out)
{
    if (!code) return DV_EINVAL;
    for (int i = 0; indicator_type_codes[i]; i++)
        if (strcmp(code, indicator_type_codes[i]) == 0) {
            *out = (enum indicator_type)i;
            return 0;
        }
    return DV_EINVAL;
}

const char *indicator_type_label(enum indicator_type t)
{
    return (int)t >= 0 && t <= IND_DATE ? _(indicator_type_labels[t]) : "";
}

/* ---- small helpers ---- */

static int empty(const char *s) { return !s || !*s; }


static int step_err(int rc)
{
    return rc == DV_ECONFLICT ? DV_ECONFLICT : DV_EDB;
}

static const char *dup(dv_arena *a, dv_stmt *st, int col)
{
    return arena_strdup(a, db_col_text(st, col));
}

static int is_number(const char *s)
{
    if (empty(s)) return 0;
    char *end;
    strtod(s, &end);
    return *end == 0;
}

/* ---- regimes ---- */

#define REGIME_COLS                                                                              \
    "r.id, r.code, r.name, r.content, r.frequency, r.receiver_unit_id, u.name, r.grace_days, " \
    "r.doc_type, r.active_from, r.active_to, r.issuer_body, r.number_on"

static void regime_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct regime *r = item;
    memset(r, 0, sizeof *r);
    r->id = db_col_int(st, 0);
    r->code = dup(a, st, 1);
    r->name = dup(a, st, 2);
    r->content = dup(a, st, 3);
    r->frequency_code = dup(a, st, 4);
    if (period_freq_parse(r->frequency_code, &r->frequency)) r->frequency = FREQ_ADHOC;
    r->receiver_unit_id = db_col_int(st, 5);
    r->receiver_name = dup(a, st, 6);
    r->grace_days = (int)db_col_int(st, 7);
    r->doc_type = dup(a, st, 8);
    r->active_from = dup(a, st, 9);
    r->active_to = dup(a, st, 10);
    r->issuer_body = dup(a, st, 11);
    r->number_on = dup(a, st, 12);
}

static const char *SQL_REGIME_GET =
    "SELECT " REGIME_COLS " FROM regimes r LEFT JOIN units u ON u.id = r.receiver_unit_id WHERE r.id = ?1";
static const char *SQL_REGIME_LIST =
    "SELECT " REGIME_COLS " FROM regimes r LEFT JOIN units u ON u.id = r.receiver_unit_id ORDER BY r.code";

int regime_store_get(dv_db *db, dv_arena *a, int64_t id, struct regime *out)
{
    return rstore_get_by_id(db, a, SQL_REGIME_GET, id, regime_row, out);
}

int regime_store_list(dv_db *db, dv_arena *a, struct regime **out, size_t *n)
{
    return regime_store_list_under(db, a, 0, out, n);
}

int regime_store_list_under(dv_db *db, dv_arena *a, int64_t root_id, struct regime **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_REGIME_LIST);
    if (!st) return DV_EDB;
    size_t cap = 0;
    int rc;
    struct regime *v = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, *n, &cap, sizeof *v);
        regime_row(a, st, &v[*n]);
        (*n)++;
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    if (root_id) { /* keep those whose receiver is in the subtree */
        size_t k = 0;
        for (size_t i = 0; i < *n; i++) {
            int yes = 0;
            if (unit_in_subtree(db, root_id, v[i].receiver_unit_id, &yes) == 0 && yes) v[k++] = v[i];
        }
        *n = k;
    }
    *out = v;
    return 0;
}

int regime_store_find_code(dv_db *db, const char *code, int64_t *id_out)
{
    dv_stmt *st = db_prepare(db, "SELECT id FROM regimes WHERE code = ?1");
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

struct regime_clean {
    const char *code, *name, *content, *doc_type, *active_to, *issuer_body, *number_on;
};

static int regime_check(dv_db *db, dv_arena *a, const struct regime_input *in, struct regime_clean *c)
{
    enum period_freq f;
    if (!rstore_is_code(in->code)) return DV_EINVAL;
    c->code = in->code;
    if (rstore_clean(a, in->name, 0, 1, &c->name)) return DV_EINVAL;
    if (rstore_clean(a, in->content, 1, 0, &c->content)) return DV_EINVAL;
    if (!c->content) c->content = "";
    if (period_freq_parse(in->frequency, &f)) return DV_EINVAL;
    if (in->grace_days < 0 || in->grace_days > 366) return DV_EINVAL;
    c->doc_type = empty(in->doc_type) ? "BC" : in->doc_type;
    if (!rstore_is_code(c->doc_type)) return DV_EINVAL;
    c->issuer_body = empty(in->issuer_body) ? "unit" : in->issuer_body;
    if (strcmp(c->issuer_body, "unit") && strcmp(c->issuer_body, "party") && strcmp(c->issuer_body, "state"))
        return DV_EINVAL;
    c->number_on = empty(in->number_on) ? "submit" : in->number_on;
    if (strcmp(c->number_on, "submit") && strcmp(c->number_on, "approve")) return DV_EINVAL;
    if (!date_valid(in->active_from)) return DV_EINVAL;
    c->active_to = empty(in->active_to) ? NULL : in->active_to;
    if (c->active_to && (!date_valid(c->active_to) || strcmp(c->active_to, in->active_from) <= 0))
        return DV_EINVAL;
    struct unit u;
    int rc = unit_store_get(db, a, in->receiver_unit_id, &u);
    if (rc) return rc == DV_ENOTFOUND ? DV_EINVAL : rc;
    return 0;
}

int regime_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct regime_input *in,
                  int64_t *id_out)
{
    dv_arena *a = arena_new();
    struct regime_clean c;
    int rc = regime_check(db, a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = rstore_exec(db,
            "INSERT INTO regimes(code, name, content, frequency, receiver_unit_id, grace_days, doc_type, "
            "active_from, active_to, issuer_body, number_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            RTEXT(c.code), RTEXT(c.name), RTEXT(c.content), RTEXT(in->frequency), RINT(in->receiver_unit_id),
            RINT(in->grace_days), RTEXT(c.doc_type), RTEXT(in->active_from), RTEXT(c.active_to),
            RTEXT(c.issuer_body), RTEXT(c.number_on));
        int64_t id = rc == 0 ? db_last_id(db) : 0;
        struct audit_change ch[] = {
            {"code", NULL, c.code}, {"name", NULL, c.name}, {"frequency", NULL, in->frequency},
            {"receiver_unit_id", NULL, rstore_num(a, in->receiver_unit_id)},
            {"grace_days", NULL, rstore_num(a, in->grace_days)}, {"doc_type", NULL, c.doc_type},
            {"active_from", NULL, in->active_from}, {"active_to", NULL, c.active_to},
            {"issuer_body", NULL, c.issuer_body}, {"number_on", NULL, c.number_on},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "regime", id, ch, RSTORE_N(ch));
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

int regime_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                  const struct regime_input *in)
{
    dv_arena *a = arena_new();
    struct regime_clean c;
    struct regime old = {0};
    int rc = regime_check(db, a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = regime_store_get(db, a, id, &old);
        if (rc == 0 && strcmp(old.frequency_code, in->frequency) != 0) {
            /* the frequency may change only while the regime has no periods */
            int has = rstore_exists(db, "SELECT 1 FROM periods WHERE regime_id = ?1 LIMIT 1", RINT(id));
            if (has != DV_ENOTFOUND) rc = has == 0 ? DV_ECONFLICT : has;
        }
        if (rc == 0)
            rc = rstore_exec(db,
                "UPDATE regimes SET code = ?2, name = ?3, content = ?4, frequency = ?5, receiver_unit_id = ?6, "
                "grace_days = ?7, doc_type = ?8, active_from = ?9, active_to = ?10, issuer_body = ?11, "
                "number_on = ?12, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                RINT(id), RTEXT(c.code), RTEXT(c.name), RTEXT(c.content), RTEXT(in->frequency),
                RINT(in->receiver_unit_id), RINT(in->grace_days), RTEXT(c.doc_type), RTEXT(in->active_from),
                RTEXT(c.active_to), RTEXT(c.issuer_body), RTEXT(c.number_on));
        struct audit_change ch[] = {
            {"code", old.code, c.code}, {"name", old.name, c.name}, {"content", old.content, c.content},
            {"frequency", old.frequency_code, in->frequency},
            {"receiver_unit_id", rstore_num(a, old.receiver_unit_id), rstore_num(a, in->receiver_unit_id)},
            {"grace_days", rstore_num(a, old.grace_days), rstore_num(a, in->grace_days)},
            {"doc_type", old.doc_type, c.doc_type}, {"active_from", old.active_from, in->active_from},
            {"active_to", old.active_to, c.active_to},
            {"issuer_body", old.issuer_body, c.issuer_body}, {"number_on", old.number_on, c.number_on},
        };
        rc = audit_tx_end(db, rc, actor, ip, "update", "regime", id, ch, RSTORE_N(ch));
    }
    arena_free(a);
    return rc == DV_ECONFLICT || rc == DV_EINVAL || rc == DV_ENOTFOUND ? rc : rc ? step_err(rc) : 0;
}

/* ---- assignments ---- */

static const char *SQL_ASSIGN_COLS =
    "SELECT ra.id, ra.regime_id, ra.kind, ra.unit_id, u.name, ra.unit_type, ra.valid_from, ra.valid_to "
    "FROM regime_assignments ra LEFT JOIN units u ON u.id = ra.unit_id WHERE ra.regime_id = ?1 ORDER BY ra.id";
static const char *SQL_ASSIGN_ONE =
    "SELECT ra.id, ra.regime_id, ra.kind, ra.unit_id, u.name, ra.unit_type, ra.valid_from, ra.valid_to "
    "FROM regime_assignments ra LEFT JOIN units u ON u.id = ra.unit_id WHERE ra.id = ?1";

static void assign_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct regime_assignment *x = item;
    x->id = db_col_int(st, 0);
    x->regime_id = db_col_int(st, 1);
    x->kind = dup(a, st, 2);
    x->unit_id = db_col_int(st, 3);
    x->unit_name = dup(a, st, 4);
    x->unit_type = dup(a, st, 5);
    x->valid_from = dup(a, st, 6);
    x->valid_to = dup(a, st, 7);
}

int regime_assignment_get(dv_db *db, dv_arena *a, int64_t assignment_id, struct regime_assignment *out)
{
    return rstore_get_by_id(db, a, SQL_ASSIGN_ONE, assignment_id, assign_row, out);
}

static int regime_exists(dv_db *db, int64_t id)
{
    return rstore_exists(db, "SELECT 1 FROM regimes WHERE id = ?1", RINT(id));
}

static int type_known(const char *t)
{
    for (size_t i = 0; t && i < unit_type_count; i++)
        if (strcmp(unit_types[i].code, t) == 0) return 1;
    return 0;
}

int regime_assignment_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                          const struct assignment_input *in, int64_t *id_out)
{
    if (!in->kind) return DV_EINVAL;
    int is_type = strcmp(in->kind, "type") == 0;
    if (!is_type && strcmp(in->kind, "unit") != 0 && strcmp(in->kind, "subtree") != 0) return DV_EINVAL;
    if (is_type ? !type_known(in->unit_type) || in->unit_id < 0 : in->unit_id <= 0) return DV_EINVAL;
    if (!date_valid(in->valid_from)) return DV_EINVAL;
    const char *to = empty(in->valid_to) ? NULL : in->valid_to;
    if (to && (!date_valid(to) || strcmp(to, in->valid_from) <= 0)) return DV_EINVAL;
    dv_arena *a = arena_new();
    int rc = 0;
    if (in->unit_id) {
        struct unit u;
        rc = unit_store_get(db, a, in->unit_id, &u);
        if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    }
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = regime_exists(db, regime_id);
        if (rc == 0)
            rc = rstore_exec(db,
                "INSERT INTO regime_assignments(regime_id, kind, unit_id, unit_type, valid_from, valid_to) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                RINT(regime_id), RTEXT(in->kind), RID0(in->unit_id), RTEXT(is_type ? in->unit_type : NULL),
                RTEXT(in->valid_from), RTEXT(to));
        int64_t id = rc == 0 ? db_last_id(db) : 0;
        struct audit_change ch[] = {
            {"regime_id", NULL, rstore_num(a, regime_id)}, {"kind", NULL, in->kind},
            {"unit_id", NULL, in->unit_id ? rstore_num(a, in->unit_id) : NULL},
            {"unit_type", NULL, is_type ? in->unit_type : NULL},
            {"valid_from", NULL, in->valid_from}, {"valid_to", NULL, to},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "regime_assignment", id, ch, RSTORE_N(ch));
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

int regime_assignment_end(dv_db *db, const struct dv_user *actor, const char *ip, int64_t assignment_id,
                          const char *on_date)
{
    if (!date_valid(on_date)) return DV_EINVAL;
    dv_arena *a = arena_new();
    struct regime_assignment old = {0};
    int rc = db_begin(db);
    if (rc == 0) {
        rc = regime_assignment_get(db, a, assignment_id, &old);
        if (rc == 0 && strcmp(on_date, old.valid_from) <= 0) rc = DV_EINVAL;
        if (rc == 0)
            rc = rstore_exec(db, "UPDATE regime_assignments SET valid_to = ?2 WHERE id = ?1", RINT(assignment_id),
                             RTEXT(on_date));
        struct audit_change ch[] = {{"valid_to", old.valid_to, on_date}};
        rc = audit_tx_end(db, rc, actor, ip, "update", "regime_assignment", assignment_id, ch, 1);
    }
    arena_free(a);
    return rc;
}

int regime_assignment_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t assignment_id)
{
    dv_arena *a = arena_new();
    struct regime_assignment old = {0};
    int rc = db_begin(db);
    if (rc == 0) {
        rc = regime_assignment_get(db, a, assignment_id, &old);
        if (rc == 0) rc = rstore_exec(db, "DELETE FROM regime_assignments WHERE id = ?1", RINT(assignment_id));
        struct audit_change ch[] = {
            {"regime_id", rstore_num(a, old.regime_id), NULL}, {"kind", old.kind, NULL},
            {"unit_id", old.unit_id ? rstore_num(a, old.unit_id) : NULL, NULL}, {"unit_type", old.unit_type, NULL},
            {"valid_from", old.valid_from, NULL}, {"valid_to", old.valid_to, NULL},
        };
        rc = audit_tx_end(db, rc, actor, ip, "delete", "regime_assignment", assignment_id, ch,
                                   RSTORE_N(ch));
    }
    arena_free(a);
    return rc;
}

/* ---- deadlines ---- */

static int level_ok(const char *level)
{
    return level && (strcmp(level, "*") == 0 || type_known(level));
}

int regime_deadline_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                        const char *level, int days_after_close)
{
    if (!level_ok(level) || days_after_close < 0 || days_after_close > 366) return DV_EINVAL;
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) {
        const char *old = NULL;
        rc = regime_exists(db, regime_id);
        if (rc == 0) {
            dv_stmt *st = db_prepare(db, "SELECT days_after_close FROM regime_deadlines WHERE regime_id = ?1 AND level = ?2");
            if (!st) rc = DV_EDB;
            else {
                db_bind_int(st, 1, regime_id);
                db_bind_text(st, 2, level);
                if (db_step(st) == DB_ROW) old = rstore_num(a, db_col_int(st, 0));
                db_done(st);
            }
        }
        if (rc == 0)
            rc = rstore_exec(db,
                "INSERT INTO regime_deadlines(regime_id, level, days_after_close) VALUES (?1, ?2, ?3) "
                "ON CONFLICT(regime_id, level) DO UPDATE SET days_after_close = excluded.days_after_close",
                RINT(regime_id), RTEXT(level), RINT(days_after_close));
        struct audit_change ch[] = {{"level", NULL, level}, {"days_after_close", old, rstore_num(a, days_after_close)}};
        rc = audit_tx_end(db, rc, actor, ip, old ? "update" : "create", "regime_deadline", regime_id, ch, 2);
    }
    arena_free(a);
    return rc;
}

int regime_deadline_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                           const char *level)
{
    if (!level) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db, "DELETE FROM regime_deadlines WHERE regime_id = ?1 AND level = ?2", RINT(regime_id),
                     RTEXT(level));
    if (rc == 0 && db_changes(db) == 0) rc = DV_ENOTFOUND;
    struct audit_change ch[] = {{"level", level, NULL}};
    return audit_tx_end(db, rc, actor, ip, "delete", "regime_deadline", regime_id, ch, 1);
}

/* ---- sections ---- */

int regime_section_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                       int position, const char *title, const char *guidance)
{
    if (position < 1 || position > 100) return DV_EINVAL;
    dv_arena *a = arena_new();
    const char *t, *g;
    int rc = DV_EINVAL;
    if (rstore_clean(a, title, 0, 1, &t) || rstore_clean(a, guidance, 1, 0, &g)) goto out;
    if ((rc = db_begin(db)) != 0) goto out;
    rc = regime_exists(db, regime_id);
    if (rc == 0)
        rc = rstore_exec(db,
            "INSERT INTO regime_sections(regime_id, position, title, guidance) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT(regime_id, position) DO UPDATE SET title = excluded.title, guidance = excluded.guidance",
            RINT(regime_id), RINT(position), RTEXT(t), RTEXT(g ? g : ""));
    struct audit_change ch[] = {{"position", NULL, rstore_num(a, position)}, {"title", NULL, t}, {"guidance", NULL, g}};
    rc = audit_tx_end(db, rc, actor, ip, "update", "regime_section", regime_id, ch, 3);
out:
    arena_free(a);
    return rc;
}

int regime_section_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                          int position)
{
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) {
        rc = rstore_exec(db, "DELETE FROM regime_sections WHERE regime_id = ?1 AND position = ?2", RINT(regime_id),
                         RINT(position));
        if (rc == 0 && db_changes(db) == 0) rc = DV_ENOTFOUND;
        struct audit_change ch[] = {{"position", rstore_num(a, position), NULL}};
        rc = audit_tx_end(db, rc, actor, ip, "delete", "regime_section", regime_id, ch, 1);
    }
    arena_free(a);
    return rc;
}

/* ---- indicators ---- */

static const char *SQL_IND_ONE =
    "SELECT id, regime_id, code, name, type, unit_of_measure, required, category_set_id, position, "
    "prefill_source FROM indicators WHERE id = ?1";
static const char *SQL_IND_LIST =
    "SELECT id, regime_id, code, name, type, unit_of_measure, required, category_set_id, position, "
    "prefill_source FROM indicators WHERE regime_id = ?1 ORDER BY position, id";

static const char *SQL_IND_POSITIONS = "SELECT id, position FROM indicators WHERE regime_id = ?1 ORDER BY position, id";
static const char *SQL_IND_SET_POSITION = "UPDATE indicators SET position = ?2 WHERE id = ?1";

static void ind_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct indicator *x = item;
    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->regime_id = db_col_int(st, 1);
    x->code = dup(a, st, 2);
    x->name = dup(a, st, 3);
    x->type_code = dup(a, st, 4);
    if (indicator_type_parse(x->type_code, &x->type)) x->type = IND_TEXT;
    x->unit_of_measure = dup(a, st, 5);
    x->required = (int)db_col_int(st, 6);
    x->category_set_id = db_col_int(st, 7);
    x->position = (int)db_col_int(st, 8);
    x->prefill_source = dup(a, st, 9);
}

int indicator_get(dv_db *db, dv_arena *a, int64_t indicator_id, struct indicator *out)
{
    return rstore_get_by_id(db, a, SQL_IND_ONE, indicator_id, ind_row, out);
}

struct ind_clean {
    const char *name, *uom, *src;
};

static int ind_check(dv_db *db, dv_arena *a, const struct indicator_input *in, struct ind_clean *c)
{
    enum indicator_type t;
    if (!rstore_is_code(in->code)) return DV_EINVAL;
    if (rstore_clean(a, in->name, 0, 1, &c->name)) return DV_EINVAL;
    if (rstore_clean(a, in->unit_of_measure, 0, 0, &c->uom)) return DV_EINVAL;
    if (indicator_type_parse(in->type, &t)) return DV_EINVAL;
    if (in->position < 0) return DV_EINVAL;
    c->src = in->prefill_source && *in->prefill_source ? in->prefill_source : NULL;
    /* a number counted from records: a registered source, on a plain numeric indicator */
    if (c->src && (!report_prefill_find(c->src) || in->category_set_id || t == IND_TEXT || t == IND_BOOL || t == IND_DATE))
        return DV_EINVAL;
    if (in->category_set_id) {
        int rc = rstore_exists(db, "SELECT 1 FROM category_sets WHERE id = ?1", RINT(in->category_set_id));
        if (rc) return rc == DV_EDB ? DV_EDB : DV_EINVAL;
    }
    return 0;
}

int indicator_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                  const struct indicator_input *in, int64_t *id_out)
{
    dv_arena *a = arena_new();
    struct ind_clean c;
    int rc = ind_check(db, a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = regime_exists(db, regime_id);
        int pos = in->position;
        if (rc == 0 && pos == 0) {
            dv_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(position), 0) + 1 FROM indicators WHERE regime_id = ?1");
            if (!st) rc = DV_EDB;
            else {
                db_bind_int(st, 1, regime_id);
                if (db_step(st) == DB_ROW) pos = (int)db_col_int(st, 0);
                db_done(st);
            }
        }
        if (rc == 0)
            rc = rstore_exec(db,
                "INSERT INTO indicators(regime_id, code, name, type, unit_of_measure, required, category_set_id, position, "
                "prefill_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                RINT(regime_id), RTEXT(in->code), RTEXT(c.name), RTEXT(in->type), RTEXT(c.uom),
                RINT(in->required ? 1 : 0), RID0(in->category_set_id), RINT(pos), RTEXT(c.src));
        int64_t id = rc == 0 ? db_last_id(db) : 0;
        struct audit_change ch[] = {
            {"regime_id", NULL, rstore_num(a, regime_id)}, {"code", NULL, in->code}, {"name", NULL, c.name},
            {"type", NULL, in->type}, {"unit_of_measure", NULL, c.uom},
            {"required", NULL, in->required ? "1" : "0"},
            {"category_set_id", NULL, in->category_set_id ? rstore_num(a, in->category_set_id) : NULL},
            {"position", NULL, rstore_num(a, pos)}, {"prefill_source", NULL, c.src},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "indicator", id, ch, RSTORE_N(ch));
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

/* 1 if some report of the indicator's regime holds a value for it. Values are reached
 * through the regime's reports: report_values has no index on indicator_id
 * (0008_report_values_lean.sql). */
static int indicator_has_values(dv_db *db, const struct indicator *ind)
{
    return rstore_exists(db, "SELECT 1 FROM reports r JOIN report_values v ON v.report_id = r.id "
                             "AND v.indicator_id = ?1 WHERE r.regime_id = ?2 LIMIT 1",
                         RINT(ind->id), RINT(ind->regime_id)) == 0;
}

int indicator_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id,
                     const struct indicator_input *in)
{
    dv_arena *a = arena_new();
    struct ind_clean c;
    struct indicator old = {0};
    int rc = ind_check(db, a, in, &c);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = indicator_get(db, a, indicator_id, &old);
        int pos = in->position ? in->position : old.position;
        /* values are stored per category option: another disaggregation would orphan them */
        if (rc == 0 && old.category_set_id != in->category_set_id && indicator_has_values(db, &old))
            rc = DV_EDENIED;
        if (rc == 0)
            rc = rstore_exec(db,
                "UPDATE indicators SET code = ?2, name = ?3, type = ?4, unit_of_measure = ?5, required = ?6, "
                "category_set_id = ?7, position = ?8, prefill_source = ?9 WHERE id = ?1",
                RINT(indicator_id), RTEXT(in->code), RTEXT(c.name), RTEXT(in->type), RTEXT(c.uom),
                RINT(in->required ? 1 : 0), RID0(in->category_set_id), RINT(pos), RTEXT(c.src));
        struct audit_change ch[] = {
            {"code", old.code, in->code}, {"name", old.name, c.name}, {"type", old.type_code, in->type},
            {"unit_of_measure", old.unit_of_measure, c.uom},
            {"required", old.required ? "1" : "0", in->required ? "1" : "0"},
            {"category_set_id", old.category_set_id ? rstore_num(a, old.category_set_id) : NULL,
             in->category_set_id ? rstore_num(a, in->category_set_id) : NULL},
            {"position", rstore_num(a, old.position), rstore_num(a, pos)},
            {"prefill_source", old.prefill_source, c.src},
        };
        rc = audit_tx_end(db, rc, actor, ip, "update", "indicator", indicator_id, ch, RSTORE_N(ch));
    }
    arena_free(a);
    return rc;
}

int indicator_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id)
{
    dv_arena *a = arena_new();
    struct indicator old = {0};
    int rc = db_begin(db);
    if (rc == 0) {
        rc = indicator_get(db, a, indicator_id, &old);
        if (rc == 0 && indicator_has_values(db, &old)) rc = DV_ECONFLICT;
        if (rc == 0) rc = rstore_exec(db, "DELETE FROM indicators WHERE id = ?1", RINT(indicator_id));
        struct audit_change ch[] = {{"code", old.code, NULL}, {"name", old.name, NULL}};
        if (rc == 0) rc = audit_write(db, actor, ip, "delete", "indicator", indicator_id, ch, 2);
        if (rc == 0)
            rc = rstore_positions(db, actor, ip, "indicator", SQL_IND_POSITIONS, SQL_IND_SET_POSITION, old.regime_id, 0, 0);
        rc = rstore_tx_end(db, rc);
    }
    arena_free(a);
    return rc;
}

int indicator_move(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id, int dir)
{
    return rstore_move(db, actor, ip, "indicator", "SELECT regime_id FROM indicators WHERE id = ?1",
                       SQL_IND_POSITIONS, SQL_IND_SET_POSITION, indicator_id, dir);
}

/* ---- rules ---- */

int indicator_rule_check(const struct regime_def *d, const struct rule_input *in, const char **which)
{
    *which = "left_code";
    const struct indicator *l = regime_def_indicator(d, in->left_code);
    if (!l || l->type == IND_TEXT || l->type == IND_BOOL) return DV_EINVAL;
    *which = "op";
    int ok = 0;
    for (int i = 0; in->op && indicator_rule_ops[i]; i++)
        if (strcmp(in->op, indicator_rule_ops[i]) == 0) ok = 1;
    if (!ok) return DV_EINVAL;
    *which = "right_operand";
    if (empty(in->right_operand)) return DV_EINVAL;
    if (!is_number(in->right_operand)) {
        const struct indicator *r = regime_def_indicator(d, in->right_operand);
        if (!r || r == l || r->type == IND_TEXT || r->type == IND_BOOL) return DV_EINVAL;
        if ((r->type == IND_DATE) != (l->type == IND_DATE)) return DV_EINVAL;
    }
    *which = "message";
    if (empty(in->message)) return DV_EINVAL;
    *which = NULL;
    return 0;
}

int indicator_rule_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                       const struct rule_input *in, int64_t *id_out)
{
    dv_arena *a = arena_new();
    struct regime_def d;
    const char *which, *msg;
    int rc = regime_load(db, a, regime_id, &d);
    if (rc == 0 && (indicator_rule_check(&d, in, &which) || rstore_clean(a, in->message, 0, 1, &msg))) rc = DV_EINVAL;
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = rstore_exec(db,
            "INSERT INTO indicator_rules(regime_id, left_code, op, right_operand, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            RINT(regime_id), RTEXT(in->left_code), RTEXT(in->op), RTEXT(in->right_operand), RTEXT(msg));
        int64_t id = rc == 0 ? db_last_id(db) : 0;
        struct audit_change ch[] = {
            {"regime_id", NULL, rstore_num(a, regime_id)}, {"left_code", NULL, in->left_code}, {"op", NULL, in->op},
            {"right_operand", NULL, in->right_operand}, {"message", NULL, msg},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "indicator_rule", id, ch, RSTORE_N(ch));
        if (rc == 0 && id_out) *id_out = id;
    }
    arena_free(a);
    return rc;
}

int indicator_rule_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t rule_id)
{
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) {
        const char *l = NULL, *op = NULL, *r = NULL;
        dv_stmt *st = db_prepare(db, "SELECT left_code, op, right_operand FROM indicator_rules WHERE id = ?1");
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, rule_id);
            int s = db_step(st);
            if (s == DB_ROW) {
                l = dup(a, st, 0);
                op = dup(a, st, 1);
                r = dup(a, st, 2);
            } else rc = s == DB_DONE ? DV_ENOTFOUND : DV_EDB;
            db_done(st);
        }
        if (rc == 0) rc = rstore_exec(db, "DELETE FROM indicator_rules WHERE id = ?1", RINT(rule_id));
        struct audit_change ch[] = {{"left_code", l, NULL}, {"op", op, NULL}, {"right_operand", r, NULL}};
        rc = audit_tx_end(db, rc, actor, ip, "delete", "indicator_rule", rule_id, ch, 3);
    }
    arena_free(a);
    return rc;
}

/* ---- the whole definition ---- */

const struct indicator *regime_def_indicator(const struct regime_def *d, const char *code)
{
    for (size_t i = 0; code && i < d->n_indicators; i++)
        if (strcmp(d->indicators[i].code, code) == 0) return &d->indicators[i];
    return NULL;
}

int regime_def_deadline_days(const struct regime_def *d, const char *unit_type)
{
    int star = -1;
    for (size_t i = 0; i < d->n_deadlines; i++) {
        if (unit_type && strcmp(d->deadlines[i].level, unit_type) == 0) return d->deadlines[i].days_after_close;
        if (strcmp(d->deadlines[i].level, "*") == 0) star = d->deadlines[i].days_after_close;
    }
    return star;
}

/* Row fillers for collect_by_id: one element of the definition's arrays per row. */

static void deadline_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct regime_deadline *x = item;
    x->level = dup(a, st, 0);
    x->days_after_close = (int)db_col_int(st, 1);
}

static void section_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct regime_section *x = item;
    x->position = (int)db_col_int(st, 0);
    x->title = dup(a, st, 1);
    x->guidance = dup(a, st, 2);
}


static void category_set_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct category_set *x = item;
    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->code = dup(a, st, 1);
    x->name = dup(a, st, 2);
}

static void rule_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct indicator_rule *x = item;
    x->id = db_col_int(st, 0);
    x->regime_id = db_col_int(st, 1);
    x->left_code = dup(a, st, 2);
    x->op = dup(a, st, 3);
    x->right_operand = dup(a, st, 4);
    x->message = dup(a, st, 5);
}

int regime_load(dv_db *db, dv_arena *a, int64_t regime_id, struct regime_def *out)
{
    memset(out, 0, sizeof *out);
    int rc = regime_store_get(db, a, regime_id, &out->regime);
    if (rc) return rc;
    out->assignments = rstore_collect_by_id(db, a, SQL_ASSIGN_COLS, regime_id, sizeof *out->assignments, assign_row,
                                     &out->n_assignments, &rc);
    if (rc) return rc;
    out->deadlines = rstore_collect_by_id(db, a,
                                   "SELECT level, days_after_close FROM regime_deadlines WHERE regime_id = ?1 "
                                   "ORDER BY level = '*', level",
                                   regime_id, sizeof *out->deadlines, deadline_fill, &out->n_deadlines, &rc);
    if (rc) return rc;
    out->sections = rstore_collect_by_id(db, a,
                                  "SELECT position, title, guidance FROM regime_sections WHERE regime_id = ?1 "
                                  "ORDER BY position",
                                  regime_id, sizeof *out->sections, section_fill, &out->n_sections, &rc);
    if (rc) return rc;
    out->indicators = rstore_collect_by_id(db, a, SQL_IND_LIST, regime_id, sizeof *out->indicators, ind_row,
                                    &out->n_indicators, &rc);
    if (rc) return rc;
    out->category_sets = rstore_collect_by_id(db, a,
                                       "SELECT DISTINCT s.id, s.code, s.name FROM category_sets s JOIN indicators i "
                                       "ON i.category_set_id = s.id WHERE i.regime_id = ?1 ORDER BY s.id",
                                       regime_id, sizeof *out->category_sets, category_set_fill,
                                       &out->n_category_sets, &rc);
    if (rc) return rc;
    for (size_t i = 0; i < out->n_category_sets; i++)
        if ((rc = category_set_options_load(db, a, &out->category_sets[i])) != 0) return rc;
    for (size_t i = 0; i < out->n_indicators; i++)
        for (size_t j = 0; j < out->n_category_sets; j++)
            if (out->indicators[i].category_set_id == out->category_sets[j].id)
                out->indicators[i].cats = &out->category_sets[j];

    out->rules = rstore_collect_by_id(db, a,
                               "SELECT id, regime_id, left_code, op, right_operand, message FROM indicator_rules "
                               "WHERE regime_id = ?1 ORDER BY id",
                               regime_id, sizeof *out->rules, rule_fill, &out->n_rules, &rc);
    return rc;
}
