/* report_store.c - the SQL of reports: reads of a report (values, sections, attachments, history), the entry lock, and the audited
 * transitions (save/submit, approve, return, unlock, attach, detach). Each write is one
 * transaction with a report_events row and an audit row. The definition is read in
 * report_def_store.c, the lists (review queue, due reports) in report_list_store.c, the
 * entry lock in report_lock_store.c; statuses are report_status.c. */
#include "report/report.h"
#include "report/document/doc_store.h"
#include "report/report_commit.h"
#include "report/report_store_internal.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "report/completeness/expected.h"
#include "report/period.h"
#include "report/prefill.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* ---- reads ---- */

#define REPORT_COLS                                                                         \
    "id, regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at, " \
    "reviewed_at, COALESCE(reviewed_by, 0), review_comment, version, updated_at"

static void read_report(dv_stmt *st, dv_arena *a, struct report *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_col_int(st, 0);
    r->regime_id = db_col_int(st, 1);
    r->period_id = db_col_int(st, 2);
    r->unit_id = db_col_int(st, 3);
    r->status = report_status_parse(db_col_text(st, 4));
    r->deadline = arena_strdup(a, db_col_text(st, 5));
    r->first_submitted_at = arena_strdup(a, db_col_text(st, 6));
    r->submitted_at = arena_strdup(a, db_col_text(st, 7));
    r->reviewed_at = arena_strdup(a, db_col_text(st, 8));
    r->reviewed_by = db_col_int(st, 9);
    r->review_comment = arena_strdup(a, db_col_text(st, 10));
    r->version = (int)db_col_int(st, 11);
    r->updated_at = arena_strdup(a, db_col_text(st, 12));
}

static int one_report(dv_stmt *st, dv_arena *a, struct report *out)
{
    int rc = db_step(st);
    if (rc == DB_ROW) read_report(st, a, out);
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int report_store_get(dv_db *db, dv_arena *a, int64_t id, struct report *out)
{
    dv_stmt *st = db_prepare(db, "SELECT " REPORT_COLS " FROM reports WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    return one_report(st, a, out);
}

int report_store_find(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id, int64_t unit_id,
                      struct report *out)
{
    dv_stmt *st = db_prepare(db, "SELECT " REPORT_COLS " FROM reports WHERE regime_id = ?1 AND period_id = ?2 AND unit_id = ?3");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, period_id);
    db_bind_int(st, 3, unit_id);
    return one_report(st, a, out);
}

int report_store_values(dv_db *db, dv_arena *a, int64_t report_id, struct report_value **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT indicator_id, option_id, num, text FROM report_values WHERE report_id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    struct report_value *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, sizeof *v);
        struct report_value *x = &v[cnt++];
        memset(x, 0, sizeof *x);
        x->indicator_id = db_col_int(st, 0);
        x->option_id = db_col_int(st, 1);
        if (!db_col_is_null(st, 2)) {
            x->has_num = 1;
            const char *t = db_col_text(st, 2);
            x->num = t ? strtod(t, NULL) : 0;
        }
        x->text = arena_strdup(a, db_col_text(st, 3));
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = v;
    *n = cnt;
    return 0;
}

int report_store_sections(dv_db *db, dv_arena *a, int64_t report_id, struct report_section_body **out,
                          size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT position, body FROM report_sections WHERE report_id = ?1 ORDER BY position");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    struct report_section_body *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, sizeof *v);
        v[cnt].position = (int)db_col_int(st, 0);
        v[cnt].body = arena_strdup(a, db_col_text(st, 1));
        cnt++;
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = v;
    *n = cnt;
    return 0;
}

int report_store_attachments(dv_db *db, dv_arena *a, int64_t report_id, struct report_attachment **out,
                             size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT id, report_id, filename, content_type, size, sha256, created_at "
                                 "FROM report_attachments WHERE report_id = ?1 ORDER BY id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    struct report_attachment *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, sizeof *v);
        struct report_attachment *x = &v[cnt++];
        memset(x, 0, sizeof *x);
        x->id = db_col_int(st, 0);
        x->report_id = db_col_int(st, 1);
        x->filename = arena_strdup(a, db_col_text(st, 2));
        x->content_type = arena_strdup(a, db_col_text(st, 3));
        x->size = db_col_int(st, 4);
        x->sha256 = arena_strdup(a, db_col_text(st, 5));
        x->created_at = arena_strdup(a, db_col_text(st, 6));
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = v;
    *n = cnt;
    return 0;
}

int report_store_attachment_get(dv_db *db, dv_arena *a, int64_t report_id, int64_t aid,
                                struct report_attachment *out)
{
    dv_stmt *st = db_prepare(db, "SELECT id, report_id, filename, content_type, size, sha256, created_at, data "
                                 "FROM report_attachments WHERE id = ?1 AND report_id = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, aid);
    db_bind_int(st, 2, report_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        out->id = db_col_int(st, 0);
        out->report_id = db_col_int(st, 1);
        out->filename = arena_strdup(a, db_col_text(st, 2));
        out->content_type = arena_strdup(a, db_col_text(st, 3));
        out->sha256 = arena_strdup(a, db_col_text(st, 5));
        out->created_at = arena_strdup(a, db_col_text(st, 6));
        size_t len = 0;
        const void *p = db_col_blob(st, 7, &len);
        void *copy = arena_alloc(a, len ? len : 1);
        if (p && len) memcpy(copy, p, len);
        out->data = copy;
        out->size = (int64_t)len;
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int report_store_events(dv_db *db, dv_arena *a, int64_t report_id, struct report_event **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT e.id, e.at, COALESCE(e.user_id, 0), u.full_name, e.action, e.comment "
                                 "FROM report_events e LEFT JOIN users u ON u.id = e.user_id "
                                 "WHERE e.report_id = ?1 ORDER BY e.id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    struct report_event *v = NULL;
    size_t cnt = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, cnt, &cap, sizeof *v);
        struct report_event *x = &v[cnt++];
        x->id = db_col_int(st, 0);
        x->at = arena_strdup(a, db_col_text(st, 1));
        x->user_id = db_col_int(st, 2);
        x->user_name = arena_strdup(a, db_col_text(st, 3));
        x->action = arena_strdup(a, db_col_text(st, 4));
        x->comment = arena_strdup(a, db_col_text(st, 5));
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = v;
    *n = cnt;
    return 0;
}

int report_period_get(dv_db *db, dv_arena *a, int64_t period_id, struct report_period *out)
{
    dv_stmt *st = db_prepare(db, "SELECT id, regime_id, year, seq, label, close_start, close_end FROM periods WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->regime_id = db_col_int(st, 1);
        out->year = (int)db_col_int(st, 2);
        out->seq = (int)db_col_int(st, 3);
        out->label = arena_strdup(a, db_col_text(st, 4));
        out->close_start = arena_strdup(a, db_col_text(st, 5));
        out->close_end = arena_strdup(a, db_col_text(st, 6));
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

/* ---- writes ---- */

static int event_add(dv_db *db, int64_t report_id, const struct dv_user *actor, const char *action,
                     const char *comment)
{
    dv_stmt *st = db_prepare(db, "INSERT INTO report_events (report_id, user_id, action, comment) VALUES (?1, ?2, ?3, ?4)");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    if (actor && actor->id > 0) db_bind_int(st, 2, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 2);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, comment);
    return db_exec(st);
}

/* The report's state inside a transaction. */
struct row_state {
    int64_t id;
    enum report_status status;
    int version;
    int64_t regime_id, period_id, unit_id;
    int grace_days;
};

static int row_state(dv_db *db, int64_t id, struct row_state *s)
{
    dv_stmt *st = db_prepare(db, "SELECT r.id, r.status, r.version, r.regime_id, r.period_id, r.unit_id, g.grace_days "
                                 "FROM reports r JOIN regimes g ON g.id = r.regime_id WHERE r.id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        s->id = db_col_int(st, 0);
        s->status = report_status_parse(db_col_text(st, 1));
        s->version = (int)db_col_int(st, 2);
        s->regime_id = db_col_int(st, 3);
        s->period_id = db_col_int(st, 4);
        s->unit_id = db_col_int(st, 5);
        s->grace_days = (int)db_col_int(st, 6);
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

/* Writers queue on the store's write lock in db_begin (db_sqlite.c). */
static int tx_begin(dv_db *db)
{
    return db_begin(db);
}

static int tx_commit(dv_db *db)
{
    return db_commit(db) ? DV_EDB : 0;
}

static int fail(dv_db *db, int rc)
{
    db_rollback(db);
    return rc;
}

/* A report's values go in by statements of up to VALUES_PER_INSERT rows: one statement
 * run instead of one per value (a 40-value report: 2 instead of 40). values_sql[n - 1] is
 * the statement for n rows, built once; the statement cache knows it by that address. */
#define VALUES_PER_INSERT 32
static char *values_sql[VALUES_PER_INSERT];
static pthread_once_t values_sql_once = PTHREAD_ONCE_INIT;

static void values_sql_build(void)
{
    for (size_t n = 1; n <= VALUES_PER_INSERT; n++) {
        dv_buf b = {0};
        buf_puts(&b, "INSERT INTO report_values (report_id, indicator_id, option_id, num, text) VALUES ");
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s(?1, ?%zu, ?%zu, ?%zu, ?%zu)", i ? ", " : "", 2 + 4 * i, 3 + 4 * i, 4 + 4 * i, 5 + 4 * i);
        values_sql[n - 1] = buf_detach(&b);
    }
}

static int insert_values(dv_db *db, int64_t report_id, const struct report_value *v, size_t n)
{
    pthread_once(&values_sql_once, values_sql_build);
    dv_stmt *st = db_prepare(db, values_sql[n - 1]);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, report_id);
    for (size_t i = 0; i < n; i++) {
        int p = 2 + 4 * (int)i;
        db_bind_int(st, p, v[i].indicator_id);
        db_bind_int(st, p + 1, v[i].option_id);
        if (v[i].has_num) db_bind_double(st, p + 2, v[i].num);
        else db_bind_null(st, p + 2);
        db_bind_text(st, p + 3, v[i].text);
    }
    return db_exec(st);
}

/* The report's values and sections as typed: values replace all stored ones (a new report
 * has none to delete), sections are upserted by position. */
static int write_contents(dv_db *db, int64_t id, int is_new, const struct report_save_input *in)
{
    int rc;
    dv_stmt *st;
    if (!is_new) {
        st = db_prepare(db, "DELETE FROM report_values WHERE report_id = ?1");
        if (!st) return DV_EDB;
        db_bind_int(st, 1, id);
        if ((rc = db_exec(st))) return rc;
    }
    for (size_t done = 0; done < in->nvalues;) {
        size_t n = in->nvalues - done < VALUES_PER_INSERT ? in->nvalues - done : VALUES_PER_INSERT;
        if ((rc = insert_values(db, id, in->values + done, n))) return rc;
        done += n;
    }
    if (in->prefill_set && (rc = report_prefill_write(db, id, is_new, in->prefills, in->nprefills))) return rc;
    if (in->nsections) {
        st = db_prepare(db, "INSERT INTO report_sections (report_id, position, body) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (report_id, position) DO UPDATE SET body = excluded.body");
        if (!st) return DV_EDB;
        for (size_t i = 0; i < in->nsections; i++) {
            db_bind_int(st, 1, id);
            db_bind_int(st, 2, in->sections[i].position);
            db_bind_text(st, 3, in->sections[i].body ? in->sections[i].body : "");
            if ((rc = db_exec(st))) return rc;
        }
    }
    return 0;
}

/* A first save: the row is created with its final state at once (one write of the row, its
 * indexes and its period's counter instead of an insert and an update). DV_ENOTFOUND, with
 * nothing written, when the row exists already. */
static int create_row(dv_db *db, const struct dv_user *actor, const struct report_save_input *in,
                      const char *deadline, int64_t *id)
{
    dv_stmt *st = db_prepare(db, "INSERT INTO reports (regime_id, period_id, unit_id, status, deadline, version, updated_by, "
                                 "submitted_at, first_submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, "
                                 "CASE WHEN ?4 = 'submitted' THEN " NOW " END, CASE WHEN ?4 = 'submitted' THEN " NOW " END) "
                                 "ON CONFLICT (regime_id, period_id, unit_id) DO NOTHING RETURNING id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, in->regime_id);
    db_bind_int(st, 2, in->period_id);
    db_bind_int(st, 3, in->unit_id);
    db_bind_text(st, 4, in->submit ? "submitted" : "draft");
    db_bind_text(st, 5, deadline[0] ? deadline : "9999-12-31");
    if (actor && actor->id > 0) db_bind_int(st, 6, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 6);
    int rc = db_step(st);
    if (rc == DB_ROW) *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : rc < 0 ? rc : DV_EDB;
}

static int update_row(dv_db *db, const struct dv_user *actor, int64_t id, enum report_status next, int submit,
                      const char *deadline)
{
    dv_stmt *st;
    if (submit)
        st = db_prepare(db, "UPDATE reports SET status = 'submitted', version = version + 1, updated_at = " NOW ", "
                            "updated_by = ?2, submitted_at = " NOW ", first_submitted_at = COALESCE(first_submitted_at, " NOW "), "
                            "deadline = COALESCE(?3, deadline) WHERE id = ?1");
    else
        st = db_prepare(db, "UPDATE reports SET status = ?4, version = version + 1, updated_at = " NOW ", "
                            "updated_by = ?2, deadline = COALESCE(?3, deadline) WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    if (actor && actor->id > 0) db_bind_int(st, 2, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 2);
    db_bind_text(st, 3, deadline[0] ? deadline : NULL);
    if (!submit) db_bind_text(st, 4, report_status_code(next));
    return db_exec(st);
}

/* The checks of a save inside the batch's transaction, before anything is written: the
 * regime's definition is the one the values were checked against, the period is the
 * regime's, entry is open, the form's version is the stored one and the status lets it be
 * edited. A refusal here leaves the transaction as it was. */
int report_save_check(dv_db *db, const struct report_save_input *in, struct report_save_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    if (in->def_version) { /* the values were checked against a definition kept in memory */
        int64_t now;
        int rc = db_counter_get(db, "regime_def_version", &now);
        if (rc) return rc == DV_ENOTFOUND ? DV_ESTALE : rc;
        if (now != in->def_version) return DV_ESTALE;
    }
    /* the period must be the regime's; the grace comes with it */
    dv_stmt *st = db_prepare(db, "SELECT g.grace_days FROM periods p JOIN regimes g ON g.id = p.regime_id "
                                 "WHERE p.id = ?1 AND p.regime_id = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, in->period_id);
    db_bind_int(st, 2, in->regime_id);
    int rc = db_step(st);
    int grace = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
    db_done(st);
    if (rc == DB_DONE) return DV_ENOTFOUND;
    if (rc != DB_ROW) return DV_EDB;

    char lock_from[11], exc[11];
    int locked;
    if ((rc = report_lock_compute(db, in->period_id, in->unit_id, grace, in->today, plan->deadline, lock_from, exc, &locked)))
        return rc;
    if (locked) return DV_EDENIED;

    /* A form that saw no row (version 0) creates it: report_save_write inserts it, and a row
     * made meanwhile (another tab) turns that insert into a conflict. */
    plan->status = REPORT_NONE;
    if (in->version == 0) return 0;
    st = db_prepare(db, "SELECT id, status, version FROM reports WHERE regime_id = ?1 AND period_id = ?2 AND unit_id = ?3");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, in->regime_id);
    db_bind_int(st, 2, in->period_id);
    db_bind_int(st, 3, in->unit_id);
    rc = db_step(st);
    int version = 0;
    if (rc == DB_ROW) {
        plan->report_id = db_col_int(st, 0);
        plan->status = report_status_parse(db_col_text(st, 1));
        version = (int)db_col_int(st, 2);
    }
    db_done(st);
    if (rc < 0) return rc;
    if (version != in->version) return DV_ECONFLICT;
    if (!report_status_editable(plan->status)) return DV_EDENIED;
    return 0;
}

/* The writes of a save that report_save_check let through. */
int report_save_write(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                      const struct report_save_plan *plan, struct report_save_result *out, int *halfway)
{
    int rc;
    *halfway = 0;
    int is_new = plan->status == REPORT_NONE;
    int64_t id = plan->report_id;
    enum report_status status = plan->status;
    enum report_status next = in->submit ? REPORT_SUBMITTED : (status == REPORT_NONE ? REPORT_DRAFT : status);
    if (is_new) {
        rc = create_row(db, actor, in, plan->deadline, &id);
        if (rc == DV_ENOTFOUND) return DV_ECONFLICT; /* the row is there: the form is stale */
        if (rc) return rc;
    }
    *halfway = 1; /* from here on, an error leaves part of the save written */
    rc = write_contents(db, id, is_new, in);
    if (!rc && !is_new) rc = update_row(db, actor, id, next, in->submit, plan->deadline);
    if (rc) return rc;

    const char *action = in->submit ? "submitted" : "saved";
    if ((rc = event_add(db, id, actor, action, NULL))) return rc;
    /* issued: numbered now, in the order of issue (doc_store.h), in the submission's audit row */
    int64_t num = 0;
    char numtext[24] = "";
    if (in->submit) {
        dv_arena *na = arena_new();
        rc = doc_number_issue_tx(db, na, actor, ip, id, DOC_ON_SUBMIT, &num);
        arena_free(na);
        if (rc) return rc;
        if (num) snprintf(numtext, sizeof numtext, "%lld", (long long)num);
    }
    struct audit_change ch[] = {
        {"status", status == REPORT_NONE ? NULL : report_status_code(status), report_status_code(next)},
        {"doc_number", NULL, numtext},
    };
    if ((rc = audit_write(db, actor, ip, in->submit ? "submit" : "save", "report", id, ch, num ? 2 : 1))) return rc;
    out->report_id = id;
    out->version = in->version + 1;
    out->status = next;
    return 0;
}

/* Children of the report's unit (parent link valid on the period's close_end) that are
 * expected for the period and whose report is not approved: their names, "A, B". */
static int blocking_children(dv_db *db, dv_arena *a, int64_t period_id, int64_t unit_id, const char **names)
{
    *names = NULL;
    struct expected_unit *ex = NULL;
    size_t n = 0;
    int rc = expected_units(db, a, period_id, &ex, &n);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, "SELECT 1 FROM reports WHERE regime_id = (SELECT regime_id FROM periods WHERE id = ?1) "
                                 "AND period_id = ?1 AND unit_id = ?2 AND status = 'approved'");
    if (!st) return DV_EDB;
    size_t len = 0, cnt = 0;
    char *buf = NULL;
    for (size_t i = 0; i < n; i++) {
        if (ex[i].parent_id != unit_id || ex[i].unit_id == unit_id) continue;
        db_bind_int(st, 1, period_id);
        db_bind_int(st, 2, ex[i].unit_id);
        rc = db_step(st);
        db_done(st);
        if (rc == DB_ROW) continue;
        if (rc != DB_DONE) return DV_EDB;
        const char *nm = ex[i].name ? ex[i].name : "?";
        size_t add = strlen(nm) + 2;
        char *nb = arena_alloc(a, len + add + 1);
        if (len) memcpy(nb, buf, len);
        if (cnt) {
            memcpy(nb + len, ", ", 2);
            len += 2;
        }
        memcpy(nb + len, nm, strlen(nm));
        len += strlen(nm);
        nb[len] = 0;
        buf = nb;
        cnt++;
    }
    *names = buf;
    return cnt ? 1 : 0;
}

int report_approve(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t id,
                   const char **blocking)
{
    if (blocking) *blocking = NULL;
    int rc = tx_begin(db);
    if (rc) return rc;
    struct row_state s;
    if ((rc = row_state(db, id, &s))) return fail(db, rc);
    if (s.status != REPORT_SUBMITTED) return fail(db, DV_EDENIED);
    const char *names = NULL;
    rc = blocking_children(db, a, s.period_id, s.unit_id, &names);
    if (rc < 0) return fail(db, rc);
    if (rc > 0) {
        if (blocking) *blocking = names;
        return fail(db, DV_ECONFLICT);
    }
    dv_stmt *st = db_prepare(db, "UPDATE reports SET status = 'approved', version = version + 1, reviewed_at = " NOW ", "
                                 "reviewed_by = ?2, review_comment = NULL, updated_at = " NOW " WHERE id = ?1");
    if (!st) return fail(db, DV_EDB);
    db_bind_int(st, 1, id);
    if (actor && actor->id > 0) db_bind_int(st, 2, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 2);
    if ((rc = db_exec(st))) return fail(db, rc);
    if ((rc = event_add(db, id, actor, "approved", NULL))) return fail(db, rc);
    int64_t num = 0; /* where the regime numbers on approval, the number is given now */
    if ((rc = doc_number_issue_tx(db, a, actor, ip, id, DOC_ON_APPROVE, &num))) return fail(db, rc);
    char numtext[24];
    snprintf(numtext, sizeof numtext, "%lld", (long long)num);
    struct audit_change ch[] = {{"status", "submitted", "approved"}, {"doc_number", NULL, numtext}};
    if ((rc = audit_write(db, actor, ip, "approve", "report", id, ch, num ? 2 : 1))) return fail(db, rc);
    return tx_commit(db);
}

int report_return(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *comment)
{
    if (!comment || !*comment) return DV_EINVAL;
    int rc = tx_begin(db);
    if (rc) return rc;
    struct row_state s;
    if ((rc = row_state(db, id, &s))) return fail(db, rc);
    if (s.status != REPORT_SUBMITTED && s.status != REPORT_APPROVED) return fail(db, DV_EDENIED);
    dv_stmt *st = db_prepare(db, "UPDATE reports SET status = 'returned', version = version + 1, reviewed_at = " NOW ", "
                                 "reviewed_by = ?2, review_comment = ?3, updated_at = " NOW " WHERE id = ?1");
    if (!st) return fail(db, DV_EDB);
    db_bind_int(st, 1, id);
    if (actor && actor->id > 0) db_bind_int(st, 2, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 2);
    db_bind_text(st, 3, comment);
    if ((rc = db_exec(st))) return fail(db, rc);
    if ((rc = event_add(db, id, actor, "returned", comment))) return fail(db, rc);
    struct audit_change ch[] = {{"status", report_status_code(s.status), "returned"}, {"comment", NULL, comment}};
    if ((rc = audit_write(db, actor, ip, "return", "report", id, ch, 2))) return fail(db, rc);
    return tx_commit(db);
}

int report_unlock(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id, int64_t unit_id,
                  const char *until, const char *reason, int64_t report_id)
{
    if (!until || !date_valid(until) || !reason || !*reason) return DV_EINVAL;
    int rc = tx_begin(db);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, "INSERT INTO lock_exceptions (period_id, unit_id, until, reason, granted_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (period_id, unit_id) DO UPDATE SET "
                                 "until = excluded.until, reason = excluded.reason, granted_by = excluded.granted_by, "
                                 "granted_at = " NOW);
    if (!st) return fail(db, DV_EDB);
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, unit_id);
    db_bind_text(st, 3, until);
    db_bind_text(st, 4, reason);
    if (actor && actor->id > 0) db_bind_int(st, 5, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 5);
    if ((rc = db_exec(st))) return fail(db, rc);
    if (report_id) {
        char *c = malloc(strlen(until) + strlen(reason) + 8);
        sprintf(c, "%s: %s", until, reason);
        rc = event_add(db, report_id, actor, "unlocked", c);
        free(c);
        if (rc) return fail(db, rc);
    }
    struct audit_change ch[] = {{"period_id", NULL, NULL}, {"unit_id", NULL, NULL}, {"until", NULL, until},
                                {"reason", NULL, reason}};
    char p[24], u[24];
    snprintf(p, sizeof p, "%lld", (long long)period_id);
    snprintf(u, sizeof u, "%lld", (long long)unit_id);
    ch[0].new_value = p;
    ch[1].new_value = u;
    if ((rc = audit_write(db, actor, ip, "unlock", report_id ? "report" : "lock_exception",
                          report_id ? report_id : period_id, ch, 4)))
        return fail(db, rc);
    return tx_commit(db);
}

/* ---- attachments ---- */

#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* A zip whose [Content_Types].xml names the wordprocessingml main part. */
static int is_docx(const void *data, size_t n)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return 0;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        zip_source_free(src);
        zip_error_fini(&ze);
        return 0;
    }
    int ok = 0;
    zip_stat_t zs;
    if (zip_stat(z, "[Content_Types].xml", 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) && zs.size < (1u << 20)) {
        zip_file_t *f = zip_fopen(z, "[Content_Types].xml", 0);
        if (f) {
            char *buf = malloc(zs.size + 1);
            zip_int64_t got = zip_fread(f, buf, zs.size);
            if (got >= 0) {
                buf[got] = 0;
                ok = strstr(buf, "wordprocessingml.document.main+xml") != NULL;
            }
            free(buf);
            zip_fclose(f);
        }
    }
    zip_discard(z);
    zip_error_fini(&ze);
    return ok;
}

const char *report_attachment_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (!p || n < 4) return NULL;
    if (n >= 5 && memcmp(p, "%PDF-", 5) == 0) return "application/pdf";
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if (memcmp(p, "PK\x03\x04", 4) == 0 && is_docx(data, n)) return DOCX_TYPE;
    return NULL;
}

/* The file name as stored: its last path component, cleaned of quotes and controls. */
static char *safe_name(const char *fn)
{
    if (!fn || !*fn) fn = "file";
    const char *s = strrchr(fn, '/');
    if (s) fn = s + 1;
    s = strrchr(fn, '\\');
    if (s) fn = s + 1;
    size_t n = strlen(fn);
    if (n > 200) n = 200;
    char *o = malloc(n + 5);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)fn[i];
        o[k++] = (c < 0x20 || c == 0x7f || c == '"' || c == ';') ? '_' : (char)c;
    }
    o[k] = 0;
    if (!k) strcpy(o, "file");
    return o;
}

int report_attach(dv_db *db, const struct dv_user *actor, const char *ip, int64_t report_id,
                  const char *filename, const void *data, size_t n, int64_t *aid_out)
{
    if (n > REPORT_ATTACH_MAX) return DV_ETOOBIG;
    const char *type = report_attachment_sniff(data, n);
    if (!type) return DV_EINVAL;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    char *name = safe_name(filename);
    int rc = tx_begin(db);
    if (rc) {
        free(name);
        return rc;
    }
    struct row_state s;
    if ((rc = row_state(db, report_id, &s)) || !report_status_editable(s.status)) {
        free(name);
        return fail(db, rc ? rc : DV_EDENIED);
    }
    dv_stmt *st = db_prepare(db, "INSERT INTO report_attachments (report_id, filename, content_type, size, sha256, data, created_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st) {
        free(name);
        return fail(db, DV_EDB);
    }
    db_bind_int(st, 1, report_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, type);
    db_bind_int(st, 4, (int64_t)n);
    db_bind_text(st, 5, hex);
    db_bind_blob(st, 6, data, n);
    if (actor && actor->id > 0) db_bind_int(st, 7, actor->id); /* an API token acts with id 0 */
    else db_bind_null(st, 7);
    rc = db_exec(st);
    int64_t aid = db_last_id(db);
    if (!rc) rc = event_add(db, report_id, actor, "attached", name);
    struct audit_change ch[] = {{"attachment", NULL, name}, {"content_type", NULL, type}};
    if (!rc) rc = audit_write(db, actor, ip, "attach", "report", report_id, ch, 2);
    free(name);
    if (rc) return fail(db, rc);
    if (tx_commit(db)) return DV_EDB;
    if (aid_out) *aid_out = aid;
    return 0;
}

int report_detach(dv_db *db, const struct dv_user *actor, const char *ip, int64_t report_id, int64_t aid)
{
    int rc = tx_begin(db);
    if (rc) return rc;
    struct row_state s;
    if ((rc = row_state(db, report_id, &s))) return fail(db, rc);
    if (!report_status_editable(s.status)) return fail(db, DV_EDENIED);
    dv_stmt *st = db_prepare(db, "SELECT filename FROM report_attachments WHERE id = ?1 AND report_id = ?2");
    if (!st) return fail(db, DV_EDB);
    db_bind_int(st, 1, aid);
    db_bind_int(st, 2, report_id);
    rc = db_step(st);
    char name[256] = "";
    if (rc == DB_ROW) snprintf(name, sizeof name, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
    db_done(st);
    if (rc == DB_DONE) return fail(db, DV_ENOTFOUND);
    if (rc != DB_ROW) return fail(db, DV_EDB);
    st = db_prepare(db, "DELETE FROM report_attachments WHERE id = ?1 AND report_id = ?2");
    if (!st) return fail(db, DV_EDB);
    db_bind_int(st, 1, aid);
    db_bind_int(st, 2, report_id);
    if ((rc = db_exec(st))) return fail(db, rc);
    if ((rc = event_add(db, report_id, actor, "detached", name))) return fail(db, rc);
    struct audit_change ch[] = {{"attachment", name, NULL}};
    if ((rc = audit_write(db, actor, ip, "detach", "report", report_id, ch, 1))) return fail(db, rc);
    return tx_commit(db);
}
