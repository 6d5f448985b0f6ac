/* session_store.c - the SQL of dissemination sessions (session.h): a session with its
 * attendance, bridge points, absentees and make-ups; lists by unit, document and subtree;
 * the records the pre-fill sources count; the unit's open dissemination tasks. */
#include "directive/session.h"
#include "directive/session_int.h"

#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

#include <stdio.h>
#include <string.h>

#define COLS "s.id, s.unit_id, u.name, COALESCE(s.document_id, 0), s.document_title, s.held_on, s.place, s.form, " \
             "COALESCE(s.makeup_of, 0), s.note, " \
             "(SELECT group_concat(a.grp || ':' || a.expected || ':' || a.attended, ',') FROM dissem_attendance a " \
             "WHERE a.session_id = s.id)"
#define FROM " FROM dissem_sessions s JOIN units u ON u.id = s.unit_id"
/* the units of ?1's subtree on day ?3 */
#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub " \
                "ON l.parent_id = sub.id WHERE l.valid_from <= ?3 AND (l.valid_to IS NULL OR l.valid_to > ?3)) "

static const char *dup(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s && *s ? arena_strdup(a, s) : NULL;
}

/* "party:120:118,civil:30:30" into the groups and the totals. */
static void groups_parse(const char *s, struct dissem_session *x)
{
    for (const char *p = s; p && *p;) {
        char code[16];
        long long e, t;
        int used = 0;
        if (sscanf(p, "%15[a-z_]:%lld:%lld%n", code, &e, &t, &used) != 3) break;
        for (int g = 0; g < SG_N; g++)
            if (!strcmp(code, dissem_group_codes[g])) x->groups[g] = (struct dissem_count){1, e, t};
        p += used;
        if (*p == ',') p++;
    }
    for (int g = 0; g < SG_N; g++) {
        x->expected += x->groups[g].expected;
        x->attended += x->groups[g].attended;
    }
}

static void session_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct dissem_session *x = item;
    memset(x, 0, sizeof *x);
    x->id = db_col_int(st, 0);
    x->unit_id = db_col_int(st, 1);
    x->unit_name = dup(a, st, 2);
    x->document_id = db_col_int(st, 3);
    x->document_title = dup(a, st, 4);
    x->held_on = dup(a, st, 5);
    x->place = dup(a, st, 6);
    x->form = dup(a, st, 7);
    x->makeup_of = db_col_int(st, 8);
    x->note = dup(a, st, 9);
    groups_parse(db_col_text(st, 10), x);
}

static void text_fill(dv_arena *a, dv_stmt *st, void *item)
{
    *(const char **)item = arena_strdup(a, db_col_text(st, 0));
}

static void absentee_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct dissem_absentee *x = item;
    x->full_name = arena_strdup(a, db_col_text(st, 0));
    x->reason = arena_strdup(a, db_col_text(st, 1));
}

static void id_fill(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    *(int64_t *)item = db_col_int(st, 0);
}

int dissem_session_get(dv_db *db, dv_arena *a, int64_t id, struct dissem_session *out)
{
    int rc = rstore_get_by_id(db, a, "SELECT " COLS FROM " WHERE s.id = ?1", id, session_fill, out);
    if (rc) return rc;
    out->points = rstore_collect_by_id(db, a, "SELECT name FROM dissem_points WHERE session_id = ?1 ORDER BY position",
                                       id, sizeof *out->points, text_fill, &out->npoints, &rc);
    if (!rc)
        out->absentees = rstore_collect_by_id(db, a, "SELECT full_name, reason FROM dissem_absentees WHERE session_id = ?1 "
                                                     "ORDER BY position",
                                              id, sizeof *out->absentees, absentee_fill, &out->nabsentees, &rc);
    if (!rc)
        out->makeups = rstore_collect_by_id(db, a, "SELECT id FROM dissem_sessions WHERE makeup_of = ?1 ORDER BY held_on, id",
                                            id, sizeof *out->makeups, id_fill, &out->nmakeups, &rc);
    return rc;
}

int dissem_session_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct dissem_session **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, "SELECT " COLS FROM " WHERE s.unit_id = ?1 ORDER BY s.held_on DESC, s.id DESC",
                                unit_id, sizeof **out, session_fill, n, &rc);
    return rc;
}

int dissem_session_list_document(dv_db *db, dv_arena *a, int64_t document_id, struct dissem_session **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a, "SELECT " COLS FROM " WHERE s.document_id = ?1 ORDER BY s.held_on DESC, s.id DESC",
                                document_id, sizeof **out, session_fill, n, &rc);
    return rc;
}

int dissem_session_list_subtree(dv_db *db, dv_arena *a, int64_t root_id, const char *from, const char *to,
                         struct dissem_session **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SUBTREE "SELECT " COLS FROM " JOIN sub ON sub.id = s.unit_id "
                                 "WHERE s.held_on >= ?2 AND s.held_on <= ?3 ORDER BY s.held_on, s.id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return rstore_collect(st, a, sizeof **out, session_fill, (void **)out, n);
}

int dissem_concretizing_docs(dv_db *db, dv_arena *a, int64_t root_id, const char *from, const char *to,
                              const char ***codes, size_t *n)
{
    dv_stmt *st = db_prepare(db, SUBTREE "SELECT d.code FROM documents d JOIN sub ON sub.id = d.issuer_unit_id "
                                 "WHERE d.issued_on >= ?2 AND d.issued_on <= ?3 AND EXISTS (SELECT 1 FROM "
                                 "document_relations r WHERE r.from_id = d.id AND r.kind = 'concretizes') "
                                 "ORDER BY d.issued_on, d.id");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return rstore_collect(st, a, sizeof **codes, text_fill, (void **)codes, n);
}

static void task_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct dissem_task *x = item;
    x->id = db_col_int(st, 0);
    x->title = arena_strdup(a, db_col_text(st, 1));
    x->deadline = arena_strdup(a, db_col_text(st, 2));
    x->document_id = db_col_int(st, 3);
}

int dissem_open_tasks(dv_db *db, dv_arena *a, int64_t unit_id, struct dissem_task **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a,
        "SELECT t.id, t.title, t.deadline, CASE WHEN t.source_kind = 'document' THEN COALESCE(t.source_id, 0) ELSE 0 END "
        "FROM tasks t WHERE t.lead_unit_id = ?1 AND t.product_kind = 'session' AND t.state IN ('open', 'returned') "
        "ORDER BY t.deadline, t.id",
        unit_id, sizeof **out, task_fill, n, &rc);
    return rc;
}

int dissem_document_title(dv_db *db, dv_arena *a, int64_t document_id, const char **out, int64_t *issuer_unit_id)
{
    dv_stmt *st = db_prepare(db, "SELECT code, title, COALESCE(issuer_unit_id, 0) FROM documents WHERE id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, document_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *out = arena_printf(a, "%s: %s", db_col_text(st, 0), db_col_text(st, 1));
        if (issuer_unit_id) *issuer_unit_id = db_col_int(st, 2);
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

struct task_ref {
    int64_t id;
    const char *title;
};

static void task_ref_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct task_ref *x = item;
    x->id = db_col_int(st, 0);
    x->title = arena_strdup(a, db_col_text(st, 1));
}

int dissem_evidence_tasks(dv_db *db, dv_arena *a, int64_t session_id, int64_t **task_ids, const char ***titles,
                           size_t *n)
{
    int rc = 0;
    struct task_ref *refs = rstore_collect_by_id(db, a,
        "SELECT DISTINCT t.id, t.title FROM task_completions c JOIN tasks t ON t.id = c.task_id "
        "WHERE c.evidence_session_id = ?1 ORDER BY t.id",
        session_id, sizeof *refs, task_ref_fill, n, &rc);
    *task_ids = arena_alloc(a, (*n + 1) * sizeof **task_ids);
    *titles = arena_alloc(a, (*n + 1) * sizeof **titles);
    for (size_t i = 0; i < *n; i++) {
        (*task_ids)[i] = refs[i].id;
        (*titles)[i] = refs[i].title;
    }
    return rc;
}

/* ---- writes ---- */

static int write_parts(dv_db *db, int64_t id, const struct dissem_input *in)
{
    int rc = 0;
    const char *del[] = {"DELETE FROM dissem_attendance WHERE session_id = ?1",
                         "DELETE FROM dissem_points WHERE session_id = ?1",
                         "DELETE FROM dissem_absentees WHERE session_id = ?1"};
    for (size_t i = 0; rc == 0 && i < 3; i++) rc = rstore_exec(db, del[i], RINT(id));
    for (int g = 0; rc == 0 && g < SG_N; g++)
        if (in->groups[g].recorded)
            rc = rstore_exec(db, "INSERT INTO dissem_attendance (session_id, grp, expected, attended) VALUES (?1, ?2, ?3, ?4)",
                             RINT(id), RTEXT(dissem_group_codes[g]), RINT(in->groups[g].expected),
                             RINT(in->groups[g].attended));
    for (size_t i = 0; rc == 0 && i < in->npoints; i++)
        rc = rstore_exec(db, "INSERT INTO dissem_points (session_id, position, name) VALUES (?1, ?2, ?3)", RINT(id),
                         RINT((int64_t)i + 1), RTEXT(in->points[i]));
    for (size_t i = 0; rc == 0 && i < in->nabsentees; i++)
        rc = rstore_exec(db, "INSERT INTO dissem_absentees (session_id, position, full_name, reason) VALUES (?1, ?2, ?3, ?4)",
                         RINT(id), RINT((int64_t)i + 1), RTEXT(in->absentees[i].full_name),
                         RTEXT(in->absentees[i].reason ? in->absentees[i].reason : ""));
    return rc;
}

/* The checks a session's fields need of the store: its document exists, a make-up is of
 * an earlier session of the same unit (never itself). */
static int check_refs(dv_db *db, int64_t unit_id, int64_t self, const struct dissem_input *in)
{
    int rc = rstore_exists(db, "SELECT 1 FROM units WHERE id = ?1", RINT(unit_id));
    if (rc == 0 && in->document_id)
        rc = rstore_exists(db, "SELECT 1 FROM documents WHERE id = ?1", RINT(in->document_id));
    if (rc == 0 && in->makeup_of) {
        if (in->makeup_of == self) return DV_EINVAL;
        rc = rstore_exists(db, "SELECT 1 FROM dissem_sessions WHERE id = ?1 AND unit_id = ?2 AND held_on <= ?3",
                           RINT(in->makeup_of), RINT(unit_id), RTEXT(in->held_on));
        if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    }
    return rc;
}

int dissem_session_create(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id,
                   const struct dissem_input *in, int64_t *id_out)
{
    int rc = dissem_input_check(in);
    int64_t id = 0;
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        rc = check_refs(db, unit_id, 0, in);
        if (rc == 0)
            rc = rstore_exec(db, "INSERT INTO dissem_sessions (unit_id, document_id, document_title, held_on, place, form, "
                                 "makeup_of, note, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             RINT(unit_id), RID0(in->document_id), RTEXT(in->document_title), RTEXT(in->held_on),
                             RTEXT(in->place), RTEXT(in->form), RID0(in->makeup_of), RTEXT(in->note),
                             RID0(actor ? actor->id : 0));
        if (rc == 0) id = db_last_id(db);
        if (rc == 0) rc = write_parts(db, id, in);
        dv_arena *a = arena_new();
        struct audit_change ch[] = {
            {"unit_id", NULL, rstore_num(a, unit_id)}, {"document_title", NULL, in->document_title},
            {"held_on", NULL, in->held_on}, {"place", NULL, in->place}, {"form", NULL, in->form},
        };
        rc = audit_tx_end(db, rc, actor, ip, "create", "dissem_session", id, ch, RSTORE_N(ch));
        arena_free(a);
    }
    if (rc == 0 && id_out) *id_out = id;
    return rc;
}

int dissem_session_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const struct dissem_input *in)
{
    int rc = dissem_input_check(in);
    if (rc == 0 && (rc = db_begin(db)) == 0) {
        dv_arena *a = arena_new();
        struct dissem_session old;
        rc = rstore_get_by_id(db, a, "SELECT " COLS FROM " WHERE s.id = ?1", id, session_fill, &old);
        if (rc == 0) rc = check_refs(db, old.unit_id, id, in);
        if (rc == 0)
            rc = rstore_exec(db, "UPDATE dissem_sessions SET document_id = ?2, document_title = ?3, held_on = ?4, place = ?5, "
                                 "form = ?6, makeup_of = ?7, note = ?8, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                                 "WHERE id = ?1",
                             RINT(id), RID0(in->document_id), RTEXT(in->document_title), RTEXT(in->held_on),
                             RTEXT(in->place), RTEXT(in->form), RID0(in->makeup_of), RTEXT(in->note));
        if (rc == 0) rc = write_parts(db, id, in);
        struct audit_change ch[] = {
            {"document_title", old.document_title, in->document_title}, {"held_on", old.held_on, in->held_on},
            {"place", old.place, in->place}, {"form", old.form, in->form}, {"note", old.note, in->note},
        };
        rc = audit_tx_end(db, rc, actor, ip, "update", "dissem_session", id, ch, RSTORE_N(ch));
        arena_free(a);
    }
    return rc;
}

static void choice_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct dissem_doc_choice *x = item;
    x->id = db_col_int(st, 0);
    x->label = arena_printf(a, "%s: %s", db_col_text(st, 1), db_col_text(st, 2));
}

int dissem_document_choices(dv_db *db, dv_arena *a, size_t limit, struct dissem_doc_choice **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT id, code, title FROM documents ORDER BY issued_on DESC, id DESC LIMIT ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, (int64_t)limit);
    return rstore_collect(st, a, sizeof **out, choice_fill, (void **)out, n);
}

int dissem_task_submit(dv_db *db, const struct dv_user *actor, const char *ip, int64_t task_id, int64_t session_id,
                       const char *on, const char *note)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM tasks WHERE id = ?1 AND state IN ('open', 'returned')", RINT(task_id));
    if (rc == DV_ENOTFOUND) rc = DV_ECONFLICT;
    if (rc == 0)
        rc = rstore_exec(db, "INSERT INTO task_completions (task_id, submitted_on, submitted_by, submitter_name, note, "
                             "evidence_session_id) VALUES (?1, ?2, ?3, COALESCE((SELECT full_name FROM users WHERE id = ?3), "
                             "?5), ?4, ?6)",
                         RINT(task_id), RTEXT(on), RID0(actor && actor->id > 0 ? actor->id : 0), RTEXT(note),
                         RTEXT(actor ? actor->username : "cli"), RINT(session_id));
    if (rc == 0)
        rc = rstore_exec(db, "UPDATE tasks SET state = 'submitted', version = version + 1, "
                             "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                         RINT(task_id));
    dv_arena *a = arena_new();
    struct audit_change ch[] = {{"state", NULL, "submitted"}, {"evidence_session_id", NULL, rstore_num(a, session_id)},
                                {"submitted_on", NULL, on}};
    rc = audit_tx_end(db, rc, actor, ip, "complete", "task", task_id, ch, RSTORE_N(ch));
    arena_free(a);
    return rc;
}

int dissem_unit_successors(dv_db *db, dv_arena *a, int64_t unit_id, int64_t **ids, size_t *n)
{
    int rc = 0;
    *ids = rstore_collect_by_id(db, a,
        "WITH RECURSIVE succ(id, lvl) AS (SELECT ?1, 0 UNION SELECT s.successor_id, succ.lvl + 1 FROM unit_successions s "
        "JOIN succ ON s.predecessor_id = succ.id WHERE succ.lvl < 16) SELECT id FROM succ WHERE lvl > 0",
        unit_id, sizeof **ids, id_fill, n, &rc);
    return rc;
}
