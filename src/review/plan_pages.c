/* plan_pages.c - the review area's board (plan vs done, inspections past their legal length,
 * recommendations overdue), the annual plans and their items. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "review/conference.h"
#include "review/summary.h"
#include "review/review_access.h"
#include "review/review_routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *plan_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/plans/%lld", (long long)id);
}

static const char *insp_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/inspections/%lld", (long long)id);
}

static const char *status_label(const char *code)
{
    enum insp_status s;
    return insp_status_parse(code, &s) == 0 ? insp_status_label(s) : "";
}

/* ---- the board ---- */

static void board_late(dv_req *r, dv_db *db, struct rv_table *t, const struct review_board *b, const char *today)
{
    *t = (struct rv_table){"late", _("Inspections past their legal length"), _("None: every inspection in progress is within its legal length."),
                           {_("Inspection"), _("Unit"), _("Started"), _("Last day allowed")}, 4, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (b->nlate + 1) * sizeof *t->rows);
    for (size_t k = 0; k < b->nlate; k++) {
        const struct inspection *i = &b->late[k];
        if (!review_can_read_unit(db, r->user, i->unit_id)) continue;
        char last[11];
        review_last_day(i->started_on, review_base_days(db, i->level), i->extension_days, last);
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{i->title, i->unit_name, rv_dmy(r, i->started_on), rv_dmy(r, last)}, insp_href(r, i->id), {0}, "late", {0}};
    }
    (void)today;
}

static void board_overdue(dv_req *r, dv_db *db, struct rv_table *t, const struct review_board *b)
{
    *t = (struct rv_table){"overdue", _("Recommendations overdue"), _("None: no recommendation is past its deadline."),
                           {_("Recommendation"), _("Lead unit"), _("Due by"), _("Inspection")}, 4, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (b->noverdue + 1) * sizeof *t->rows);
    for (size_t k = 0; k < b->noverdue; k++) {
        const struct insp_rec *c = &b->overdue[k];
        if (!review_can_read_unit(db, r->user, c->lead_unit_id)) continue;
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{c->text, c->lead_name, rv_dmy(r, c->deadline), _("Not done yet")}, NULL, {0}, "late", {0}};
        w->cell_href[3] = insp_href(r, c->inspection_id);
    }
}

static void board_lists(dv_req *r, dv_db *db, struct rv_page *v)
{
    struct insp_plan *plans = NULL;
    struct inspection *ins = NULL;
    size_t np = 0, ni = 0;
    review_plans_list(db, r->arena, &plans, &np);
    review_inspections_list(db, r->arena, &ins, &ni);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"plans", _("Annual plans"), _("No plan yet."), {_("Plan"), _("Unit"), _("Year")}, 3, NULL, 0,
                           "/review/plans/new", _("New annual plan")};
    t->rows = arena_alloc(r->arena, (np + 1) * sizeof *t->rows);
    for (size_t k = 0; k < np; k++)
        if (review_can_read_unit(db, r->user, plans[k].unit_id))
            t->rows[t->n++] = (struct rv_row){{plans[k].title, plans[k].unit_name, rv_num(r, plans[k].year)},
                                              plan_href(r, plans[k].id), {0}, NULL, {0}};
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"inspections", _("Inspections and supervisions"), _("No inspection yet."),
                           {_("Title"), _("Kind"), _("Unit"), _("Status")}, 4, NULL, 0, "/review/inspections/new",
                           _("New inspection outside the plan")};
    t->rows = arena_alloc(r->arena, (ni + 1) * sizeof *t->rows);
    for (size_t k = 0; k < ni; k++)
        if (review_can_read_unit(db, r->user, ins[k].unit_id))
            t->rows[t->n++] = (struct rv_row){{ins[k].title, rv_kind_label(ins[k].kind), ins[k].unit_name,
                                               status_label(ins[k].status)},
                                              insp_href(r, ins[k].id), {0}, NULL, {0}};
}

static void board_conferences(dv_req *r, dv_db *db, struct rv_page *v)
{
    struct conference *c = NULL;
    size_t n = 0;
    conf_list(db, r->arena, &c, &n);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"conferences", _("Review conferences"), _("No conference yet."), {_("Conference"), _("Unit"), _("Date"), _("Status")},
                           4, NULL, 0, "/review/conferences/new", _("New review conference")};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    for (size_t k = 0; k < n; k++)
        if (review_can_read_unit(db, r->user, c[k].unit_id))
            t->rows[t->n++] = (struct rv_row){{c[k].title, c[k].unit_name, rv_dmy(r, c[k].held_on),
                                               strcmp(c[k].status, "closed") == 0 ? _("Conference closed") : strcmp(c[k].status, "held") == 0 ? _("Held (minutes written)") : _("In preparation")},
                                              arena_printf(r->arena, "/review/conferences/%lld", (long long)c[k].id), {0}, NULL, {0}};
}

static void board_summaries(dv_req *r, dv_db *db, struct rv_page *v)
{
    struct summary *s = NULL;
    size_t n = 0;
    summary_list(db, r->arena, &s, &n);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"summaries", _("Summary reports"), _("No summary report yet."), {_("Report"), _("Unit"), _("Years"), _("Status")}, 4,
                           NULL, 0, "/review/summaries/new", _("New summary report")};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    for (size_t k = 0; k < n; k++)
        if (review_can_read_unit(db, r->user, s[k].unit_id))
            t->rows[t->n++] = (struct rv_row){{s[k].title, s[k].unit_name, arena_printf(r->arena, "%d – %d", s[k].from_year, s[k].to_year),
                                               strcmp(s[k].status, "issued") == 0 ? _("Issued") : _("Draft")},
                                              arena_printf(r->arena, "/review/summaries/%lld", (long long)s[k].id), {0}, NULL, {0}};
}

enum { B_YEAR, B_N };
static const struct input_field board_fields[B_N] = {
    [B_YEAR] = {"year", IN_INT, 0, 2000, 2100, NULL, FK_NUMBER, N_("Year"), NULL, NULL},
};

void review_page_board(dv_req *r)
{
    if (rv_require_use(r)) return;
    struct input_value q[B_N];
    input_query(r, board_fields, B_N, q);
    int year = q[B_YEAR].present && !q[B_YEAR].error ? (int)q[B_YEAR].num : clock_vn_year();
    dv_db *db = db_thread();
    char today[11];
    clock_vn_today(today);
    struct review_board b;
    if (review_board_load(db, r->arena, year, today, &b)) {
        res_error(r, 500);
        return;
    }
    struct rv_page v = {0};
    v.intro = _("Annual plans against what was done, inspections past their legal length (QĐ 331-QĐ/TW) and recommendations past their deadline.");
    v.facts[v.nfacts++] = (struct rv_fact){_("Year"), rv_num(r, year), NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Planned"), rv_num(r, b.planned), NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Started"), rv_num(r, b.started), NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Concluded"), rv_num(r, b.concluded), NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Follow-up closed"), rv_num(r, b.closed), NULL};
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("Previous year"), arena_printf(r->arena, "/review?year=%d", year - 1)};
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("Next year"), arena_printf(r->arena, "/review?year=%d", year + 1)};
    board_late(r, db, &v.tables[v.ntables++], &b, today);
    board_overdue(r, db, &v.tables[v.ntables++], &b);
    board_lists(r, db, &v);
    board_conferences(r, db, &v);
    board_summaries(r, db, &v);
    rv_render(r, &v, _("Inspection and review"), NULL, NULL);
}

/* ---- plans ---- */

enum { P_UNIT, P_YEAR, P_TITLE, P_N };

static void plan_specs(dv_req *r, dv_db *db, struct input_field *s, struct option_view **o, size_t *no)
{
    const char *const *codes;
    *no = rv_own_unit_options(r, db, o, &codes);
    s[P_UNIT] = (struct input_field){"unit", IN_CHOICE, 1, 0, 0, codes, FK_SELECT, N_("Unit"), N_("The unit whose plan it is."), NULL};
    s[P_YEAR] = (struct input_field){"year", IN_INT, 1, 2000, 2100, NULL, FK_NUMBER, N_("Year"), NULL, NULL};
    s[P_TITLE] = (struct input_field){"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"),
                                      N_("E.g. Kế hoạch kiểm tra, giám sát năm 2026."), NULL};
}

static void plan_form(dv_req *r, struct gform_view *v, struct option_view *o, size_t no)
{
    gf_options(v, "unit", o, no, _("Choose…"));
    v->action = "/review/plans";
    v->submit_label = _("Create");
    v->cancel_href = "/review";
    rv_form(r, v, _("New annual plan"), NULL, NULL, NULL, NULL);
}

void review_page_plan_new(dv_req *r)
{
    if (rv_require_use(r)) return;
    dv_db *db = db_thread();
    struct input_field s[P_N];
    struct option_view *o;
    size_t no;
    plan_specs(r, db, s, &o, &no);
    struct gform_view v = {0};
    gform_init(r, &v, s, P_N, NULL);
    gf_set(&v, "year", rv_num(r, clock_vn_year()));
    plan_form(r, &v, o, no);
}

void review_page_plan_create(dv_req *r)
{
    if (rv_require_run(r)) return;
    dv_db *db = db_thread();
    struct input_field s[P_N];
    struct option_view *o;
    size_t no;
    plan_specs(r, db, s, &o, &no);
    struct gform_view v = {0};
    struct input_value fv[P_N];
    if (gform_validate(r, &v, s, P_N, fv) == 0) {
        int64_t unit = strtoll(fv[P_UNIT].str, NULL, 10);
        if (!review_can_manage(db, r->user, unit)) {
            res_error(r, 403);
            return;
        }
        int64_t id = 0;
        int rc = review_plan_create(db, r->user, unit, (int)fv[P_YEAR].num, fv[P_TITLE].str, &id);
        if (rc == DV_ECONFLICT) gf_fail(r, &v, "year", _("This unit already has a plan for that year."));
        else if (rv_saved(r, &v, rc, plan_href(r, id), _("The plan could not be saved.")))
            return;
        r->status = 409;
    } else
        r->status = 422;
    plan_form(r, &v, o, no);
}

void review_page_plan_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct insp_plan p;
    if (rv_load_plan(r, db, 0, &p)) return;
    struct insp_plan_item *it = NULL;
    size_t n = 0;
    if (review_plan_items(db, r->arena, p.id, &it, &n)) {
        res_error(r, 500);
        return;
    }
    int manage = review_can_manage(db, r->user, p.unit_id);
    struct rv_page v = {0};
    v.facts[v.nfacts++] = (struct rv_fact){_("Unit"), p.unit_name, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Year"), rv_num(r, p.year), NULL};
    struct rv_table *t = &v.tables[v.ntables++];
    *t = (struct rv_table){"items", _("Planned inspections and supervisions"), _("Nothing planned yet."),
                           {_("Month"), _("Kind"), _("Subject unit"), _("Content"), _("Period inspected"), _("Inspection")},
                           6, NULL, 0, manage ? arena_printf(r->arena, "%s/items/new", plan_href(r, p.id)) : NULL,
                           _("Add to the plan")};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    for (size_t k = 0; k < n; k++) {
        struct rv_row *w = &t->rows[t->n++];
        const char *st = it[k].inspection_id ? status_label(it[k].inspection_status)
                                             : manage ? _("Start the inspection") : _("Not started");
        *w = (struct rv_row){{rv_num(r, it[k].month), rv_kind_label(it[k].kind), it[k].subject_name, it[k].content,
                              arena_printf(r->arena, "%s – %s", rv_dmy(r, it[k].period_from), rv_dmy(r, it[k].period_to)),
                              st},
                             NULL, {0}, NULL, {0}};
        w->cell_href[5] = it[k].inspection_id ? insp_href(r, it[k].inspection_id)
                          : manage ? arena_printf(r->arena, "/review/inspections/new?item=%lld", (long long)it[k].id)
                                   : NULL;
    }
    rv_render(r, &v, p.title, NULL, NULL);
}

const char *const rv_kind_codes[] = {"inspection", "supervision", NULL};

void rv_kind_options(dv_req *r, struct gform_view *v)
{
    struct option_view *o = arena_alloc(r->arena, 2 * sizeof *o);
    o[0] = (struct option_view){"inspection", _("Inspection"), 0};
    o[1] = (struct option_view){"supervision", _("Supervision"), 0};
    gf_options(v, "kind", o, 2, NULL);
}

enum { I_KIND, I_SUBJECT, I_CONTENT, I_FROM, I_TO, I_MONTH, I_N };

static void item_specs(dv_req *r, dv_db *db, const struct insp_plan *p, struct input_field *s, struct option_view **o,
                       size_t *no)
{
    (void)p;
    const char *const *codes;
    *no = rv_subject_options(r, db, o, &codes);
    s[I_KIND] = (struct input_field){"kind", IN_CHOICE, 1, 0, 0, rv_kind_codes, FK_SELECT, N_("Kind"), NULL, NULL};
    s[I_SUBJECT] = (struct input_field){"subject", IN_CHOICE, 1, 0, 0, codes, FK_SELECT, N_("Subject unit"), NULL, NULL};
    s[I_CONTENT] = (struct input_field){"content", IN_MULTILINE, 1, 1, 2000, NULL, FK_TEXTAREA, N_("Content"), NULL, NULL};
    s[I_FROM] = (struct input_field){"period_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Period inspected: from"),
                                     N_("Date as dd/mm/yyyy, e.g. 01/01/2021."), NULL};
    s[I_TO] = (struct input_field){"period_to", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Period inspected: to"), NULL, NULL};
    s[I_MONTH] = (struct input_field){"month", IN_INT, 1, 1, 12, NULL, FK_NUMBER, N_("Month planned"), NULL, NULL};
}

static void item_form(dv_req *r, struct gform_view *v, const struct insp_plan *p, struct option_view *o, size_t no)
{
    rv_kind_options(r, v);
    gf_options(v, "subject", o, no, _("Choose…"));
    v->action = arena_printf(r->arena, "%s/items", plan_href(r, p->id));
    v->submit_label = _("Add");
    v->cancel_href = plan_href(r, p->id);
    v->intro = _("At most the last five years may be inspected (QĐ 331-QĐ/TW).");
    rv_form(r, v, _("Add to the plan"), p->title, plan_href(r, p->id), NULL, NULL);
}

void review_page_item_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct insp_plan p;
    if (rv_load_plan(r, db, 1, &p)) return;
    struct input_field s[I_N];
    struct option_view *o;
    size_t no;
    item_specs(r, db, &p, s, &o, &no);
    struct gform_view v = {0};
    gform_init(r, &v, s, I_N, NULL);
    item_form(r, &v, &p, o, no);
}

void review_page_item_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct insp_plan p;
    if (rv_load_plan(r, db, 1, &p)) return;
    struct input_field s[I_N];
    struct option_view *o;
    size_t no;
    item_specs(r, db, &p, s, &o, &no);
    struct gform_view v = {0};
    struct input_value fv[I_N];
    int bad = gform_validate(r, &v, s, I_N, fv);
    if (!bad && strcmp(fv[I_FROM].str, fv[I_TO].str) > 0) {
        gf_fail(r, &v, "period_to", _("The end comes before the start."));
        bad = 1;
    }
    if (!bad) {
        char start[11];
        snprintf(start, sizeof start, "%04d-01-01", p.year);
        if (review_period_check(fv[I_FROM].str, fv[I_TO].str, start) != 0 &&
            review_period_check(fv[I_FROM].str, fv[I_TO].str, arena_printf(r->arena, "%04d-12-31", p.year)) != 0) {
            gf_fail(r, &v, "period_from", _("At most the last five years before the inspection may be covered."));
            bad = 1;
        }
    }
    if (!bad) {
        struct insp_plan_item_input in = {fv[I_KIND].str, fv[I_CONTENT].str, fv[I_FROM].str, fv[I_TO].str,
                                          strtoll(fv[I_SUBJECT].str, NULL, 10), (int)fv[I_MONTH].num};
        int rc = review_plan_item_add(db, r->user, p.id, &in, NULL);
        if (rv_saved(r, &v, rc, plan_href(r, p.id), _("The item could not be saved."))) return;
    } else
        r->status = 422;
    item_form(r, &v, &p, o, no);
}
