/* open311_pages.c - an Open311 GeoReport v2 read API over the petitions, so that city
 * dashboards can read them (http://wiki.open311.org/GeoReport_v2): GET
 * /open311/v2/discovery.json, /services.json (the petition subjects), /requests.json
 * (filters service_request_id, service_code, start_date, end_date, status) and
 * /requests/:id.json. Only the public facts leave: the code, subject, commune, status,
 * the public summary and notes, dates; never the text or who sent it. JSON by jansson. */
#include "citizen/citizen_pages.h"

#include "citizen/petition.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "http/input.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void answer_json(dv_req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    res_json(r, status, s ? s : "[]");
    free(s);
    r->cache_control = "public, max-age=60";
}

static void answer_error(dv_req *r, int status, const char *description)
{
    json_t *e = json_pack("[{s:i, s:s}]", "code", status, "description", description);
    answer_json(r, status, e);
}

/* GET /open311/v2/discovery.json */
void citizen_page_open311_discovery(dv_req *r)
{
    const char *base = config_base_url();
    char url[512];
    snprintf(url, sizeof url, "%s/open311/v2", base);
    json_t *j = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:[s]}]}", "changeset", "2026-12-01T00:00:00Z",
                          "contact", config_portal_legal()->email, "key_service", "", "endpoints", "specification",
                          "http://wiki.open311.org/GeoReport_v2", "url", url, "changeset", "2026-12-01T00:00:00Z",
                          "type", "production", "formats", "application/json");
    answer_json(r, 200, j);
}

/* GET /open311/v2/services.json */
void citizen_page_open311_services(dv_req *r)
{
    struct petition_category *cats = NULL;
    size_t n = 0;
    if (petition_categories(db_thread(), r->arena, &cats, &n)) {
        answer_error(r, 500, "store error");
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code", cats[i].code,
                                             "service_name", cats[i].name, "description", cats[i].description,
                                             "metadata", 0, "type", "realtime", "keywords", "", "group", ""));
    answer_json(r, 200, arr);
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* An ISO UTC timestamp of an ISO date (its start in Vietnam). */
static const char *day_instant(dv_req *r, const char *day)
{
    long d;
    if (!day || workday_parse(day, &d)) return NULL;
    int y, m, dd;
    clock_civil_from_days(d, &y, &m, &dd);
    char out[21];
    clock_iso_utc(clock_vn_instant(y, m, dd, 17, 0), out);
    return arena_strdup(r->arena, out);
}

static const char *status_notes(const struct petition *p)
{
    switch (p->status) {
    case PS_TRANSFERRED: return p->transferred_to;
    case PS_DUPLICATE: return p->duplicate_code;
    case PS_PUBLISHED: return "answered";
    default: return petition_status_code(p->status);
    }
}

static json_t *request_json(dv_req *r, const struct petition *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "service_request_id", json_string(p->code));
    json_object_set_new(o, "status", json_string(petition_is_closed(p->status) ? "closed" : "open"));
    json_object_set_new(o, "status_notes", str_or_null(status_notes(p)));
    json_object_set_new(o, "service_name", json_string(p->category_name));
    json_object_set_new(o, "service_code", json_string(p->category_code));
    json_object_set_new(o, "description", str_or_null(p->summary));
    json_object_set_new(o, "agency_responsible", str_or_null(p->assigned_unit_name));
    json_object_set_new(o, "service_notice", str_or_null(p->status == PS_PUBLISHED ? p->answer : NULL));
    json_object_set_new(o, "requested_datetime", json_string(p->received_at));
    json_object_set_new(o, "updated_datetime", json_string(p->updated_at));
    json_object_set_new(o, "expected_datetime", str_or_null(day_instant(r, p->answer_due)));
    json_object_set_new(o, "address", json_string(p->commune_name));
    json_object_set_new(o, "address_id", json_integer((json_int_t)p->commune_id));
    json_object_set_new(o, "zipcode", json_null());
    json_object_set_new(o, "lat", json_null());
    json_object_set_new(o, "long", json_null());
    json_object_set_new(o, "media_url", json_null());
    return o;
}

static void answer_requests(dv_req *r, const struct open311_filter *f, int one)
{
    struct petition *ps = NULL;
    size_t n = 0;
    if (petition_open311(db_thread(), r->arena, f, &ps, &n)) {
        answer_error(r, 500, "store error");
        return;
    }
    if (one && n == 0) {
        answer_error(r, 404, "no such service request");
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, request_json(r, &ps[i]));
    answer_json(r, 200, arr);
}

static const char *const open311_statuses[] = {"open", "closed", NULL};
enum { O_IDS, O_CODE, O_START, O_END, O_STATUS, O_JUR, ON };
static const struct input_field open311_fields[ON] = {
    [O_IDS] = {"service_request_id", IN_TEXT, 0, 0, 400, NULL, FK_TEXT, NULL, NULL, NULL},
    [O_CODE] = {"service_code", IN_SLUG, 0, 0, 64, NULL, FK_TEXT, NULL, NULL, NULL},
    [O_START] = {"start_date", IN_TEXT, 0, 0, 40, NULL, FK_TEXT, NULL, NULL, NULL},
    [O_END] = {"end_date", IN_TEXT, 0, 0, 40, NULL, FK_TEXT, NULL, NULL, NULL},
    [O_STATUS] = {"status", IN_CHOICE, 0, 0, 0, open311_statuses, FK_SELECT, NULL, NULL, NULL},
    [O_JUR] = {"jurisdiction_id", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, NULL, NULL, NULL},
};

/* A W3C datetime as ISO UTC, or NULL when absent; *bad when present and not one. */
static const char *instant_param(dv_req *r, const struct input_value *v, int *bad)
{
    if (!v->present) return NULL;
    long long t;
    if (clock_parse_iso_utc(v->str, &t)) {
        *bad = 1;
        return NULL;
    }
    char out[21];
    clock_iso_utc(t, out);
    return arena_strdup(r->arena, out);
}

/* GET /open311/v2/requests.json */
void citizen_page_open311_requests(dv_req *r)
{
    struct input_value q[ON];
    int bad = input_query(r, open311_fields, ON, q);
    struct open311_filter f = {0};
    f.start = instant_param(r, &q[O_START], &bad);
    f.end = instant_param(r, &q[O_END], &bad);
    if (bad) {
        answer_error(r, 400, "invalid parameter");
        return;
    }
    if (q[O_IDS].present) {
        char *ids = arena_strdup(r->arena, q[O_IDS].str);
        for (char *p = ids; *p; p++)
            if (*p == ' ') *p = ',';
        f.codes = ids;
    }
    f.service_code = q[O_CODE].present ? q[O_CODE].str : NULL;
    f.status = q[O_STATUS].present ? q[O_STATUS].str : NULL;
    f.limit = 1000;
    answer_requests(r, &f, 0);
}

/* GET /open311/v2/requests/:id.json */
void citizen_page_open311_request(dv_req *r)
{
    char code[PETITION_CODE_LEN + 1];
    if (petition_code_normalize(req_param(r, "id"), code)) {
        answer_error(r, 404, "no such service request");
        return;
    }
    struct open311_filter f = {.codes = code, .limit = 1};
    answer_requests(r, &f, 1);
}
