/* directive_pages_common.c - helpers the directive pages share: unit pickers, choices,
 * dates and numbers for people, task rows with their status as of today. */
#include "directive/directive_pages_int.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "org/access.h"
#include "org/unit.h"
#include "report/dashboard/export_table.h"
#include "text/decimal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

const char *const dpg_products[] = {"document", "session", "report", "activity", NULL};
const char *const dpg_priorities[] = {"low", "normal", "high", "urgent", NULL};

const char *dpg_product_label(const char *code)
{
    if (!code) return "";
    if (!strcmp(code, "document")) return _("A concretizing document");
    if (!strcmp(code, "session")) return _("A dissemination session");
    if (!strcmp(code, "report")) return _("A report");
    if (!strcmp(code, "activity")) return _("An activity");
    return code;
}

const char *dpg_priority_label(const char *code)
{
    if (!code) return "";
    if (!strcmp(code, "low")) return _("Low");
    if (!strcmp(code, "normal")) return _("Normal");
    if (!strcmp(code, "high")) return _("High");
    if (!strcmp(code, "urgent")) return _("Urgent");
    return code;
}

int64_t dpg_home_unit(const struct dv_user *u)
{
    if (!u) return 0;
    if (u->role == ROLE_OFFICER) return u->unit_id;
    return access_scope_root(u);
}

int dpg_unit_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n)
{
    struct unit *units = NULL;
    size_t nu = 0;
    int64_t root = dpg_home_unit(r->user);
    int rc = DV_OK;
    if (root) rc = unit_store_subtree(db_thread(), r->arena, root, &units, &nu);
    else {
        struct unit *roots = NULL;
        size_t nr = 0;
        rc = unit_store_roots(db_thread(), r->arena, &roots, &nr);
        for (size_t i = 0; rc == DV_OK && i < nr && i < 1; i++)
            rc = unit_store_subtree(db_thread(), r->arena, roots[i].id, &units, &nu);
    }
    if (rc) return rc;
    struct option_view *o = arena_alloc(r->arena, (nu + 1) * sizeof *o);
    for (size_t i = 0; i < nu; i++) {
        dv_buf b = DV_BUF_INIT;
        for (int d = 0; d < units[i].depth && d < 8; d++) buf_puts(&b, "\xC2\xA0\xC2\xA0");
        buf_puts(&b, units[i].name);
        o[i].label = arena_strdup(r->arena, buf_cstr(&b));
        buf_free(&b);
        o[i].value = arena_printf(r->arena, "%lld", (long long)units[i].id);
        o[i].selected = units[i].id == selected;
    }
    *out = o;
    *n = nu;
    return DV_OK;
}

struct option_view *dpg_choice_options(dv_arena *a, const char *const *codes, const char *(*label)(const char *),
                                       const char *selected, size_t *n)
{
    size_t k = 0;
    while (codes[k]) k++;
    struct option_view *o = arena_alloc(a, (k + 1) * sizeof *o);
    for (size_t i = 0; i < k; i++)
        o[i] = (struct option_view){codes[i], label(codes[i]), selected && !strcmp(selected, codes[i])};
    *n = k;
    return o;
}

const char *dpg_dmy(dv_req *r, const char *iso)
{
    return iso && iso[0] ? text_date_dmy(r->arena, iso) : "";
}

const char *dpg_num(dv_req *r, long v)
{
    char b[32];
    dec_format(b, sizeof b, (double)v, 0, 1, dec_lang_of(r->lang));
    return arena_strdup(r->arena, b);
}

const char *dpg_pct(dv_req *r, double v)
{
    char b[32];
    dec_format(b, sizeof b, v, 1, 1, dec_lang_of(r->lang));
    return arena_printf(r->arena, "%s%%", b);
}

void dpg_task_row(dv_req *r, dv_db *db, const struct task *t, const char *today, struct dir_task_row *w)
{
    struct task_timeline tl;
    enum task_status s = TS_OPEN_WITHIN;
    int od = 0;
    if (task_timeline_load(db, r->arena, t->id, &tl) == DV_OK) {
        s = task_status_as_of(&tl, today);
        od = task_overdue_days(&tl, today);
    }
    memset(w, 0, sizeof *w);
    w->href = arena_printf(r->arena, "/tasks/%lld", (long long)t->id);
    w->title = t->title;
    w->lead = t->lead_name;
    w->assigner = t->assigner_name;
    w->deadline = dpg_dmy(r, t->deadline);
    w->original = strcmp(t->deadline, t->deadline_original) ? dpg_dmy(r, t->deadline_original) : NULL;
    w->status = s == TS_NONE ? _("Not assigned yet") : task_status_label(s);
    w->status_code = task_status_code(s);
    w->overdue = od > 0 ? arena_printf(r->arena, _("%s days overdue"), dpg_num(r, od)) : NULL;
    w->progress = t->n_children ? arena_printf(r->arena, "%d/%d", t->n_children_done, t->n_children) : "";
}

struct dir_task_row *dpg_task_rows(dv_req *r, dv_db *db, const struct task *ts, size_t n)
{
    char today[11];
    clock_vn_today(today);
    struct dir_task_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) dpg_task_row(r, db, &ts[i], today, &rows[i]);
    return rows;
}

void dpg_send_file(dv_req *r, const char *type, const char *name, const void *data, size_t len)
{
    r->content_type = type;
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", name));
    buf_append(&r->out, data ? data : "", len);
    r->status = 200;
}

void dpg_send_table(dv_req *r, const struct xt_table *t, const char *name, int xlsx)
{
    dv_buf b = DV_BUF_INIT;
    if (xlsx && export_xlsx(t, &b) != 0) {
        buf_free(&b);
        res_error(r, 500);
        return;
    }
    if (!xlsx) export_csv(t, &b);
    dpg_send_file(r, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                  arena_printf(r->arena, "%s.%s", name, xlsx ? "xlsx" : "csv"), b.data, b.len);
    buf_free(&b);
}

/* ---- the JSON APIs (directive_api.c, dissem_api.c) ---- */

void dpg_json_answer(dv_req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    res_json(r, status, s ? s : "{}");
    free(s);
}

void dpg_json_refuse(dv_req *r, int status, const char *message)
{
    if (status == 401) res_header(r, "WWW-Authenticate", "Bearer");
    dpg_json_answer(r, status, json_pack("{ss sI ss}", "status", "ERROR", "httpStatus", (json_int_t)status, "message", message));
}

json_t *dpg_json_body(dv_req *r)
{
    if (!r->api_token_id || !r->user) {
        dpg_json_refuse(r, 401, _("This API needs a valid API token (Authorization: Bearer …); it may have been revoked."));
        return NULL;
    }
    json_error_t e;
    json_t *b = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &e);
    if (!json_is_object(b)) {
        json_decref(b);
        dpg_json_refuse(r, 400, _("The request body is not a JSON object."));
        return NULL;
    }
    return b;
}

const char *dpg_json_str(json_t *b, const char *k) { return json_string_value(json_object_get(b, k)); }
int64_t dpg_json_int(json_t *b, const char *k) { return (int64_t)json_integer_value(json_object_get(b, k)); }
