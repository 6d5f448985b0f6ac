/* task_work_pages.c - a task's page (/tasks/:id): status as of today, deadline history,
 * completions with evidence, explanations, children; and the work on it: submit a completion,
 * confirm or return it, change the deadline, explain a delay, cascade to the units below. */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "directive/directive_access.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "tpl.h"

#include <string.h>

enum { C_ON, C_NOTE, C_DOC, C_LINK, C_N };
static const struct input_field c_fields[C_N] = {
    [C_ON] = {"submitted_on", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Done on"), N_("dd/mm/yyyy; empty = today."), NULL},
    [C_NOTE] = {"note", IN_MULTILINE, 0, 0, 4000, NULL, FK_TEXTAREA, N_("What was done"), NULL, NULL},
    [C_DOC] = {"evidence_document_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("The unit's document (evidence)"), NULL, NULL},
    [C_LINK] = {"evidence_link", IN_TEXT, 0, 0, 500, NULL, FK_TEXT, N_("Link (evidence)"), N_("https://…"), NULL},
};
static const char *const decisions[] = {"confirm", "return", NULL};
enum { D_NOTE, D_DECISION, D_N };
static const struct input_field d_fields[D_N] = {
    [D_NOTE] = {"decision_note", IN_MULTILINE, 0, 0, 2000, NULL, FK_TEXTAREA, N_("Note"), N_("Required to return: say what is missing."), NULL},
    [D_DECISION] = {"decision", IN_CHOICE, 1, 0, 0, decisions, FK_SELECT, N_("Decision"), NULL, NULL},
};
enum { L_DEADLINE, L_REASON, L_N };
static const struct input_field l_fields[L_N] = {
    [L_DEADLINE] = {"new_deadline", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("New deadline"), N_("dd/mm/yyyy"), NULL},
    [L_REASON] = {"reason", IN_MULTILINE, 1, 1, 2000, NULL, FK_TEXTAREA, N_("Reason"), NULL, NULL},
};
enum { X_REASON, X_EXPECTED, X_N };
static const struct input_field x_fields[X_N] = {
    [X_REASON] = {"reason", IN_MULTILINE, 1, 1, 4000, NULL, FK_TEXTAREA, N_("Why it is late"), NULL, NULL},
    [X_EXPECTED] = {"expected_on", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Expected on"), N_("dd/mm/yyyy"), NULL},
};
enum { K_UNIT, K_TITLE, K_DEADLINE, K_N };
static const struct input_field k_fields[K_N] = {
    [K_UNIT] = {"unit_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit below"), NULL, NULL},
    [K_TITLE] = {"title", IN_TEXT, 0, 0, 300, NULL, FK_TEXT, N_("Task"), N_("Empty = the same as this one."), NULL},
    [K_DEADLINE] = {"deadline", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Deadline"), N_("dd/mm/yyyy; at the latest this task's."), NULL},
};

struct forms_in { const struct input_value *c, *d, *l, *x, *k; };

static const char *decision_label(const char *d)
{
    if (d && !strcmp(d, "confirmed")) return _("Confirmed");
    if (d && !strcmp(d, "returned")) return _("Returned");
    return _("Awaiting confirmation");
}

/* Where the task came from, as a link back: the registry's document, or the inspection,
 * conference or dialogue of the areas that make tasks (their pages by their ids). */
static void source_link(dv_req *r, dv_db *db, const struct task *t, struct dir_task_show_view *v)
{
    static const struct {
        const char *kind, *href, *label;
    } made_by[] = {
        {TASK_SOURCE_INSPECTION, "/review/inspections/%lld", N_("Inspection or supervision")},
        {TASK_SOURCE_CONFERENCE, "/review/conferences/%lld", N_("Review conference")},
        {TASK_SOURCE_DIALOGUE, "/citizen/dialogues/%lld", N_("Dialogue with citizens")},
    };
    if (!t->source_kind || !t->source_id) return;
    if (!strcmp(t->source_kind, TASK_SOURCE_DOCUMENT)) {
        struct document d;
        if (document_get(db, r->arena, t->source_id, &d) == DV_OK) {
            v->source_href = arena_printf(r->arena, "/documents/%lld", (long long)d.id);
            v->source_label = arena_printf(r->arena, "%s: %s", d.code, d.title);
        }
        return;
    }
    for (size_t i = 0; i < sizeof made_by / sizeof *made_by; i++)
        if (!strcmp(t->source_kind, made_by[i].kind)) {
            v->source_href = arena_printf(r->arena, made_by[i].href, (long long)t->source_id);
            v->source_label = _(made_by[i].label);
        }
}

static void history_view(dv_req *r, dv_db *db, const struct task *t, struct dir_task_show_view *v)
{
    struct task_deadline_change *dl = NULL;
    struct task_completion *cs = NULL;
    struct task_explanation *xs = NULL;
    task_deadline_history(db, r->arena, t->id, &dl, &v->ndeadlines);
    task_completions(db, r->arena, t->id, &cs, &v->ncompletions);
    task_explanations(db, r->arena, t->id, &xs, &v->nexplanations);
    struct dir_hist_row *h = arena_alloc(r->arena, (v->ndeadlines + 1) * sizeof *h);
    for (size_t i = 0; i < v->ndeadlines; i++)
        h[i] = (struct dir_hist_row){dpg_dmy(r, dl[i].changed_on), dpg_dmy(r, dl[i].old_deadline),
                                 dpg_dmy(r, dl[i].new_deadline), dl[i].approver, dl[i].reason, NULL, NULL};
    v->deadlines = h;
    h = arena_alloc(r->arena, (v->ncompletions + 1) * sizeof *h);
    for (size_t i = 0; i < v->ncompletions; i++) {
        const struct task_completion *c = &cs[i];
        const char *ev = c->evidence_document_code ? c->evidence_document_code
                         : c->evidence_file_name   ? c->evidence_file_name
                         : c->evidence_link        ? c->evidence_link
                         : c->evidence_session_id  ? arena_printf(r->arena, _("session #%lld"), (long long)c->evidence_session_id)
                                                   : NULL;
        const char *href = c->evidence_document_id ? arena_printf(r->arena, "/documents/%lld", (long long)c->evidence_document_id)
                           : c->evidence_file_name ? arena_printf(r->arena, "/tasks/evidence/%lld", (long long)c->id)
                           : c->evidence_link      ? c->evidence_link
                                                   : NULL;
        h[i] = (struct dir_hist_row){dpg_dmy(r, c->submitted_on), c->submitter, c->note, ev, decision_label(c->decision),
                                 c->decided_on ? arena_printf(r->arena, "%s %s", dpg_dmy(r, c->decided_on), c->decision_note) : "",
                                 href};
    }
    v->completions = h;
    h = arena_alloc(r->arena, (v->nexplanations + 1) * sizeof *h);
    for (size_t i = 0; i < v->nexplanations; i++)
        h[i] = (struct dir_hist_row){dpg_dmy(r, xs[i].explained_on), xs[i].writer, xs[i].reason,
                                 xs[i].expected_on ? dpg_dmy(r, xs[i].expected_on) : NULL, NULL, NULL, NULL};
    v->explanations = h;
}

static void kids_view(dv_req *r, const struct task *t, struct dir_task_show_view *v)
{
    const struct unit_tree *tree = unit_tree_get(db_thread());
    size_t k = 0;
    const struct unit *const *kids = tree ? unit_tree_children(tree, t->lead_unit_id, &k) : NULL;
    struct option_view *o = arena_alloc(r->arena, (k + 1) * sizeof *o);
    for (size_t i = 0; i < k; i++) o[i] = (struct option_view){arena_printf(r->arena, "%lld", (long long)kids[i]->id), kids[i]->name, 0};
    v->kids = o;
    v->nkids = k;
}

static void evidence_docs(dv_req *r, dv_db *db, const struct task *t, struct dir_task_show_view *v)
{
    struct document_filter f = {.issuer_unit_id = t->lead_unit_id, .limit = 100};
    struct document *ds = NULL;
    size_t n = 0;
    if (document_search(db, r->arena, &f, &ds, &n, NULL) != DV_OK) n = 0;
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = (struct option_view){arena_printf(r->arena, "%lld", (long long)ds[i].id),
                                    arena_printf(r->arena, "%s: %s", ds[i].code, ds[i].title), 0};
    v->evid_docs = o;
    v->nevid_docs = n;
}

static void forms_view(dv_req *r, const struct forms_in *in, struct dir_task_show_view *v)
{
    dv_arena *a = r->arena;
    for (int i = 0; i < C_N; i++) field_of(a, &v->c_f[i], &c_fields[i], in && in->c ? &in->c[i] : NULL, FIELD_MARKED);
    field_of(a, &v->d_f[0], &d_fields[D_NOTE], in && in->d ? &in->d[D_NOTE] : NULL, 0);
    for (int i = 0; i < L_N; i++) field_of(a, &v->dl_f[i], &l_fields[i], in && in->l ? &in->l[i] : NULL, FIELD_MARKED);
    for (int i = 0; i < X_N; i++) field_of(a, &v->x_f[i], &x_fields[i], in && in->x ? &in->x[i] : NULL, FIELD_MARKED);
    for (int i = 0; i < K_N; i++) field_of(a, &v->k_f[i], &k_fields[i], in && in->k ? &in->k[i] : NULL, FIELD_MARKED);
    const struct field_view *all[] = {&v->c_f[0], &v->c_f[1], &v->c_f[2], &v->c_f[3], &v->d_f[0], &v->dl_f[0],
                                      &v->dl_f[1], &v->x_f[0], &v->x_f[1], &v->k_f[2]};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) field_collect(all[i], v->errors, &v->nerrors, 8);
}

static void status_view(dv_req *r, dv_db *db, const struct task *t, struct dir_task_show_view *v)
{
    char today[11];
    clock_vn_today(today);
    struct task_timeline tl;
    enum task_status s = TS_OPEN_WITHIN;
    int od = 0;
    if (task_timeline_load(db, r->arena, t->id, &tl) == DV_OK) {
        s = task_status_as_of(&tl, today);
        od = task_overdue_days(&tl, today);
        v->pending = task_pending_as_of(&tl, today) || !strcmp(t->state, "submitted");
    }
    v->status = task_status_label(s);
    v->status_code = task_status_code(s);
    v->done = s == TS_DONE_ON_TIME || s == TS_DONE_LATE;
    v->overdue_now = od > 0;
    v->overdue = od > 0 ? arena_printf(r->arena, _("%s days overdue"), dpg_num(r, od)) : NULL;
    int esc = task_escalate_days(db);
    v->escalated = od >= esc && od > 0 ? _("Escalated to the parent unit's staff") : NULL;
}

static void task_show(dv_req *r, int64_t id, const struct forms_in *in, int status)
{
    dv_db *db = db_thread();
    struct task t;
    int rc = task_get(db, r->arena, id, &t);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (directive_can_read_unit(db, r->user, t.lead_unit_id) != 1 && directive_can_read_unit(db, r->user, t.assigner_unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    struct dir_task_show_view v;
    memset(&v, 0, sizeof v);
    v.t = &t;
    v.id_s = arena_printf(r->arena, "%lld", (long long)id);
    status_view(r, db, &t, &v);
    v.deadline = dpg_dmy(r, t.deadline);
    v.original = dpg_dmy(r, t.deadline_original);
    v.assigned = dpg_dmy(r, t.assigned_on);
    v.product = dpg_product_label(t.product_kind);
    v.priority = dpg_priority_label(t.priority);
    v.progress = t.n_children ? arena_printf(r->arena, _("%d of %d units below done"), t.n_children_done, t.n_children) : NULL;
    int64_t *cids;
    const char **cnames;
    size_t nc = 0;
    task_coordinators(db, r->arena, id, &cids, &cnames, &nc);
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < nc; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, cnames[i]);
    }
    v.coordinators = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    source_link(r, db, &t, &v);
    history_view(r, db, &t, &v);
    struct task_filter f = {.parent_id = id, .limit = 2000};
    struct task *kids = NULL;
    task_list(db, r->arena, &f, &kids, &v.nchildren);
    v.children = dpg_task_rows(r, db, kids, v.nchildren);
    v.can_work = directive_can_work_task(db, r->user, t.lead_unit_id) == 1;
    v.can_decide = directive_can_decide_task(db, r->user, t.assigner_unit_id) == 1;
    kids_view(r, &t, &v);
    evidence_docs(r, db, &t, &v);
    forms_view(r, in, &v);
    struct page pg;
    page_init(&pg, r, t.title);
    pg.nav = "tasks";
    r->status = status;
    tpl_directive_task_show(&r->out, &pg, &v);
}

/* GET /tasks/:id */
void directive_page_task_show(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (id) task_show(r, id, NULL, 200);
}

/* Loads the task for a write and checks the action's access: 0 when the handler goes on. */
static int for_write(dv_req *r, int decide, struct task *t)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    dv_db *db = db_thread();
    int rc = task_get(db, r->arena, id, t);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    int ok = decide ? directive_can_decide_task(db, r->user, t->assigner_unit_id)
                    : directive_can_work_task(db, r->user, t->lead_unit_id);
    if (ok != 1) {
        res_error(r, 403);
        return -1;
    }
    return 0;
}

static void after(dv_req *r, const struct task *t, int rc, const char *flash, const char *anchor)
{
    if (rc == DV_ECONFLICT) {
        page_flash_set(r, "The task has changed meanwhile: nothing was saved.");
    } else if (rc) {
        log_error("task %lld: %s", (long long)t->id, dv_strerror(rc));
        res_error(r, 500);
        return;
    } else page_flash_set(r, flash);
    res_redirect(r, arena_printf(r->arena, "/tasks/%lld%s", (long long)t->id, anchor));
}

/* POST /tasks/:id/complete */
void directive_page_task_complete(dv_req *r)
{
    struct task t;
    if (for_write(r, 0, &t)) return;
    struct input_value fv[C_N];
    int bad = input_form(r, c_fields, C_N, fv);
    const struct dv_kv *up = req_upload(r, "evidence_file");
    int has_file = up && up->len > 0;
    if (!bad && !fv[C_DOC].present && !fv[C_LINK].present && !has_file) {
        fv[C_DOC].error = N_("Give the evidence: the unit's document, a link or a file.");
        bad = 1;
    }
    if (!bad && fv[C_LINK].present && strncmp(fv[C_LINK].str, "https://", 8) && strncmp(fv[C_LINK].str, "http://", 7)) {
        fv[C_LINK].error = N_("A link starts with https://.");
        bad = 1;
    }
    if (bad) {
        struct forms_in in = {.c = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    struct completion_input ci = {fv[C_ON].present ? fv[C_ON].str : NULL, fv[C_NOTE].str,
                                  fv[C_DOC].present ? fv[C_DOC].num : 0, 0,
                                  has_file ? (up->filename ? up->filename : "evidence") : NULL,
                                  has_file ? (up->content_type ? up->content_type : "application/octet-stream") : NULL,
                                  has_file ? up->value : NULL, has_file ? up->len : 0,
                                  fv[C_LINK].present ? fv[C_LINK].str : NULL};
    int rc = task_complete(db_thread(), r->user, t.id, &ci, NULL);
    if (rc == DV_EINVAL) {
        fv[C_DOC].error = N_("Give the evidence: the unit's document, a link or a file.");
        struct forms_in in = {.c = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    after(r, &t, rc, "The completion has been submitted.", "#completions");
}

/* POST /tasks/:id/decide */
void directive_page_task_decide(dv_req *r)
{
    struct task t;
    if (for_write(r, 1, &t)) return;
    struct input_value fv[D_N];
    int bad = input_form(r, d_fields, D_N, fv);
    int confirm = !bad && !strcmp(fv[D_DECISION].str, "confirm");
    if (!bad && !confirm && !fv[D_NOTE].present) {
        fv[D_NOTE].error = N_("Say why it is returned.");
        bad = 1;
    }
    if (bad) {
        struct forms_in in = {.d = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    int rc = task_decide(db_thread(), r->user, t.id, confirm, fv[D_NOTE].str, NULL);
    after(r, &t, rc, confirm ? "The completion has been confirmed." : "The completion has been returned.", "#completions");
}

/* POST /tasks/:id/deadline */
void directive_page_task_deadline(dv_req *r)
{
    struct task t;
    if (for_write(r, 1, &t)) return;
    struct input_value fv[L_N];
    if (input_form(r, l_fields, L_N, fv)) {
        struct forms_in in = {.l = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    int rc = task_deadline_change(db_thread(), r->user, t.id, fv[L_DEADLINE].str, NULL, fv[L_REASON].str);
    after(r, &t, rc, "The deadline has been changed; the original is kept.", "#deadlines");
}

/* POST /tasks/:id/explain */
void directive_page_task_explain(dv_req *r)
{
    struct task t;
    if (for_write(r, 0, &t)) return;
    struct input_value fv[X_N];
    if (input_form(r, x_fields, X_N, fv)) {
        struct forms_in in = {.x = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    int rc = task_explain(db_thread(), r->user, t.id, fv[X_REASON].str, fv[X_EXPECTED].present ? fv[X_EXPECTED].str : NULL, NULL);
    after(r, &t, rc, "The explanation has been sent.", "#explanations");
}

/* POST /tasks/:id/cascade: to one unit below, or to every child unit. */
void directive_page_task_cascade(dv_req *r)
{
    struct task t;
    if (for_write(r, 0, &t)) return;
    struct input_value fv[K_N];
    int bad = input_form(r, k_fields, K_N, fv);
    if (!bad && strcmp(fv[K_DEADLINE].str, t.deadline) > 0) {
        fv[K_DEADLINE].error = N_("At the latest this task's own deadline.");
        bad = 1;
    }
    char today[11];
    clock_vn_today(today);
    if (!bad && strcmp(fv[K_DEADLINE].str, today) < 0) { /* a task is assigned today: its deadline cannot be earlier */
        fv[K_DEADLINE].error = N_("Choose today or a later day.");
        bad = 1;
    }
    const struct unit_tree *tree = unit_tree_get(db_thread());
    size_t nk = 0;
    const struct unit *const *kids = tree ? unit_tree_children(tree, t.lead_unit_id, &nk) : NULL;
    int64_t *units = arena_alloc(r->arena, (nk + 1) * sizeof *units);
    size_t n = 0;
    for (size_t i = 0; i < nk; i++)
        if (!fv[K_UNIT].present || kids[i]->id == fv[K_UNIT].num) units[n++] = kids[i]->id;
    if (!bad && !n) {
        fv[K_UNIT].error = N_("Choose a unit below this task's lead unit.");
        bad = 1;
    }
    if (bad) {
        struct forms_in in = {.k = fv};
        task_show(r, t.id, &in, 422);
        return;
    }
    struct task_input in = {.actor = r->user, .title = fv[K_TITLE].present ? fv[K_TITLE].str : t.title,
                            .description = t.description, .assigner_unit_id = t.lead_unit_id,
                            .product_kind = t.product_kind, .priority = t.priority, .deadline = fv[K_DEADLINE].str,
                            .parent_id = t.id};
    int rc = task_assign_many(db_thread(), &in, t.source_kind, t.source_id, units, n, NULL);
    after(r, &t, rc, "The task has been cascaded.", "#children");
}
