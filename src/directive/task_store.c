/* task_store.c - creating tasks (the public task_create_from other areas call) and reading
 * the dated history their status is computed from. All SQL of tasks' creation and timelines. */
#include "directive/task.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/principal.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "org/unit.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>

static const char *SQL_INSERT =
    "INSERT INTO tasks (title, description, source_kind, source_id, assigner_unit_id, lead_unit_id,"
    " responsible_user_id, responsible_name, product_kind, priority, assigned_on, deadline_original,"
    " deadline, parent_id, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)";
static const char *SQL_COORD = "INSERT INTO task_coordinators (task_id, unit_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
static const char *SQL_PARENT_LEAD = "SELECT lead_unit_id FROM tasks WHERE id = ?1";
static const char *SQL_TIMELINE = "SELECT assigned_on, deadline_original FROM tasks WHERE id = ?1";
static const char *SQL_CHANGES =
    "SELECT changed_on, new_deadline FROM task_deadline_changes WHERE task_id = ?1 ORDER BY changed_on, id";
static const char *SQL_STEPS =
    "SELECT submitted_on, COALESCE(decided_on, ''), decision FROM task_completions WHERE task_id = ?1"
    " ORDER BY submitted_on, id";

static int one_of(const char *s, const char *const *set)
{
    for (; s && *set; set++)
        if (strcmp(s, *set) == 0) return 1;
    return 0;
}

static int is_date(const char *s)
{
    int y, m, d;
    return s && strlen(s) == 10 && text_date_parse(s, &y, &m, &d) == 0;
}

static int unit_exists(dv_db *db, int64_t id)
{
    return id > 0 && rstore_exists(db, "SELECT 1 FROM units WHERE id = ?1", RINT(id)) == 0;
}

/* A cascade goes down the parent's lead unit's own subtree. */
static int parent_fits(dv_db *db, int64_t parent_id, int64_t lead_unit_id)
{
    dv_stmt *st = db_prepare(db, SQL_PARENT_LEAD);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, parent_id);
    int rc = db_step(st);
    int64_t plead = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    if (rc < 0) return rc;
    if (!plead) return DV_EINVAL;
    if (plead == lead_unit_id) return DV_EINVAL;
    int yes = 0;
    rc = unit_in_subtree(db, plead, lead_unit_id, &yes);
    if (rc < 0) return rc;
    return yes ? DV_OK : DV_EINVAL;
}

static int input_check(dv_db *db, const struct task_input *in, const char *source_kind)
{
    static const char *const kinds[] = {"document", "inspection", "conference", "dialogue", "other", NULL};
    static const char *const products[] = {"document", "session", "report", "activity", NULL};
    static const char *const prios[] = {"low", "normal", "high", "urgent", NULL};
    if (!in->title || !in->title[0] || !one_of(source_kind, kinds)) return DV_EINVAL;
    if (!one_of(in->product_kind, products)) return DV_EINVAL;
    if (in->priority && !one_of(in->priority, prios)) return DV_EINVAL;
    if (!is_date(in->deadline) || (in->assigned_on && !is_date(in->assigned_on))) return DV_EINVAL;
    if (!unit_exists(db, in->assigner_unit_id) || !unit_exists(db, in->lead_unit_id)) return DV_EINVAL;
    for (size_t i = 0; i < in->n_coordinators; i++)
        if (!unit_exists(db, in->coordinators[i])) return DV_EINVAL;
    if (in->parent_id > 0) return parent_fits(db, in->parent_id, in->lead_unit_id);
    return DV_OK;
}

int task_create_tx(dv_db *db, const struct task_input *in, const char *source_kind,
                   int64_t source_id, int64_t *id_out)
{
    int rc = input_check(db, in, source_kind);
    if (rc) return rc;
    char today[11];
    const char *assigned = in->assigned_on;
    if (!assigned) {
        clock_vn_today(today);
        assigned = today;
    }
    if (strcmp(in->deadline, assigned) < 0) return DV_EINVAL;
    int64_t by = in->actor && in->actor->id > 0 ? in->actor->id : 0;
    rc = rstore_exec(db, SQL_INSERT, RTEXT(in->title), RTEXT(in->description ? in->description : ""),
                     RTEXT(source_kind), RID0(source_id), RINT(in->assigner_unit_id), RINT(in->lead_unit_id),
                     RID0(in->responsible_user_id), RTEXT(in->responsible_name ? in->responsible_name : ""),
                     RTEXT(in->product_kind), RTEXT(in->priority ? in->priority : "normal"), RTEXT(assigned),
                     RTEXT(in->deadline), RID0(in->parent_id), RID0(by));
    if (rc) return rc;
    int64_t id = db_last_id(db);
    for (size_t i = 0; rc == DV_OK && i < in->n_coordinators; i++)
        if (in->coordinators[i] != in->lead_unit_id)
            rc = rstore_exec(db, SQL_COORD, RINT(id), RINT(in->coordinators[i]));
    if (rc == DV_OK && id_out) *id_out = id;
    return rc;
}

int task_create_from(dv_db *db, dv_arena *a, const struct task_input *in,
                     const char *source_kind, int64_t source_id, int64_t *id_out)
{
    int64_t id = 0;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = task_create_tx(db, in, source_kind, source_id, &id);
    struct audit_change ch[] = {
        {"title", NULL, in->title},
        {"lead_unit_id", NULL, rstore_num(a, in->lead_unit_id)},
        {"deadline", NULL, in->deadline},
        {"source", NULL, arena_printf(a, "%s:%lld", source_kind ? source_kind : "", (long long)source_id)},
    };
    rc = audit_tx_end(db, rc, in->actor, NULL, "create", "task", id, ch, 4);
    if (rc == DV_OK && id_out) *id_out = id;
    return rc;
}

static void fill_change(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    struct task_deadline_step *c = item;
    snprintf(c->changed_on, sizeof c->changed_on, "%s", db_col_text(st, 0));
    snprintf(c->deadline, sizeof c->deadline, "%s", db_col_text(st, 1));
}

static void fill_step(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    struct task_completion_step *c = item;
    snprintf(c->submitted_on, sizeof c->submitted_on, "%s", db_col_text(st, 0));
    snprintf(c->decided_on, sizeof c->decided_on, "%s", db_col_text(st, 1));
    const char *d = db_col_text(st, 2);
    c->decision = d && d[0] == 'c' ? 'c' : d && d[0] == 'r' ? 'r' : 'p';
}

int task_timeline_load(dv_db *db, dv_arena *a, int64_t task_id, struct task_timeline *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, SQL_TIMELINE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, task_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        snprintf(out->assigned_on, sizeof out->assigned_on, "%s", db_col_text(st, 0));
        snprintf(out->deadline_original, sizeof out->deadline_original, "%s", db_col_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW) return DV_ENOTFOUND;
    void *p = rstore_collect_by_id(db, a, SQL_CHANGES, task_id, sizeof(struct task_deadline_step), fill_change,
                                   &out->n_changes, &rc);
    out->changes = p;
    if (rc) return rc;
    p = rstore_collect_by_id(db, a, SQL_STEPS, task_id, sizeof(struct task_completion_step), fill_step,
                             &out->n_steps, &rc);
    out->steps = p;
    return rc;
}

int task_status_of(dv_db *db, dv_arena *a, int64_t task_id, const char *date, enum task_status *out)
{
    struct task_timeline t;
    int rc = task_timeline_load(db, a, task_id, &t);
    if (rc) return rc;
    *out = task_status_as_of(&t, date);
    return DV_OK;
}

static const char *SQL_ESCALATE_PUT =
    "INSERT INTO settings(key, value) VALUES ('directive_escalate_days', ?1)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";

int task_escalate_days_set(dv_db *db, const struct dv_user *actor, const char *ip, int days)
{
    if (days < 1 || days > TASK_ESCALATE_MAX) return DV_EINVAL;
    char old[16], val[16];
    snprintf(old, sizeof old, "%d", task_escalate_days(db));
    snprintf(val, sizeof val, "%d", days);
    int rc = db_begin(db);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, SQL_ESCALATE_PUT);
    if (!st) rc = DV_EDB;
    else {
        db_bind_text(st, 1, val);
        rc = db_exec(st);
    }
    struct audit_change ch = {"escalate_days", old, val};
    return audit_tx_end(db, rc, actor, ip, "update", "directive_settings", 0, &ch, 1);
}

int task_escalate_days(dv_db *db)
{
    int64_t v = 0;
    if (db_counter_get(db, "directive_escalate_days", &v) != DV_OK || v <= 0 || v > 3650) return 15;
    return (int)v;
}
