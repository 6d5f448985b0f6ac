/* period_store.c - the SQL of reporting periods: generation with the default windows and
 * per-level deadlines (idempotent), thematic/adhoc periods, window and deadline edits,
 * reads (see regime.h). */
#include "report/regime/regime.h"

#include "core/err.h"
#include "org/audit.h"
#include "db/store_util.h"

#include <stdio.h>
#include <string.h>

static const char *SQL_PERIOD_ONE =
    "SELECT id, regime_id, year, seq, label, close_start, close_end FROM periods WHERE id = ?1";
static const char *SQL_PERIOD_LIST =
    "SELECT id, regime_id, year, seq, label, close_start, close_end FROM periods WHERE regime_id = ?1 "
    "ORDER BY close_end, seq";

static void period_row(dv_arena *a, dv_stmt *st, struct period *p)
{
    p->id = db_col_int(st, 0);
    p->regime_id = db_col_int(st, 1);
    p->year = (int)db_col_int(st, 2);
    p->seq = (int)db_col_int(st, 3);
    p->label = arena_strdup(a, db_col_text(st, 4));
    p->close_start = arena_strdup(a, db_col_text(st, 5));
    p->close_end = arena_strdup(a, db_col_text(st, 6));
}

int period_store_get(dv_db *db, dv_arena *a, int64_t period_id, struct period *out)
{
    dv_stmt *st = db_prepare(db, SQL_PERIOD_ONE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    int rc = db_step(st);
    if (rc == DB_ROW) period_row(a, st, out);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int period_store_list(dv_db *db, dv_arena *a, int64_t regime_id, struct period **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_PERIOD_LIST);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        period_row(a, st, &(*out)[(*n)++]);
    }
    db_done(st);
    return rc == DB_DONE ? 0 : DV_EDB;
}

int period_store_find(dv_db *db, int64_t regime_id, int year, int seq, int64_t *id_out)
{
    dv_stmt *st = db_prepare(db, "SELECT id FROM periods WHERE regime_id = ?1 AND year = ?2 AND seq = ?3");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, year);
    db_bind_int(st, 3, seq);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int period_store_current(dv_db *db, int64_t regime_id, const char *date, int64_t *id_out)
{
    dv_stmt *st = db_prepare(db,
        "SELECT id FROM periods WHERE regime_id = ?1 AND close_end >= ?2 ORDER BY close_end, seq LIMIT 1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_text(st, 2, date);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    if (rc == DB_ROW) return 0;
    if (rc != DB_DONE) return DV_EDB;
    st = db_prepare(db, "SELECT id FROM periods WHERE regime_id = ?1 ORDER BY close_end DESC, seq DESC LIMIT 1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int period_deadlines_get(dv_db *db, dv_arena *a, int64_t period_id, struct period_deadline **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, "SELECT level, deadline FROM period_deadlines WHERE period_id = ?1 "
                                 "ORDER BY level = '*', level");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct period_deadline *d = &(*out)[(*n)++];
        d->level = arena_strdup(a, db_col_text(st, 0));
        snprintf(d->deadline, sizeof d->deadline, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
    }
    db_done(st);
    return rc == DB_DONE ? 0 : DV_EDB;
}

int period_deadline_for(dv_db *db, int64_t period_id, const char *unit_type, char out[11])
{
    dv_stmt *st = db_prepare(db, "SELECT deadline FROM period_deadlines WHERE period_id = ?1 "
                                 "AND level IN (?2, '*') ORDER BY level = '*' LIMIT 1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_text(st, 2, unit_type ? unit_type : "*");
    int rc = db_step(st);
    if (rc == DB_ROW) snprintf(out, 11, "%s", db_col_text(st, 0));
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

/* Inserts the missing deadline rows of a period from regime_deadlines (close_end + days). */
static const char *SQL_FILL_DEADLINES =
    "INSERT INTO period_deadlines(period_id, level, deadline) "
    "SELECT p.id, d.level, date(p.close_end, '+' || d.days_after_close || ' days') "
    "FROM periods p JOIN regime_deadlines d ON d.regime_id = p.regime_id WHERE p.id = ?1 "
    "ON CONFLICT DO NOTHING";

int period_generate(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                    int from_year, int to_year, int *created)
{
    if (created) *created = 0;
    if (from_year < 1900 || to_year > 9998 || to_year < from_year || to_year - from_year > 50) return DV_EINVAL;
    dv_arena *a = arena_new();
    struct regime r;
    int rc = regime_store_get(db, a, regime_id, &r);
    if (rc == 0 && period_per_year(r.frequency) == 0) rc = DV_EINVAL;
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        int made = 0;
        int per = period_per_year(r.frequency);
        for (int y = from_year; rc == 0 && y <= to_year; y++) {
            for (int s = 1; rc == 0 && s <= per; s++) {
                char start[11], end[11], label[96];
                int64_t pid = 0;
                period_default_window(r.frequency, y, s, start, end);
                period_label_vi(r.frequency, y, s, label, sizeof label);
                rc = period_store_find(db, regime_id, y, s, &pid);
                if (rc == DV_ENOTFOUND) {
                    dv_stmt *st = db_prepare(db, "INSERT INTO periods(regime_id, year, seq, label, close_start, "
                                                 "close_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
                    if (!st) rc = DV_EDB;
                    else {
                        db_bind_int(st, 1, regime_id);
                        db_bind_int(st, 2, y);
                        db_bind_int(st, 3, s);
                        db_bind_text(st, 4, label);
                        db_bind_text(st, 5, start);
                        db_bind_text(st, 6, end);
                        rc = db_exec_id(st, &pid);
                    }
                    if (rc == 0) {
                        made++;
                        struct audit_change ch[] = {
                            {"regime_id", NULL, rstore_num(a, regime_id)}, {"label", NULL, label},
                            {"close_start", NULL, start}, {"close_end", NULL, end},
                        };
                        rc = audit_write(db, actor, ip, "create", "period", pid, ch, 4);
                    }
                }
                if (rc == 0) {
                    dv_stmt *st = db_prepare(db, SQL_FILL_DEADLINES);
                    if (!st) rc = DV_EDB;
                    else {
                        db_bind_int(st, 1, pid);
                        rc = db_exec(st);
                    }
                }
            }
        }
        rc = rstore_tx_end(db, rc);
        if (rc == 0 && created) *created = made;
    }
    arena_free(a);
    return rc;
}

int period_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id, int year,
               const char *label, const char *close_start, const char *close_end, int64_t *id_out)
{
    if (!date_valid(close_start) || !date_valid(close_end) || strcmp(close_end, close_start) < 0 ||
        year < 1900 || year > 9998)
        return DV_EINVAL;
    dv_arena *a = arena_new();
    struct regime r;
    int rc = regime_store_get(db, a, regime_id, &r);
    if (rc == 0 && period_per_year(r.frequency) != 0) rc = DV_EINVAL;
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        int seq = 1;
        dv_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM periods WHERE regime_id = ?1 AND year = ?2");
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, regime_id);
            db_bind_int(st, 2, year);
            if (db_step(st) == DB_ROW) seq = (int)db_col_int(st, 0);
            db_done(st);
        }
        char def[96];
        if (!label || !*label) {
            period_label_vi(r.frequency, year, seq, def, sizeof def);
            label = def;
        }
        int64_t pid = 0;
        if (rc == 0) {
            st = db_prepare(db, "INSERT INTO periods(regime_id, year, seq, label, close_start, close_end) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
            if (!st) rc = DV_EDB;
            else {
                db_bind_int(st, 1, regime_id);
                db_bind_int(st, 2, year);
                db_bind_int(st, 3, seq);
                db_bind_text(st, 4, label);
                db_bind_text(st, 5, close_start);
                db_bind_text(st, 6, close_end);
                rc = db_exec_id(st, &pid);
            }
        }
        if (rc == 0) {
            st = db_prepare(db, SQL_FILL_DEADLINES);
            if (!st) rc = DV_EDB;
            else {
                db_bind_int(st, 1, pid);
                rc = db_exec(st);
            }
        }
        if (rc == 0) {
            struct audit_change ch[] = {
                {"regime_id", NULL, rstore_num(a, regime_id)}, {"label", NULL, label},
                {"close_start", NULL, close_start}, {"close_end", NULL, close_end},
            };
            rc = audit_write(db, actor, ip, "create", "period", pid, ch, 4);
        }
        rc = rstore_tx_end(db, rc);
        if (rc == 0 && id_out) *id_out = pid;
    }
    arena_free(a);
    return rc;
}

/* Inside a transaction. */
static int update_window_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t period_id,
                            const char *close_start, const char *close_end, const char *label)
{
    struct period old;
    int rc = period_store_get(db, a, period_id, &old);
    if (rc) return rc;
    const char *nl = label && *label ? label : old.label;
    dv_stmt *st = db_prepare(db, "UPDATE periods SET close_start = ?2, close_end = ?3, label = ?4 WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_text(st, 2, close_start);
    db_bind_text(st, 3, close_end);
    db_bind_text(st, 4, nl);
    if ((rc = db_exec(st)) != 0) return rc;
    struct audit_change ch[] = {
        {"close_start", old.close_start, close_start}, {"close_end", old.close_end, close_end},
        {"label", old.label, nl},
    };
    return audit_write(db, actor, ip, "update", "period", period_id, ch, 3);
}

int period_update_window(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                         const char *close_start, const char *close_end, const char *label)
{
    if (!date_valid(close_start) || !date_valid(close_end) || strcmp(close_end, close_start) < 0)
        return DV_EINVAL;
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) rc = rstore_tx_end(db, update_window_tx(db, a, actor, ip, period_id, close_start, close_end, label));
    arena_free(a);
    return rc;
}

/* Inside a transaction. */
static int deadline_set_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t period_id,
                           const char *level, const char *deadline)
{
    if (!level || !*level || strlen(level) > 40 || !date_valid(deadline)) return DV_EINVAL;
    struct period p;
    int rc = period_store_get(db, a, period_id, &p);
    if (rc) return rc;
    if (strcmp(deadline, p.close_end) < 0) return DV_EINVAL;
    char old[11] = "";
    dv_stmt *st = db_prepare(db, "SELECT deadline FROM period_deadlines WHERE period_id = ?1 AND level = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_text(st, 2, level);
    if (db_step(st) == DB_ROW) snprintf(old, sizeof old, "%s", db_col_text(st, 0));
    db_done(st);
    st = db_prepare(db, "INSERT INTO period_deadlines(period_id, level, deadline) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT(period_id, level) DO UPDATE SET deadline = excluded.deadline");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_text(st, 2, level);
    db_bind_text(st, 3, deadline);
    if ((rc = db_exec(st)) != 0) return rc;
    if (strcmp(old, deadline) == 0) return 0;
    struct audit_change ch[] = {{"level", NULL, level}, {"deadline", *old ? old : NULL, deadline}};
    return audit_write(db, actor, ip, "update", "period_deadline", period_id, ch, 2);
}

int period_deadline_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                        const char *level, const char *deadline)
{
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) rc = rstore_tx_end(db, deadline_set_tx(db, a, actor, ip, period_id, level, deadline));
    arena_free(a);
    return rc;
}

int period_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                  const char *close_start, const char *close_end, const char *label,
                  const struct period_deadline *deadlines, size_t n)
{
    if (!date_valid(close_start) || !date_valid(close_end) || strcmp(close_end, close_start) < 0)
        return DV_EINVAL;
    dv_arena *a = arena_new();
    int rc = db_begin(db);
    if (rc == 0) {
        rc = update_window_tx(db, a, actor, ip, period_id, close_start, close_end, label);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = deadline_set_tx(db, a, actor, ip, period_id, deadlines[i].level, deadlines[i].deadline);
        rc = rstore_tx_end(db, rc);
    }
    arena_free(a);
    return rc;
}
