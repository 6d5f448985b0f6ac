/* regime_part_pages.c - the parts of a regime: deadlines, narrative sections, indicators and
 * the rules between them (routed by regime_routes.c; helpers in regime_pages_int.h). */
#include "report/prefill.h"
#include "report/regime/regime_pages_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deadlines ---- */

static const char *const *level_codes(dv_req *r)
{
    const char **c = arena_alloc(r->arena, (unit_type_count + 2) * sizeof *c);
    c[0] = "*";
    for (size_t i = 0; i < unit_type_count; i++) c[i + 1] = unit_types[i].code;
    return c;
}

enum { D_LEVEL, D_DAYS, D_N };

static void deadline_specs(dv_req *r, struct input_field *s)
{
    s[D_LEVEL] = (struct input_field){"level", IN_CHOICE, 1, 0, 0, level_codes(r), FK_SELECT, N_("Level"),
                                N_("A unit type, or every other level."), NULL};
    s[D_DAYS] = (struct input_field){"days", IN_INT, 1, 0, 366, NULL, FK_NUMBER, N_("Days after the data closing date"),
                               N_("E.g. 5: a window closing on 14/06 must be sent by 19/06."), NULL};
}

static void deadline_render(dv_req *r, struct gform_view *v, const struct regime *g)
{
    struct option_view *o;
    size_t n = regime_pg_type_options(r, 1, &o);
    gf_options(v, "level", o, n, _("Choose…"));
    v->intro = _("Periods generated afterwards get this deadline; existing periods keep theirs (edit them one by one).");
    regime_pg_gform_show(r, v, g, "/deadlines", _("Save"), "#deadlines",
               _("Set a deadline"));
}

void regime_page_deadline_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct input_field s[D_N];
    deadline_specs(r, s);
    struct gform_view v = {0};
    gform_init(r, &v, s, D_N, NULL);
    deadline_render(r, &v, &g);
}

void regime_page_deadline_set(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct input_field s[D_N];
    deadline_specs(r, s);
    struct gform_view v = {0};
    struct input_value fv[D_N];
    if (gform_validate(r, &v, s, D_N, fv) == 0) {
        int rc = regime_deadline_set(db, r->user, r->remote_addr, g.id, fv[D_LEVEL].str, (int)fv[D_DAYS].num);
        if (regime_pg_save_result(r, &v, rc, g.id, "#deadlines")) return;
    }
    deadline_render(r, &v, &g);
}

void regime_page_deadline_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct input_field s[D_N]; /* :level is the form's level */
    deadline_specs(r, s);
    struct input_value lv;
    if (!input_path(r, &s[D_LEVEL], &lv)) return;
    int rc = regime_deadline_delete(db, r->user, r->remote_addr, g.id, lv.str);
    regime_pg_deleted(r, rc, g.id, "#deadlines");
}

/* ---- sections ---- */

enum { S_POS, S_TITLE, S_GUIDE, S_N };
static const struct input_field section_specs[S_N] = {
    [S_POS] = {"position", IN_INT, 1, 1, 100, NULL, FK_NUMBER, N_("No."), N_("The section's place in the report; an existing number is replaced."), NULL},
    [S_TITLE] = {"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"), NULL, NULL},
    [S_GUIDE] = {"guidance", IN_MULTILINE, 0, 0, 5000, NULL, FK_TEXTAREA, N_("Guidance"),
                 N_("What the unit should write in this section."), NULL},
};

static void section_render(dv_req *r, struct gform_view *v, const struct regime *g)
{
    regime_pg_gform_show(r, v, g, "/sections", _("Save"), "#sections",
               _("Narrative section"));
}

/* :pos of a section's routes */
static const struct input_field pos_field = {"pos", IN_INT, 1, 1, 100, NULL, FK_NUMBER, NULL, NULL, NULL};

/* GET /regimes/:id/sections/new and /regimes/:id/sections/:pos/edit */
void regime_page_section_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (regime_pg_load_regime_def(r, db, &g, &d)) return;
    struct gform_view v = {0};
    gform_init(r, &v, section_specs, S_N, NULL);
    struct input_value pv;
    int bad = input_param(r, &pos_field, &pv);
    if (pv.raw) { /* the edit route */
        if (bad) {
            res_error(r, 404);
            return;
        }
        int p = (int)pv.num;
        size_t i = 0;
        while (i < d.n_sections && d.sections[i].position != p) i++;
        if (i == d.n_sections) {
            res_error(r, 404);
            return;
        }
        gf_set(&v, "position", regime_pg_num(r, p));
        gf_set(&v, "title", d.sections[i].title);
        gf_set(&v, "guidance", d.sections[i].guidance);
    } else {
        gf_set(&v, "position", regime_pg_num(r, d.n_sections ? d.sections[d.n_sections - 1].position + 1 : 1));
    }
    section_render(r, &v, &g);
}

void regime_page_section_set(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct input_value fv[S_N];
    if (gform_validate(r, &v, section_specs, S_N, fv) == 0) {
        int rc = regime_section_set(db, r->user, r->remote_addr, g.id, (int)fv[S_POS].num, fv[S_TITLE].str,
                                    fv[S_GUIDE].str);
        if (regime_pg_save_result(r, &v, rc, g.id, "#sections")) return;
    }
    section_render(r, &v, &g);
}

void regime_page_section_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct input_value pv;
    if (!input_path(r, &pos_field, &pv)) return;
    int rc = regime_section_delete(db, r->user, r->remote_addr, g.id, (int)pv.num);
    regime_pg_deleted(r, rc, g.id, "#sections");
}

/* ---- indicators ---- */

enum { I_CODE, I_NAME, I_TYPE, I_UOM, I_REQ, I_CATS, I_SRC, I_POS, I_N };
static const struct input_field ind_specs[I_N] = {
    [I_CODE] = {"code", IN_TEXT, 1, 1, 32, NULL, FK_TEXT, N_("Code"),
                N_("Short and unique in the regime, e.g. I01; rules and the XLSX form use it."), NULL},
    [I_NAME] = {"name", IN_TEXT, 1, 1, 500, NULL, FK_TEXT, N_("Name"), NULL, NULL},
    [I_TYPE] = {"type", IN_CHOICE, 1, 0, 0, indicator_type_codes, FK_SELECT, N_("Type"), NULL, NULL},
    [I_UOM] = {"unit_of_measure", IN_TEXT, 0, 0, 50, NULL, FK_TEXT, N_("Unit of measure"),
               N_("E.g. văn bản, hội nghị, lượt người, triệu đồng."), NULL},
    [I_REQ] = {"required", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("A value is required"), NULL, NULL},
    [I_CATS] = {"category_set", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Disaggregation"),
                N_("Optional: one value per category."), NULL},
    [I_SRC] = {"prefill_source", IN_CHOICE, 0, 0, 0, report_prefill_keys, FK_SELECT, N_("Pre-filled from records"),
               N_("Optional, for a number that is not disaggregated: the report form counts it from the records the system keeps; the officer may correct it with a note the reviewer sees."),
               NULL},
    [I_POS] = {"position", IN_INT, 0, 0, 10000, NULL, FK_NUMBER, N_("Position"), N_("Empty: after the last one."), NULL},
};

static void ind_render(dv_req *r, dv_db *db, struct gform_view *v, const struct regime *g, int64_t iid)
{
    struct option_view *o = arena_alloc(r->arena, 7 * sizeof *o);
    for (int i = 0; i < 6; i++) o[i] = (struct option_view){indicator_type_codes[i], indicator_type_label((enum indicator_type)i), 0};
    gf_options(v, "type", o, 6, _("Choose…"));
    struct category_set *cs;
    size_t n;
    if (category_set_list_visible(r, db, &cs, &n)) n = 0;
    o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    for (size_t i = 0; i < n; i++) o[i] = (struct option_view){regime_pg_num(r, cs[i].id), cs[i].name, 0};
    gf_options(v, "category_set", o, n, _("None"));
    size_t ns = report_prefill_count();
    o = arena_alloc(r->arena, (ns + 1) * sizeof *o);
    for (size_t i = 0; i < ns; i++) o[i] = (struct option_view){report_prefill_at(i)->key, _(report_prefill_at(i)->label), 0};
    gf_options(v, "prefill_source", o, ns, _("None: typed by hand"));
    const char *action = iid ? arena_printf(r->arena, "/indicators/%lld", (long long)iid) : "/indicators";
    regime_pg_gform_show(r, v, g, action, iid ? _("Save") : _("Add"), "#indicators",
               iid ? _("Edit the indicator") : _("Add an indicator"));
}

/* Is set_id one of the sets the user may use (category_set_list_visible)? */
static int set_visible(dv_req *r, dv_db *db, int64_t set_id)
{
    struct category_set *cs;
    size_t n;
    if (category_set_list_visible(r, db, &cs, &n)) return 0;
    for (size_t i = 0; i < n; i++)
        if (cs[i].id == set_id) return 1;
    return 0;
}

static int ind_read(dv_req *r, struct gform_view *v, struct indicator_input *in)
{
    struct input_value fv[I_N];
    int bad = gform_validate(r, v, ind_specs, I_N, fv);
    *in = (struct indicator_input){fv[I_CODE].str, fv[I_NAME].str, fv[I_TYPE].str, fv[I_UOM].str,
                                   (int)fv[I_REQ].num, fv[I_CATS].num, (int)fv[I_POS].num, fv[I_SRC].str};
    if (!bad && in->prefill_source && *in->prefill_source &&
        (in->category_set_id || !fv[I_TYPE].str || (strcmp(fv[I_TYPE].str, "int") && strcmp(fv[I_TYPE].str, "decimal")))) {
        gf_fail(r, v, "prefill_source", _("Only a whole or decimal number that is not disaggregated can be pre-filled."));
        bad++;
    }
    if (!bad && in->category_set_id && !set_visible(r, db_thread(), in->category_set_id)) {
        gf_fail(r, v, "category_set", _("Choose a disaggregation of your scope."));
        bad++;
    }
    return bad + gf_check_code(r, v, &fv[I_CODE], "code");
}

static int ind_store_error(dv_req *r, struct gform_view *v, int rc)
{
    return gform_code_error(r, v, rc, _("This code is already used in this regime."));
}

void regime_page_indicator_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, ind_specs, I_N, NULL);
    ind_render(r, db, &v, &g, 0);
}

void regime_page_indicator_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct indicator_input in;
    if (ind_read(r, &v, &in) == 0) {
        int rc = indicator_add(db, r->user, r->remote_addr, g.id, &in, NULL);
        if (rc == 0) {
            regime_pg_saved(r, g.id, "#indicators");
            return;
        }
        if (ind_store_error(r, &v, rc)) return;
    }
    ind_render(r, db, &v, &g, 0);
}

/* Loads :iid of this regime; -1 when an error page was rendered. */
static int load_indicator(dv_req *r, dv_db *db, const struct regime *g, struct indicator *x)
{
    int64_t id = input_path_id(r, "iid");
    if (!id) return -1;
    int rc = indicator_get(db, r->arena, id, x);
    return regime_pg_part_of(r, rc, rc ? 0 : x->regime_id, g);
}

void regime_page_indicator_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (regime_pg_load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    struct gform_view v = {0};
    gform_init(r, &v, ind_specs, I_N, NULL);
    gf_set(&v, "code", x.code);
    gf_set(&v, "name", x.name);
    gf_set(&v, "type", x.type_code);
    gf_set(&v, "unit_of_measure", x.unit_of_measure);
    gf_set(&v, "required", x.required ? "1" : NULL);
    gf_set(&v, "category_set", x.category_set_id ? regime_pg_num(r, x.category_set_id) : NULL);
    gf_set(&v, "position", regime_pg_num(r, x.position));
    gf_set(&v, "prefill_source", x.prefill_source);
    ind_render(r, db, &v, &g, x.id);
}

void regime_page_indicator_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (regime_pg_load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    struct gform_view v = {0};
    struct indicator_input in;
    if (ind_read(r, &v, &in) == 0) {
        int rc = indicator_update(db, r->user, r->remote_addr, x.id, &in);
        if (rc == 0) {
            regime_pg_saved(r, g.id, "#indicators");
            return;
        }
        if (rc == DV_EDENIED)
            gf_fail(r, &v, "category_set",
                    _("Reports already hold values for this indicator: its disaggregation cannot change."));
        else if (ind_store_error(r, &v, rc)) return;
    }
    ind_render(r, db, &v, &g, x.id);
}

void regime_page_indicator_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (regime_pg_load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    int rc = indicator_delete(db, r->user, r->remote_addr, x.id);
    if (rc == DV_ECONFLICT) {
        page_flash_set(r, "This indicator already has reported values; it cannot be removed.");
        res_redirect(r, regime_pg_at(r, g.id, "#indicators"));
        return;
    }
    regime_pg_deleted(r, rc ? DV_EDB : 0, g.id, "#indicators");
}

/* POST /regimes/:id/indicators/:iid/move with dir=up|down: one place; 400 for another dir
 * or a move past an end (the page shows no such button). */
void regime_page_indicator_move(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (regime_pg_load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    int dir;
    if (gform_move_dir(r, &dir)) return;
    int rc = indicator_move(db, r->user, r->remote_addr, x.id, dir);
    if (rc == DV_EINVAL) {
        res_error(r, 400);
        return;
    }
    regime_pg_deleted(r, rc, g.id, "#indicators");
}

/* ---- rules ---- */

enum { U_LEFT, U_OP, U_RIGHT, U_MSG, U_N };
static const struct input_field rule_specs[U_N] = {
    [U_LEFT] = {"left_code", IN_TEXT, 1, 1, 32, NULL, FK_SELECT, N_("Indicator"), NULL, NULL},
    [U_OP] = {"op", IN_CHOICE, 1, 0, 0, indicator_rule_ops, FK_SELECT, N_("Comparison"), NULL, NULL},
    [U_RIGHT] = {"right_operand", IN_TEXT, 1, 1, 32, NULL, FK_TEXT, N_("Compared with"),
                 N_("Another indicator's code (e.g. I06) or a number."), NULL},
    [U_MSG] = {"message", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Message"),
               N_("Shown beside the field when the rule is broken."), NULL},
};

static void rule_render(dv_req *r, struct gform_view *v, const struct regime *g, const struct regime_def *d)
{
    struct option_view *o = arena_alloc(r->arena, (d->n_indicators + 1) * sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < d->n_indicators; i++)
        if (d->indicators[i].type != IND_TEXT && d->indicators[i].type != IND_BOOL)
            o[k++] = (struct option_view){d->indicators[i].code,
                                          arena_printf(r->arena, "%s – %s", d->indicators[i].code, d->indicators[i].name), 0};
    gf_options(v, "left_code", o, k, _("Choose…"));
    o = arena_alloc(r->arena, 5 * sizeof *o);
    for (int i = 0; i < 5; i++) o[i] = (struct option_view){indicator_rule_ops[i], indicator_rule_ops[i], 0};
    gf_options(v, "op", o, 5, NULL);
    regime_pg_gform_show(r, v, g, "/rules", _("Add"), "#rules",
               _("Add a rule"));
}

void regime_page_rule_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (regime_pg_load_regime_def(r, db, &g, &d)) return;
    struct gform_view v = {0};
    gform_init(r, &v, rule_specs, U_N, NULL);
    gf_set(&v, "op", "<=");
    rule_render(r, &v, &g, &d);
}

void regime_page_rule_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (regime_pg_load_regime_def(r, db, &g, &d)) return;
    struct gform_view v = {0};
    struct input_value fv[U_N];
    int bad = gform_validate(r, &v, rule_specs, U_N, fv);
    struct rule_input in = {fv[U_LEFT].str, fv[U_OP].str, fv[U_RIGHT].str, fv[U_MSG].str};
    const char *which = NULL;
    if (!bad && indicator_rule_check(&d, &in, &which)) {
        if (which && strcmp(which, "left_code") == 0)
            gf_fail(r, &v, "left_code", _("Choose a numeric or date indicator of this regime."));
        else if (which && strcmp(which, "right_operand") == 0)
            gf_fail(r, &v, "right_operand", _("Give a number, or the code of another numeric indicator of this regime."));
        else
            v.general_error = _("Some values are not valid.");
        bad++;
    }
    if (!bad) {
        int rc = indicator_rule_add(db, r->user, r->remote_addr, g.id, &in, NULL);
        if (regime_pg_save_result(r, &v, rc, g.id, "#rules")) return;
    }
    rule_render(r, &v, &g, &d);
}

void regime_page_rule_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (regime_pg_load_regime_def(r, db, &g, &d)) return;
    int64_t rid = input_path_id(r, "rid");
    if (!rid) return;
    size_t i = 0;
    while (i < d.n_rules && d.rules[i].id != rid) i++;
    if (i == d.n_rules) {
        res_error(r, 404);
        return;
    }
    if (indicator_rule_delete(db, r->user, r->remote_addr, rid)) {
        res_error(r, 500);
        return;
    }
    regime_pg_saved(r, g.id, "#rules");
}

