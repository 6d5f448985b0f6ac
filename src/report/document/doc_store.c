/* doc_store.c - SQL of the document part: numbering in doc_counters when a report is
 * issued, signers, formal names (see doc_store.h). */
#include "report/document/doc_store.h"

#include "core/clock.h"
#include "core/buf.h"
#include "core/err.h"
#include "org/audit.h"
#include "report/document/doc_model.h"
#include "report/period.h"

#include <stdio.h>
#include <string.h>

static int counter_bump(dv_db *db, int64_t issuer, const char *type, const char *series, int64_t *out)
{
    dv_stmt *st = db_prepare(db,
                             "INSERT INTO doc_counters (issuer_unit_id, doc_type, series, last_number) "
                             "VALUES (?1, ?2, ?3, 1) ON CONFLICT (issuer_unit_id, doc_type, series) "
                             "DO UPDATE SET last_number = doc_counters.last_number + 1 RETURNING last_number");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, issuer);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, series);
    int rc = db_step(st);
    if (rc == DB_ROW) *out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : (rc < 0 ? rc : DV_EDB);
}

int doc_counter_next_tx(dv_db *db, int64_t issuer_unit_id, const char *doc_type, const char *series,
                        int64_t *number_out)
{
    return counter_bump(db, issuer_unit_id, doc_type, series, number_out);
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

static int assign(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                  const char *doc_type, const char *series, int quiet, int64_t *number_out, const char **series_out)
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
    if (!rc && !quiet) rc = audit_number(db, actor, ip, "report", report_id, doc_type, series, n);
    if (rc) return rc;
    *number_out = n;
    *series_out = arena_strdup(a, series);
    return 0;
}

int doc_number_assign_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                         const char *doc_type, const char *series, int64_t *number_out, const char **series_out)
{
    return assign(db, a, actor, ip, report_id, doc_type, series, 0, number_out, series_out);
}

static int number_assign(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                         const char *doc_type, const char *series, int quiet, int64_t *number_out)
{
    const char *got = NULL;
    return assign(db, a, actor, ip, report_id, doc_type, series, quiet, number_out, &got);
}

static const char *SQL_ISSUE_READ =
    "SELECT r.doc_number, g.doc_type, g.issuer_body, g.number_on, u.type, "
    "(SELECT pu.type FROM unit_links l JOIN units pu ON pu.id = l.parent_id WHERE l.child_id = u.id "
    "  AND l.valid_from <= ?2 AND (l.valid_to IS NULL OR l.valid_to > ?2) LIMIT 1) "
    "FROM reports r JOIN regimes g ON g.id = r.regime_id JOIN units u ON u.id = r.unit_id WHERE r.id = ?1";

int doc_number_issue_tx(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t report_id,
                        enum doc_event ev, int64_t *given)
{
    if (given) *given = 0;
    char today[11];
    clock_vn_today(today);
    dv_stmt *st = db_prepare(db, SQL_ISSUE_READ);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    db_bind_text(st, 2, today);
    int step = db_step(st);
    int numbered = 0, due = 0;
    const char *doc_type = NULL, *unit_type = NULL, *parent_type = NULL;
    enum doc_body body = DOC_BODY_UNIT;
    if (step == DB_ROW) {
        numbered = !db_col_is_null(st, 0);
        doc_type = arena_strdup(a, db_col_text(st, 1));
        body = doc_body_parse(db_col_text(st, 2));
        const char *on = db_col_text(st, 3);
        due = (ev == DOC_ON_APPROVE) == (on && strcmp(on, "approve") == 0);
        unit_type = arena_strdup(a, db_col_text(st, 4));
        parent_type = arena_strdup(a, db_col_text(st, 5));
    }
    db_done(st);
    if (step != DB_ROW) return step == DB_DONE ? DV_ENOTFOUND : DV_EDB;
    if (numbered || !due) return 0;
    const char *series = doc_series_for(a, doc_layout_of(unit_type, parent_type, body), today);
    int64_t n = 0;
    int rc = number_assign(db, a, actor, ip, report_id, doc_type && *doc_type ? doc_type : "BC", series, given != NULL,
                           &n);
    if (rc) return rc;
    st = db_prepare(db, "UPDATE reports SET doc_date = ?2 WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    db_bind_text(st, 2, today);
    rc = db_exec(st);
    if (!rc && given) *given = n;
    return rc;
}

static const char *const SQL_BACKFILL[] = {
    "UPDATE units SET formal_name = substr(name, 1, instr(name, ' (trước ') - 1) "
    "WHERE formal_name IS NULL AND instr(name, ' (trước ') > 1 AND name LIKE '%)'",
    /* the day of issue: the first submission, or the approval where the regime numbers then */
    "WITH pending AS ("
    " SELECT r.id, r.unit_id, g.doc_type,"
    "  CASE WHEN g.number_on = 'approve' THEN r.reviewed_at ELSE r.first_submitted_at END AS at,"
    "  CASE WHEN u.type LIKE 'party!_%' ESCAPE '!' OR (g.issuer_body = 'party' AND u.type IN "
    "   ('province','commune','ward','special_zone')) THEN 1 ELSE 0 END AS party"
    " FROM reports r JOIN regimes g ON g.id = r.regime_id JOIN units u ON u.id = r.unit_id"
    " WHERE r.doc_number IS NULL AND r.first_submitted_at IS NOT NULL"
    "  AND (r.status IN ('submitted','approved','returned') AND g.number_on = 'submit'"
    "   OR r.status = 'approved' AND g.number_on = 'approve' AND r.reviewed_at IS NOT NULL)),"
    " numbered AS ("
    /* the Party term of the date (doc_series_for): five years from 2020, from October */
    " SELECT p.id, CASE WHEN p.party = 1 THEN (SELECT (2020 + ((y - 2020) / 5) * 5 - CASE WHEN (y - 2020) % 5 = 0 AND m < 10"
    "  THEN 5 ELSE 0 END) || '-' || (2025 + ((y - 2020) / 5) * 5 - CASE WHEN (y - 2020) % 5 = 0 AND m < 10 THEN 5"
    "  ELSE 0 END) FROM (SELECT CAST(substr(p.at, 1, 4) AS INTEGER) AS y, CAST(substr(p.at, 6, 2) AS INTEGER) AS m) ym)"
    "  ELSE substr(p.at, 1, 4) END AS series, p.at, p.unit_id, p.doc_type FROM pending p),"
    " ranked AS ("
    " SELECT n.id, n.series, n.at, COALESCE((SELECT c.last_number FROM doc_counters c WHERE c.issuer_unit_id = n.unit_id"
    "   AND c.doc_type = n.doc_type AND c.series = n.series), 0)"
    "  + row_number() OVER (PARTITION BY n.unit_id, n.doc_type, n.series ORDER BY n.at, n.id) AS k FROM numbered n)"
    " UPDATE reports SET doc_number = ranked.k, doc_series = ranked.series, doc_date = substr(ranked.at, 1, 10)"
    " FROM ranked WHERE ranked.id = reports.id",
    "INSERT INTO doc_counters (issuer_unit_id, doc_type, series, last_number)"
    " SELECT r.unit_id, g.doc_type, r.doc_series, max(r.doc_number) FROM reports r JOIN regimes g ON g.id = r.regime_id"
    " WHERE r.doc_number IS NOT NULL AND r.doc_series IS NOT NULL GROUP BY r.unit_id, g.doc_type, r.doc_series"
    " ON CONFLICT (issuer_unit_id, doc_type, series) DO UPDATE SET last_number = max(doc_counters.last_number, excluded.last_number)",
};

int doc_store_backfill(dv_db *db)
{
    int rc = db_begin(db);
    for (size_t i = 0; !rc && i < sizeof SQL_BACKFILL / sizeof *SQL_BACKFILL; i++) {
        dv_stmt *st = db_prepare(db, SQL_BACKFILL[i]);
        rc = st ? db_exec(st) : DV_EDB;
    }
    if (!rc) rc = audit_write(db, NULL, NULL, "doc_number_backfill", "report", 0, NULL, 0);
    if (!rc) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

int doc_store_report_number(dv_db *db, dv_arena *a, int64_t report_id, int64_t *number, const char **date)
{
    *number = 0;
    *date = NULL;
    dv_stmt *st = db_prepare(db, "SELECT doc_number, doc_date FROM reports WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *number = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
        *date = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static const char *SQL_UNIT_NAMES =
    "SELECT COALESCE(u.formal_name, u.name), u.type, l.parent_id, COALESCE(p.formal_name, p.name), p.type "
    "FROM units u LEFT JOIN unit_links l ON l.child_id = u.id AND l.valid_from <= ?2 "
    "  AND (l.valid_to IS NULL OR l.valid_to > ?2) LEFT JOIN units p ON p.id = l.parent_id WHERE u.id = ?1 LIMIT 1";

int doc_store_unit_names(dv_db *db, dv_arena *a, int64_t unit_id, const char *date, struct doc_unit_names *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, SQL_UNIT_NAMES);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, date);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->name = arena_strdup(a, db_col_text(st, 0));
        out->type = arena_strdup(a, db_col_text(st, 1));
        out->parent_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
        out->parent_name = arena_strdup(a, db_col_text(st, 3));
        out->parent_type = arena_strdup(a, db_col_text(st, 4));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int doc_store_signer(dv_db *db, dv_arena *a, int64_t unit_id, const char *body, struct doc_signer_row *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, "SELECT authority, position, signer_name FROM doc_signers WHERE unit_id = ?1 AND body = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, body);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->authority = arena_strdup(a, db_col_text(st, 0));
        out->position = arena_strdup(a, db_col_text(st, 1));
        out->signer_name = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int doc_store_signer_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id, const char *body,
                         const struct doc_signer_row *in)
{
    int clear = !in->position || !*in->position;
    int rc = db_begin(db);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, clear ? "DELETE FROM doc_signers WHERE unit_id = ?1 AND body = ?2"
                                       : "INSERT INTO doc_signers (unit_id, body, authority, position, signer_name) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit_id, body) DO UPDATE SET "
                                         "authority = excluded.authority, position = excluded.position, "
                                         "signer_name = excluded.signer_name, "
                                         "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, unit_id);
        db_bind_text(st, 2, body);
        if (!clear) {
            db_bind_text(st, 3, in->authority ? in->authority : "");
            db_bind_text(st, 4, in->position);
            db_bind_text(st, 5, in->signer_name ? in->signer_name : "");
        }
        rc = db_exec(st);
    }
    struct audit_change ch[] = {
        {"body", NULL, body},
        {"authority", NULL, clear ? NULL : in->authority},
        {"position", NULL, clear ? NULL : in->position},
        {"signer_name", NULL, clear ? NULL : in->signer_name},
    };
    if (!rc) rc = audit_write(db, actor, ip, clear ? "signer_clear" : "signer_set", "unit", unit_id, ch, 4);
    if (!rc) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
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
