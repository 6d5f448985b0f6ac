/* doc_store.c - SQL of the document part: numbering in doc_counters, sums for the
 * consolidated report (see doc_store.h). */
#include "report/doc_store.h"

#include "core/buf.h"
#include "core/err.h"
#include "org/audit.h"

#include <stdio.h>
#include <string.h>

static int counter_bump(dv_db *db, int64_t issuer, const char *type, const char *series, int64_t *out)
{
    dv_stmt *st = db_prepare(db,
                             "INSERT INTO doc_counters (issuer_unit_id, doc_type, series, last_number) "
                             "VALUES (?1, ?2, ?3, 1) ON CONFLICT (issuer_unit_id, doc_type, series) "
                             "DO UPDATE SET last_number = last_number + 1 RETURNING last_number");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, issuer);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, series);
    int rc = db_step(st);
    if (rc == DB_ROW) *out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : (rc < 0 ? rc : DV_EDB);
}

static int audit_number(dv_db *db, const struct dv_user *actor, const char *ip, const char *entity, int64_t id,
                        const char *type, const char *series, int64_t n)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)n);
    struct audit_change ch[] = {
        {"doc_type", NULL, type},
        {"series", NULL, series},
        {"doc_number", NULL, num},
    };
    return audit_write(db, actor, ip, "doc_number", entity, id, ch, 3);
}

int doc_counter_next(dv_db *db, const struct dv_user *actor, const char *ip, int64_t issuer_unit_id,
                     const char *doc_type, const char *series, int64_t *number_out)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = counter_bump(db, issuer_unit_id, doc_type, series, number_out);
    if (!rc) rc = audit_number(db, actor, ip, "unit", issuer_unit_id, doc_type, series, *number_out);
    if (!rc) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

int doc_number_assign_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                         const char *doc_type, const char *series, int64_t *number_out, const char **series_out)
{
    dv_stmt *st = db_prepare(db, "SELECT unit_id, doc_number, doc_series FROM reports WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    int step = db_step(st);
    int64_t unit_id = 0, have = 0;
    const char *have_series = NULL;
    if (step == DB_ROW) {
        unit_id = db_col_int(st, 0);
        if (!db_col_is_null(st, 1)) {
            have = db_col_int(st, 1);
            have_series = arena_strdup(a, db_col_text(st, 2));
        }
    }
    db_done(st);
    if (step != DB_ROW) return step == DB_DONE ? DV_ENOTFOUND : DV_EDB;
    if (have > 0) {
        *number_out = have;
        *series_out = have_series ? have_series : arena_strdup(a, series);
        return 0;
    }
    int64_t n = 0;
    int rc = counter_bump(db, unit_id, doc_type, series, &n);
    if (!rc) {
        st = db_prepare(db, "UPDATE reports SET doc_number = ?2, doc_series = ?3 WHERE id = ?1 AND doc_number IS NULL");
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, report_id);
            db_bind_int(st, 2, n);
            db_bind_text(st, 3, series);
            rc = db_exec(st);
        }
    }
    if (!rc) rc = audit_number(db, actor, ip, "report", report_id, doc_type, series, n);
    if (rc) return rc;
    *number_out = n;
    *series_out = arena_strdup(a, series);
    return 0;
}

int doc_number_for_report(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                          const char *doc_type, const char *series, int64_t *number_out, const char **series_out)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = doc_number_assign_tx(db, a, actor, ip, report_id, doc_type, series, number_out, series_out);
    if (!rc) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

int doc_store_sums(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id, const int64_t *units,
                   size_t nunits, struct doc_sum **out, size_t *n, int64_t *received)
{
    *out = NULL;
    *n = 0;
    *received = 0;
    if (nunits == 0) return 0;
    /* the unit ids travel as one comma-separated parameter, matched with instr() so the SQL
     * text stays a literal (statements are cached by address) */
    dv_buf ids = {0};
    buf_putc(&ids, ',');
    for (size_t i = 0; i < nunits; i++) buf_printf(&ids, "%lld,", (long long)units[i]);
    int rc = db_begin_read(db);
    if (rc) {
        buf_free(&ids);
        return rc;
    }
    dv_stmt *st = db_prepare(db,
                             "SELECT count(*) FROM reports WHERE regime_id = ?1 AND period_id = ?2 "
                             "AND status IN ('submitted','approved') AND instr(?3, ',' || unit_id || ',') > 0");
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, regime_id);
        db_bind_int(st, 2, period_id);
        db_bind_text(st, 3, buf_cstr(&ids));
        if (db_step(st) == DB_ROW) *received = db_col_int(st, 0);
        db_done(st);
    }
    size_t cap = 0;
    if (!rc) {
        st = db_prepare(db,
                        "SELECT v.indicator_id, v.option_id, total(v.num), count(v.num) FROM report_values v "
                        "JOIN reports r ON r.id = v.report_id WHERE r.regime_id = ?1 AND r.period_id = ?2 "
                        "AND r.status IN ('submitted','approved') AND instr(?3, ',' || r.unit_id || ',') > 0 "
                        "GROUP BY v.indicator_id, v.option_id ORDER BY v.indicator_id, v.option_id");
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, regime_id);
            db_bind_int(st, 2, period_id);
            db_bind_text(st, 3, buf_cstr(&ids));
            int s;
            while ((s = db_step(st)) == DB_ROW) {
                if (*n == cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    struct doc_sum *ns = arena_alloc(a, nc * sizeof *ns);
                    if (*n) memcpy(ns, *out, *n * sizeof *ns);
                    *out = ns;
                    cap = nc;
                }
                struct doc_sum *d = &(*out)[(*n)++];
                d->indicator_id = db_col_int(st, 0);
                d->option_id = db_col_int(st, 1);
                d->sum = 0;
                const char *t = db_col_text(st, 2); /* total() is a REAL: read it as text */
                if (t) sscanf(t, "%lf", &d->sum);
                d->count = db_col_int(st, 3);
            }
            if (s < 0) rc = s;
            db_done(st);
        }
    }
    db_rollback(db);
    buf_free(&ids);
    return rc;
}
