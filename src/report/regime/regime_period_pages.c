/* regime_period_pages.c - a regime's periods (generated, edited, thematic and ad hoc) and
 * the end of an assignment (routed by regime_routes.c; helpers in regime_pages_int.h). */
#include "report/regime/regime_pages_int.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- periods ---- */

enum { P_FROM, P_TO, P_N };
static const struct input_field gen_specs[P_N] = {
    [P_FROM] = {"from_year", IN_INT, 1, 1900, 9998, NULL, FK_NUMBER, N_("From year"), NULL, NULL},
    [P_TO] = {"to_year", IN_INT, 1, 1900, 9998, NULL, FK_NUMBER, N_("To year"), NULL, NULL},
};

void regime_page_periods_generate(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct input_value fv[P_N];
    int bad = gform_validate(r, &v, gen_specs, P_N, fv);
    if (!bad && fv[P_TO].num < fv[P_FROM].num) {
        gf_fail(r, &v, "to_year", _("Must not be before the first year."));
        bad++;
    } else if (!bad && fv[P_TO].num - fv[P_FROM].num > 50) {
        gf_fail(r, &v, "to_year", _("At most 50 years at a time."));
        bad++;
    }
    if (!bad && period_per_year(g.frequency) == 0) {
        v.general_error = _("Thematic and ad hoc regimes have no periods to generate.");
        bad++;
    }
    if (!bad) {
        int made = 0;
        int rc = period_generate(db, r->user, r->remote_addr, g.id, (int)fv[P_FROM].num, (int)fv[P_TO].num, &made);
        if (rc == 0) {
            page_flash_set(r, "Periods generated.");
            res_redirect(r, arena_printf(r->arena, "/regimes/%lld#periods", (long long)g.id));
            return;
        }
        if (rc != DV_EINVAL) {
            res_error(r, 500);
            return;
        }
        v.general_error = _("Some values are not valid.");
    }
    v.action = arena_printf(r->arena, "/regimes/%lld/periods", (long long)g.id);
    v.submit_label = _("Generate periods");
    v.cancel_href = regime_pg_href(r, g.id);
    regime_pg_form_page(r, &v, _("Generate periods"), &g);
}

/* The period form: window, label and one deadline field per level (named dl-LEVEL, "*"
 * as dl-other). */
struct period_form {
    struct input_field specs[GFORM_MAX];
    size_t n;
    const char *levels[GFORM_MAX];
};

static void period_form_build(dv_req *r, dv_db *db, const struct regime *g, int64_t pid, struct period_form *pf)
{
    memset(pf, 0, sizeof *pf);
    pf->specs[pf->n++] = (struct input_field){"close_start", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Data closing from"),
                                        N_("Date as dd/mm/yyyy, e.g. 15/12/2024."), NULL};
    pf->specs[pf->n++] = (struct input_field){"close_end", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Data closing until"),
                                        N_("The last day whose data the report covers."), NULL};
    pf->specs[pf->n++] = (struct input_field){"label", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Label"), NULL, NULL};
    /* levels: the period's own rows, then the regime's levels it lacks */
    struct period_deadline *pd;
    size_t nd;
    struct regime_def d;
    if (period_deadlines_get(db, r->arena, pid, &pd, &nd)) nd = 0;
    if (regime_load(db, r->arena, g->id, &d)) d.n_deadlines = 0;
    for (size_t i = 0; i < nd + d.n_deadlines && pf->n < GFORM_MAX; i++) {
        const char *lv = i < nd ? pd[i].level : d.deadlines[i - nd].level;
        int seen = 0;
        for (size_t k = 3; k < pf->n; k++)
            if (strcmp(pf->levels[k], lv) == 0) seen = 1;
        if (seen) continue;
        pf->levels[pf->n] = lv;
        const char *name = strcmp(lv, "*") == 0 ? "dl-other" : arena_printf(r->arena, "dl-%s", lv);
        const char *label = arena_printf(r->arena, _("Deadline: %s"), regime_pg_level_label(lv));
        /* the label is already translated: keep gettext from touching it (msgids are English) */
        pf->specs[pf->n++] = (struct input_field){name, IN_DATE, 1, 0, 0, NULL, FK_DATE, label, NULL, NULL};
    }
}

static void period_render(dv_req *r, struct gform_view *v, const struct regime *g, const struct period *p)
{
    regime_pg_gform_show(r, v, g, arena_printf(r->arena, "/periods/%lld", (long long)p->id),
               _("Save"), "#periods", p->label);
}

static int load_period(dv_req *r, dv_db *db, const struct regime *g, struct period *p)
{
    int64_t id = input_path_id(r, "pid");
    if (!id) return -1;
    int rc = period_store_get(db, r->arena, id, p);
    return regime_pg_part_of(r, rc, rc ? 0 : p->regime_id, g);
}

void regime_page_period_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct period p;
    if (regime_pg_load_regime(r, db, &g) || load_period(r, db, &g, &p)) return;
    struct period_form pf;
    period_form_build(r, db, &g, p.id, &pf);
    struct gform_view v = {0};
    gform_init(r, &v, pf.specs, pf.n, NULL);
    gf_set(&v, "close_start", text_date_dmy(r->arena, p.close_start));
    gf_set(&v, "close_end", text_date_dmy(r->arena, p.close_end));
    gf_set(&v, "label", p.label);
    struct period_deadline *pd;
    size_t nd;
    if (period_deadlines_get(db, r->arena, p.id, &pd, &nd)) nd = 0;
    for (size_t i = 3; i < pf.n; i++)
        for (size_t k = 0; k < nd; k++)
            if (strcmp(pd[k].level, pf.levels[i]) == 0) gf_set(&v, pf.specs[i].name, text_date_dmy(r->arena, pd[k].deadline));
    period_render(r, &v, &g, &p);
}

void regime_page_period_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct period p;
    if (regime_pg_load_regime(r, db, &g) || load_period(r, db, &g, &p)) return;
    struct period_form pf;
    period_form_build(r, db, &g, p.id, &pf);
    struct gform_view v = {0};
    struct input_value fv[GFORM_MAX];
    int bad = gform_validate(r, &v, pf.specs, pf.n, fv);
    const char *cs = fv[0].str, *ce = fv[1].str;
    if (!fv[0].error && !fv[1].error && strcmp(ce, cs) < 0) {
        gf_fail(r, &v, "close_end", _("Must not be before the first day of the window."));
        bad++;
    }
    for (size_t i = 3; i < pf.n; i++)
        if (!fv[i].error && !fv[1].error && strcmp(fv[i].str, ce) < 0) {
            gf_fail(r, &v, pf.specs[i].name, _("The deadline cannot be before the end of the data closing window."));
            bad++;
        }
    if (!bad) {
        struct period_deadline dl[GFORM_MAX];
        size_t nd = 0;
        for (size_t i = 3; i < pf.n; i++) {
            dl[nd].level = pf.levels[i];
            snprintf(dl[nd].deadline, sizeof dl[nd].deadline, "%s", fv[i].str);
            nd++;
        }
        int rc = period_update(db, r->user, r->remote_addr, p.id, cs, ce, fv[2].str, dl, nd);
        if (regime_pg_save_result(r, &v, rc, g.id, "#periods")) return;
    }
    period_render(r, &v, &g, &p);
}

/* ---- ending an assignment ---- */

static const struct input_field end_specs[] = {
    {"valid_to", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("No longer applies from"),
     N_("The first day the units no longer report under this rule, as dd/mm/yyyy."), NULL},
};

int regime_pg_load_assignment(dv_req *r, dv_db *db, const struct regime *g, struct regime_assignment *x)
{
    int64_t id = input_path_id(r, "aid");
    if (!id) return -1;
    int rc = regime_assignment_get(db, r->arena, id, x);
    return regime_pg_part_of(r, rc, rc ? 0 : x->regime_id, g);
}

static void end_render(dv_req *r, struct gform_view *v, const struct regime *g, const struct regime_assignment *x)
{
    v->intro = strcmp(x->kind, "type") == 0
                   ? arena_printf(r->arena, _("%s under %s"), unit_type_label(x->unit_type),
                                  x->unit_name ? x->unit_name : g->receiver_name)
                   : x->unit_name;
    regime_pg_gform_show(r, v, g, arena_printf(r->arena, "/assignments/%lld/end", (long long)x->id),
               _("Save"), "#assignments", _("End the assignment"));
}

void regime_page_assignment_end_form(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (regime_pg_load_regime(r, db, &g) || regime_pg_load_assignment(r, db, &g, &x)) return;
    struct gform_view v = {0};
    gform_init(r, &v, end_specs, 1, NULL);
    end_render(r, &v, &g, &x);
}

void regime_page_assignment_end(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (regime_pg_load_regime(r, db, &g) || regime_pg_load_assignment(r, db, &g, &x)) return;
    struct gform_view v = {0};
    struct input_value fv[1];
    if (gform_validate(r, &v, end_specs, 1, fv) == 0) {
        if (strcmp(fv[0].str, x.valid_from) <= 0) {
            gf_fail(r, &v, "valid_to", _("Must be after the first day."));
        } else {
            int rc = regime_assignment_end(db, r->user, r->remote_addr, x.id, fv[0].str);
            if (regime_pg_save_result(r, &v, rc, g.id, "#assignments")) return;
        }
    }
    end_render(r, &v, &g, &x);
}

/* ---- thematic and ad hoc periods ---- */

enum { N_YEAR, N_LABEL, N_START, N_END, N_N };
static const struct input_field newp_specs[N_N] = {
    [N_YEAR] = {"year", IN_INT, 1, 1900, 9998, NULL, FK_NUMBER, N_("Year"), NULL, NULL},
    [N_LABEL] = {"label", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Label"), N_("Empty: numbered automatically."), NULL},
    [N_START] = {"close_start", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Data closing from"),
                 N_("Date as dd/mm/yyyy, e.g. 15/12/2024."), NULL},
    [N_END] = {"close_end", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Data closing until"),
               N_("The last day whose data the report covers."), NULL},
};

static void newp_render(dv_req *r, struct gform_view *v, const struct regime *g)
{
    regime_pg_gform_show(r, v, g, "/periods/new", _("Add"), "#periods",
               _("Add a period"));
}

void regime_page_period_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, newp_specs, N_N, NULL);
    gf_set(&v, "year", regime_pg_num(r, clock_vn_year()));
    newp_render(r, &v, &g);
}

void regime_page_period_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct input_value fv[N_N];
    int bad = gform_validate(r, &v, newp_specs, N_N, fv);
    if (!bad && strcmp(fv[N_END].str, fv[N_START].str) < 0) {
        gf_fail(r, &v, "close_end", _("Must not be before the first day of the window."));
        bad++;
    }
    if (!bad && period_per_year(g.frequency) > 0) {
        v.general_error = _("This regime's periods are generated from its frequency.");
        bad++;
    }
    if (!bad) {
        int rc = period_add(db, r->user, r->remote_addr, g.id, (int)fv[N_YEAR].num, fv[N_LABEL].str,
                            fv[N_START].str, fv[N_END].str, NULL);
        if (regime_pg_save_result(r, &v, rc, g.id, "#periods")) return;
    }
    newp_render(r, &v, &g);
}

