/* dashboard_pages.c - the reporting dashboards (routes in dashboard_routes.c):
 *   GET /dashboard                 the matrix units × periods, rates chart, definitions
 *   GET /dashboard.csv|.xlsx       the matrix as a long table (one line per unit and period)
 *   GET /dashboard/pivot           indicator sums by unit × period with parents' subtotals
 *   GET /dashboard/pivot.csv|.xlsx the pivot as a sheet
 *   GET /api/reporting/completeness, /api/reporting/pivot   the same as JSON
 *   GET /api/reporting/years       the unit's children × calendar years: rates and sums
 * Query parameters (all optional): regime, from, to (period ids, inclusive, ordered by
 * close_end), unit (the subtree's root), indicator, option (pivot; option 0 = total).
 * Access: admin, staff and viewer, for units they may view (access_can_view_unit); the
 * default unit is the user's scope (an admin's: the regime's receiver). Officers get 403.
 *
 * JSON shape of /api/reporting/completeness:
 *   { "regime": {"id", "code", "name"}, "unit": {"id", "code", "name"}, "today": "YYYY-MM-DD",
 *     "periods": [ {"id", "label", "close_start", "close_end", "counts": COUNTS,
 *                   "received_rate", "on_time_rate"} ],
 *     "totals": {"counts": COUNTS, "received_rate", "on_time_rate"},
 *     "rows": [ {"unit_id", "code", "name", "type", "self": bool (the root's own row),
 *                "has_children": bool, "counts": COUNTS (all periods),
 *                "cells": [ {"period_id", "status": "on_time"|"late"|"returned"|"missing"|
 *                            "not_due"|null, "approved": bool, "in_tree": bool,
 *                            "deadline": ISO|null, "first_submitted_at": ISO UTC|null,
 *                            "counts": COUNTS} ] } ],
 *     "levels": [ {"type": unit type code, "label", "counts": COUNTS (all periods),
 *                  "periods": [COUNTS per period]} ] }
 *   COUNTS = {"expected", "received", "on_time", "late", "missing", "returned", "not_due",
 *             "approved"} (integers); rates are percentages 0..100 rounded to 0.1.
 * JSON shape of /api/reporting/pivot:
 *   { "regime": {…}, "unit": {…}, "indicator": {"id", "code", "name"}, "option_id",
 *     "periods": [ {"id", "label", "close_start", "close_end"} ],
 *     "rows": [ {"unit_id", "code", "name", "depth", "parent": bool (values are subtotals),
 *                "own": bool (a parent's own report line), "values": [number|null per period],
 *                "total": number} ] }
 * JSON shape of /api/reporting/years (the province × year table, completeness_year_table):
 *   { "regime": {…}, "unit": {…} (rows are its children), "from_year", "to_year",
 *     "indicators": [ {"id", "code", "name"} ],
 *     "rows": [ {"unit_id", "code", "name", "years": [ {"year", "counts": COUNTS,
 *                "received_rate", "on_time_rate", "sums": [number per indicator]} ] } ] }
 * Errors: {"error": "forbidden"|"not_found"|"store"} with 403/404/500. */
#include "report/dashboard/dashboard_pages.h"
#include "report/dashboard/dashboard_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/http.h"
#include "http/input.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "core/principal.h"
#include "report/completeness/completeness.h"
#include "report/report_access.h"
#include "report/report_validate.h"
#include "report/dashboard/dashboard_view.h"
#include "report/dashboard/export_table.h"
#include "report/period.h"
#include "text/decimal.h"
#include "tpl.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The dashboards' query parameters: ids of the regime, unit, periods, indicator and option,
 * and the years of the yearly view; 0 (or absent) means "not chosen". */
#define DASH_NUM(name) {name, IN_INT, 0, 0, 1000000000000000LL, NULL, FK_SELECT, NULL, NULL, NULL}
static const struct input_field dash_query[] = {
    DASH_NUM("regime"), DASH_NUM("unit"), DASH_NUM("from"), DASH_NUM("to"),
    DASH_NUM("indicator"), DASH_NUM("option"), DASH_NUM("from_year"), DASH_NUM("to_year"),
};

/* The declared parameter name: 0 when absent or empty, -1 when malformed, else its value. */
int64_t dash_pg_query_id(dv_req *r, const char *name)
{
    for (size_t i = 0; i < sizeof dash_query / sizeof *dash_query; i++) {
        if (strcmp(dash_query[i].name, name) != 0) continue;
        struct input_value v;
        if (input_query1(r, &dash_query[i], &v)) return -1;
        return v.present ? v.num : 0;
    }
    return -1; /* not declared: never read */
}

/* query_id with a malformed value read as absent (0). */
static int64_t query_id_or0(dv_req *r, const char *name)
{
    int64_t v = dash_pg_query_id(r, name);
    return v < 0 ? 0 : v;
}


/* 0, or the HTTP status to answer with. */
int dash_pg_dash_load(dv_req *r, dv_db *db, struct dash_ctx *c)
{
    memset(c, 0, sizeof *c);
    if (!report_can_view_dashboards(r->user)) return 403;
    if (compl_store_regimes(db, r->arena, &c->regimes, &c->nregimes) != 0) return 500;
    int64_t rid = dash_pg_query_id(r, "regime");
    if (rid < 0) return 404;
    for (size_t i = 0; i < c->nregimes; i++)
        if (c->regimes[i].id == rid || (!rid && i == 0)) c->regime = &c->regimes[i];
    if (rid && !c->regime) return 404;

    int64_t uid = dash_pg_query_id(r, "unit");
    if (uid < 0) return 404;
    if (!uid) uid = access_scope_root(r->user);
    if (!uid && c->regime) { /* an admin: the top of the tree the regime's receiver is in */
        struct unit *anc;
        size_t nanc;
        uid = c->regime->set_id;
        if (unit_store_ancestors(db, r->arena, uid, &anc, &nanc) == 0 && nanc) uid = anc[0].id;
    }
    if (!uid) { /* an admin without any regime: nothing to show */
        c->root.name = "";
        c->q = "";
        return 0;
    }
    int rc = unit_store_get(db, r->arena, uid, &c->root);
    if (rc == DV_ENOTFOUND) return 404;
    if (rc) return 500;
    int ok = access_can_view_unit(db, r->user, uid);
    if (ok < 0) return 500;
    if (!ok) return 403;
    if (!c->regime) {
        c->q = arena_printf(r->arena, "unit=%lld", (long long)uid);
        return 0;
    }

    if (compl_store_periods(db, r->arena, c->regime->id, &c->all, &c->nall) != 0) return 500;
    if (c->nall) {
        char today[11];
        clock_vn_today(today);
        size_t cur = 0;
        for (size_t i = 0; i < c->nall; i++)
            if (strcmp(c->all[i].close_start, today) <= 0) cur = i;
        c->to = cur;
        c->from = cur + 1 >= DEFAULT_SPAN ? cur + 1 - DEFAULT_SPAN : 0;
        int64_t f = dash_pg_query_id(r, "from"), t = dash_pg_query_id(r, "to");
        for (size_t i = 0; i < c->nall; i++) {
            if (f > 0 && c->all[i].id == f) c->from = i;
            if (t > 0 && c->all[i].id == t) c->to = i;
        }
        if (c->from > c->to) {
            size_t x = c->from;
            c->from = c->to;
            c->to = x;
        }
        if (c->to - c->from + 1 > MAX_PERIODS) c->from = c->to + 1 - MAX_PERIODS;
        c->q = arena_printf(r->arena, "regime=%lld&from=%lld&to=%lld&unit=%lld", (long long)c->regime->id,
                            (long long)c->all[c->from].id, (long long)c->all[c->to].id, (long long)uid);
    } else {
        c->q = arena_printf(r->arena, "regime=%lld&unit=%lld", (long long)c->regime->id, (long long)uid);
    }
    c->indicator_id = query_id_or0(r, "indicator");
    c->option_id = query_id_or0(r, "option");
    return 0;
}

size_t dash_pg_nsel(const struct dash_ctx *c)
{
    return c->nall ? c->to - c->from + 1 : 0;
}

const struct compl_period *dash_pg_sel(const struct dash_ctx *c)
{
    return c->nall ? &c->all[c->from] : NULL;
}

static int vi(const dv_req *r)
{
    return !r->lang || strcmp(r->lang, "en") != 0;
}

/* "87,5%" (Vietnamese) or "87.5%". */
static const char *pct(dv_req *r, double v)
{
    char buf[64];
    dec_format(buf, sizeof buf, v, 1, 0, vi(r) ? DEC_VI : DEC_EN);
    return arena_printf(r->arena, "%s%%", buf);
}

/* A number for people: the shared formatter, thousands grouped, at most 2 decimals. */
const char *dash_pg_num_text(dv_req *r, double v)
{
    return report_num_format_round(r->arena, v, 2, r->lang);
}

double dash_pg_round1(double v)
{
    return round(v * 10.0) / 10.0;
}

void dash_pg_json_answer(dv_req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    res_json(r, status, s ? s : "{}");
    free(s);
}

void dash_pg_json_error(dv_req *r, int status)
{
    const char *e = status == 403 ? "forbidden" : status == 404 ? "not_found" : "store";
    dash_pg_json_answer(r, status, json_pack("{ss}", "error", e));
}

json_t *dash_pg_jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *dash_pg_json_counts(const struct compl_counts *c)
{
    return json_pack("{sI sI sI sI sI sI sI sI}", "expected", (json_int_t)c->expected, "received",
                     (json_int_t)c->received, "on_time", (json_int_t)c->on_time, "late", (json_int_t)c->late,
                     "missing", (json_int_t)c->missing, "returned", (json_int_t)c->returned, "not_due",
                     (json_int_t)c->not_due, "approved", (json_int_t)c->approved);
}

json_t *dash_pg_json_regime_unit(json_t *o, const struct dash_ctx *c)
{
    json_object_set_new(o, "regime",
                        c->regime ? json_pack("{sI so so}", "id", (json_int_t)c->regime->id, "code",
                                              dash_pg_jstr(c->regime->code), "name", dash_pg_jstr(c->regime->name))
                                  : json_null());
    json_object_set_new(o, "unit", json_pack("{sI so so}", "id", (json_int_t)c->root.id, "code", dash_pg_jstr(c->root.code),
                                             "name", dash_pg_jstr(c->root.name)));
    return o;
}

/* ---- the matrix ---- */

static int compute_matrix(dv_req *r, dv_db *db, const struct dash_ctx *c, struct compl_result *res)
{
    if (!c->regime || !c->nall) {
        memset(res, 0, sizeof *res);
        return 0;
    }
    return completeness_compute(db, r->arena, c->regime->id, dash_pg_sel(c), dash_pg_nsel(c), c->root.id, NULL, res);
}

const char *dash_pg_href(dv_req *r, const char *path, const char *q)
{
    return arena_printf(r->arena, "%s?%s", path, q);
}

static const char *drill_href(dv_req *r, const struct dash_ctx *c, const char *path, int64_t unit_id)
{
    if (!c->regime) return arena_printf(r->arena, "%s?unit=%lld", path, (long long)unit_id);
    if (!c->nall)
        return arena_printf(r->arena, "%s?regime=%lld&unit=%lld", path, (long long)c->regime->id, (long long)unit_id);
    return arena_printf(r->arena, "%s?regime=%lld&from=%lld&to=%lld&unit=%lld", path, (long long)c->regime->id,
                        (long long)c->all[c->from].id, (long long)c->all[c->to].id, (long long)unit_id);
}

/* "received/expected · rate" for a closed period (every report due: expected is the base
 * of the rate). While some reports are not yet due the period is still open: a rate of
 * the reports due so far would count only the early senders (24 sent of 24 "due" = 100%
 * while 53 of 77 are not yet due), so an open period says what was sent and how many are
 * not yet due, and shows no rate. */
/* A count for people, grouped as every number is ("3.321"). */
static const char *cnt(dv_req *r, long n)
{
    return report_num_format(r->arena, RIT_INT, (double)n, r->lang);
}

static const char *summary(dv_req *r, const struct compl_counts *k)
{
    if (!k->expected) return "—";
    if (k->not_due > 0)
        return arena_printf(r->arena, _("%s/%s sent · %s not yet due"), cnt(r, k->received), cnt(r, k->expected),
                            cnt(r, k->not_due));
    return arena_printf(r->arena, "%s/%s · %s", cnt(r, k->received), cnt(r, k->expected), pct(r, compl_received_rate(k)));
}

/* A rate, or "—" while the period is open (some reports not yet due) or nothing is expected. */
static const char *rate_text(dv_req *r, const struct compl_counts *k, double rate)
{
    if (!k->expected || k->not_due > 0) return "—";
    return pct(r, rate);
}

void dash_pg_fill_form(dv_req *r, dv_db *db, const struct dash_ctx *c, struct dash_view *v)
{
    struct dash_option *ro = arena_alloc(r->arena, (c->nregimes + 1) * sizeof *ro);
    for (size_t i = 0; i < c->nregimes; i++) {
        ro[i].value = arena_printf(r->arena, "%lld", (long long)c->regimes[i].id);
        ro[i].label = arena_printf(r->arena, "%s — %s", c->regimes[i].code, c->regimes[i].name);
        ro[i].selected = &c->regimes[i] == c->regime;
    }
    v->regimes = ro;
    v->nregimes = c->nregimes;
    struct dash_option *fo = arena_alloc(r->arena, (c->nall + 1) * sizeof *fo);
    struct dash_option *to = arena_alloc(r->arena, (c->nall + 1) * sizeof *to);
    for (size_t i = 0; i < c->nall; i++) {
        fo[i].value = to[i].value = arena_printf(r->arena, "%lld", (long long)c->all[i].id);
        fo[i].label = to[i].label = c->all[i].label;
        fo[i].selected = i == c->from;
        to[i].selected = i == c->to;
    }
    v->from_opts = fo;
    v->to_opts = to;
    v->nperiod_opts = c->nall;
    v->unit_id = arena_printf(r->arena, "%lld", (long long)c->root.id);
    v->unit_name = c->root.name;
    if (c->root.parent_id > 0 && access_can_view_unit(db, r->user, c->root.parent_id) == 1) {
        struct unit p;
        if (unit_store_get(db, r->arena, c->root.parent_id, &p) == 0) {
            v->up_href = drill_href(r, c, r->path, p.id);
            v->up_name = p.name;
        }
    }
}

static void fill_chart(dv_req *r, const struct compl_result *res, struct dash_view *v)
{
    size_t np = res->nperiods;
    const long long gw = 56, x0 = 50, top = 30, h100 = 200;
    v->chart_w = x0 + (long long)np * gw + 20;
    if (v->chart_w < 640) v->chart_w = 640; /* room for the legend */
    v->chart_h = top + h100 + 80;
    v->axis_x0 = x0;
    v->axis_x1 = v->chart_w - 10;
    v->axis_y0 = top + h100;
    v->axis_y50 = top + h100 / 2;
    v->axis_y100 = top;
    struct dash_bar *b = arena_alloc(r->arena, (np + 1) * sizeof *b);
    dv_buf d = DV_BUF_INIT;
    for (size_t j = 0; j < np; j++) {
        const struct compl_counts *k = &res->totals[j];
        double rr = compl_received_rate(k), ot = compl_on_time_rate(k);
        long long gx = x0 + (long long)j * gw;
        b[j].w = 20;
        b[j].x_recv = gx + 6;
        b[j].x_ot = gx + 28;
        int open = k->not_due > 0 || !k->expected;
        b[j].h_recv = open ? 0 : llround(rr * h100 / 100.0);
        b[j].h_ot = open ? 0 : llround(ot * h100 / 100.0);
        b[j].y_recv = top + h100 - b[j].h_recv;
        b[j].y_ot = top + h100 - b[j].h_ot;
        b[j].x_label = gx + 8;
        b[j].y_label = top + h100 + 14;
        b[j].rotate = arena_printf(r->arena, "rotate(35 %lld %lld)", b[j].x_label, b[j].y_label);
        b[j].label = res->periods[j].label;
        b[j].recv_text = rate_text(r, k, rr);
        b[j].ot_text = rate_text(r, k, ot);
        /* a period still open: a pale column of what was sent so far, marked, no rate */
        b[j].open = k->not_due > 0;
        if (b[j].open) {
            b[j].x_mark = gx + 6;
            b[j].w_mark = 42;
            b[j].h_mark = llround((double)k->received * h100 / (double)k->expected);
            b[j].y_mark = top + h100 - b[j].h_mark;
            b[j].y_text = b[j].y_mark - 4;
            b[j].mark_title = arena_printf(r->arena, _("%s/%s sent · %s not yet due"), cnt(r, k->received),
                                           cnt(r, k->expected), cnt(r, k->not_due));
            v->any_open = 1;
            buf_printf(&d, "%s%s: %s (%s)", j ? "; " : "", res->periods[j].label, _("not yet due"), b[j].mark_title);
        } else {
            buf_printf(&d, "%s%s: %s %s, %s %s", j ? "; " : "", res->periods[j].label, _("received rate"),
                       b[j].recv_text, _("on-time rate"), b[j].ot_text);
        }
    }
    v->bars = b;
    v->chart_desc = arena_strdup(r->arena, buf_cstr(&d));
    buf_free(&d);
}

static void fill_matrix(dv_req *r, const struct dash_ctx *c, const struct compl_result *res, struct dash_view *v)
{
    size_t np = res->nperiods;
    struct dash_total *t = arena_alloc(r->arena, (np + 1) * sizeof *t);
    for (size_t j = 0; j < np; j++) {
        const struct compl_counts *k = &res->totals[j];
        t[j].label = res->periods[j].label;
        const long nums[8] = {k->expected, k->received, k->on_time, k->late, k->missing, k->returned, k->not_due, k->approved};
        for (size_t q = 0; q < 8; q++) t[j].counts[q] = cnt(r, nums[q]);
        t[j].expected = k->expected;
        t[j].received = k->received;
        t[j].on_time = k->on_time;
        t[j].late = k->late;
        t[j].missing = k->missing;
        t[j].returned = k->returned;
        t[j].not_due = k->not_due;
        t[j].approved = k->approved;
        t[j].received_rate = rate_text(r, k, compl_received_rate(k));
        t[j].on_time_rate = rate_text(r, k, compl_on_time_rate(k));
        t[j].summary = summary(r, k);
    }
    v->totals = t;
    v->nperiods = np;
    v->grand = summary(r, &res->grand);
    struct dash_row *rows = arena_alloc(r->arena, (res->nrows + 1) * sizeof *rows);
    for (size_t i = 0; i < res->nrows; i++) {
        const struct compl_row *w = &res->rows[i];
        struct dash_row *o = &rows[i];
        o->name = w->name;
        /* no drill-down into a unit the reader may not open (a closed predecessor merged
         * into the root lies outside today's scope) */
        o->href = w->has_children && !w->is_root && access_can_view_unit(db_thread(), r->user, w->unit_id) == 1
                      ? drill_href(r, c, "/dashboard", w->unit_id)
                      : NULL;
        o->note = w->is_root ? _("(its own report)") : NULL;
        o->total = summary(r, &w->total);
        struct dash_cell *cells = arena_alloc(r->arena, (np + 1) * sizeof *cells);
        for (size_t j = 0; j < np; j++) {
            const struct compl_cell *x = &w->cells[j];
            struct dash_cell *y = &cells[j];
            y->cls = arena_printf(r->arena, "cell st-%s", x->status ? compl_status_code(x->status) : "none");
            if (x->status) {
                y->label = compl_status_label(x->status);
                char dl[11];
                date_to_vn(x->deadline ? x->deadline : "", dl);
                y->title = arena_printf(r->arena, "%s %s", _("Deadline:"), dl);
            }
            if (x->approved) y->flag = _("Approved");
            long self = x->status ? 1 : 0;
            if (x->sub.expected > self) y->detail = arena_printf(r->arena, _("%s/%s sent"), cnt(r, x->sub.received), cnt(r, x->sub.expected));
        }
        o->cells = cells;
    }
    v->rows = rows;
    v->nrows = res->nrows;
    struct dash_level *lv = arena_alloc(r->arena, (res->nlevels + 1) * sizeof *lv);
    for (size_t i = 0; i < res->nlevels; i++) {
        const char **cells = arena_alloc(r->arena, (np + 1) * sizeof *cells);
        for (size_t j = 0; j < np; j++) cells[j] = summary(r, &res->levels[i].counts[j]);
        lv[i].label = unit_type_label(res->levels[i].type);
        lv[i].cells = cells;
        lv[i].total = summary(r, &res->levels[i].total);
    }
    v->levels = lv;
    v->nlevels = res->nlevels;
}

void dash_pg_page_for(dv_req *r, struct page *pg, const char *title)
{
    page_init(pg, r, title);
    pg->nav = "dashboard";
}

/* The request's context and its completeness matrix: 0, or the HTTP status to answer. */
static int matrix_load(dv_req *r, dv_db *db, struct dash_ctx *c, struct compl_result *res)
{
    int st = dash_pg_dash_load(r, db, c);
    if (st) return st;
    return compute_matrix(r, db, c, res) != 0 ? 500 : 0;
}

#define DASH_DOCS_MAX 12

/* The consolidated report of the unit shown, for each period shown (the latest first, at
 * most DASH_DOCS_MAX): whoever reads the dashboard of a unit may read its reports. */
static void fill_docs(dv_req *r, const struct dash_ctx *c, struct dash_view *v)
{
    size_t np = dash_pg_nsel(c);
    if (!c->regime || !np) return;
    size_t n = np < DASH_DOCS_MAX ? np : DASH_DOCS_MAX;
    struct dash_doc *d = arena_alloc(r->arena, n * sizeof *d);
    const struct compl_period *p = dash_pg_sel(c);
    for (size_t i = 0; i < n; i++) {
        const struct compl_period *x = &p[np - 1 - i];
        const char *base = arena_printf(r->arena, "/reports/consolidated/%lld/%lld/%lld", (long long)c->regime->id,
                                        (long long)x->id, (long long)c->root.id);
        d[i] = (struct dash_doc){x->label, arena_printf(r->arena, "%s.pdf", base), arena_printf(r->arena, "%s.docx", base)};
    }
    v->docs = d;
    v->ndocs = n;
}

void dashboard_page_matrix(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    struct compl_result res;
    int st = matrix_load(r, db, &c, &res);
    if (st) {
        res_error(r, st);
        return;
    }
    struct dash_view v;
    memset(&v, 0, sizeof v);
    dash_pg_fill_form(r, db, &c, &v);
    if (!c.regime) v.notice = _("There is no reporting regime yet.");
    else if (!c.nall) v.notice = _("This regime has no periods yet.");
    else if (!res.nrows) v.notice = _("No unit under this one is expected to report in these periods.");
    fill_matrix(r, &c, &res, &v);
    fill_chart(r, &res, &v);
    v.csv_href = dash_pg_href(r, "/dashboard.csv", c.q);
    v.xlsx_href = dash_pg_href(r, "/dashboard.xlsx", c.q);
    v.json_href = dash_pg_href(r, "/api/reporting/completeness", c.q);
    v.pivot_href = dash_pg_href(r, "/dashboard/pivot", c.q);
    fill_docs(r, &c, &v);
    struct page pg;
    dash_pg_page_for(r, &pg, _("Completeness and timeliness"));
    tpl_report_dashboard_matrix(&r->out, &v, &pg, static_path("dashboard.css"));
}

/* The matrix as a long table: one line per unit and period where something was expected,
 * then one total line per period. */
static void matrix_table(dv_req *r, const struct compl_result *res, struct xt_table *t)
{
    static const char *const cols[] = {
        N_("Unit code"), N_("Unit"), N_("Period"), N_("Status"), N_("Approved"), N_("Deadline"),
        N_("First submitted (UTC)"), N_("Expected"), N_("Received"), N_("On time"), N_("Late"),
        N_("Missing"), N_("Returned"), N_("Not yet due"), N_("Received rate (%)"), N_("On-time rate (%)"),
    };
    const size_t nc = sizeof cols / sizeof *cols;
    const char **hdr = arena_alloc(r->arena, nc * sizeof *hdr);
    for (size_t i = 0; i < nc; i++) hdr[i] = _(cols[i]);
    size_t cap = res->nrows * res->nperiods + res->nperiods + 1;
    struct xt_cell *cells = arena_alloc(r->arena, cap * nc * sizeof *cells);
    size_t n = 0;
    for (size_t i = 0; i <= res->nrows; i++) {
        for (size_t j = 0; j < res->nperiods; j++) {
            const struct compl_row *w = i < res->nrows ? &res->rows[i] : NULL;
            const struct compl_counts *k = w ? &w->cells[j].sub : &res->totals[j];
            if (w && !k->expected) continue;
            struct xt_cell *x = &cells[n++ * nc];
            x[0].text = w ? w->code : "";
            x[1].text = w ? w->name : _("Total");
            x[1].bold = !w;
            x[2].text = res->periods[j].label;
            if (w && w->cells[j].status) {
                x[3].text = compl_status_label(w->cells[j].status);
                x[4].text = w->cells[j].approved ? _("yes") : "";
                x[5].text = w->cells[j].deadline;
                x[6].text = w->cells[j].first_submitted_at;
            }
            double v[] = {k->expected, k->received, k->on_time, k->late, k->missing, k->returned, k->not_due,
                          dash_pg_round1(compl_received_rate(k)), dash_pg_round1(compl_on_time_rate(k))};
            for (size_t m = 0; m < 9; m++) {
                x[7 + m].is_num = 1;
                x[7 + m].num = v[m];
                x[7 + m].bold = !w;
            }
        }
    }
    *t = (struct xt_table){.sheet = _("Completeness"), .ncols = nc, .header = hdr, .cells = cells, .nrows = n,
                           .freeze_cols = 3};
}

static void send_file(dv_req *r, const char *type, const char *name, dv_buf *b)
{
    r->content_type = type;
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", name));
    buf_append(&r->out, b->data ? b->data : "", b->len);
    r->status = 200;
}

/* An export answered as a download: the table as BASE.xlsx, or as BASE.csv. */
void dash_pg_send_table(dv_req *r, const struct xt_table *t, int xlsx, const char *base)
{
    dv_buf b = DV_BUF_INIT;
    if (xlsx) {
        if (export_xlsx(t, &b) != 0) {
            buf_free(&b);
            res_error(r, 500);
            return;
        }
        send_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  arena_printf(r->arena, "%s.xlsx", base), &b);
    } else {
        export_csv(t, &b);
        send_file(r, "text/csv; charset=utf-8", arena_printf(r->arena, "%s.csv", base), &b);
    }
    buf_free(&b);
}

static void matrix_export(dv_req *r, int xlsx)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    struct compl_result res;
    int st = matrix_load(r, db, &c, &res);
    if (st) {
        res_error(r, st);
        return;
    }
    struct xt_table t;
    matrix_table(r, &res, &t);
    dash_pg_send_table(r, &t, xlsx, "chuyencan");
}

void dashboard_matrix_csv(dv_req *r) { matrix_export(r, 0); }
void dashboard_matrix_xlsx(dv_req *r) { matrix_export(r, 1); }

void dashboard_page_api_completeness(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    int st = dash_pg_dash_load(r, db, &c);
    if (!st && !c.regime) st = 404;
    if (st) {
        dash_pg_json_error(r, st);
        return;
    }
    struct compl_result res;
    if (compute_matrix(r, db, &c, &res) != 0) {
        dash_pg_json_error(r, 500);
        return;
    }
    char today[11];
    clock_vn_today(today);
    json_t *o = json_object();
    dash_pg_json_regime_unit(o, &c);
    json_object_set_new(o, "today", json_string(today));
    json_t *ps = json_array();
    for (size_t j = 0; j < res.nperiods; j++) {
        const struct compl_period *p = &res.periods[j];
        json_array_append_new(ps, json_pack("{sI ss ss ss so sf sf}", "id", (json_int_t)p->id, "label", p->label,
                                            "close_start", p->close_start, "close_end", p->close_end, "counts",
                                            dash_pg_json_counts(&res.totals[j]), "received_rate",
                                            dash_pg_round1(compl_received_rate(&res.totals[j])), "on_time_rate",
                                            dash_pg_round1(compl_on_time_rate(&res.totals[j]))));
    }
    json_object_set_new(o, "periods", ps);
    json_object_set_new(o, "totals", json_pack("{so sf sf}", "counts", dash_pg_json_counts(&res.grand), "received_rate",
                                               dash_pg_round1(compl_received_rate(&res.grand)), "on_time_rate",
                                               dash_pg_round1(compl_on_time_rate(&res.grand))));
    json_t *rows = json_array();
    for (size_t i = 0; i < res.nrows; i++) {
        const struct compl_row *w = &res.rows[i];
        json_t *cells = json_array();
        for (size_t j = 0; j < res.nperiods; j++) {
            const struct compl_cell *x = &w->cells[j];
            json_array_append_new(
                cells, json_pack("{sI so sb sb so so so}", "period_id", (json_int_t)res.periods[j].id, "status",
                                 x->status ? json_string(compl_status_code(x->status)) : json_null(), "approved",
                                 x->approved, "in_tree", x->in_tree, "deadline", dash_pg_jstr(x->deadline),
                                 "first_submitted_at", dash_pg_jstr(x->first_submitted_at), "counts", dash_pg_json_counts(&x->sub)));
        }
        json_array_append_new(rows, json_pack("{sI so so so sb sb so so}", "unit_id", (json_int_t)w->unit_id, "code",
                                              dash_pg_jstr(w->code), "name", dash_pg_jstr(w->name), "type", dash_pg_jstr(w->type), "self",
                                              w->is_root, "has_children", w->has_children, "counts",
                                              dash_pg_json_counts(&w->total), "cells", cells));
    }
    json_object_set_new(o, "rows", rows);
    json_t *levels = json_array();
    for (size_t i = 0; i < res.nlevels; i++) {
        json_t *per = json_array();
        for (size_t j = 0; j < res.nperiods; j++) json_array_append_new(per, dash_pg_json_counts(&res.levels[i].counts[j]));
        json_array_append_new(levels, json_pack("{ss ss so so}", "type", res.levels[i].type, "label",
                                                unit_type_label(res.levels[i].type), "counts",
                                                dash_pg_json_counts(&res.levels[i].total), "periods", per));
    }
    json_object_set_new(o, "levels", levels);
    dash_pg_json_answer(r, 200, o);
}
