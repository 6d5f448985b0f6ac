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

#define MAX_PERIODS 120   /* columns at most (10 years of months) */
#define DEFAULT_SPAN 6    /* periods shown by default, ending with the current one */

struct dash_ctx {
    struct compl_choice *regimes;
    size_t nregimes;
    const struct compl_choice *regime; /* NULL: there is none */
    struct compl_period *all;
    size_t nall;
    size_t from, to;                   /* indices into all, inclusive */
    struct unit root;
    const char *q;                     /* "regime=1&from=2&to=3&unit=4" */
    int64_t indicator_id, option_id;
};

/* The dashboards' query parameters: ids of the regime, unit, periods, indicator and option,
 * and the years of the yearly view; 0 (or absent) means "not chosen". */
#define DASH_NUM(name) {name, IN_INT, 0, 0, 1000000000000000LL, NULL, FK_SELECT, NULL, NULL, NULL}
static const struct input_field dash_query[] = {
    DASH_NUM("regime"), DASH_NUM("unit"), DASH_NUM("from"), DASH_NUM("to"),
    DASH_NUM("indicator"), DASH_NUM("option"), DASH_NUM("from_year"), DASH_NUM("to_year"),
};

/* The declared parameter name: 0 when absent or empty, -1 when malformed, else its value. */
static int64_t query_id(dv_req *r, const char *name)
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
    int64_t v = query_id(r, name);
    return v < 0 ? 0 : v;
}


/* 0, or the HTTP status to answer with. */
static int dash_load(dv_req *r, dv_db *db, struct dash_ctx *c)
{
    memset(c, 0, sizeof *c);
    if (!report_can_view_dashboards(r->user)) return 403;
    if (compl_store_regimes(db, r->arena, &c->regimes, &c->nregimes) != 0) return 500;
    int64_t rid = query_id(r, "regime");
    if (rid < 0) return 404;
    for (size_t i = 0; i < c->nregimes; i++)
        if (c->regimes[i].id == rid || (!rid && i == 0)) c->regime = &c->regimes[i];
    if (rid && !c->regime) return 404;

    int64_t uid = query_id(r, "unit");
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
        date_today_vn(today);
        size_t cur = 0;
        for (size_t i = 0; i < c->nall; i++)
            if (strcmp(c->all[i].close_start, today) <= 0) cur = i;
        c->to = cur;
        c->from = cur + 1 >= DEFAULT_SPAN ? cur + 1 - DEFAULT_SPAN : 0;
        int64_t f = query_id(r, "from"), t = query_id(r, "to");
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

static size_t nsel(const struct dash_ctx *c)
{
    return c->nall ? c->to - c->from + 1 : 0;
}

static const struct compl_period *sel(const struct dash_ctx *c)
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
static const char *num_text(dv_req *r, double v)
{
    return report_num_format_round(r->arena, v, 2, r->lang);
}

static double round1(double v)
{
    return round(v * 10.0) / 10.0;
}

static void json_answer(dv_req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    res_json(r, status, s ? s : "{}");
    free(s);
}

static void json_error(dv_req *r, int status)
{
    const char *e = status == 403 ? "forbidden" : status == 404 ? "not_found" : "store";
    json_answer(r, status, json_pack("{ss}", "error", e));
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_counts(const struct compl_counts *c)
{
    return json_pack("{sI sI sI sI sI sI sI sI}", "expected", (json_int_t)c->expected, "received",
                     (json_int_t)c->received, "on_time", (json_int_t)c->on_time, "late", (json_int_t)c->late,
                     "missing", (json_int_t)c->missing, "returned", (json_int_t)c->returned, "not_due",
                     (json_int_t)c->not_due, "approved", (json_int_t)c->approved);
}

static json_t *json_regime_unit(json_t *o, const struct dash_ctx *c)
{
    json_object_set_new(o, "regime",
                        c->regime ? json_pack("{sI so so}", "id", (json_int_t)c->regime->id, "code",
                                              jstr(c->regime->code), "name", jstr(c->regime->name))
                                  : json_null());
    json_object_set_new(o, "unit", json_pack("{sI so so}", "id", (json_int_t)c->root.id, "code", jstr(c->root.code),
                                             "name", jstr(c->root.name)));
    return o;
}

/* ---- the matrix ---- */

static int compute_matrix(dv_req *r, dv_db *db, const struct dash_ctx *c, struct compl_result *res)
{
    if (!c->regime || !c->nall) {
        memset(res, 0, sizeof *res);
        return 0;
    }
    return completeness_compute(db, r->arena, c->regime->id, sel(c), nsel(c), c->root.id, NULL, res);
}

static const char *href(dv_req *r, const char *path, const char *q)
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

static void fill_form(dv_req *r, dv_db *db, const struct dash_ctx *c, struct dash_view *v)
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

static void page_for(dv_req *r, struct page *pg, const char *title)
{
    page_init(pg, r, title);
    pg->nav = "dashboard";
}

/* The request's context and its completeness matrix: 0, or the HTTP status to answer. */
static int matrix_load(dv_req *r, dv_db *db, struct dash_ctx *c, struct compl_result *res)
{
    int st = dash_load(r, db, c);
    if (st) return st;
    return compute_matrix(r, db, c, res) != 0 ? 500 : 0;
}

#define DASH_DOCS_MAX 12

/* The consolidated report of the unit shown, for each period shown (the latest first, at
 * most DASH_DOCS_MAX): whoever reads the dashboard of a unit may read its reports. */
static void fill_docs(dv_req *r, const struct dash_ctx *c, struct dash_view *v)
{
    size_t np = nsel(c);
    if (!c->regime || !np) return;
    size_t n = np < DASH_DOCS_MAX ? np : DASH_DOCS_MAX;
    struct dash_doc *d = arena_alloc(r->arena, n * sizeof *d);
    const struct compl_period *p = sel(c);
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
    fill_form(r, db, &c, &v);
    if (!c.regime) v.notice = _("There is no reporting regime yet.");
    else if (!c.nall) v.notice = _("This regime has no periods yet.");
    else if (!res.nrows) v.notice = _("No unit under this one is expected to report in these periods.");
    fill_matrix(r, &c, &res, &v);
    fill_chart(r, &res, &v);
    v.csv_href = href(r, "/dashboard.csv", c.q);
    v.xlsx_href = href(r, "/dashboard.xlsx", c.q);
    v.json_href = href(r, "/api/reporting/completeness", c.q);
    v.pivot_href = href(r, "/dashboard/pivot", c.q);
    fill_docs(r, &c, &v);
    struct page pg;
    page_for(r, &pg, _("Completeness and timeliness"));
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
                          round1(compl_received_rate(k)), round1(compl_on_time_rate(k))};
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
static void send_table(dv_req *r, const struct xt_table *t, int xlsx, const char *base)
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
    send_table(r, &t, xlsx, "chuyencan");
}

void dashboard_matrix_csv(dv_req *r) { matrix_export(r, 0); }
void dashboard_matrix_xlsx(dv_req *r) { matrix_export(r, 1); }

void dashboard_page_api_completeness(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    int st = dash_load(r, db, &c);
    if (!st && !c.regime) st = 404;
    if (st) {
        json_error(r, st);
        return;
    }
    struct compl_result res;
    if (compute_matrix(r, db, &c, &res) != 0) {
        json_error(r, 500);
        return;
    }
    char today[11];
    date_today_vn(today);
    json_t *o = json_object();
    json_regime_unit(o, &c);
    json_object_set_new(o, "today", json_string(today));
    json_t *ps = json_array();
    for (size_t j = 0; j < res.nperiods; j++) {
        const struct compl_period *p = &res.periods[j];
        json_array_append_new(ps, json_pack("{sI ss ss ss so sf sf}", "id", (json_int_t)p->id, "label", p->label,
                                            "close_start", p->close_start, "close_end", p->close_end, "counts",
                                            json_counts(&res.totals[j]), "received_rate",
                                            round1(compl_received_rate(&res.totals[j])), "on_time_rate",
                                            round1(compl_on_time_rate(&res.totals[j]))));
    }
    json_object_set_new(o, "periods", ps);
    json_object_set_new(o, "totals", json_pack("{so sf sf}", "counts", json_counts(&res.grand), "received_rate",
                                               round1(compl_received_rate(&res.grand)), "on_time_rate",
                                               round1(compl_on_time_rate(&res.grand))));
    json_t *rows = json_array();
    for (size_t i = 0; i < res.nrows; i++) {
        const struct compl_row *w = &res.rows[i];
        json_t *cells = json_array();
        for (size_t j = 0; j < res.nperiods; j++) {
            const struct compl_cell *x = &w->cells[j];
            json_array_append_new(
                cells, json_pack("{sI so sb sb so so so}", "period_id", (json_int_t)res.periods[j].id, "status",
                                 x->status ? json_string(compl_status_code(x->status)) : json_null(), "approved",
                                 x->approved, "in_tree", x->in_tree, "deadline", jstr(x->deadline),
                                 "first_submitted_at", jstr(x->first_submitted_at), "counts", json_counts(&x->sub)));
        }
        json_array_append_new(rows, json_pack("{sI so so so sb sb so so}", "unit_id", (json_int_t)w->unit_id, "code",
                                              jstr(w->code), "name", jstr(w->name), "type", jstr(w->type), "self",
                                              w->is_root, "has_children", w->has_children, "counts",
                                              json_counts(&w->total), "cells", cells));
    }
    json_object_set_new(o, "rows", rows);
    json_t *levels = json_array();
    for (size_t i = 0; i < res.nlevels; i++) {
        json_t *per = json_array();
        for (size_t j = 0; j < res.nperiods; j++) json_array_append_new(per, json_counts(&res.levels[i].counts[j]));
        json_array_append_new(levels, json_pack("{ss ss so so}", "type", res.levels[i].type, "label",
                                                unit_type_label(res.levels[i].type), "counts",
                                                json_counts(&res.levels[i].total), "periods", per));
    }
    json_object_set_new(o, "levels", levels);
    json_answer(r, 200, o);
}

/* ---- the pivot ---- */

struct pivot_ctx {
    struct compl_choice *inds;
    size_t ninds;
    const struct compl_choice *ind;
    struct compl_choice *opts;
    size_t nopts;
    const struct compl_choice *opt; /* NULL = option 0 (the total) */
    struct pivot_result res;
};

static int pivot_load(dv_req *r, dv_db *db, struct dash_ctx *c, struct pivot_ctx *p)
{
    memset(p, 0, sizeof *p);
    if (!c->regime) return 0;
    if (compl_store_indicators(db, r->arena, c->regime->id, &p->inds, &p->ninds) != 0) return 500;
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].id == c->indicator_id || (!c->indicator_id && i == 0)) p->ind = &p->inds[i];
    if (c->indicator_id && !p->ind) return 404;
    if (!p->ind) return 0;
    if (p->ind->set_id && compl_store_options(db, r->arena, p->ind->set_id, &p->opts, &p->nopts) != 0) return 500;
    for (size_t i = 0; i < p->nopts; i++)
        if (p->opts[i].id == c->option_id) p->opt = &p->opts[i];
    if (c->option_id && !p->opt) return 404;
    if (!c->nall) return 0;
    if (pivot_compute(db, r->arena, p->ind->id, p->opt ? p->opt->id : 0, sel(c), nsel(c), c->root.id, &p->res) != 0)
        return 500;
    c->q = arena_printf(r->arena, "%s&indicator=%lld&option=%lld", c->q, (long long)p->ind->id,
                        (long long)(p->opt ? p->opt->id : 0));
    return 0;
}

/* dash_load, then pivot_load: 0, or the HTTP status to answer with. */
static int dash_pivot_load(dv_req *r, dv_db *db, struct dash_ctx *c, struct pivot_ctx *p)
{
    int st = dash_load(r, db, c);
    return st ? st : pivot_load(r, db, c, p);
}

static const char *pivot_row_name(dv_req *r, const struct pivot_row *w)
{
    return w->is_own ? arena_printf(r->arena, "%s %s", w->name, _("(its own report)")) : w->name;
}

void dashboard_page_pivot(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    struct pivot_ctx p;
    int st = dash_pivot_load(r, db, &c, &p);
    if (st) {
        res_error(r, st);
        return;
    }
    struct dash_view v;
    memset(&v, 0, sizeof v);
    fill_form(r, db, &c, &v);
    struct dash_option *io = arena_alloc(r->arena, (p.ninds + 1) * sizeof *io);
    for (size_t i = 0; i < p.ninds; i++) {
        io[i].value = arena_printf(r->arena, "%lld", (long long)p.inds[i].id);
        io[i].label = arena_printf(r->arena, "%s — %s", p.inds[i].code, p.inds[i].name);
        io[i].selected = &p.inds[i] == p.ind;
    }
    v.indicators = io;
    v.nindicators = p.ninds;
    if (p.nopts) {
        struct dash_option *oo = arena_alloc(r->arena, (p.nopts + 2) * sizeof *oo);
        oo[0] = (struct dash_option){"0", _("All (total)"), !p.opt};
        for (size_t i = 0; i < p.nopts; i++)
            oo[i + 1] = (struct dash_option){arena_printf(r->arena, "%lld", (long long)p.opts[i].id), p.opts[i].name,
                                             &p.opts[i] == p.opt};
        v.options = oo;
        v.noptions = p.nopts + 1;
    }
    if (!c.regime) v.notice = _("There is no reporting regime yet.");
    else if (!p.ind) v.notice = _("This regime has no numeric indicator.");
    else if (!c.nall) v.notice = _("This regime has no periods yet.");
    size_t np = p.res.nperiods;
    struct dash_total *t = arena_alloc(r->arena, (np + 1) * sizeof *t);
    for (size_t j = 0; j < np; j++) t[j].label = p.res.periods[j].label;
    v.totals = t;
    v.nperiods = np;
    if (p.ind)
        v.indicator_name = p.opt ? arena_printf(r->arena, "%s (%s)", p.ind->name, p.opt->name) : p.ind->name;
    struct dash_prow *rows = arena_alloc(r->arena, (p.res.nrows + 1) * sizeof *rows);
    for (size_t i = 0; i < p.res.nrows; i++) {
        const struct pivot_row *w = &p.res.rows[i];
        const char **vals = arena_alloc(r->arena, (np + 1) * sizeof *vals);
        for (size_t j = 0; j < np; j++) vals[j] = w->has[j] ? num_text(r, w->values[j]) : "";
        rows[i].name = pivot_row_name(r, w);
        rows[i].cls = arena_printf(r->arena, "lvl-%d%s%s", w->depth > 5 ? 5 : w->depth, w->is_parent ? " parent" : "",
                                   w->is_own ? " own" : "");
        rows[i].values = vals;
        rows[i].total = num_text(r, w->total);
    }
    v.prows = rows;
    v.nprows = p.res.nrows;
    v.csv_href = href(r, "/dashboard/pivot.csv", c.q);
    v.xlsx_href = href(r, "/dashboard/pivot.xlsx", c.q);
    v.json_href = href(r, "/api/reporting/pivot", c.q);
    v.matrix_href = href(r, "/dashboard", c.q);
    struct page pg;
    page_for(r, &pg, _("Indicator sums"));
    tpl_report_dashboard_pivot(&r->out, &v, &pg, static_path("dashboard.css"));
}

static void pivot_export(dv_req *r, int xlsx)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    struct pivot_ctx p;
    int st = dash_pivot_load(r, db, &c, &p);
    if (!st && !p.ind) st = 404;
    if (st) {
        res_error(r, st);
        return;
    }
    size_t np = p.res.nperiods, nc = np + 3;
    const char **hdr = arena_alloc(r->arena, nc * sizeof *hdr);
    hdr[0] = _("Unit code");
    hdr[1] = _("Unit");
    for (size_t j = 0; j < np; j++) hdr[2 + j] = p.res.periods[j].label;
    hdr[nc - 1] = _("All periods");
    struct xt_cell *cells = arena_alloc(r->arena, (p.res.nrows + 1) * nc * sizeof *cells);
    for (size_t i = 0; i < p.res.nrows; i++) {
        const struct pivot_row *w = &p.res.rows[i];
        struct xt_cell *x = &cells[i * nc];
        x[0].text = w->code;
        x[1].text = pivot_row_name(r, w);
        x[1].indent = w->depth;
        x[1].bold = w->is_parent;
        for (size_t j = 0; j < np; j++) {
            if (!w->has[j]) continue;
            x[2 + j].is_num = 1;
            x[2 + j].num = w->values[j];
            x[2 + j].bold = w->is_parent;
        }
        x[nc - 1].is_num = 1;
        x[nc - 1].num = w->total;
        x[nc - 1].bold = w->is_parent;
    }
    struct xt_table t = {.sheet = p.ind->code, .ncols = nc, .header = hdr, .cells = cells, .nrows = p.res.nrows,
                         .freeze_cols = 2};
    send_table(r, &t, xlsx, "tonghop");
}

void dashboard_pivot_csv(dv_req *r) { pivot_export(r, 0); }
void dashboard_pivot_xlsx(dv_req *r) { pivot_export(r, 1); }

void dashboard_page_api_pivot(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    struct pivot_ctx p;
    int st = dash_pivot_load(r, db, &c, &p);
    if (!st && (!c.regime || !p.ind)) st = 404;
    if (st) {
        json_error(r, st);
        return;
    }
    json_t *o = json_object();
    json_regime_unit(o, &c);
    json_object_set_new(o, "indicator", json_pack("{sI so so}", "id", (json_int_t)p.ind->id, "code", jstr(p.ind->code),
                                                  "name", jstr(p.ind->name)));
    json_object_set_new(o, "option_id", json_integer(p.opt ? p.opt->id : 0));
    json_t *ps = json_array();
    for (size_t j = 0; j < p.res.nperiods; j++) {
        const struct compl_period *x = &p.res.periods[j];
        json_array_append_new(ps, json_pack("{sI ss ss ss}", "id", (json_int_t)x->id, "label", x->label, "close_start",
                                            x->close_start, "close_end", x->close_end));
    }
    json_object_set_new(o, "periods", ps);
    json_t *rows = json_array();
    for (size_t i = 0; i < p.res.nrows; i++) {
        const struct pivot_row *w = &p.res.rows[i];
        json_t *vals = json_array();
        for (size_t j = 0; j < p.res.nperiods; j++)
            json_array_append_new(vals, w->has[j] ? json_real(w->values[j]) : json_null());
        json_array_append_new(rows, json_pack("{sI so so si sb sb so sf}", "unit_id", (json_int_t)w->unit_id, "code",
                                              jstr(w->code), "name", jstr(w->name), "depth", w->depth, "parent",
                                              w->is_parent, "own", w->is_own, "values", vals, "total", w->total));
    }
    json_object_set_new(o, "rows", rows);
    json_answer(r, 200, o);
}

/* GET /api/reporting/years?regime=&unit=&from_year=&to_year= : the unit's children (unit 0
 * or absent for an admin: the top-level units) × calendar years, completeness counts and
 * rates plus the sum of every numeric indicator (completeness_year_table; cached per period
 * while the data are unchanged). Years default to last year and this year; 20 at most. */
void dashboard_page_api_years(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    int st = dash_load(r, db, &c);
    if (!st && !c.regime) st = 404;
    if (st) {
        json_error(r, st);
        return;
    }
    char today[11];
    date_today_vn(today);
    int this_year = atoi(today);
    int64_t fy = query_id(r, "from_year"), ty = query_id(r, "to_year");
    int from = fy > 0 ? (int)fy : this_year - 1, to = ty > 0 ? (int)ty : this_year;
    if (from > to || to - from >= 20 || from < 1900 || to > 9999) {
        json_error(r, 404);
        return;
    }
    struct year_table t;
    if (completeness_year_table(db, r->arena, c.regime->id, c.root.id, from, to, today, &t) != 0) {
        json_error(r, 500);
        return;
    }
    json_t *o = json_object();
    json_regime_unit(o, &c);
    json_object_set_new(o, "from_year", json_integer(from));
    json_object_set_new(o, "to_year", json_integer(to));
    json_t *inds = json_array();
    for (size_t k = 0; k < t.nindicators; k++)
        json_array_append_new(inds, json_pack("{sI so so}", "id", (json_int_t)t.indicators[k].id, "code",
                                              jstr(t.indicators[k].code), "name", jstr(t.indicators[k].name)));
    json_object_set_new(o, "indicators", inds);
    json_t *rows = json_array();
    for (size_t i = 0; i < t.nrows; i++) {
        json_t *years = json_array();
        for (size_t y = 0; y < t.nyears; y++) {
            const struct year_cell *yc = &t.rows[i].years[y];
            json_t *sums = json_array();
            for (size_t k = 0; k < t.nindicators; k++) json_array_append_new(sums, json_real(yc->sums[k]));
            json_array_append_new(years, json_pack("{si so sf sf so}", "year", from + (int)y, "counts",
                                                   json_counts(&yc->c), "received_rate",
                                                   round1(compl_received_rate(&yc->c)), "on_time_rate",
                                                   round1(compl_on_time_rate(&yc->c)), "sums", sums));
        }
        json_array_append_new(rows, json_pack("{sI so so so}", "unit_id", (json_int_t)t.rows[i].unit_id, "code",
                                              jstr(t.rows[i].code), "name", jstr(t.rows[i].name), "years", years));
    }
    json_object_set_new(o, "rows", rows);
    json_answer(r, 200, o);
}
