/* api_write.c - POST /api/dataValueSets (api_write.h): a report's values and narrative sent
 * by another system with an API token. The request names the regime (dataSet: its code or
 * id), the period (its id, or "YEAR-SEQ": "2025-11") and the unit (orgUnit: its code or id;
 * the token's unit when absent). Values are merged into what is stored (a value of null or
 * "" removes one), then the whole report is checked by report_validate, exactly as the web
 * form checks it (types, required fields on submission, rules between fields), and saved
 * by report_save, the web form's own save (its audit row names the token: "api:NAME").
 * Refusals are JSON, in the token's language (or Accept-Language): 401 without a live
 * token, 403 for another unit or a read-only token, 404 for an unknown regime, period or
 * unit, 409 when entry is closed or the report already submitted, 422 with a conflict per
 * field for values the form would refuse. */
#include "report/entry/api_write.h"

#include "core/err.h"
#include "core/i18n.h"
#include "org/unit.h"
#include "core/principal.h"
#include "report/regime/regime.h"
#include "report/report_access.h"
#include "report/report_ctx.h"
#include "report/report_validate.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- answers ---- */

static void answer(dv_req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    res_json(r, status, s ? s : "{}");
    free(s);
}

struct counts {
    long imported, updated, deleted, ignored;
};

static json_t *import_count(const struct counts *c)
{
    return json_pack("{sI sI sI sI}", "imported", (json_int_t)c->imported, "updated", (json_int_t)c->updated,
                     "deleted", (json_int_t)c->deleted, "ignored", (json_int_t)c->ignored);
}

/* A refusal as a whole: {"status":"ERROR","httpStatus":N,"message":…,"conflicts":[…]}. */
static void refuse(dv_req *r, int status, const char *message, json_t *conflicts)
{
    json_t *o = json_pack("{ss sI ss}", "status", "ERROR", "httpStatus", (json_int_t)status, "message", message);
    json_object_set_new(o, "conflicts", conflicts ? conflicts : json_array());
    if (status == 401) res_header(r, "WWW-Authenticate", "Bearer");
    answer(r, status, o);
}

static void conflict_add(json_t *list, const char *object, const char *field, const char *message)
{
    json_t *c = json_pack("{ss ss}", "object", object ? object : "", "value", message ? message : "");
    if (field) json_object_set_new(c, "field", json_string(field));
    json_array_append_new(list, c);
}

/* ---- the values sent and stored, by field key ---- */

struct kv {
    const char *key, *text;
};
struct fields {
    struct kv *sent, *stored;
    size_t nsent, nstored, capsent;
};

static const struct kv *kv_find(const struct kv *v, size_t n, const char *key)
{
    for (size_t i = n; i-- > 0;) /* the last one sent wins */
        if (!strcmp(v[i].key, key)) return &v[i];
    return NULL;
}

static const char *fields_get(void *ctx, const char *key)
{
    const struct fields *f = ctx;
    const struct kv *k = kv_find(f->sent, f->nsent, key);
    if (k) return k->text;
    k = kv_find(f->stored, f->nstored, key);
    return k ? k->text : NULL;
}

static void sent_add(dv_arena *a, struct fields *f, const char *key, const char *text)
{
    f->sent = arena_grow(a, f->sent, f->nsent, &f->capsent, sizeof *f->sent);
    f->sent[f->nsent++] = (struct kv){key, text};
}

static const struct report_def_indicator *indicator_by_id(const struct report_def *d, int64_t id)
{
    for (size_t i = 0; i < d->nindicators; i++)
        if (d->indicators[i].id == id) return &d->indicators[i];
    return NULL;
}

static const struct report_def_option *option_by_id(const struct report_def_indicator *ind, int64_t id)
{
    for (size_t i = 0; i < ind->noptions; i++)
        if (ind->options[i].id == id) return &ind->options[i];
    return NULL;
}

/* What is stored, as the web form shows it back (numbers in the Vietnamese form, which the
 * parser reads without ambiguity), so that the whole report is checked again. */
static int stored_fields(dv_db *db, dv_arena *a, const struct report_ctx *c, struct fields *f)
{
    if (!c->rep.id) return 0;
    struct report_value *vals;
    size_t nv;
    struct report_section_body *secs;
    size_t ns;
    if (report_store_values(db, a, c->rep.id, &vals, &nv) || report_store_sections(db, a, c->rep.id, &secs, &ns))
        return DV_EDB;
    f->stored = arena_alloc(a, (nv + ns + 1) * sizeof *f->stored);
    for (size_t i = 0; i < nv; i++) {
        const struct report_def_indicator *ind = indicator_by_id(&c->def, vals[i].indicator_id);
        if (!ind) continue;
        const struct report_def_option *opt = vals[i].option_id ? option_by_id(ind, vals[i].option_id) : NULL;
        if (vals[i].option_id && !opt) continue;
        const char *text = vals[i].has_num ? report_num_format(a, ind->type, vals[i].num, "vi") : vals[i].text;
        f->stored[f->nstored++] = (struct kv){report_field_key(a, ind, opt), text ? text : ""};
    }
    for (size_t i = 0; i < ns; i++)
        f->stored[f->nstored++] = (struct kv){arena_printf(a, "s_%d", secs[i].position), secs[i].body ? secs[i].body : ""};
    return 0;
}

/* ---- reading the request ---- */

/* A JSON value as the text a form field would hold; NULL when it cannot be one. */
static const char *value_text(dv_arena *a, const json_t *v, enum report_ind_type t)
{
    if (!v || json_is_null(v)) return "";
    if (json_is_true(v)) return "1";
    if (json_is_false(v)) return "0";
    if (json_is_integer(v)) return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v)) return arena_printf(a, "%.15g", json_real_value(v));
    if (!json_is_string(v)) return NULL;
    const char *s = json_string_value(v);
    int y, m, d;
    char tail;
    /* a date as systems send it (ISO 8601) becomes the form's dd/mm/yyyy */
    if (t == RIT_DATE && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
        return arena_printf(a, "%02d/%02d/%04d", d, m, y);
    return s;
}

static const struct report_def_indicator *indicator_by_code(const struct report_def *d, const char *code)
{
    for (size_t i = 0; code && i < d->nindicators; i++)
        if (!strcmp(d->indicators[i].code, code)) return &d->indicators[i];
    return NULL;
}

static const struct report_def_option *option_by_code(const struct report_def_indicator *ind, const char *code)
{
    for (size_t i = 0; code && i < ind->noptions; i++)
        if (!strcmp(ind->options[i].code, code)) return &ind->options[i];
    return NULL;
}

/* dataValues and narrative into f; what cannot be placed goes to conflicts. */
static void read_values(dv_req *r, const struct report_def *d, const json_t *body, struct fields *f, json_t *conflicts)
{
    const json_t *dv = json_object_get(body, "dataValues");
    if (dv && !json_is_array(dv)) conflict_add(conflicts, "dataValues", NULL, _("dataValues must be a list."));
    size_t i;
    const json_t *item;
    json_array_foreach(dv, i, item) {
        const char *code = json_string_value(json_object_get(item, "dataElement"));
        const char *optc = json_string_value(json_object_get(item, "categoryOptionCombo"));
        const struct report_def_indicator *ind = indicator_by_code(d, code);
        if (!ind) {
            conflict_add(conflicts, code ? code : "dataElement", NULL, _("No indicator of this regime has this code."));
            continue;
        }
        const struct report_def_option *opt = NULL;
        if (ind->noptions) {
            opt = option_by_code(ind, optc);
            if (!opt) {
                conflict_add(conflicts, code, NULL,
                             optc ? _("This indicator has no category with this code.")
                                  : _("This indicator is disaggregated: give the category (categoryOptionCombo)."));
                continue;
            }
        } else if (optc && *optc) {
            conflict_add(conflicts, code, NULL, _("This indicator is not disaggregated: leave categoryOptionCombo out."));
            continue;
        }
        const char *text = value_text(r->arena, json_object_get(item, "value"), ind->type);
        const char *key = report_field_key(r->arena, ind, opt);
        if (!text) {
            conflict_add(conflicts, code, key, _("The value must be a string, a number, true, false or null."));
            continue;
        }
        sent_add(r->arena, f, key, text);
    }
    const json_t *nar = json_object_get(body, "narrative");
    if (nar && !json_is_array(nar)) conflict_add(conflicts, "narrative", NULL, _("narrative must be a list."));
    json_array_foreach(nar, i, item) {
        json_int_t pos = json_integer_value(json_object_get(item, "section"));
        const json_t *t = json_object_get(item, "text");
        int found = 0;
        for (size_t k = 0; k < d->nsections; k++) found |= d->sections[k].position == pos;
        const char *obj = arena_printf(r->arena, "section %lld", (long long)pos);
        if (!found) conflict_add(conflicts, obj, NULL, _("The regime has no narrative section with this number."));
        else if (t && !json_is_string(t) && !json_is_null(t))
            conflict_add(conflicts, obj, NULL, _("The text of a section must be a string."));
        else {
            const char *body = t ? json_string_value(t) : NULL; /* null removes the text */
            sent_add(r->arena, f, arena_printf(r->arena, "s_%lld", (long long)pos), body ? body : "");
        }
    }
}

/* The indicator (and category) code behind a field key, for a conflict's "object". */
static const char *key_object(dv_arena *a, const struct report_def *d, const char *key)
{
    for (size_t i = 0; i < d->nindicators; i++) {
        const struct report_def_indicator *ind = &d->indicators[i];
        if (!ind->noptions && !strcmp(report_field_key(a, ind, NULL), key)) return ind->code;
        for (size_t k = 0; k < ind->noptions; k++)
            if (!strcmp(report_field_key(a, ind, &ind->options[k]), key))
                return arena_printf(a, "%s.%s", ind->code, ind->options[k].code);
    }
    return key;
}

/* Which regime, period and unit: 0 and a refusal sent when one cannot be found. */
static int resolve(dv_req *r, dv_db *db, const json_t *body, int64_t *regime, int64_t *period, int64_t *unit)
{
    const json_t *ds = json_object_get(body, "dataSet"), *pe = json_object_get(body, "period"),
                 *ou = json_object_get(body, "orgUnit");
    if (!ds || !pe) {
        refuse(r, 400, _("dataSet (the regime's code) and period are required."), NULL);
        return 0;
    }
    *regime = json_is_integer(ds) ? json_integer_value(ds) : 0;
    if (json_is_string(ds) && regime_store_find_code(db, json_string_value(ds), regime) != DV_OK) *regime = 0;
    if (*regime <= 0) {
        refuse(r, 404, _("No reporting regime has this code."), NULL);
        return 0;
    }
    *period = json_is_integer(pe) ? json_integer_value(pe) : 0;
    int y, s;
    char tail;
    long long pid;
    if (json_is_string(pe) && sscanf(json_string_value(pe), "%d-%d%c", &y, &s, &tail) == 2) {
        if (period_store_find(db, *regime, y, s, period) != DV_OK) *period = 0;
    } else if (json_is_string(pe) && sscanf(json_string_value(pe), "%lld%c", &pid, &tail) == 1) {
        *period = pid; /* the id as a string: report_ctx_load checks it is the regime's */
    }
    if (*period <= 0) {
        refuse(r, 404, _("This regime has no such period."), NULL);
        return 0;
    }
    *unit = !ou ? r->user->unit_id : json_is_integer(ou) ? json_integer_value(ou) : 0;
    if (json_is_string(ou) && unit_store_find_open_code(db, json_string_value(ou), unit) != DV_OK) *unit = 0;
    if (*unit <= 0) {
        refuse(r, 404, _("No open unit has this code."), NULL);
        return 0;
    }
    return 1;
}

/* report_ctx_load renders its refusals as pages: the same refusal as JSON. */
static void refuse_ctx(dv_req *r)
{
    int st = r->status;
    buf_reset(&r->out);
    r->nheaders = 0;
    if (st == 403) refuse(r, 403, _("This token may not enter the reports of this unit."), NULL);
    else if (st == 404) refuse(r, 404, _("This regime has no such period."), NULL);
    else refuse(r, 500, _("The store could not be read."), NULL);
}

static void count_changes(const struct fields *f, struct counts *c)
{
    for (size_t i = 0; i < f->nsent; i++) {
        if (kv_find(f->sent + i + 1, f->nsent - i - 1, f->sent[i].key)) continue; /* sent again later */
        int had = kv_find(f->stored, f->nstored, f->sent[i].key) != NULL;
        int has = f->sent[i].text && *f->sent[i].text;
        if (has) had ? c->updated++ : c->imported++;
        else had ? c->deleted++ : c->ignored++;
    }
}

void api_page_data_value_sets(dv_req *r)
{
    if (!r->api_token_id || !r->user) {
        refuse(r, 401, _("This API needs a valid API token (Authorization: Bearer …); it may have been revoked."), NULL);
        return;
    }
    if (!report_can_enter_reports(r->user)) { /* a viewer's token */
        refuse(r, 403, _("This token may only read: it cannot send figures."), NULL);
        return;
    }
    json_error_t jerr;
    json_t *body = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &jerr);
    if (!json_is_object(body)) {
        json_decref(body);
        refuse(r, 400, _("The request body is not a JSON object."), NULL);
        return;
    }
    dv_db *db = db_thread();
    int64_t regime, period, unit;
    struct report_ctx c;
    if (!resolve(r, db, body, &regime, &period, &unit)) goto done;
    if (report_ctx_load(r, db, regime, period, unit, REPORT_CTX_ACT, &c)) {
        refuse_ctx(r);
        goto done;
    }
    if (!c.can_act) {
        refuse(r, 403, _("This token may not enter the reports of this unit."), NULL);
        goto done;
    }
    struct fields f = {0};
    json_t *conflicts = json_array();
    read_values(r, &c.def, body, &f, conflicts);
    if (json_array_size(conflicts)) {
        refuse(r, 422, _("Nothing was saved: correct the values listed."), conflicts);
        goto done;
    }
    json_decref(conflicts);
    if (stored_fields(db, r->arena, &c, &f)) {
        refuse(r, 500, _("The store could not be read."), NULL);
        goto done;
    }
    const json_t *cd = json_object_get(body, "completeDate");
    int submit = json_is_true(json_object_get(body, "complete")) || (json_is_string(cd) && *json_string_value(cd));

    struct report_checked chk;
    if (report_validate(&c.def, r->arena, fields_get, &f, submit, &chk)) {
        conflicts = json_array();
        for (size_t i = 0; i < chk.nerrors; i++) {
            const struct report_field_error *e = &chk.errors[i];
            conflict_add(conflicts, key_object(r->arena, &c.def, e->key), e->key,
                         e->message ? e->message : e->msgid ? _(e->msgid) : "");
        }
        refuse(r, 422, _("Nothing was saved: correct the values listed."), conflicts);
        goto done;
    }
    if (c.lock.locked) {
        refuse(r, 409, _("Entry for this report is closed: nothing was saved."), NULL);
        goto done;
    }
    if (!report_status_editable(c.rep.id ? c.rep.status : REPORT_NONE)) {
        refuse(r, 409, _("This report has already been submitted (perhaps from another window or tab): nothing was changed."), NULL);
        goto done;
    }
    struct report_save_input in = {c.regime_id, c.period_id, c.unit_id, c.rep.id ? c.rep.version : 0, chk.values,
                                   chk.nvalues, chk.sections, chk.nsections, submit, NULL, 0, 0, 0, 0, NULL, 0};
    struct report_save_result res;
    int rc = report_save(db, r->user, r->remote_addr, &in, &res);
    if (rc == DV_EDENIED) {
        refuse(r, 409, _("Entry for this report is closed: nothing was saved."), NULL);
        goto done;
    }
    if (rc == DV_ECONFLICT) {
        refuse(r, 409, _("The report was changed by someone else at the same moment: nothing was saved. Send it again."), NULL);
        goto done;
    }
    if (rc == DV_ENOTFOUND) {
        refuse(r, 404, _("This regime has no such period."), NULL);
        goto done;
    }
    if (rc) {
        refuse(r, 500, _("The report could not be saved."), NULL);
        goto done;
    }
    struct counts n = {0};
    count_changes(&f, &n);
    json_t *o = json_pack("{ss}", "status", "SUCCESS");
    json_object_set_new(o, "importCount", import_count(&n));
    json_object_set_new(o, "conflicts", json_array());
    json_object_set_new(o, "dataSetComplete", json_boolean(submit));
    json_object_set_new(o, "report",
                        json_pack("{sI sI ss ss}", "id", (json_int_t)res.report_id, "version", (json_int_t)res.version,
                                  "status", report_status_code(res.status), "href",
                                  arena_printf(r->arena, "/reports/%lld/%lld/%lld", (long long)c.regime_id,
                                               (long long)c.period_id, (long long)c.unit_id)));
    answer(r, 200, o);
done:
    json_decref(body);
}
