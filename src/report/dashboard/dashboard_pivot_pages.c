/* dashboard_pivot_pages.c - the pivot table of a regime's indicators (page, CSV/XLSX export, JSON) and the years of the yearly view (routed by dashboard_routes.c). */
#include "report/dashboard/dashboard_pages_int.h"
#include "core/clock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (pivot_compute(db, r->arena, p->ind->id, p->opt ? p->opt->id : 0, dash_pg_sel(c), dash_pg_nsel(c), c->root.id, &p->res) != 0)
        return 500;
    c->q = arena_printf(r->arena, "%s&indicator=%lld&option=%lld", c->q, (long long)p->ind->id,
                        (long long)(p->opt ? p->opt->id : 0));
    return 0;
}

/* dash_load, then pivot_load: 0, or the HTTP status to answer with. */
static int dash_pivot_load(dv_req *r, dv_db *db, struct dash_ctx *c, struct pivot_ctx *p)
{
    int st = dash_pg_dash_load(r, db, c);
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
    dash_pg_fill_form(r, db, &c, &v);
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
        for (size_t j = 0; j < np; j++) vals[j] = w->has[j] ? dash_pg_num_text(r, w->values[j]) : "";
        rows[i].name = pivot_row_name(r, w);
        rows[i].cls = arena_printf(r->arena, "lvl-%d%s%s", w->depth > 5 ? 5 : w->depth, w->is_parent ? " parent" : "",
                                   w->is_own ? " own" : "");
        rows[i].values = vals;
        rows[i].total = dash_pg_num_text(r, w->total);
    }
    v.prows = rows;
    v.nprows = p.res.nrows;
    v.csv_href = dash_pg_href(r, "/dashboard/pivot.csv", c.q);
    v.xlsx_href = dash_pg_href(r, "/dashboard/pivot.xlsx", c.q);
    v.json_href = dash_pg_href(r, "/api/reporting/pivot", c.q);
    v.matrix_href = dash_pg_href(r, "/dashboard", c.q);
    struct page pg;
    dash_pg_page_for(r, &pg, _("Indicator sums"));
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
    dash_pg_send_table(r, &t, xlsx, "tonghop");
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
        dash_pg_json_error(r, st);
        return;
    }
    json_t *o = json_object();
    dash_pg_json_regime_unit(o, &c);
    json_object_set_new(o, "indicator", json_pack("{sI so so}", "id", (json_int_t)p.ind->id, "code", dash_pg_jstr(p.ind->code),
                                                  "name", dash_pg_jstr(p.ind->name)));
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
                                              dash_pg_jstr(w->code), "name", dash_pg_jstr(w->name), "depth", w->depth, "parent",
                                              w->is_parent, "own", w->is_own, "values", vals, "total", w->total));
    }
    json_object_set_new(o, "rows", rows);
    dash_pg_json_answer(r, 200, o);
}

/* GET /api/reporting/years?regime=&unit=&from_year=&to_year= : the unit's children (unit 0
 * or absent for an admin: the top-level units) × calendar years, completeness counts and
 * rates plus the sum of every numeric indicator (completeness_year_table; cached per period
 * while the data are unchanged). Years default to last year and this year; 20 at most. */
void dashboard_page_api_years(dv_req *r)
{
    dv_db *db = db_thread();
    struct dash_ctx c;
    int st = dash_pg_dash_load(r, db, &c);
    if (!st && !c.regime) st = 404;
    if (st) {
        dash_pg_json_error(r, st);
        return;
    }
    char today[11];
    clock_vn_today(today);
    int this_year = clock_vn_year();
    int64_t fy = dash_pg_query_id(r, "from_year"), ty = dash_pg_query_id(r, "to_year");
    int from = fy > 0 ? (int)fy : this_year - 1, to = ty > 0 ? (int)ty : this_year;
    if (from > to || to - from >= 20 || from < 1900 || to > 9999) {
        dash_pg_json_error(r, 404);
        return;
    }
    struct year_table t;
    if (completeness_year_table(db, r->arena, c.regime->id, c.root.id, from, to, today, &t) != 0) {
        dash_pg_json_error(r, 500);
        return;
    }
    json_t *o = json_object();
    dash_pg_json_regime_unit(o, &c);
    json_object_set_new(o, "from_year", json_integer(from));
    json_object_set_new(o, "to_year", json_integer(to));
    json_t *inds = json_array();
    for (size_t k = 0; k < t.nindicators; k++)
        json_array_append_new(inds, json_pack("{sI so so}", "id", (json_int_t)t.indicators[k].id, "code",
                                              dash_pg_jstr(t.indicators[k].code), "name", dash_pg_jstr(t.indicators[k].name)));
    json_object_set_new(o, "indicators", inds);
    json_t *rows = json_array();
    for (size_t i = 0; i < t.nrows; i++) {
        json_t *years = json_array();
        for (size_t y = 0; y < t.nyears; y++) {
            const struct year_cell *yc = &t.rows[i].years[y];
            json_t *sums = json_array();
            for (size_t k = 0; k < t.nindicators; k++) json_array_append_new(sums, json_real(yc->sums[k]));
            json_array_append_new(years, json_pack("{si so sf sf so}", "year", from + (int)y, "counts",
                                                   dash_pg_json_counts(&yc->c), "received_rate",
                                                   dash_pg_round1(compl_received_rate(&yc->c)), "on_time_rate",
                                                   dash_pg_round1(compl_on_time_rate(&yc->c)), "sums", sums));
        }
        json_array_append_new(rows, json_pack("{sI so so so}", "unit_id", (json_int_t)t.rows[i].unit_id, "code",
                                              dash_pg_jstr(t.rows[i].code), "name", dash_pg_jstr(t.rows[i].name), "years", years));
    }
    json_object_set_new(o, "rows", rows);
    dash_pg_json_answer(r, 200, o);
}
