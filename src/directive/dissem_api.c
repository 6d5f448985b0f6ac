/* dissem_api.c - the JSON API of dissemination sessions and cadres, on the model of the
 * tasks API (directive_api.c): read a unit's sessions, one session, and a subtree's cadre
 * coverage on a date (a session or an API token); record a session (optionally completing
 * the unit's dissemination task with it) and a cadre assignment (an API token only,
 * Authorization: Bearer dvt_…, scoped like a user: a read-only token writes nothing). The
 * same access questions and store functions as the pages. */
#include "directive/dissem_api.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/cadre.h"
#include "directive/cadre_access.h"
#include "directive/session.h"
#include "directive/session_access.h"
#include "directive/session_task.h"
#include "http/input.h"

#include <stdio.h>
#include <string.h>

static const struct input_field q_unit = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, NULL};
static const struct input_field q_date = {"date", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("As of"), NULL, NULL};

static json_t *jstr_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static json_t *session_json(dv_req *r, const struct dissem_session *s, int whole)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "unitId", json_integer(s->unit_id));
    json_object_set_new(o, "unit", json_string(s->unit_name ? s->unit_name : ""));
    json_object_set_new(o, "documentId", s->document_id ? json_integer(s->document_id) : json_null());
    json_object_set_new(o, "document", json_string(s->document_title ? s->document_title : ""));
    json_object_set_new(o, "heldOn", json_string(s->held_on));
    json_object_set_new(o, "place", json_string(s->place ? s->place : ""));
    json_object_set_new(o, "form", json_string(s->form));
    json_object_set_new(o, "makeupOf", s->makeup_of ? json_integer(s->makeup_of) : json_null());
    json_t *g = json_object();
    for (int i = 0; i < SG_N; i++)
        if (s->groups[i].recorded)
            json_object_set_new(g, dissem_group_codes[i], json_pack("{sI sI}", "expected", (json_int_t)s->groups[i].expected,
                                                                     "attended", (json_int_t)s->groups[i].attended));
    json_object_set_new(o, "groups", g);
    json_object_set_new(o, "expected", json_integer(s->expected));
    json_object_set_new(o, "attended", json_integer(s->attended));
    json_object_set_new(o, "rate", json_real(dissem_rate(s->attended, s->expected)));
    json_object_set_new(o, "rateText", json_string(dissem_rate_text(r->arena, s->attended, s->expected, r->lang)));
    if (!whole) return o;
    json_object_set_new(o, "note", json_string(s->note ? s->note : ""));
    json_t *pts = json_array();
    for (size_t i = 0; i < s->npoints; i++) json_array_append_new(pts, json_string(s->points[i]));
    json_object_set_new(o, "bridgePoints", pts);
    json_t *abs = json_array();
    for (size_t i = 0; i < s->nabsentees; i++)
        json_array_append_new(abs, json_pack("{ss ss}", "fullName", s->absentees[i].full_name, "reason",
                                             s->absentees[i].reason ? s->absentees[i].reason : ""));
    json_object_set_new(o, "absentees", abs);
    json_t *mk = json_array();
    for (size_t i = 0; i < s->nmakeups; i++) json_array_append_new(mk, json_integer(s->makeups[i]));
    json_object_set_new(o, "makeups", mk);
    return o;
}

/* The unit of ?unit= (default: the account's unit) if the account may see it; else answered. */
static int unit_of(dv_req *r, dv_db *db, int (*can)(dv_db *, const struct dv_user *, int64_t), int64_t *out)
{
    struct input_value uv;
    if (input_query1(r, &q_unit, &uv)) {
        dpg_json_refuse(r, 400, _("unit must be a unit id."));
        return -1;
    }
    int64_t unit = uv.present ? uv.num : r->user->unit_id;
    int ok = can(db, r->user, unit);
    if (ok < 0) {
        dpg_json_refuse(r, 500, "store");
        return -1;
    }
    if (ok != 1) {
        dpg_json_refuse(r, 403, _("This account may not read the records of this unit."));
        return -1;
    }
    *out = unit;
    return 0;
}

/* GET /api/sessions?unit=ID */
void dissem_api_sessions(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t unit;
    if (unit_of(r, db, dissem_can_view, &unit)) return;
    struct dissem_session *ss = NULL;
    size_t n = 0;
    if (dissem_session_list_unit(db, r->arena, unit, &ss, &n)) {
        dpg_json_refuse(r, 500, "store");
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, session_json(r, &ss[i], 0));
    dpg_json_answer(r, 200, json_pack("{sI so}", "unitId", (json_int_t)unit, "sessions", arr));
}

/* GET /api/sessions/:id */
void dissem_api_session(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    struct dissem_session s;
    int rc = dissem_session_get(db, r->arena, id, &s);
    if (rc) {
        dpg_json_refuse(r, rc == DV_ENOTFOUND ? 404 : 500, rc == DV_ENOTFOUND ? _("No such session.") : "store");
        return;
    }
    if (dissem_can_view(db, r->user, s.unit_id) != 1) {
        dpg_json_refuse(r, 403, _("This account may not read this session."));
        return;
    }
    dpg_json_answer(r, 200, session_json(r, &s, 1));
}

/* An ISO date member, or NULL when absent or malformed (the store refuses NULL). */
static const char *jdate(json_t *b, const char *k)
{
    const char *s = dpg_json_str(b, k);
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' ? s : NULL;
}

/* POST /api/sessions {"unitId","documentId"|"documentTitle","heldOn","place","form",
 *   "groups":{"party":{"expected","attended"},…},"bridgePoints":[…],"absentees":[{"fullName","reason"}],
 *   "makeupOf","note","taskId"} */
void dissem_api_session_create(dv_req *r)
{
    json_t *b = dpg_json_body(r);
    if (!b) return;
    dv_db *db = db_thread();
    int64_t unit = dpg_json_int(b, "unitId");
    struct dissem_input in = {.document_id = dpg_json_int(b, "documentId"), .document_title = dpg_json_str(b, "documentTitle"),
                              .held_on = jdate(b, "heldOn"), .place = dpg_json_str(b, "place"),
                              .form = dpg_json_str(b, "form") ? dpg_json_str(b, "form") : "in_person",
                              .makeup_of = dpg_json_int(b, "makeupOf"), .note = dpg_json_str(b, "note")};
    json_t *g = json_object_get(b, "groups");
    for (int i = 0; i < SG_N; i++) {
        json_t *x = json_object_get(g, dissem_group_codes[i]);
        if (!json_is_object(x)) continue;
        in.groups[i].recorded = 1;
        in.groups[i].expected = json_integer_value(json_object_get(x, "expected"));
        in.groups[i].attended = json_integer_value(json_object_get(x, "attended"));
    }
    json_t *pts = json_object_get(b, "bridgePoints");
    size_t np = json_array_size(pts), na = json_array_size(json_object_get(b, "absentees"));
    const char **points = arena_alloc(r->arena, (np + 1) * sizeof *points);
    for (size_t i = 0; i < np; i++)
        if (json_string_value(json_array_get(pts, i))) points[in.npoints++] = json_string_value(json_array_get(pts, i));
    in.points = points;
    struct dissem_absentee *abs = arena_alloc(r->arena, (na + 1) * sizeof *abs);
    for (size_t i = 0; i < na; i++) {
        json_t *x = json_array_get(json_object_get(b, "absentees"), i);
        if (!dpg_json_str(x, "fullName")) continue;
        abs[in.nabsentees++] = (struct dissem_absentee){dpg_json_str(x, "fullName"),
                                                        dpg_json_str(x, "reason") ? dpg_json_str(x, "reason") : ""};
    }
    in.absentees = abs;
    int64_t task = dpg_json_int(b, "taskId");
    const char *title = NULL;
    if (in.document_id && dissem_document_title(db, r->arena, in.document_id, &title, NULL) == DV_OK)
        in.document_title = title; /* as the form does: the registry's code and title */
    int ok = dissem_can_record(db, r->user, unit);
    if (ok < 0) dpg_json_refuse(r, 500, "store");
    else if (ok != 1) dpg_json_refuse(r, 403, _("This token may not record the sessions of this unit."));
    else if (!in.held_on) dpg_json_refuse(r, 422, _("heldOn must be a date YYYY-MM-DD."));
    else if (task && dissem_task_is_open(db, r->arena, unit, task) != 1)
        dpg_json_refuse(r, 422, _("taskId must be one of the unit's open dissemination tasks."));
    else {
        int64_t sid = 0;
        int rc = dissem_session_create(db, r->user, r->remote_addr, unit, &in, &sid);
        if (rc == DV_EINVAL)
            dpg_json_refuse(r, 422, _("Check the document, the date, the form (an online session needs bridge points), "
                                      "attendance (at most the expected number) and the make-up session."));
        else if (rc == DV_ENOTFOUND) dpg_json_refuse(r, 422, _("No such unit or document."));
        else if (rc) dpg_json_refuse(r, 500, "store");
        else {
            int done = task ? dissem_task_complete(db, r->user, task, sid, in.held_on) == 0 : 0;
            dpg_json_answer(r, 201, json_pack("{ss sI sb}", "status", "OK", "id", (json_int_t)sid, "taskSubmitted", done));
        }
    }
    json_decref(b);
}

static json_t *cadre_json(const struct cadre *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "fullName", json_string(c->full_name));
    json_object_set_new(o, "position", jstr_or_null(c->position));
    json_object_set_new(o, "phone", jstr_or_null(c->phone));
    json_object_set_new(o, "decisionNumber", jstr_or_null(c->decision_number));
    json_object_set_new(o, "decisionDate", jstr_or_null(c->decision_date));
    json_object_set_new(o, "validFrom", json_string(c->valid_from));
    json_object_set_new(o, "validUntil", jstr_or_null(c->valid_until));
    return o;
}

/* GET /api/cadres?unit=ID&date=YYYY-MM-DD: every unit of the subtree with its cadre on the
 * date (null: none), and the unit's own history. */
void dissem_api_cadres(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t unit;
    if (unit_of(r, db, cadre_can_view, &unit)) return;
    char date[11];
    clock_vn_today(date);
    struct input_value dv;
    if (input_query1(r, &q_date, &dv)) {
        dpg_json_refuse(r, 400, _("date must be a date YYYY-MM-DD."));
        return;
    }
    if (dv.present) snprintf(date, sizeof date, "%s", dv.str);
    struct cadre_coverage_row *rows = NULL;
    struct cadre *hist = NULL;
    size_t n = 0, nh = 0;
    if (cadre_coverage(db, r->arena, unit, date, &rows, &n) || cadre_list_unit(db, r->arena, unit, &hist, &nh)) {
        dpg_json_refuse(r, 500, "store");
        return;
    }
    json_t *arr = json_array(), *h = json_array();
    size_t with = 0;
    for (size_t i = 0; i < n; i++) {
        with += rows[i].cadre.id != 0;
        json_array_append_new(arr, json_pack("{sI ss ss so}", "unitId", (json_int_t)rows[i].unit_id, "unit", rows[i].unit_name,
                                             "unitType", rows[i].unit_type ? rows[i].unit_type : "", "cadre",
                                             rows[i].cadre.id ? cadre_json(&rows[i].cadre) : json_null()));
    }
    for (size_t i = 0; i < nh; i++) json_array_append_new(h, cadre_json(&hist[i]));
    dpg_json_answer(r, 200, json_pack("{sI ss sI sI so so}", "unitId", (json_int_t)unit, "date", date, "units",
                                      (json_int_t)n, "unitsWithCadre", (json_int_t)with, "coverage", arr, "history", h));
}

/* POST /api/cadres {"unitId","fullName","position","phone","decisionNumber","decisionDate",
 *   "validFrom","validUntil","note"}: a new assignment (the open one ends the day before). */
void dissem_api_cadre_create(dv_req *r)
{
    json_t *b = dpg_json_body(r);
    if (!b) return;
    dv_db *db = db_thread();
    int64_t unit = dpg_json_int(b, "unitId");
    struct cadre_input in = {.full_name = dpg_json_str(b, "fullName"), .position = dpg_json_str(b, "position"),
                             .phone = dpg_json_str(b, "phone"), .decision_number = dpg_json_str(b, "decisionNumber"),
                             .decision_date = jdate(b, "decisionDate"), .valid_from = jdate(b, "validFrom"),
                             .valid_until = jdate(b, "validUntil"), .note = dpg_json_str(b, "note")};
    int ok = cadre_can_edit(db, r->user, unit);
    if (ok < 0) dpg_json_refuse(r, 500, "store");
    else if (ok != 1) dpg_json_refuse(r, 403, _("This token may not assign the cadres of this unit."));
    else if (!in.full_name || !*in.full_name || !in.valid_from)
        dpg_json_refuse(r, 422, _("An assignment needs fullName and validFrom (YYYY-MM-DD)."));
    else {
        int64_t id = 0, ended = 0;
        int rc = cadre_add(db, r->user, r->remote_addr, unit, &in, &id, &ended);
        if (rc == DV_EINVAL) dpg_json_refuse(r, 422, _("Check the dates: validUntil is on or after validFrom."));
        else if (rc == DV_ECONFLICT) dpg_json_refuse(r, 409, _("Another assignment of this unit covers some of these days."));
        else if (rc == DV_ENOTFOUND) dpg_json_refuse(r, 422, _("No such unit."));
        else if (rc) dpg_json_refuse(r, 500, "store");
        else
            dpg_json_answer(r, 201, json_pack("{ss sI so}", "status", "OK", "id", (json_int_t)id, "endedId",
                                              ended ? json_integer(ended) : json_null()));
    }
    json_decref(b);
}
