/* task_work_store.c - reading tasks and the work on them: assignment to many units,
 * cascades, deadline changes (the original kept), completions with evidence, decisions and
 * overdue explanations; and the concretizing-document measure. All their SQL. */
#include "directive/directive.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/principal.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>

#define TASK_COLS                                                                                             \
    "t.id, t.title, t.description, t.source_kind, COALESCE(t.source_id, 0), t.assigner_unit_id, ua.name,"    \
    " t.lead_unit_id, ul.name, COALESCE(t.responsible_user_id, 0),"                                           \
    " CASE WHEN t.responsible_name <> '' THEN t.responsible_name ELSE COALESCE(us.full_name, '') END,"        \
    " t.product_kind, t.priority, t.assigned_on, t.deadline_original, t.deadline, COALESCE(t.parent_id, 0),"  \
    " t.done_on, t.confirmed_on, t.state,"                                                                    \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id),"                                               \
    " (SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.confirmed_on IS NOT NULL)"
#define TASK_FROM                                                                                             \
    " FROM tasks t JOIN units ua ON ua.id = t.assigner_unit_id JOIN units ul ON ul.id = t.lead_unit_id"      \
    " LEFT JOIN users us ON us.id = t.responsible_user_id"

static const char *SQL_GET = "SELECT " TASK_COLS TASK_FROM " WHERE t.id = ?1";
/* ?1 lead, ?2 lead root (subtree today), ?3 assigner, ?4 responsible, ?5 document, ?6 parent, ?7 limit */
static const char *SQL_LIST =
    "WITH RECURSIVE sub(id) AS (SELECT ?2 WHERE ?2 IS NOT NULL UNION"
    " SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id WHERE l.valid_to IS NULL)"
    " SELECT " TASK_COLS TASK_FROM
    " WHERE (?1 IS NULL OR t.lead_unit_id = ?1) AND (?2 IS NULL OR t.lead_unit_id IN (SELECT id FROM sub))"
    " AND (?3 IS NULL OR t.assigner_unit_id = ?3) AND (?4 IS NULL OR t.responsible_user_id = ?4)"
    " AND (?5 IS NULL OR (t.source_kind = 'document' AND t.source_id = ?5)) AND (?6 IS NULL OR t.parent_id = ?6)"
    " ORDER BY t.deadline, t.id LIMIT ?7";
/* Not done, lead unit strictly below ?1 today, deadline on or before ?2: escalated to ?1's staff. */
static const char *SQL_ESCALATED =
    "WITH RECURSIVE sub(id) AS (SELECT l.child_id FROM unit_links l WHERE l.parent_id = ?1 AND l.valid_to IS NULL UNION"
    " SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id WHERE l.valid_to IS NULL)"
    " SELECT " TASK_COLS TASK_FROM
    " WHERE t.lead_unit_id IN (SELECT id FROM sub) AND t.state IN ('open','returned') AND t.deadline <= ?2"
    " ORDER BY t.deadline, t.id LIMIT ?3";
static const char *SQL_COORDS =
    "SELECT c.unit_id, u.name FROM task_coordinators c JOIN units u ON u.id = c.unit_id WHERE c.task_id = ?1"
    " ORDER BY u.name COLLATE vi";
static const char *SQL_DL_HIST =
    "SELECT old_deadline, new_deadline, changed_on, approver_name, reason FROM task_deadline_changes"
    " WHERE task_id = ?1 ORDER BY changed_on, id";
static const char *SQL_CMP =
    "SELECT c.id, c.submitted_on, c.submitter_name, c.note, COALESCE(c.evidence_document_id, 0),"
    " COALESCE(c.evidence_session_id, 0), d.code, c.evidence_file_name, c.evidence_link, c.decision,"
    " c.decided_on, c.decider_name, c.decision_note FROM task_completions c"
    " LEFT JOIN documents d ON d.id = c.evidence_document_id WHERE c.task_id = ?1 ORDER BY c.submitted_on, c.id";
static const char *SQL_EXPL =
    "SELECT explained_on, reason, expected_on, writer_name FROM task_explanations WHERE task_id = ?1"
    " ORDER BY explained_on, id";
static const char *SQL_DL_INS =
    "INSERT INTO task_deadline_changes (task_id, old_deadline, new_deadline, changed_on, approved_by, approver_name,"
    " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char *SQL_DL_SET =
    "UPDATE tasks SET deadline = (SELECT new_deadline FROM task_deadline_changes WHERE task_id = ?1"
    " ORDER BY changed_on DESC, id DESC LIMIT 1), version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
    " WHERE id = ?1";
static const char *SQL_CMP_INS =
    "INSERT INTO task_completions (task_id, submitted_on, submitted_by, submitter_name, note, evidence_document_id,"
    " evidence_session_id, evidence_file_name, evidence_file_mime, evidence_file, evidence_link)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char *SQL_STATE = "UPDATE tasks SET state = ?2, version = version + 1,"
                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_PENDING =
    "SELECT id, submitted_on FROM task_completions WHERE task_id = ?1 AND decision = 'pending' ORDER BY id DESC LIMIT 1";
static const char *SQL_DECIDE =
    "UPDATE task_completions SET decision = ?2, decided_on = ?3, decided_by = ?4, decider_name = ?5,"
    " decision_note = ?6 WHERE id = ?1 AND decision = 'pending'";
static const char *SQL_CONFIRM =
    "UPDATE tasks SET state = 'confirmed', done_on = ?2, confirmed_on = ?3, version = version + 1,"
    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_EXPL_INS =
    "INSERT INTO task_explanations (task_id, explained_on, reason, expected_on, written_by, writer_name)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *SQL_EVIDENCE =
    "SELECT task_id, evidence_file_name, evidence_file_mime, evidence_file FROM task_completions WHERE id = ?1"
    " AND evidence_file IS NOT NULL";
/* The unit's first document that concretizes doc ?1 (its own), for every unit given a
 * 'document' task from it. */
static const char *SQL_LAG =
    "SELECT t.lead_unit_id, u.name, COALESCE(c.id, 0), c.code, c.issued_on,"
    " CASE WHEN c.id IS NULL THEN -1 ELSE CAST(julianday(c.issued_on) - julianday(p.issued_on) AS INTEGER) END,"
    " min(t.deadline)"
    " FROM tasks t JOIN units u ON u.id = t.lead_unit_id JOIN documents p ON p.id = ?1"
    " LEFT JOIN documents c ON c.id = (SELECT d.id FROM document_relations r JOIN documents d ON d.id = r.from_id"
    "   WHERE r.to_id = ?1 AND r.kind = 'concretizes' AND d.issuer_unit_id = t.lead_unit_id"
    "   ORDER BY d.issued_on, d.id LIMIT 1)"
    " WHERE t.source_kind = 'document' AND t.source_id = ?1 AND t.product_kind = 'document'"
    " GROUP BY t.lead_unit_id, u.name, c.id, c.code, c.issued_on, p.issued_on ORDER BY (c.id IS NULL) DESC, 6 DESC, u.name COLLATE vi";

static const char *col(dv_arena *a, dv_stmt *st, int i)
{
    const char *s = db_col_text(st, i);
    return s ? arena_strdup(a, s) : NULL;
}

static void fill_task(dv_arena *a, dv_stmt *st, void *item)
{
    struct task *t = item;
    t->id = db_col_int(st, 0);
    t->title = col(a, st, 1);
    t->description = col(a, st, 2);
    t->source_kind = col(a, st, 3);
    t->source_id = db_col_int(st, 4);
    t->assigner_unit_id = db_col_int(st, 5);
    t->assigner_name = col(a, st, 6);
    t->lead_unit_id = db_col_int(st, 7);
    t->lead_name = col(a, st, 8);
    t->responsible_user_id = db_col_int(st, 9);
    t->responsible_name = col(a, st, 10);
    t->product_kind = col(a, st, 11);
    t->priority = col(a, st, 12);
    t->assigned_on = col(a, st, 13);
    t->deadline_original = col(a, st, 14);
    t->deadline = col(a, st, 15);
    t->parent_id = db_col_int(st, 16);
    t->done_on = col(a, st, 17);
    t->confirmed_on = col(a, st, 18);
    t->state = col(a, st, 19);
    t->n_children = (int)db_col_int(st, 20);
    t->n_children_done = (int)db_col_int(st, 21);
}

int task_get(dv_db *db, dv_arena *a, int64_t id, struct task *out)
{
    return rstore_get_by_id(db, a, SQL_GET, id, fill_task, out);
}

static void bind_id(dv_stmt *st, int i, int64_t v)
{
    if (v > 0) db_bind_int(st, i, v);
    else db_bind_null(st, i);
}

int task_list(dv_db *db, dv_arena *a, const struct task_filter *f, struct task **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_LIST);
    if (!st) return DV_EDB;
    bind_id(st, 1, f->lead_unit_id);
    bind_id(st, 2, f->lead_root_id);
    bind_id(st, 3, f->assigner_unit_id);
    bind_id(st, 4, f->responsible_user_id);
    bind_id(st, 5, f->document_id);
    bind_id(st, 6, f->parent_id);
    db_bind_int(st, 7, f->limit > 0 ? f->limit : 500);
    void *p = NULL;
    int rc = rstore_collect(st, a, sizeof(struct task), fill_task, &p, n);
    *out = p;
    return rc;
}

int task_list_escalated(dv_db *db, dv_arena *a, int64_t root_id, const char *cutoff, int limit, struct task **out,
                        size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_ESCALATED);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_text(st, 2, cutoff);
    db_bind_int(st, 3, limit > 0 ? limit : 500);
    void *p = NULL;
    int rc = rstore_collect(st, a, sizeof(struct task), fill_task, &p, n);
    *out = p;
    return rc;
}

struct coord { int64_t id; const char *name; };
static void fill_coord(dv_arena *a, dv_stmt *st, void *item)
{
    struct coord *c = item;
    c->id = db_col_int(st, 0);
    c->name = col(a, st, 1);
}

int task_coordinators(dv_db *db, dv_arena *a, int64_t task_id, int64_t **ids, const char ***names, size_t *n)
{
    int rc = 0;
    struct coord *c = rstore_collect_by_id(db, a, SQL_COORDS, task_id, sizeof *c, fill_coord, n, &rc);
    *ids = arena_alloc(a, (*n + 1) * sizeof **ids);
    *names = arena_alloc(a, (*n + 1) * sizeof **names);
    for (size_t i = 0; i < *n; i++) {
        (*ids)[i] = c[i].id;
        (*names)[i] = c[i].name;
    }
    return rc;
}

static void fill_dl(dv_arena *a, dv_stmt *st, void *item)
{
    struct task_deadline_change *c = item;
    c->old_deadline = col(a, st, 0);
    c->new_deadline = col(a, st, 1);
    c->changed_on = col(a, st, 2);
    c->approver = col(a, st, 3);
    c->reason = col(a, st, 4);
}

static void fill_cmp(dv_arena *a, dv_stmt *st, void *item)
{
    struct task_completion *c = item;
    c->id = db_col_int(st, 0);
    c->submitted_on = col(a, st, 1);
    c->submitter = col(a, st, 2);
    c->note = col(a, st, 3);
    c->evidence_document_id = db_col_int(st, 4);
    c->evidence_session_id = db_col_int(st, 5);
    c->evidence_document_code = col(a, st, 6);
    c->evidence_file_name = col(a, st, 7);
    c->evidence_link = col(a, st, 8);
    c->decision = col(a, st, 9);
    c->decided_on = col(a, st, 10);
    c->decider = col(a, st, 11);
    c->decision_note = col(a, st, 12);
}

static void fill_expl(dv_arena *a, dv_stmt *st, void *item)
{
    struct task_explanation *e = item;
    e->explained_on = col(a, st, 0);
    e->reason = col(a, st, 1);
    e->expected_on = col(a, st, 2);
    e->writer = col(a, st, 3);
}

int task_deadline_history(dv_db *db, dv_arena *a, int64_t task_id, struct task_deadline_change **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, SQL_DL_HIST, task_id, sizeof **out, fill_dl, n, &rc);
    return rc;
}

int task_completions(dv_db *db, dv_arena *a, int64_t task_id, struct task_completion **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, SQL_CMP, task_id, sizeof **out, fill_cmp, n, &rc);
    return rc;
}

int task_explanations(dv_db *db, dv_arena *a, int64_t task_id, struct task_explanation **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, SQL_EXPL, task_id, sizeof **out, fill_expl, n, &rc);
    return rc;
}

static const char *actor_name(const struct dv_user *u)
{
    if (!u) return "cli";
    return u->full_name && u->full_name[0] ? u->full_name : u->username ? u->username : "";
}

static int64_t actor_id(const struct dv_user *u) { return u && u->id > 0 ? u->id : 0; }

static int is_date(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && text_date_parse(s, &y, &m, &d) == 0;
}

int task_assign_many(dv_db *db, const struct task_input *tmpl, const char *source_kind, int64_t source_id,
                     const int64_t *units, size_t n, int64_t *first_id)
{
    if (!n) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    int64_t first = 0, id = 0;
    for (size_t i = 0; rc == DV_OK && i < n; i++) {
        struct task_input in = *tmpl;
        in.lead_unit_id = units[i];
        rc = task_create_tx(db, &in, source_kind, source_id, &id);
        if (!first) first = id;
    }
    char count[24];
    snprintf(count, sizeof count, "%zu", n);
    struct audit_change ch[] = {{"title", NULL, tmpl->title}, {"units", NULL, count}, {"deadline", NULL, tmpl->deadline}};
    rc = audit_tx_end(db, rc, tmpl->actor, NULL, tmpl->parent_id ? "cascade" : "assign", "task",
                      tmpl->parent_id ? tmpl->parent_id : first, ch, 3);
    if (rc == DV_OK && first_id) *first_id = first;
    return rc;
}

static int read_task(dv_db *db, int64_t task_id, char deadline[11], char state[16])
{
    dv_stmt *st = db_prepare(db, "SELECT deadline, state FROM tasks WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, task_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        snprintf(deadline, 11, "%s", db_col_text(st, 0));
        snprintf(state, 16, "%s", db_col_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

int task_deadline_change(dv_db *db, const struct dv_user *actor, int64_t task_id, const char *new_deadline,
                         const char *changed_on, const char *reason)
{
    char today[11];
    clock_vn_today(today);
    if (!changed_on) changed_on = today;
    if (!is_date(new_deadline) || !is_date(changed_on) || !reason || !reason[0]) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    char old[11] = "", state[16] = "";
    rc = read_task(db, task_id, old, state);
    if (rc == DV_OK && !strcmp(state, "confirmed")) rc = DV_ECONFLICT;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_DL_INS, RINT(task_id), RTEXT(old), RTEXT(new_deadline), RTEXT(changed_on),
                         RID0(actor_id(actor)), RTEXT(actor_name(actor)), RTEXT(reason));
    if (rc == DV_OK) rc = rstore_exec(db, SQL_DL_SET, RINT(task_id));
    struct audit_change ch[] = {{"deadline", old, new_deadline}, {"reason", NULL, reason}};
    return audit_tx_end(db, rc, actor, NULL, "deadline", "task", task_id, ch, 2);
}

int task_complete(dv_db *db, const struct dv_user *actor, int64_t task_id, const struct completion_input *in,
                  int64_t *completion_id)
{
    char today[11];
    clock_vn_today(today);
    const char *on = in->submitted_on ? in->submitted_on : today;
    if (!is_date(on)) return DV_EINVAL;
    int has_evidence = in->evidence_document_id > 0 || in->evidence_session_id > 0 || (in->file && in->file_len) ||
                       (in->link && in->link[0]);
    if (!has_evidence) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    char dl[11] = "", state[16] = "";
    rc = read_task(db, task_id, dl, state);
    if (rc == DV_OK && (!strcmp(state, "confirmed") || !strcmp(state, "submitted"))) rc = DV_ECONFLICT;
    if (rc == DV_OK && in->evidence_document_id > 0) {
        rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(in->evidence_document_id));
        if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    }
    if (rc == DV_OK) {
        dv_stmt *st = db_prepare(db, SQL_CMP_INS);
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, task_id);
            db_bind_text(st, 2, on);
            bind_id(st, 3, actor_id(actor));
            db_bind_text(st, 4, actor_name(actor));
            db_bind_text(st, 5, in->note ? in->note : "");
            bind_id(st, 6, in->evidence_document_id);
            bind_id(st, 7, in->evidence_session_id);
            int file = in->file && in->file_len;
            db_bind_text(st, 8, file ? in->file_name : NULL);
            db_bind_text(st, 9, file ? in->file_mime : NULL);
            if (file) db_bind_blob(st, 10, in->file, in->file_len);
            else db_bind_null(st, 10);
            db_bind_text(st, 11, in->link && in->link[0] ? in->link : NULL);
            rc = db_exec(st);
        }
    }
    int64_t cid = rc ? 0 : db_last_id(db);
    if (rc == DV_OK) rc = rstore_exec(db, SQL_STATE, RINT(task_id), RTEXT("submitted"));
    struct audit_change ch[] = {{"submitted_on", NULL, on}, {"note", NULL, in->note}};
    rc = audit_tx_end(db, rc, actor, NULL, "complete", "task", task_id, ch, 2);
    if (rc == DV_OK && completion_id) *completion_id = cid;
    return rc;
}

int task_decide(dv_db *db, const struct dv_user *actor, int64_t task_id, int confirm, const char *note,
                const char *decided_on)
{
    char today[11];
    clock_vn_today(today);
    const char *on = decided_on ? decided_on : today;
    if (!is_date(on)) return DV_EINVAL;
    if (!confirm && (!note || !note[0])) return DV_EINVAL; /* a return says why */
    int rc = db_begin(db);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, SQL_PENDING);
    int64_t cid = 0;
    char submitted[11] = "";
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, task_id);
        int s = db_step(st);
        if (s == DB_ROW) {
            cid = db_col_int(st, 0);
            snprintf(submitted, sizeof submitted, "%s", db_col_text(st, 1));
        }
        db_done(st);
        rc = s < 0 ? s : cid ? DV_OK : DV_ECONFLICT;
    }
    if (rc == DV_OK && strcmp(on, submitted) < 0) rc = DV_EINVAL;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_DECIDE, RINT(cid), RTEXT(confirm ? "confirmed" : "returned"), RTEXT(on),
                         RID0(actor_id(actor)), RTEXT(actor_name(actor)), RTEXT(note ? note : ""));
    if (rc == DV_OK)
        rc = confirm ? rstore_exec(db, SQL_CONFIRM, RINT(task_id), RTEXT(submitted), RTEXT(on))
                     : rstore_exec(db, SQL_STATE, RINT(task_id), RTEXT("returned"));
    struct audit_change ch[] = {{"decision", NULL, confirm ? "confirmed" : "returned"}, {"note", NULL, note}};
    return audit_tx_end(db, rc, actor, NULL, confirm ? "confirm" : "return", "task", task_id, ch, 2);
}

int task_explain(dv_db *db, const struct dv_user *actor, int64_t task_id, const char *reason,
                 const char *expected_on, const char *explained_on)
{
    char today[11];
    clock_vn_today(today);
    const char *on = explained_on ? explained_on : today;
    if (!reason || !reason[0] || !is_date(on) || (expected_on && !is_date(expected_on))) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM tasks WHERE id = ?1", RINT(task_id));
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_EXPL_INS, RINT(task_id), RTEXT(on), RTEXT(reason), RTEXT(expected_on),
                         RID0(actor_id(actor)), RTEXT(actor_name(actor)));
    struct audit_change ch[] = {{"reason", NULL, reason}, {"expected_on", NULL, expected_on}};
    return audit_tx_end(db, rc, actor, NULL, "explain", "task", task_id, ch, 2);
}

int task_evidence_file(dv_db *db, dv_arena *a, int64_t completion_id, int64_t *task_id, const char **name,
                       const char **mime, const void **data, size_t *len)
{
    dv_stmt *st = db_prepare(db, SQL_EVIDENCE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, completion_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *task_id = db_col_int(st, 0);
        *name = col(a, st, 1);
        *mime = col(a, st, 2);
        size_t n = 0;
        const void *p = db_col_blob(st, 3, &n);
        void *copy = arena_alloc(a, n + 1);
        if (p && n) memcpy(copy, p, n);
        *data = copy;
        *len = n;
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

static void fill_lag(dv_arena *a, dv_stmt *st, void *item)
{
    struct concretize_row *r = item;
    r->unit_id = db_col_int(st, 0);
    r->unit_name = col(a, st, 1);
    r->doc_id = db_col_int(st, 2);
    r->doc_code = col(a, st, 3);
    r->issued_on = col(a, st, 4);
    r->days = (long)db_col_int(st, 5);
    r->deadline = col(a, st, 6);
}

int document_concretize_lag(dv_db *db, dv_arena *a, int64_t doc_id, struct concretize_row **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, SQL_LAG, doc_id, sizeof **out, fill_lag, n, &rc);
    return rc;
}
