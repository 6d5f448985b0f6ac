/* directive_api.c - the JSON API of tasks: read a unit's tasks and one task with its status
 * as of any date (a session or an API token), create tasks and submit completions (an API
 * token only: Authorization: Bearer dvt_…, scoped like a user; the same access questions and
 * the same store functions as the pages). */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/directive_access.h"
#include "http/input.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *task_json(dv_req *r, dv_db *db, const struct task *t, const char *as_of)
{
    struct task_timeline tl;
    enum task_status s = TS_NONE;
    int od = 0;
    if (task_timeline_load(db, r->arena, t->id, &tl) == DV_OK) {
        s = task_status_as_of(&tl, as_of);
        od = task_overdue_days(&tl, as_of);
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(t->id));
    json_object_set_new(o, "title", json_string(t->title));
    json_object_set_new(o, "sourceKind", json_string(t->source_kind));
    json_object_set_new(o, "sourceId", json_integer(t->source_id));
    json_object_set_new(o, "leadUnitId", json_integer(t->lead_unit_id));
    json_object_set_new(o, "leadUnit", json_string(t->lead_name));
    json_object_set_new(o, "assignerUnitId", json_integer(t->assigner_unit_id));
    json_object_set_new(o, "assignerUnit", json_string(t->assigner_name));
    json_object_set_new(o, "product", json_string(t->product_kind));
    json_object_set_new(o, "priority", json_string(t->priority));
    json_object_set_new(o, "assignedOn", json_string(t->assigned_on));
    json_object_set_new(o, "deadlineOriginal", json_string(t->deadline_original));
    json_object_set_new(o, "deadline", json_string(t->deadline));
    json_object_set_new(o, "parentId", t->parent_id ? json_integer(t->parent_id) : json_null());
    json_object_set_new(o, "doneOn", t->done_on ? json_string(t->done_on) : json_null());
    json_object_set_new(o, "state", json_string(t->state));
    json_object_set_new(o, "status", json_string(task_status_code(s)));
    json_object_set_new(o, "asOf", json_string(as_of));
    json_object_set_new(o, "overdueDays", json_integer(od));
    json_object_set_new(o, "children", json_integer(t->n_children));
    json_object_set_new(o, "childrenDone", json_integer(t->n_children_done));
    return o;
}

static const struct input_field q_unit = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, NULL};
static const struct input_field q_as_of = {"as_of", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("As of"), NULL, NULL};

static const char *as_of_of(dv_req *r, char today[11])
{
    struct input_value v;
    clock_vn_today(today);
    if (input_query1(r, &q_as_of, &v) || !v.present) return today;
    return v.str;
}

/* GET /api/tasks?unit=ID&as_of=YYYY-MM-DD */
void directive_api_tasks(dv_req *r)
{
    struct input_value uv;
    char today[11];
    if (input_query1(r, &q_unit, &uv)) {
        dpg_json_refuse(r, 400, _("unit must be a unit id."));
        return;
    }
    dv_db *db = db_thread();
    int64_t unit = uv.present ? uv.num : r->user->unit_id;
    if (directive_can_read_unit(db, r->user, unit) != 1) {
        dpg_json_refuse(r, 403, _("This account may not read the tasks of this unit."));
        return;
    }
    const char *as_of = as_of_of(r, today);
    struct task_filter f = {.lead_unit_id = unit, .limit = 5000};
    struct task *ts = NULL;
    size_t n = 0;
    if (task_list(db, r->arena, &f, &ts, &n) != DV_OK) {
        dpg_json_refuse(r, 500, "store");
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, task_json(r, db, &ts[i], as_of));
    dpg_json_answer(r, 200, json_pack("{sI ss so}", "unitId", (json_int_t)unit, "asOf", as_of, "tasks", arr));
}

/* GET /api/tasks/:id */
void directive_api_task(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    struct task t;
    char today[11];
    int rc = task_get(db, r->arena, id, &t);
    if (rc) {
        dpg_json_refuse(r, rc == DV_ENOTFOUND ? 404 : 500, rc == DV_ENOTFOUND ? _("No such task.") : "store");
        return;
    }
    if (directive_can_read_unit(db, r->user, t.lead_unit_id) != 1 && directive_can_read_unit(db, r->user, t.assigner_unit_id) != 1) {
        dpg_json_refuse(r, 403, _("This account may not read this task."));
        return;
    }
    dpg_json_answer(r, 200, task_json(r, db, &t, as_of_of(r, today)));
}

/* POST /api/tasks {"title","assignerUnitId","leadUnitId","deadline","product","priority","documentId","parentId"} */
void directive_api_task_create(dv_req *r)
{
    json_t *b = dpg_json_body(r);
    if (!b) return;
    dv_db *db = db_thread();
    struct task_input in = {.actor = r->user, .title = dpg_json_str(b, "title"), .description = dpg_json_str(b, "description"),
                            .assigner_unit_id = dpg_json_int(b, "assignerUnitId"), .lead_unit_id = dpg_json_int(b, "leadUnitId"),
                            .product_kind = dpg_json_str(b, "product") ? dpg_json_str(b, "product") : "activity",
                            .priority = dpg_json_str(b, "priority"), .deadline = dpg_json_str(b, "deadline"),
                            .parent_id = dpg_json_int(b, "parentId")};
    int64_t doc = dpg_json_int(b, "documentId");
    if (directive_can_assign(db, r->user, in.assigner_unit_id) != 1) {
        dpg_json_refuse(r, 403, _("This token may not assign tasks for this unit."));
    } else if (directive_can_assign_to(db, in.assigner_unit_id, in.lead_unit_id) != 1) {
        dpg_json_refuse(r, 422, _("The lead unit must be below the assigning unit."));
    } else {
        int64_t id = 0;
        int rc = task_create_from(db, r->arena, &in, doc ? TASK_SOURCE_DOCUMENT : "other", doc, &id);
        if (rc == DV_EINVAL) dpg_json_refuse(r, 422, _("Check title, deadline (YYYY-MM-DD), product and units."));
        else if (rc) dpg_json_refuse(r, 500, "store");
        else dpg_json_answer(r, 201, json_pack("{ss sI}", "status", "OK", "id", (json_int_t)id));
    }
    json_decref(b);
}

/* POST /api/tasks/:id/completions {"submittedOn","note","documentId","sessionId","link"} */
void directive_api_task_complete(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    json_t *b = dpg_json_body(r);
    if (!b) return;
    dv_db *db = db_thread();
    struct task t;
    int rc = task_get(db, r->arena, id, &t);
    if (rc) dpg_json_refuse(r, rc == DV_ENOTFOUND ? 404 : 500, rc == DV_ENOTFOUND ? _("No such task.") : "store");
    else if (directive_can_work_task(db, r->user, t.lead_unit_id) != 1)
        dpg_json_refuse(r, 403, _("This token may not complete the tasks of this unit."));
    else {
        struct completion_input ci = {.submitted_on = dpg_json_str(b, "submittedOn"), .note = dpg_json_str(b, "note"),
                                      .evidence_document_id = dpg_json_int(b, "documentId"),
                                      .evidence_session_id = dpg_json_int(b, "sessionId"), .link = dpg_json_str(b, "link")};
        int64_t cid = 0;
        rc = task_complete(db, r->user, id, &ci, &cid);
        if (rc == DV_EINVAL) dpg_json_refuse(r, 422, _("A completion needs evidence (documentId, sessionId or link) and a date YYYY-MM-DD."));
        else if (rc == DV_ECONFLICT) dpg_json_refuse(r, 409, _("This task is already submitted or done."));
        else if (rc) dpg_json_refuse(r, 500, "store");
        else dpg_json_answer(r, 201, json_pack("{ss sI}", "status", "OK", "id", (json_int_t)cid));
    }
    json_decref(b);
}
