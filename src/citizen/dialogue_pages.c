/* dialogue_pages.c - leaders' dialogues with citizens: the staff's GET/POST
 * /citizen/dialogues (the list and the announcement, refused later than 7 days ahead),
 * GET /citizen/dialogues/:id with POST …/results (questions raised and results, flagged
 * when later than 10 days) and POST …/commitments (each a follow-up task); the public
 * GET /doi-thoai and /doi-thoai/:id on the portal. */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages_int.h"
#include "citizen/dialogue_view.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/task.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <string.h>

enum { D_UNIT, D_LEADER, D_TOPIC, D_PLACE, D_DAY, D_TIME, D_PART, DN };
static const struct input_field dialogue_fields[DN] = {
    [D_UNIT] = {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, N_("Choose a unit from the list.")},
    [D_LEADER] = {"leader", IN_TEXT, 1, 2, 200, NULL, FK_TEXT, N_("Leader"), N_("Name and office, e.g. Bí thư Đảng ủy phường."), NULL},
    [D_TOPIC] = {"topic", IN_TEXT, 1, 5, 300, NULL, FK_TEXT, N_("Topic"), NULL, NULL},
    [D_PLACE] = {"place", IN_TEXT, 1, 2, 300, NULL, FK_TEXT, N_("Place"), NULL, NULL},
    [D_DAY] = {"held_on", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date"), N_("At least 7 days from today (dd/mm/yyyy)."), NULL},
    [D_TIME] = {"held_time", IN_TEXT, 0, 0, 5, NULL, FK_TEXT, N_("Time"), N_("e.g. 08:00"), NULL},
    [D_PART] = {"participants", IN_MULTILINE, 0, 0, 2000, NULL, FK_TEXTAREA, N_("Participants"), NULL, NULL},
};

static void row_of(dv_req *r, const struct dialogue *d, struct dialogue_row_view *w, int public)
{
    w->d = d;
    w->held = citizen_dmy(r->arena, d->held_on);
    w->results_on = citizen_dmy(r->arena, d->results_on);
    w->href = arena_printf(r->arena, public ? "/doi-thoai/%lld" : "/citizen/dialogues/%lld", (long long)d->id);
}

static int rows_of(dv_req *r, int64_t root, int public, struct dialogue_row_view **out, size_t *n)
{
    struct dialogue *ds = NULL;
    int rc = dialogue_list(db_thread(), r->arena, root, &ds, n);
    if (rc) return rc;
    struct dialogue_row_view *w = arena_alloc(r->arena, (*n + 1) * sizeof *w);
    for (size_t i = 0; i < *n; i++) row_of(r, &ds[i], &w[i], public);
    *out = w;
    return 0;
}

static void render_list(dv_req *r, struct dialogue_list_view *v, int64_t unit, int status)
{
    struct dialogue_row_view *rows = NULL;
    struct option_view *units = NULL;
    if (rows_of(r, citizen_scope_root(r->user), 0, &rows, &v->n) || citizen_unit_options(r, unit, &units, &v->nunits)) {
        res_error(r, 500);
        return;
    }
    v->rows = rows;
    v->units = units;
    v->can_create = r->user->role != ROLE_VIEWER;
    const struct field_view *order[DN] = {&v->f_unit, &v->f_leader, &v->f_topic, &v->f_place, &v->f_day, &v->f_time,
                                          &v->f_participants};
    citizen_collect(order, DN, v->errors, &v->nerrors, DN);
    struct page pg;
    page_init(&pg, r, _("Dialogues with citizens"));
    pg.nav = "petitions";
    r->status = status;
    tpl_citizen_dialogue_list(&r->out, &pg, v);
}

static void fields_init(dv_req *r, struct dialogue_list_view *v, const struct input_value *fv)
{
    struct field_view *views[DN] = {&v->f_unit, &v->f_leader, &v->f_topic, &v->f_place, &v->f_day, &v->f_time,
                                    &v->f_participants};
    for (int i = 0; i < DN; i++) field_of(r->arena, views[i], &dialogue_fields[i], fv ? &fv[i] : NULL, FIELD_MARKED);
}

/* GET /citizen/dialogues */
void citizen_page_dialogues(dv_req *r)
{
    if (!citizen_can_use_registry(r->user)) {
        res_error(r, 403);
        return;
    }
    struct dialogue_list_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, NULL);
    render_list(r, &v, r->user->unit_id, 200);
}

/* POST /citizen/dialogues */
void citizen_page_dialogue_create(dv_req *r)
{
    if (!citizen_can_use_registry(r->user) || r->user->role == ROLE_VIEWER) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[DN];
    int bad = input_form(r, dialogue_fields, DN, fv);
    struct dialogue_list_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, fv);
    dv_db *db = db_thread();
    if (!fv[D_UNIT].error && citizen_can_edit_unit_records(db, r->user, fv[D_UNIT].num) != 1) {
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
        bad++;
    }
    int64_t id = 0;
    int rc = DV_EINVAL;
    if (!bad) {
        struct dialogue_input in = {fv[D_UNIT].num, fv[D_LEADER].str, fv[D_TOPIC].str, fv[D_PLACE].str, fv[D_DAY].str,
                                    fv[D_TIME].str, fv[D_PART].str, NULL};
        rc = dialogue_create(db, r->user, &in, &id);
        if (rc == DV_ETOOBIG) field_fail(r->arena, &v.f_day, _("A dialogue is announced at least 7 days ahead: choose a later date."));
        else if (rc == DV_EINVAL) field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
        else if (rc) {
            res_error(r, 500);
            return;
        }
    }
    if (rc) {
        render_list(r, &v, fv[D_UNIT].num, 422);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/dialogues/%lld", (long long)id));
}

static const struct input_field questions_field = {"questions", IN_MULTILINE, 0, 0, 20000, NULL, FK_TEXTAREA,
                                                   N_("Questions raised"), NULL, NULL};
static const struct input_field results_field = {"results", IN_MULTILINE, 1, 10, 20000, NULL, FK_TEXTAREA,
                                                 N_("Results"), NULL, NULL};
static const struct input_field commit_fields[3] = {
    {"text", IN_MULTILINE, 1, 5, 2000, NULL, FK_TEXTAREA, N_("Commitment"), NULL, NULL},
    {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit responsible"), NULL, N_("Choose a unit from the list.")},
    {"due", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Due date"), N_("dd/mm/yyyy"), NULL},
};

/* The dialogue of :id within the user's scope, or the answer given. */
static int load(dv_req *r, struct dialogue *d)
{
    if (!citizen_can_use_registry(r->user)) {
        res_error(r, 403);
        return -1;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = dialogue_get(db_thread(), r->arena, id, d);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    /* a viewer reads the dialogues within their scope only (it read every province's before) */
    if (citizen_can_view_unit_records(db_thread(), r->user, d->unit_id) != 1) {
        res_error(r, 404);
        return -1;
    }
    return 0;
}

/* Each commitment's due date and how its task stands today (the public sees that too:
 * what was promised and whether it was kept); staff also get the task's page. */
static int commitments_follow_up(dv_req *r, const struct commitment *cs, struct dialogue_show_view *v, int public)
{
    size_t n = v->ncommitments;
    const char **due = arena_alloc(r->arena, (n + 1) * sizeof *due);
    const char **label = arena_alloc(r->arena, (n + 1) * sizeof *label);
    const char **code = arena_alloc(r->arena, (n + 1) * sizeof *code);
    const char **href = public ? NULL : arena_alloc(r->arena, (n + 1) * sizeof *href);
    char today[11];
    clock_vn_today(today);
    for (size_t i = 0; i < n; i++) {
        due[i] = citizen_dmy(r->arena, cs[i].due);
        label[i] = code[i] = NULL;
        if (href) href[i] = NULL;
        if (!cs[i].task_id) continue;
        enum task_status st;
        int rc = task_status_of(db_thread(), r->arena, cs[i].task_id, today, &st);
        if (rc == DV_ENOTFOUND) continue;
        if (rc) return rc;
        label[i] = task_status_label(st);
        code[i] = task_status_code(st);
        if (href) href[i] = arena_printf(r->arena, "/tasks/%lld", (long long)cs[i].task_id);
    }
    v->commitment_due = due;
    v->commitment_status = label;
    v->commitment_status_code = code;
    v->commitment_href = href;
    return DV_OK;
}

static void render_show(dv_req *r, const struct dialogue *d, struct dialogue_show_view *v, int status, int public)
{
    struct commitment *cs = NULL;
    struct option_view *units = NULL;
    if (dialogue_commitments(db_thread(), r->arena, d->id, &cs, &v->ncommitments) ||
        (!public && citizen_unit_options(r, d->unit_id, &units, &v->nunits))) {
        res_error(r, 500);
        return;
    }
    if (commitments_follow_up(r, cs, v, public)) {
        res_error(r, 500);
        return;
    }
    v->commitments = cs;
    v->units = units;
    row_of(r, d, &v->row, public);
    r->status = status;
    if (public) {
        struct portal_page pp;
        citizen_public_init(&pp, r, d->topic, v->row.href);
        struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
        c[0] = (struct crumb){_("Dialogues with citizens"), "/doi-thoai"};
        c[1] = (struct crumb){d->topic, NULL};
        pp.pg.crumbs = c;
        tpl_citizen_dialogue_public(&r->out, &pp, v);
        return;
    }
    v->results_action = arena_printf(r->arena, "/citizen/dialogues/%lld/results", (long long)d->id);
    v->commit_action = arena_printf(r->arena, "/citizen/dialogues/%lld/commitments", (long long)d->id);
    v->can_edit = citizen_can_edit_unit_records(db_thread(), r->user, d->unit_id) == 1;
    struct page pg;
    page_init(&pg, r, d->topic);
    pg.nav = "petitions";
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0] = (struct crumb){_("Dialogues with citizens"), "/citizen/dialogues"};
    c[1] = (struct crumb){d->topic, NULL};
    pg.crumbs = c;
    tpl_citizen_dialogue_show(&r->out, &pg, v);
}

static void show_init(dv_req *r, struct dialogue_show_view *v, const struct dialogue *d)
{
    memset(v, 0, sizeof *v);
    field_of(r->arena, &v->f_questions, &questions_field, NULL, 0);
    field_of(r->arena, &v->f_results, &results_field, NULL, FIELD_MARKED);
    v->f_questions.value = d->questions;
    v->f_results.value = d->results;
    field_of(r->arena, &v->f_text, &commit_fields[0], NULL, FIELD_MARKED);
    field_of(r->arena, &v->f_unit, &commit_fields[1], NULL, FIELD_MARKED);
    field_of(r->arena, &v->f_due, &commit_fields[2], NULL, FIELD_MARKED);
}

/* GET /citizen/dialogues/:id */
void citizen_page_dialogue_show(dv_req *r)
{
    struct dialogue d;
    if (load(r, &d)) return;
    struct dialogue_show_view v;
    show_init(r, &v, &d);
    render_show(r, &d, &v, 200, 0);
}

/* POST /citizen/dialogues/:id/results */
void citizen_page_dialogue_results(dv_req *r)
{
    struct dialogue d;
    if (load(r, &d)) return;
    if (citizen_can_edit_unit_records(db_thread(), r->user, d.unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    struct input_value q, res;
    int bad = input_form1(r, &questions_field, &q) + input_form1(r, &results_field, &res);
    struct dialogue_show_view v;
    show_init(r, &v, &d);
    field_of(r->arena, &v.f_questions, &questions_field, &q, 0);
    field_of(r->arena, &v.f_results, &results_field, &res, FIELD_MARKED);
    int rc = bad ? DV_EINVAL : dialogue_results(db_thread(), r->user, d.id, q.str, res.str, NULL);
    if (rc == DV_ECONFLICT) v.error = _("The results are recorded once the dialogue has been held.");
    if (rc == DV_EINVAL || rc == DV_ECONFLICT) {
        render_show(r, &d, &v, 422, 0);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/dialogues/%lld", (long long)d.id));
}

/* POST /citizen/dialogues/:id/commitments */
void citizen_page_dialogue_commit(dv_req *r)
{
    struct dialogue d;
    if (load(r, &d)) return;
    dv_db *db = db_thread();
    if (citizen_can_edit_unit_records(db, r->user, d.unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[3];
    int bad = input_form(r, commit_fields, 3, fv);
    struct dialogue_show_view v;
    show_init(r, &v, &d);
    field_of(r->arena, &v.f_text, &commit_fields[0], &fv[0], FIELD_MARKED);
    field_of(r->arena, &v.f_unit, &commit_fields[1], &fv[1], FIELD_MARKED);
    field_of(r->arena, &v.f_due, &commit_fields[2], &fv[2], FIELD_MARKED);
    if (!fv[1].error && citizen_can_assign_to(db, r->user, fv[1].num) != 1) {
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
        bad++;
    }
    int64_t id = 0;
    int rc = bad ? DV_EINVAL : dialogue_commitment_with_task(db, r->user, &d, fv[0].str, fv[1].num, fv[2].str, &id);
    if (rc == DV_EINVAL) {
        render_show(r, &d, &v, 422, 0);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/dialogues/%lld", (long long)d.id));
}

/* GET /doi-thoai */
void citizen_page_public_dialogues(dv_req *r)
{
    uint64_t gen = petition_generation();
    if (citizen_cache_answer(r, "/doi-thoai")) return;
    struct dialogue_list_view v;
    memset(&v, 0, sizeof v);
    struct dialogue_row_view *rows = NULL;
    int64_t root = 0;
    if (citizen_province_id(db_thread(), &root)) root = 0;
    if (rows_of(r, root, 1, &rows, &v.n)) {
        res_error(r, 500);
        return;
    }
    v.rows = rows;
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Dialogues with citizens"), "/doi-thoai");
    pp.description = _("Leaders' dialogues with citizens: announced at least 7 days ahead, with their results.");
    tpl_citizen_dialogue_public_list(&r->out, &pp, &v);
    citizen_cache_store(r, "/doi-thoai", gen);
}

/* GET /doi-thoai/:id */
void citizen_page_public_dialogue(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct dialogue d;
    int rc = dialogue_get(db_thread(), r->arena, id, &d);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct dialogue_show_view v;
    show_init(r, &v, &d);
    render_show(r, &d, &v, 200, 1);
}
