/* review_store.c - all SQL of inspection plans, inspections, their team, subjects, findings
 * and recommendations (review.h). Every write is one transaction with its audit row; a
 * recommendation's task is created in the same transaction (task_create_tx). */
#include "review/review.h"

#include "core/err.h"
#include "review/review_store_int.h"
#include "db/store_util.h"
#include "directive/task.h"
#include "org/audit.h"
#include "report/document/doc_store.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>

#define INSP_COLS                                                                                           \
    "i.id, i.unit_id, COALESCE(i.plan_item_id, 0), u.name, i.kind, i.level, i.title, i.content,"          \
    " i.period_from, i.period_to, i.status, COALESCE(i.decision_number, 0), i.decision_series,"           \
    " i.decision_date, i.started_on, i.extension_days, i.extension_reason, i.ended_on,"                   \
    " COALESCE(i.conclusion_number, 0), i.conclusion_series, i.conclusion_text, i.closed_on"

static int one_of(const char *s, const char *a, const char *b)
{
    return s && (strcmp(s, a) == 0 || strcmp(s, b) == 0);
}

/* ---- plans ---- */

int review_plan_create(dv_db *db, const struct dv_user *actor, int64_t unit_id, int year, const char *title,
                       int64_t *id_out)
{
    if (!title || !*title || year < 2000 || year > 2100) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db, "INSERT INTO inspection_plans (unit_id, year, title, created_by) VALUES (?1, ?2, ?3, ?4)",
                     RINT(unit_id), RINT(year), RTEXT(title), RID0(actor ? actor->id : 0));
    int64_t id = rc ? 0 : db_last_id(db);
    struct audit_change ch[] = {{"title", NULL, title}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "inspection_plan", id, ch, 1);
    if (!rc && id_out) *id_out = id;
    return rc;
}

int review_plan_item_add(dv_db *db, const struct dv_user *actor, int64_t plan_id, const struct insp_plan_item_input *in,
                         int64_t *id_out)
{
    if (!one_of(in->kind, "inspection", "supervision") || !in->content || !*in->content ||
        !rv_is_date(in->period_from) || !rv_is_date(in->period_to) || strcmp(in->period_from, in->period_to) > 0 ||
        in->month < 1 || in->month > 12)
        return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO inspection_plan_items (plan_id, kind, subject_unit_id, content, period_from,"
                     " period_to, month_planned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     RINT(plan_id), RTEXT(in->kind), RINT(in->subject_unit_id), RTEXT(in->content),
                     RTEXT(in->period_from), RTEXT(in->period_to), RINT(in->month));
    int64_t id = rc ? 0 : db_last_id(db);
    struct audit_change ch[] = {{"content", NULL, in->content}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "inspection_plan_item", id, ch, 1);
    if (!rc && id_out) *id_out = id;
    return rc;
}

static void fill_plan(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_plan *p = item;
    p->id = db_col_int(st, 0);
    p->unit_id = db_col_int(st, 1);
    p->year = (int)db_col_int(st, 2);
    p->title = rv_col(a, st, 3);
    p->unit_name = rv_col(a, st, 4);
}

#define PLAN_SQL "SELECT p.id, p.unit_id, p.year, p.title, u.name FROM inspection_plans p JOIN units u ON u.id = p.unit_id"

int review_plan_get(dv_db *db, dv_arena *a, int64_t id, struct insp_plan *out)
{
    return rstore_get_by_id(db, a, PLAN_SQL " WHERE p.id = ?1", id, fill_plan, out);
}

int review_plans_list(dv_db *db, dv_arena *a, struct insp_plan **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, PLAN_SQL " ORDER BY p.year DESC, u.name COLLATE vi");
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_plan, (void **)out, n);
}

static void fill_item(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_plan_item *p = item;
    p->id = db_col_int(st, 0);
    p->plan_id = db_col_int(st, 1);
    p->kind = rv_col(a, st, 2);
    p->subject_unit_id = db_col_int(st, 3);
    p->subject_name = rv_col(a, st, 4);
    p->content = rv_col(a, st, 5);
    p->period_from = rv_col(a, st, 6);
    p->period_to = rv_col(a, st, 7);
    p->month = (int)db_col_int(st, 8);
    p->inspection_id = db_col_int(st, 9);
    p->inspection_status = rv_col(a, st, 10);
}

#define ITEM_SQL                                                                                            \
    "SELECT t.id, t.plan_id, t.kind, t.subject_unit_id, u.name, t.content, t.period_from, t.period_to,"   \
    " t.month_planned, COALESCE(i.id, 0), i.status FROM inspection_plan_items t"                          \
    " JOIN units u ON u.id = t.subject_unit_id LEFT JOIN inspections i ON i.plan_item_id = t.id"

int review_plan_items(dv_db *db, dv_arena *a, int64_t plan_id, struct insp_plan_item **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, ITEM_SQL " WHERE t.plan_id = ?1 ORDER BY t.month_planned, t.id", plan_id,
                                sizeof **out, fill_item, n, &rc);
    return rc;
}

int review_plan_item_get(dv_db *db, dv_arena *a, int64_t item_id, struct insp_plan_item *out)
{
    return rstore_get_by_id(db, a, ITEM_SQL " WHERE t.id = ?1", item_id, fill_item, out);
}

/* ---- inspections ---- */

static void fill_insp(dv_arena *a, dv_stmt *st, void *item)
{
    struct inspection *p = item;
    p->id = db_col_int(st, 0);
    p->unit_id = db_col_int(st, 1);
    p->plan_item_id = db_col_int(st, 2);
    p->unit_name = rv_col(a, st, 3);
    p->kind = rv_col(a, st, 4);
    p->level = rv_col(a, st, 5);
    p->title = rv_col(a, st, 6);
    p->content = rv_col(a, st, 7);
    p->period_from = rv_col(a, st, 8);
    p->period_to = rv_col(a, st, 9);
    p->status = rv_col(a, st, 10);
    p->decision_number = db_col_int(st, 11);
    p->decision_series = rv_col(a, st, 12);
    p->decision_date = rv_col(a, st, 13);
    p->started_on = rv_col(a, st, 14);
    p->extension_days = (int)db_col_int(st, 15);
    p->extension_reason = rv_col(a, st, 16);
    p->ended_on = rv_col(a, st, 17);
    p->conclusion_number = db_col_int(st, 18);
    p->conclusion_series = rv_col(a, st, 19);
    p->conclusion_text = rv_col(a, st, 20);
    p->closed_on = rv_col(a, st, 21);
}

int review_inspection_get(dv_db *db, dv_arena *a, int64_t id, struct inspection *out)
{
    return rstore_get_by_id(db, a, "SELECT " INSP_COLS " FROM inspections i JOIN units u ON u.id = i.unit_id WHERE i.id = ?1",
                            id, fill_insp, out);
}

int review_inspections_list(dv_db *db, dv_arena *a, struct inspection **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT " INSP_COLS " FROM inspections i JOIN units u ON u.id = i.unit_id"
                                 " ORDER BY i.id DESC");
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_insp, (void **)out, n);
}

int review_inspection_create(dv_db *db, const struct dv_user *actor, const struct inspection_input *in,
                             int64_t *id_out)
{
    if (!one_of(in->kind, "inspection", "supervision") || !one_of(in->level, "province", "upper") || !in->title ||
        !*in->title || !rv_is_date(in->period_from) || !rv_is_date(in->period_to) ||
        strcmp(in->period_from, in->period_to) > 0)
        return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO inspections (unit_id, plan_item_id, kind, level, title, content, period_from,"
                     " period_to, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                     RINT(in->unit_id), RID0(in->plan_item_id), RTEXT(in->kind), RTEXT(in->level), RTEXT(in->title),
                     RTEXT(in->content ? in->content : ""), RTEXT(in->period_from), RTEXT(in->period_to),
                     RID0(actor ? actor->id : 0));
    int64_t id = rc ? 0 : db_last_id(db);
    for (size_t k = 0; !rc && k < in->nsubjects; k++)
        rc = rstore_exec(db,
                         "INSERT INTO inspection_subjects (inspection_id, unit_id) VALUES (?1, ?2)"
                         " ON CONFLICT DO NOTHING",
                         RINT(id), RINT(in->subjects[k]));
    struct audit_change ch[] = {{"title", NULL, in->title}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "inspection", id, ch, 1);
    if (!rc && id_out) *id_out = id;
    return rc;
}

/* Begins a write on inspection id in status `want`: fills *ins (arena a). DV_ENOTFOUND,
 * DV_ECONFLICT (another status); the transaction stays open only on 0. */
static int begin_in(dv_db *db, dv_arena *a, int64_t id, const char *want, const char *want2, struct inspection *ins)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = review_inspection_get(db, a, id, ins);
    if (!rc && strcmp(ins->status, want) != 0 && !(want2 && strcmp(ins->status, want2) == 0)) rc = DV_ECONFLICT;
    if (rc) db_rollback(db);
    return rc;
}

static int end_status(dv_db *db, int rc, const struct dv_user *actor, int64_t id, const char *from, const char *to,
                      const char *field, const char *value)
{
    struct audit_change ch[] = {{"status", from, to}, {field, NULL, value}};
    return audit_tx_end(db, rc, actor, NULL, "update", "inspection", id, ch, field ? 2 : 1);
}

int review_inspection_decide(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date,
                             const char *series, int64_t *number_out)
{
    struct inspection ins;
    if (!rv_is_date(date) || !series) return DV_EINVAL;
    int rc = begin_in(db, a, id, "planned", NULL, &ins);
    if (rc) return rc;
    rc = review_period_check(ins.period_from, ins.period_to, date);
    int64_t n = 0;
    if (!rc) rc = doc_counter_next_tx(db, ins.unit_id, "QĐ", series, &n);
    if (!rc)
        rc = rstore_exec(db,
                         "UPDATE inspections SET status = 'decided', decision_number = ?2, decision_series = ?3,"
                         " decision_date = ?4 WHERE id = ?1",
                         RINT(id), RINT(n), RTEXT(series), RTEXT(date));
    rc = end_status(db, rc, actor, id, "planned", "decided", "decision_number", rstore_num(a, n));
    if (!rc && number_out) *number_out = n;
    return rc;
}

int review_inspection_start(dv_db *db, const struct dv_user *actor, int64_t id, const char *started_on)
{
    dv_arena *a = arena_new();
    struct inspection ins;
    int rc = rv_is_date(started_on) ? begin_in(db, a, id, "decided", NULL, &ins) : DV_EINVAL;
    if (!rc) {
        if (strcmp(started_on, ins.decision_date) < 0) rc = DV_EINVAL;
        if (!rc)
            rc = rstore_exec(db, "UPDATE inspections SET status = 'in_progress', started_on = ?2 WHERE id = ?1",
                             RINT(id), RTEXT(started_on));
        rc = end_status(db, rc, actor, id, "decided", "in_progress", "started_on", started_on);
    }
    arena_free(a);
    return rc;
}

int review_inspection_extend(dv_db *db, const struct dv_user *actor, int64_t id, int days, const char *reason)
{
    dv_arena *a = arena_new();
    struct inspection ins;
    int rc = reason && *reason ? begin_in(db, a, id, "in_progress", "draft", &ins) : DV_EINVAL;
    if (!rc) {
        rc = review_extension_check(review_base_days(db, ins.level), days);
        if (!rc)
            rc = rstore_exec(db, "UPDATE inspections SET extension_days = ?2, extension_reason = ?3 WHERE id = ?1",
                             RINT(id), RINT(days), RTEXT(reason));
        struct audit_change ch[] = {{"extension_days", rstore_num(a, ins.extension_days), rstore_num(a, days)},
                                    {"extension_reason", NULL, reason}};
        rc = audit_tx_end(db, rc, actor, NULL, "update", "inspection", id, ch, 2);
    }
    arena_free(a);
    return rc;
}

int review_inspection_draft(dv_db *db, const struct dv_user *actor, int64_t id, const char *text)
{
    dv_arena *a = arena_new();
    struct inspection ins;
    int rc = text && *text ? begin_in(db, a, id, "in_progress", "draft", &ins) : DV_EINVAL;
    if (!rc) {
        rc = rstore_exec(db, "UPDATE inspections SET status = 'draft', conclusion_text = ?2 WHERE id = ?1", RINT(id),
                         RTEXT(text));
        rc = end_status(db, rc, actor, id, ins.status, "draft", "conclusion_text", text);
    }
    arena_free(a);
    return rc;
}

int review_inspection_conclude(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date,
                               const char *series, int64_t *number_out)
{
    struct inspection ins;
    if (!rv_is_date(date) || !series) return DV_EINVAL;
    int rc = begin_in(db, a, id, "draft", NULL, &ins);
    if (rc) return rc;
    if (strcmp(date, ins.started_on) < 0) rc = DV_EINVAL;
    int64_t n = 0;
    if (!rc) rc = doc_counter_next_tx(db, ins.unit_id, "TB", series, &n);
    if (!rc)
        rc = rstore_exec(db,
                         "UPDATE inspections SET status = 'concluded', conclusion_number = ?2, conclusion_series = ?3,"
                         " ended_on = ?4 WHERE id = ?1",
                         RINT(id), RINT(n), RTEXT(series), RTEXT(date));
    rc = end_status(db, rc, actor, id, "draft", "concluded", "conclusion_number", rstore_num(a, n));
    if (!rc && number_out) *number_out = n;
    return rc;
}

static int count_recs(dv_db *db, int64_t id, size_t *total, size_t *done)
{
    dv_stmt *st = db_prepare(db, "SELECT count(*), count(t.confirmed_on) FROM inspection_recommendations r"
                                 " JOIN tasks t ON t.id = r.task_id WHERE r.inspection_id = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *total = (size_t)db_col_int(st, 0);
        *done = (size_t)db_col_int(st, 1);
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int review_inspection_close(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date)
{
    struct inspection ins;
    if (!rv_is_date(date)) return DV_EINVAL;
    int rc = begin_in(db, a, id, "concluded", NULL, &ins);
    if (rc) return rc;
    size_t total = 0, done = 0;
    rc = count_recs(db, id, &total, &done);
    if (!rc && !review_can_close(IS_CONCLUDED, total, done)) rc = DV_ECONFLICT;
    if (!rc)
        rc = rstore_exec(db, "UPDATE inspections SET status = 'closed', closed_on = ?2 WHERE id = ?1", RINT(id),
                         RTEXT(date));
    return end_status(db, rc, actor, id, "concluded", "closed", "closed_on", date);
}

/* ---- team, findings, recommendations ---- */

int review_member_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *role, const char *name,
                      const char *position)
{
    static const char *const roles[] = {"head", "deputy", "member", "secretary"};
    int ok = 0;
    for (size_t k = 0; role && k < 4; k++) ok |= strcmp(role, roles[k]) == 0;
    if (!ok || !name || !*name) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM inspections WHERE id = ?1 AND status NOT IN ('concluded','closed')", RINT(id));
    if (rc == DV_ENOTFOUND) rc = DV_ECONFLICT;
    if (!rc && strcmp(role, "head") == 0 &&
        rstore_exists(db, "SELECT 1 FROM inspection_team WHERE inspection_id = ?1 AND role = 'head'", RINT(id)) == 0)
        rc = DV_ECONFLICT; /* one head */
    if (!rc)
        rc = rstore_exec(db, "INSERT INTO inspection_team (inspection_id, role, name, position) VALUES (?1, ?2, ?3, ?4)",
                         RINT(id), RTEXT(role), RTEXT(name), RTEXT(position ? position : ""));
    struct audit_change ch[] = {{"team", NULL, name}, {"role", NULL, role}};
    return audit_tx_end(db, rc, actor, NULL, "update", "inspection", id, ch, 2);
}

int review_finding_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *text, const char *file_name,
                       const char *mime, const void *file, size_t len)
{
    if (!text || !*text) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM inspections WHERE id = ?1 AND status IN ('in_progress','draft')", RINT(id));
    if (rc == DV_ENOTFOUND) rc = DV_ECONFLICT;
    dv_stmt *st = rc ? NULL : db_prepare(db, "INSERT INTO inspection_findings (inspection_id, text, file_name,"
                                             " file_mime, file, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!rc && !st) rc = DV_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, text);
        db_bind_text(st, 3, len ? file_name : NULL);
        db_bind_text(st, 4, len ? mime : NULL);
        if (len) db_bind_blob(st, 5, file, len);
        else db_bind_null(st, 5);
        if (actor && actor->id > 0) db_bind_int(st, 6, actor->id);
        else db_bind_null(st, 6);
        rc = db_exec(st);
    }
    struct audit_change ch[] = {{"finding", NULL, text}, {"file", NULL, len ? file_name : NULL}};
    return audit_tx_end(db, rc, actor, NULL, "update", "inspection", id, ch, 2);
}

int review_rec_add(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *text,
                   int64_t lead_unit_id, const char *deadline, int64_t *task_out)
{
    struct inspection ins;
    if (!text || !*text || !rv_is_date(deadline)) return DV_EINVAL;
    int rc = begin_in(db, a, id, "concluded", NULL, &ins);
    if (rc) return rc;
    struct task_input t = {.actor = actor, .title = text, .assigner_unit_id = ins.unit_id,
                           .lead_unit_id = lead_unit_id, .product_kind = "activity", .assigned_on = ins.ended_on,
                           .deadline = deadline,
                           .description = arena_printf(a, "%s (%s)", ins.title, ins.unit_name)};
    int64_t task = 0;
    rc = task_create_tx(db, &t, TASK_SOURCE_INSPECTION, id, &task);
    if (!rc)
        rc = rstore_exec(db,
                         "INSERT INTO inspection_recommendations (inspection_id, text, lead_unit_id, deadline, task_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         RINT(id), RTEXT(text), RINT(lead_unit_id), RTEXT(deadline), RINT(task));
    struct audit_change ch[] = {{"recommendation", NULL, text}, {"task", NULL, rstore_num(a, task)}};
    rc = audit_tx_end(db, rc, actor, NULL, "update", "inspection", id, ch, 2);
    if (!rc && task_out) *task_out = task;
    return rc;
}

static void fill_member(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_member *m = item;
    m->id = db_col_int(st, 0);
    m->role = rv_col(a, st, 1);
    m->name = rv_col(a, st, 2);
    m->position = rv_col(a, st, 3);
}

int review_members(dv_db *db, dv_arena *a, int64_t id, struct insp_member **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT id, role, name, position FROM inspection_team WHERE inspection_id = ?1 ORDER BY"
                                " CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, id",
                                id, sizeof **out, fill_member, n, &rc);
    return rc;
}

static void fill_subject(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_subject *s = item;
    s->unit_id = db_col_int(st, 0);
    s->name = rv_col(a, st, 1);
}

int review_subjects(dv_db *db, dv_arena *a, int64_t id, struct insp_subject **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT s.unit_id, u.name FROM inspection_subjects s JOIN units u ON u.id = s.unit_id"
                                " WHERE s.inspection_id = ?1 ORDER BY u.name COLLATE vi",
                                id, sizeof **out, fill_subject, n, &rc);
    return rc;
}

static void fill_finding(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_finding *f = item;
    f->id = db_col_int(st, 0);
    f->text = rv_col(a, st, 1);
    f->file_name = rv_col(a, st, 2);
    f->file_size = (size_t)db_col_int(st, 3);
}

int review_findings(dv_db *db, dv_arena *a, int64_t id, struct insp_finding **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT id, text, file_name, COALESCE(length(file), 0) FROM inspection_findings"
                                " WHERE inspection_id = ?1 ORDER BY id",
                                id, sizeof **out, fill_finding, n, &rc);
    return rc;
}

int review_finding_file(dv_db *db, dv_arena *a, int64_t inspection_id, int64_t finding_id, const char **name,
                        const char **mime, const void **data, size_t *len)
{
    return rv_store_file(db, a, "SELECT file_name, file_mime, file FROM inspection_findings"
                                " WHERE id = ?1 AND inspection_id = ?2 AND file IS NOT NULL",
                         finding_id, inspection_id, name, mime, data, len);
}

static void fill_rec(dv_arena *a, dv_stmt *st, void *item)
{
    struct insp_rec *r = item;
    r->id = db_col_int(st, 0);
    r->text = rv_col(a, st, 1);
    r->lead_unit_id = db_col_int(st, 2);
    r->lead_name = rv_col(a, st, 3);
    r->deadline = rv_col(a, st, 4);
    r->task_id = db_col_int(st, 5);
    r->task_state = rv_col(a, st, 6);
    r->inspection_id = db_col_int(st, 7);
}

#define REC_SQL                                                                                             \
    "SELECT r.id, r.text, r.lead_unit_id, u.name, t.deadline, r.task_id, t.state, r.inspection_id"                          \
    " FROM inspection_recommendations r JOIN units u ON u.id = r.lead_unit_id JOIN tasks t ON t.id = r.task_id"

int review_recs(dv_db *db, dv_arena *a, int64_t id, struct insp_rec **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, REC_SQL " WHERE r.inspection_id = ?1 ORDER BY r.id", id, sizeof **out,
                                fill_rec, n, &rc);
    return rc;
}

/* ---- the board ---- */

static int board_counts(dv_db *db, int year, struct review_board *b)
{
    dv_stmt *st = db_prepare(db,
                             "SELECT count(*), count(i.id), count(CASE WHEN i.status IN ('concluded','closed') THEN 1 END),"
                             " count(CASE WHEN i.status = 'closed' THEN 1 END) FROM inspection_plan_items t"
                             " JOIN inspection_plans p ON p.id = t.plan_id"
                             " LEFT JOIN inspections i ON i.plan_item_id = t.id WHERE p.year = ?1");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, year);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        b->planned = (long)db_col_int(st, 0);
        b->started = (long)db_col_int(st, 1);
        b->concluded = (long)db_col_int(st, 2);
        b->closed = (long)db_col_int(st, 3);
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int review_board_load(dv_db *db, dv_arena *a, int year, const char *today, struct review_board *out)
{
    memset(out, 0, sizeof *out);
    int rc = db_begin_read(db);
    if (rc) return rc;
    rc = board_counts(db, year, out);
    struct inspection *all = NULL;
    size_t n = 0;
    dv_stmt *st = rc ? NULL : db_prepare(db, "SELECT " INSP_COLS " FROM inspections i JOIN units u ON u.id = i.unit_id"
                                             " WHERE i.status IN ('in_progress','draft') ORDER BY i.started_on");
    if (!rc) rc = st ? rstore_collect(st, a, sizeof *all, fill_insp, (void **)&all, &n) : DV_EDB;
    out->late = arena_alloc(a, (n + 1) * sizeof *out->late);
    for (size_t k = 0; !rc && k < n; k++)
        if (review_is_overdue(all[k].started_on, review_base_days(db, all[k].level), all[k].extension_days, NULL, today))
            out->late[out->nlate++] = all[k];
    st = rc ? NULL : db_prepare(db, REC_SQL " WHERE t.state <> 'confirmed'"
                                            " AND t.deadline < ?1 ORDER BY t.deadline");
    if (st) {
        db_bind_text(st, 1, today);
        rc = rstore_collect(st, a, sizeof *out->overdue, fill_rec, (void **)&out->overdue, &out->noverdue);
    }
    db_end_read(db);
    return rc;
}
