/* board_pages.c - /tasks/board: the follow-up board of a unit's subtree as of any date
 * (units × the four groups plus returned, overdue age, escalations), drill-down through the
 * tree, a chart of the last twelve month ends drawn as SVG by the template, and its CSV and
 * XLSX exports. */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/directive_access.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "report/dashboard/export_table.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

static const char *const fmts[] = {"csv", "xlsx", NULL};
enum { B_UNIT, B_AS_OF, B_DOC, B_FMT, B_N };
static const struct input_field b_fields[B_N] = {
    [B_UNIT] = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, NULL},
    [B_AS_OF] = {"as_of", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("As of"), N_("dd/mm/yyyy; empty = today."), NULL},
    [B_DOC] = {"document", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Document"), NULL, NULL},
    [B_FMT] = {"format", IN_CHOICE, 0, 0, 0, fmts, FK_SELECT, N_("Format"), NULL, NULL},
};

static void cell_row(dv_req *r, const struct task_tally *t, struct dir_board_cell_row *w)
{
    w->total = dpg_num(r, t->total);
    w->on_time = dpg_num(r, t->n[TS_DONE_ON_TIME]);
    w->late = dpg_num(r, t->n[TS_DONE_LATE]);
    w->within = dpg_num(r, t->n[TS_OPEN_WITHIN]);
    w->overdue = dpg_num(r, t->n[TS_OPEN_OVERDUE]);
    w->returned = dpg_num(r, t->n[TS_RETURNED]);
    w->rate = dpg_pct(r, task_tally_done_rate(t));
    w->age = dpg_num(r, t->overdue_age_max);
    w->escalated = dpg_num(r, t->escalated);
}

static void export_board(dv_req *r, const struct board *b, int xlsx)
{
    static const char *hdr[] = {N_("Unit"), N_("Tasks"), N_("Done on time"), N_("Done late"),
                                N_("Not done, within the deadline"), N_("Not done, overdue"), N_("Returned"),
                                N_("Longest overdue (days)"), N_("Escalated")};
    const char **h = arena_alloc(r->arena, 9 * sizeof *h);
    for (int i = 0; i < 9; i++) h[i] = _(hdr[i]);
    struct xt_cell *c = arena_alloc(r->arena, ((b->n + 1) * 9 + 1) * sizeof *c);
    for (size_t i = 0; i <= b->n; i++) {
        const struct task_tally *t = i < b->n ? &b->rows[i].tally : &b->total;
        const char *name = i < b->n ? (b->rows[i].own ? arena_printf(r->arena, "%s (%s)", b->rows[i].name, _("own tasks")) : b->rows[i].name) : _("Total");
        double v[8] = {t->total, t->n[TS_DONE_ON_TIME], t->n[TS_DONE_LATE], t->n[TS_OPEN_WITHIN],
                       t->n[TS_OPEN_OVERDUE], t->n[TS_RETURNED], t->overdue_age_max, t->escalated};
        c[i * 9] = (struct xt_cell){name, 0, 0, 0, i == b->n};
        for (int k = 0; k < 8; k++) c[i * 9 + 1 + k] = (struct xt_cell){NULL, v[k], 1, 0, i == b->n};
    }
    struct xt_table t = {.sheet = _("Follow-up"), .ncols = 9, .header = h, .cells = c, .nrows = b->n + 1, .freeze_cols = 1};
    dpg_send_table(r, &t, arena_printf(r->arena, "follow-up-%s", b->as_of), xlsx);
}

/* The chart: the subtree's totals at the last 12 month ends up to as_of, stacked bars. */
static void chart(dv_req *r, dv_db *db, const struct board *b, struct dir_board_view *v)
{
    enum { NP = 12 };
    const char *dates[NP];
    int y = 0, m = 0, d = 0;
    sscanf(b->as_of, "%d-%d-%d", &y, &m, &d);
    for (int i = NP - 1; i >= 0; i--) {
        long day = i == NP - 1 ? clock_days_from_civil(y, m, d) : clock_days_from_civil(y, m + 1, 1) - 1;
        int yy, mm, dd;
        clock_civil_from_days(day, &yy, &mm, &dd);
        dates[i] = arena_printf(r->arena, "%04d-%02d-%02d", yy, mm, dd);
        if (--m < 1) { m = 12; y--; }
    }
    struct task_tally t[NP];
    memset(t, 0, sizeof t);
    if (board_series(db, r->arena, b->root_id, dates, NP, b->document_id, t) != DV_OK) return;
    long max = 1;
    for (int i = 0; i < NP; i++) if (t[i].total > max) max = t[i].total;
    struct dir_chart_rect *rc = arena_alloc(r->arena, NP * 5 * sizeof *rc);
    struct dir_chart_label *lb = arena_alloc(r->arena, NP * sizeof *lb);
    static const enum task_status order[5] = {TS_DONE_ON_TIME, TS_DONE_LATE, TS_OPEN_WITHIN, TS_OPEN_OVERDUE, TS_RETURNED};
    size_t nr = 0;
    for (int i = 0; i < NP; i++) {
        long long x = 20 + i * 51, base = 210;
        for (int k = 0; k < 5; k++) {
            long long h = (long long)t[i].n[order[k]] * 190 / max;
            if (h <= 0) continue;
            base -= h;
            rc[nr++] = (struct dir_chart_rect){x, base, 36, h, arena_printf(r->arena, "st-%s", task_status_code(order[k])),
                                           arena_printf(r->arena, "%s %s: %s", dpg_dmy(r, dates[i]), task_status_label(order[k]),
                                                        dpg_num(r, t[i].n[order[k]]))};
        }
        lb[i] = (struct dir_chart_label){x + 18, 228, arena_strndup(r->arena, dpg_dmy(r, dates[i]) + 3, 7)};
    }
    v->rects = rc;
    v->nrects = nr;
    v->labels = lb;
    v->nlabels = NP;
    v->chart_caption = arena_printf(r->arena, _("Tasks in each group at the end of the last twelve months (at most %s)."), dpg_num(r, max));
}

static void doc_options(dv_req *r, dv_db *db, int64_t selected, struct dir_board_view *v)
{
    struct document_filter f = {.limit = 300};
    struct document *ds = NULL;
    size_t n = 0;
    if (document_search(db, r->arena, &f, &ds, &n, NULL) != DV_OK) n = 0;
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = (struct option_view){arena_printf(r->arena, "%lld", (long long)ds[i].id), ds[i].code, ds[i].id == selected};
    v->docs = o;
    v->ndocs = n;
}

static void rows_view(dv_req *r, const struct board *b, const char *q, struct dir_board_view *v)
{
    struct dir_board_cell_row *rows = arena_alloc(r->arena, (b->n + 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct board_row *br = &b->rows[i];
        if (br->own && !br->tally.total) continue;
        struct dir_board_cell_row *w = &rows[k++];
        memset(w, 0, sizeof *w);
        w->own = br->own;
        w->name = br->own ? arena_printf(r->arena, "%s (%s)", br->name, _("own tasks")) : br->name;
        w->href = br->own ? arena_printf(r->arena, "/tasks?unit=%lld", (long long)br->unit_id)
                  : br->has_children ? arena_printf(r->arena, "/tasks/board?unit=%lld%s", (long long)br->unit_id, q)
                                     : arena_printf(r->arena, "/tasks?unit=%lld", (long long)br->unit_id);
        cell_row(r, &br->tally, w);
    }
    v->rows = rows;
    v->n = k;
    v->total.name = _("Total");
    cell_row(r, &b->total, &v->total);
}

/* GET /tasks/board?unit=&as_of=&document=[&format=csv|xlsx] */
void directive_page_board(dv_req *r)
{
    struct input_value fv[B_N];
    int bad = input_query(r, b_fields, B_N, fv);
    dv_db *db = db_thread();
    int64_t root = fv[B_UNIT].present && !fv[B_UNIT].error ? fv[B_UNIT].num : dpg_home_unit(r->user);
    if (!directive_can_use(r->user) || (root && directive_can_read_unit(db, r->user, root) != 1) ||
        (!root && dpg_home_unit(r->user))) {
        res_error(r, 403);
        return;
    }
    char today[11];
    clock_vn_today(today);
    const char *as_of = fv[B_AS_OF].present && fv[B_AS_OF].str ? fv[B_AS_OF].str : today;
    int64_t doc = fv[B_DOC].present && !fv[B_DOC].error ? fv[B_DOC].num : 0;
    struct board b;
    if (board_compute(db, r->arena, root, as_of, doc, &b) != DV_OK) {
        res_error(r, 500);
        return;
    }
    if (fv[B_FMT].present && !fv[B_FMT].error) {
        export_board(r, &b, !strcmp(fv[B_FMT].str, "xlsx"));
        return;
    }
    struct dir_board_view v;
    memset(&v, 0, sizeof v);
    const char *q = arena_printf(r->arena, "&as_of=%s&document=%lld", as_of, (long long)doc);
    rows_view(r, &b, q, &v);
    struct unit u = {0};
    const char *name = root && unit_store_get(db, r->arena, root, &u) == DV_OK ? u.name : _("Every unit");
    v.heading = arena_printf(r->arena, _("Follow-up board: %s"), name);
    v.as_of_text = arena_printf(r->arena, _("Status as of %s; overdue tasks escalate after %d days."), dpg_dmy(r, as_of), b.escalate_days);
    field_of(r->arena, &v.f_as_of, &b_fields[B_AS_OF], bad ? &fv[B_AS_OF] : NULL, 0);
    if (!fv[B_AS_OF].error) v.f_as_of.value = dpg_dmy(r, as_of);
    field_of(r->arena, &v.f_doc, &b_fields[B_DOC], NULL, 0);
    doc_options(r, db, doc, &v);
    v.unit_s = root ? arena_printf(r->arena, "%lld", (long long)root) : "";
    v.csv_href = arena_printf(r->arena, "/tasks/board?unit=%s%s&format=csv", v.unit_s, q);
    v.xlsx_href = arena_printf(r->arena, "/tasks/board?unit=%s%s&format=xlsx", v.unit_s, q);
    v.list_href = root ? arena_printf(r->arena, "/tasks?unit=%lld", (long long)root) : "/tasks";
    if (root && u.parent_id && directive_can_read_unit(db, r->user, u.parent_id) == 1) {
        v.up_href = arena_printf(r->arena, "/tasks/board?unit=%lld%s", (long long)u.parent_id, q);
        v.up_label = _("The unit above");
    }
    if (directive_can_configure(db, r->user) == 1) v.settings_href = "/tasks/settings";
    chart(r, db, &b, &v);
    struct page pg;
    page_init(&pg, r, v.heading);
    pg.nav = "board";
    tpl_directive_board(&r->out, &pg, &v);
}
