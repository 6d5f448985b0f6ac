/* regime_pages.c - the regime admin pages: the list, a regime's overview (who reports, the
 * deadlines per level, sections, indicators, rules, periods) and the validated forms that
 * edit each part. Admins, and staff for regimes whose receiver is inside their scope.
 * Each handler: check access → validate input → call the store → render. */
#include "report/regime/regime_pages.h"
#include "report/regime/category_set_pages.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/http.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "report/report_access.h"
#include "core/principal.h"
#include "report/completeness/expected.h"
#include "report/period.h"
#include "report/regime/regime.h"
#include "report/entry/gform.h"
#include "report/regime/regime_view.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- access ---- */

static int is_manager(const dv_req *r)
{
    return report_can_manage_regimes(r->user);
}

static int can_manage(dv_req *r, dv_db *db, int64_t receiver_id)
{
    return report_can_manage_regime(db, r->user, receiver_id);
}

static int require_manager(dv_req *r)
{
    if (is_manager(r)) return 0;
    res_error(r, r->user ? 403 : 401);
    return -1;
}

/* Loads :id (the regime) and checks access; -1 when an error page was rendered. */
static int load_regime(dv_req *r, dv_db *db, struct regime *g)
{
    if (require_manager(r)) return -1;
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = regime_store_get(db, r->arena, id, g);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    if (!can_manage(r, db, g->receiver_unit_id)) {
        res_error(r, 403);
        return -1;
    }
    return 0;
}

/* After reading a part of regime g (an indicator, a period, an assignment) named in the
 * URL: 0 when the read succeeded (rc 0) and the part's regime_id is g's, else 404 is
 * rendered and -1 returned. */
static int part_of(dv_req *r, int rc, int64_t regime_id, const struct regime *g)
{
    if (rc == 0 && regime_id == g->id) return 0;
    res_error(r, 404);
    return -1;
}

/* load_regime, then the regime's full definition; -1 when an error page was rendered. */
static int load_regime_def(dv_req *r, dv_db *db, struct regime *g, struct regime_def *d)
{
    if (load_regime(r, db, g)) return -1;
    if (regime_load(db, r->arena, g->id, d)) {
        res_error(r, 500);
        return -1;
    }
    return 0;
}

static const char *regime_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/regimes/%lld", (long long)id);
}

static const char *dmy(dv_req *r, const char *iso)
{
    if (!iso || !*iso) return NULL;
    char *o = arena_alloc(r->arena, 11);
    date_to_vn(iso, o);
    return o;
}

static const char *span(dv_req *r, const char *from, const char *to)
{
    if (!to) return arena_printf(r->arena, _("from %s"), dmy(r, from));
    return arena_printf(r->arena, "%s – %s", dmy(r, from), dmy(r, to));
}

static const char *level_label(const char *level)
{
    if (strcmp(level, "*") == 0) return _("Every other level");
    return unit_type_label(level);
}

static const struct crumb *crumbs(dv_req *r, const struct regime *g, const char *last)
{
    struct crumb *c = arena_alloc(r->arena, 4 * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Reporting regimes"), "/regimes"};
    if (g) c[k++] = (struct crumb){g->name, last ? regime_href(r, g->id) : NULL};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

/* ---- the generic form (gform.h) on the regime pages ---- */

/* Renders the form under title, in the regime's crumbs (g NULL: a new regime). */
static void regime_form_page(dv_req *r, struct gform_view *v, const char *title, const struct regime *g)
{
    gform_render(r, v, title, "regimes", crumbs(r, g, title));
}

/* The regime's page at anchor ("#indicators", "" or NULL for the top). */
static const char *regime_at(dv_req *r, int64_t regime_id, const char *anchor)
{
    return arena_printf(r->arena, "/regimes/%lld%s", (long long)regime_id, anchor ? anchor : "");
}

/* Sets the form's action (the regime's path + rest), submit label and cancel link (the
 * regime's page at anchor), then renders it under title. */
static void gform_show(dv_req *r, struct gform_view *v, const struct regime *g, const char *rest,
                       const char *submit, const char *anchor, const char *title)
{
    v->action = regime_at(r, g->id, rest);
    v->submit_label = submit;
    v->cancel_href = regime_at(r, g->id, anchor);
    regime_form_page(r, v, title, g);
}

static void saved(dv_req *r, int64_t regime_id, const char *anchor)
{
    page_flash_set(r, "Saved.");
    res_redirect(r, regime_at(r, regime_id, anchor));
}

/* gform_saved() back to the regime's page at anchor. */
static int save_result(dv_req *r, struct gform_view *v, int rc, int64_t regime_id, const char *anchor)
{
    return gform_saved(r, v, rc, regime_at(r, regime_id, anchor));
}

/* After a delete or a move: the error page (404 for DV_ENOTFOUND, else 500) or the
 * redirect to the regime's page at anchor. */
static void deleted(dv_req *r, int rc, int64_t regime_id, const char *anchor)
{
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    saved(r, regime_id, anchor);
}

static const char *num(dv_req *r, long long v)
{
    return arena_printf(r->arena, "%lld", v);
}

/* Units the user may pick (their scope's subtree; admins without a scope: the roots);
 * without communes when skip_communes. */
static size_t unit_options(dv_req *r, dv_db *db, int skip_communes, struct option_view **out)
{
    struct unit *u = NULL;
    size_t n = 0;
    int64_t root = r->user->scope_unit_id;
    if (root ? unit_store_subtree(db, r->arena, root, &u, &n) : unit_store_roots(db, r->arena, &u, &n)) n = 0;
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (skip_communes && (strcmp(u[i].type, "commune") == 0 || strcmp(u[i].type, "ward") == 0 ||
                              strcmp(u[i].type, "special_zone") == 0))
            continue;
        const char *indent = u[i].depth > 0 ? "— " : "";
        o[k++] = (struct option_view){num(r, u[i].id),
                                      arena_printf(r->arena, "%s%s", u[i].depth > 1 ? "— — " : indent, u[i].name), 0};
    }
    *out = o;
    return k;
}

static size_t freq_options(dv_req *r, struct option_view **out)
{
    struct option_view *o = arena_alloc(r->arena, 8 * sizeof *o);
    size_t k = 0;
    for (int i = 0; period_freq_codes[i]; i++)
        o[k++] = (struct option_view){period_freq_codes[i], period_freq_label((enum period_freq)i), 0};
    *out = o;
    return k;
}

static size_t type_options(dv_req *r, int with_star, struct option_view **out)
{
    struct option_view *o = arena_alloc(r->arena, (unit_type_count + 2) * sizeof *o);
    size_t k = 0;
    if (with_star) o[k++] = (struct option_view){"*", _("Every other level"), 0};
    for (size_t i = 0; i < unit_type_count; i++)
        o[k++] = (struct option_view){unit_types[i].code, _(unit_types[i].label), 0};
    *out = o;
    return k;
}

/* ---- GET /regimes ---- */

void regime_page_list(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    struct regime *g;
    size_t n;
    int64_t root = access_scope_root(r->user);
    if (!root && !access_sees_every_unit(r->user)) n = 0, g = NULL; /* staff without a scope */
    else if (regime_store_list_under(db, r->arena, root, &g, &n) != 0) {
        res_error(r, 500);
        return;
    }
    struct regime_list_view v = {0};
    v.rows = arena_alloc(r->arena, (n + 1) * sizeof *v.rows);
    for (size_t i = 0; i < n; i++) {
        v.rows[i] = (struct regime_row){g[i].code, g[i].name, regime_href(r, g[i].id),
                                        period_freq_label(g[i].frequency), g[i].receiver_name,
                                        span(r, g[i].active_from, g[i].active_to)};
    }
    v.n = n;
    v.can_create = 1;
    struct page pg;
    page_init(&pg, r, _("Reporting regimes"));
    pg.nav = "regimes";
    tpl_report_regime_list(&r->out, &pg, &v);
}

/* ---- the regime form ---- */

enum { R_CODE, R_NAME, R_CONTENT, R_FREQ, R_RECV, R_GRACE, R_DOC, R_ISSUER, R_NUMBER_ON, R_FROM, R_TO, R_N };

/* Who issues a unit's report and when it is numbered (regimes.issuer_body, number_on). */
static const char *const issuer_codes[] = {"unit", "party", "state", NULL};
static const char *const issuer_labels[] = {
    N_("The unit itself"),
    N_("Its Party committee (Tỉnh ủy, Đảng ủy xã): Guidance 36-HD/VPTW"),
    N_("Its People's Committee: Decree 30/2020/NĐ-CP"),
};
static const char *const number_on_codes[] = {"submit", "approve", NULL};
static const char *const number_on_labels[] = {N_("When it is submitted"), N_("When it is approved")};

static size_t code_options(dv_req *r, const char *const *codes, const char *const *labels, struct option_view **out)
{
    struct option_view *o = arena_alloc(r->arena, 4 * sizeof *o);
    size_t k = 0;
    for (; codes[k]; k++) o[k] = (struct option_view){codes[k], _(labels[k]), 0};
    *out = o;
    return k;
}

static const char *code_label(const char *const *codes, const char *const *labels, const char *code)
{
    for (size_t k = 0; codes[k]; k++)
        if (code && strcmp(codes[k], code) == 0) return _(labels[k]);
    return _(labels[0]);
}

static const struct input_field regime_specs[R_N] = {
    [R_CODE] = {"code", IN_TEXT, 1, 1, 32, NULL, FK_TEXT, N_("Code"),
                N_("Letters, digits, “-”, “_” or “.”, e.g. BC-QCDV-6T."), NULL},
    [R_NAME] = {"name", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Name"), NULL, NULL},
    [R_CONTENT] = {"content", IN_MULTILINE, 0, 0, 5000, NULL, FK_TEXTAREA, N_("Required content"), NULL, NULL},
    [R_FREQ] = {"frequency", IN_CHOICE, 1, 0, 0, period_freq_codes, FK_SELECT, N_("Frequency"), NULL, NULL},
    [R_RECV] = {"receiver", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Receiving unit"),
                N_("The unit that receives and approves the reports."), NULL},
    [R_GRACE] = {"grace_days", IN_INT, 0, 0, 366, NULL, FK_NUMBER, N_("Grace days after the deadline"),
                 N_("Entry stays open this many days after a deadline."), NULL},
    [R_DOC] = {"doc_type", IN_TEXT, 0, 0, 16, NULL, FK_TEXT, N_("Document type"),
               N_("The code used in document numbers, e.g. BC."), NULL},
    [R_ISSUER] = {"issuer_body", IN_CHOICE, 0, 0, 0, issuer_codes, FK_SELECT, N_("Issued by"),
                  N_("Which body of a commune or of the province issues its report as an official document."), NULL},
    [R_NUMBER_ON] = {"number_on", IN_CHOICE, 0, 0, 0, number_on_codes, FK_SELECT, N_("Document number given"),
                     N_("A report gets its official number once, in the order reports are issued."), NULL},
    [R_FROM] = {"active_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("In force from"),
                N_("Date as dd/mm/yyyy, e.g. 01/07/2025."), NULL},
    [R_TO] = {"active_to", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("In force until"),
              N_("The first day it is no longer in force; empty while in force."), NULL},
};

static void regime_form_render(dv_req *r, dv_db *db, struct gform_view *v, const char *title, const struct regime *g)
{
    struct option_view *o;
    size_t n = freq_options(r, &o);
    gf_options(v, "frequency", o, n, _("Choose…"));
    n = unit_options(r, db, 1, &o);
    gf_options(v, "receiver", o, n, _("Choose…"));
    n = code_options(r, issuer_codes, issuer_labels, &o);
    gf_options(v, "issuer_body", o, n, NULL);
    n = code_options(r, number_on_codes, number_on_labels, &o);
    gf_options(v, "number_on", o, n, NULL);
    regime_form_page(r, v, title, g);
}

/* Validates the posted regime form into in; returns the number of errors. */
static int regime_form_read(dv_req *r, dv_db *db, struct gform_view *v, struct regime_input *in)
{
    struct input_value fv[R_N];
    int bad = gform_validate(r, v, regime_specs, R_N, fv);
    memset(in, 0, sizeof *in);
    in->code = fv[R_CODE].str;
    in->name = fv[R_NAME].str;
    in->content = fv[R_CONTENT].str;
    in->frequency = fv[R_FREQ].str;
    in->receiver_unit_id = fv[R_RECV].num;
    in->grace_days = (int)fv[R_GRACE].num;
    in->doc_type = fv[R_DOC].str;
    in->issuer_body = fv[R_ISSUER].str;
    in->number_on = fv[R_NUMBER_ON].str;
    in->active_from = fv[R_FROM].str;
    in->active_to = fv[R_TO].str;
    bad += gf_check_code(r, v, &fv[R_CODE], "code") + gf_check_code(r, v, &fv[R_DOC], "doc_type");
    if (!fv[R_FROM].error && !fv[R_TO].error && in->active_to && *in->active_to &&
        strcmp(in->active_to, in->active_from) <= 0) {
        gf_fail(r, v, "active_to", _("Must be after the date it comes into force."));
        bad++;
    }
    if (!fv[R_RECV].error && !can_manage(r, db, in->receiver_unit_id)) {
        gf_fail(r, v, "receiver", _("Choose a unit inside your scope."));
        bad++;
    }
    return bad;
}

static int regime_store_error(dv_req *r, struct gform_view *v, int rc)
{
    return gform_code_error(r, v, rc, _("This code is already used by another regime."));
}

void regime_page_new(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    struct gform_view v = {0};
    v.action = "/regimes";
    v.submit_label = _("Create the regime");
    v.cancel_href = "/regimes";
    gform_init(r, &v, regime_specs, R_N, NULL);
    char today[11];
    date_today_vn(today);
    gf_set(&v, "active_from", dmy(r, today));
    gf_set(&v, "grace_days", "0");
    gf_set(&v, "doc_type", "BC");
    gf_set(&v, "issuer_body", "unit");
    gf_set(&v, "number_on", "submit");
    regime_form_render(r, db, &v, _("New reporting regime"), NULL);
}

void regime_page_create(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    struct gform_view v = {0};
    v.action = "/regimes";
    v.submit_label = _("Create the regime");
    v.cancel_href = "/regimes";
    struct regime_input in;
    if (regime_form_read(r, db, &v, &in) == 0) {
        int64_t id = 0;
        int rc = regime_create(db, r->user, r->remote_addr, &in, &id);
        if (rc == 0) {
            saved(r, id, NULL);
            return;
        }
        if (regime_store_error(r, &v, rc)) return;
    }
    regime_form_render(r, db, &v, _("New reporting regime"), NULL);
}

void regime_page_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    v.action = regime_href(r, g.id);
    v.submit_label = _("Save");
    v.cancel_href = regime_href(r, g.id);
    gform_init(r, &v, regime_specs, R_N, NULL);
    gf_set(&v, "code", g.code);
    gf_set(&v, "name", g.name);
    gf_set(&v, "content", g.content);
    gf_set(&v, "frequency", g.frequency_code);
    gf_set(&v, "receiver", num(r, g.receiver_unit_id));
    gf_set(&v, "grace_days", num(r, g.grace_days));
    gf_set(&v, "doc_type", g.doc_type);
    gf_set(&v, "issuer_body", g.issuer_body);
    gf_set(&v, "number_on", g.number_on);
    gf_set(&v, "active_from", dmy(r, g.active_from));
    gf_set(&v, "active_to", dmy(r, g.active_to));
    regime_form_render(r, db, &v, _("Edit the regime"), &g);
}

void regime_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    v.action = regime_href(r, g.id);
    v.submit_label = _("Save");
    v.cancel_href = regime_href(r, g.id);
    struct regime_input in;
    if (regime_form_read(r, db, &v, &in) == 0) {
        int rc = regime_update(db, r->user, r->remote_addr, g.id, &in);
        if (rc == 0) {
            saved(r, g.id, NULL);
            return;
        }
        if (rc == DV_ECONFLICT && strcmp(in.frequency, g.frequency_code) != 0)
            gf_fail(r, &v, "frequency", _("The frequency cannot change once periods exist."));
        else if (regime_store_error(r, &v, rc)) return;
    }
    regime_form_render(r, db, &v, _("Edit the regime"), &g);
}

/* ---- GET /regimes/:id ---- */

static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "unit") == 0) return _("One unit");
    if (strcmp(kind, "subtree") == 0) return _("A unit and every unit under it");
    return _("Every unit of a type");
}

/* The next table of the overview: its section id, heading, column headings (up to 6,
 * NULL-terminated), text when empty, "add" link (add NULL = none; a path under base) and
 * room for nrows rows. */
static struct ov_table *ov_table_add(dv_req *r, struct regime_show_view *v, const char *id, const char *heading,
                                     const char *const *cols, const char *empty, const char *base, const char *add,
                                     const char *add_label, size_t nrows)
{
    struct ov_table *t = &v->tables[v->ntables++];
    t->id = id;
    t->heading = heading;
    while (t->ncols < 6 && cols[t->ncols]) {
        t->cols[t->ncols] = cols[t->ncols];
        t->ncols++;
    }
    t->empty = empty;
    t->add_href = add ? arena_printf(r->arena, "%s%s", base, add) : NULL;
    t->add_label = add_label;
    t->rows = arena_alloc(r->arena, (nrows + 1) * sizeof *t->rows);
    return t;
}

static void ov_assignments(dv_req *r, struct regime_show_view *v, const struct regime *g, const struct regime_def *d,
                           const char *base)
{
    const char *cols[] = {_("Rule"), _("Unit or type"), _("Valid"), NULL};
    struct ov_table *t = ov_table_add(r, v, "assignments", _("Who reports"), cols, _("No unit is assigned yet."), base,
                                      "/assignments/new", _("Add units that report"), d->n_assignments);
    for (size_t i = 0; i < d->n_assignments; i++) {
        const struct regime_assignment *x = &d->assignments[i];
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = kind_label(x->kind);
        if (strcmp(x->kind, "type") == 0)
            w->cells[1] = arena_printf(r->arena, _("%s under %s"), unit_type_label(x->unit_type),
                                       x->unit_name ? x->unit_name : g->receiver_name);
        else
            w->cells[1] = x->unit_name;
        w->cells[2] = span(r, x->valid_from, x->valid_to);
        w->delete_action = arena_printf(r->arena, "%s/assignments/%lld/delete", base, (long long)x->id);
        if (!x->valid_to) w->edit_href = arena_printf(r->arena, "%s/assignments/%lld/end", base, (long long)x->id);
    }
}

static void ov_deadlines(dv_req *r, struct regime_show_view *v, const struct regime_def *d, const char *base)
{
    const char *cols[] = {_("Level"), _("Days after the data closing date"), NULL};
    struct ov_table *t = ov_table_add(r, v, "deadlines", _("Deadlines per level"), cols, _("No deadline is set yet."),
                                      base, "/deadlines/new", _("Set a deadline"), d->n_deadlines);
    for (size_t i = 0; i < d->n_deadlines; i++) {
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = level_label(d->deadlines[i].level);
        w->cells[1] = num(r, d->deadlines[i].days_after_close);
        w->delete_action = arena_printf(r->arena, "%s/deadlines/%s/delete", base, d->deadlines[i].level);
    }
}

static void ov_sections(dv_req *r, struct regime_show_view *v, const struct regime_def *d, const char *base)
{
    const char *cols[] = {_("No."), _("Title"), _("Guidance"), NULL};
    struct ov_table *t = ov_table_add(r, v, "sections", _("Narrative sections"), cols, _("No section yet."), base,
                                      "/sections/new", _("Add a section"), d->n_sections);
    for (size_t i = 0; i < d->n_sections; i++) {
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = num(r, d->sections[i].position);
        w->cells[1] = d->sections[i].title;
        w->cells[2] = d->sections[i].guidance;
        w->edit_href = arena_printf(r->arena, "%s/sections/%d/edit", base, d->sections[i].position);
        w->delete_action = arena_printf(r->arena, "%s/sections/%d/delete", base, d->sections[i].position);
    }
}

/* Indicators: besides edit and remove, move up/down buttons (POST, no script needed). */
static void ov_indicators(dv_req *r, struct regime_show_view *v, const struct regime_def *d, const char *base)
{
    const char *cols[] = {_("Code"), _("Name"), _("Type"), _("Unit of measure"), _("Required"), _("Disaggregation"),
                          NULL};
    struct ov_table *t = ov_table_add(r, v, "indicators", _("Indicators"), cols, _("No indicator yet."), base,
                                      "/indicators/new", _("Add an indicator"), d->n_indicators);
    t->more_href = "/category-sets";
    t->more_label = _("Category sets (disaggregations)");
    for (size_t i = 0; i < d->n_indicators; i++) {
        const struct indicator *x = &d->indicators[i];
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = x->code;
        w->cells[1] = x->name;
        w->cells[2] = indicator_type_label(x->type);
        w->cells[3] = x->unit_of_measure;
        w->cells[4] = x->required ? _("Yes") : _("No");
        w->cells[5] = x->cats ? x->cats->name : NULL;
        w->edit_href = arena_printf(r->arena, "%s/indicators/%lld/edit", base, (long long)x->id);
        w->delete_action = arena_printf(r->arena, "%s/indicators/%lld/delete", base, (long long)x->id);
        w->move_action = arena_printf(r->arena, "%s/indicators/%lld/move", base, (long long)x->id);
        w->can_up = i > 0;
        w->can_down = i + 1 < d->n_indicators;
    }
}

static void ov_rules(dv_req *r, struct regime_show_view *v, const struct regime_def *d, const char *base)
{
    const char *cols[] = {_("Rule"), _("Message"), NULL};
    struct ov_table *t = ov_table_add(r, v, "rules", _("Validation rules"), cols, _("No rule yet."), base,
                                      "/rules/new", _("Add a rule"), d->n_rules);
    for (size_t i = 0; i < d->n_rules; i++) {
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = arena_printf(r->arena, "%s %s %s", d->rules[i].left_code, d->rules[i].op, d->rules[i].right_operand);
        w->cells[1] = d->rules[i].message;
        w->delete_action = arena_printf(r->arena, "%s/rules/%lld/delete", base, (long long)d->rules[i].id);
    }
}

static void ov_periods(dv_req *r, dv_db *db, struct regime_show_view *v, const struct period *ps, size_t np,
                       const char *base)
{
    const char *cols[] = {_("Period"), _("Data closing window"), _("Deadlines"), NULL};
    struct ov_table *t = ov_table_add(r, v, "periods", _("Periods"), cols, _("No period yet."), base, NULL, NULL, np);
    for (size_t i = 0; i < np; i++) {
        struct ov_row *w = &t->rows[t->n++];
        w->cells[0] = ps[i].label;
        w->cells[1] = span(r, ps[i].close_start, ps[i].close_end);
        struct period_deadline *pd;
        size_t nd;
        if (period_deadlines_get(db, r->arena, ps[i].id, &pd, &nd) == 0) {
            const char *s = "";
            for (size_t k = 0; k < nd; k++)
                s = arena_printf(r->arena, "%s%s%s: %s", s, k ? "; " : "", level_label(pd[k].level),
                                 dmy(r, pd[k].deadline));
            w->cells[2] = s;
        }
        w->edit_href = arena_printf(r->arena, "%s/periods/%lld", base, (long long)ps[i].id);
    }
}

void regime_page_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct regime_def d;
    struct period *ps;
    size_t np;
    if (regime_load(db, r->arena, g.id, &d) || period_store_list(db, r->arena, g.id, &ps, &np)) {
        res_error(r, 500);
        return;
    }
    struct regime_show_view v = {0};
    const char *base = regime_href(r, g.id);
    v.code = g.code;
    v.frequency = period_freq_label(g.frequency);
    v.receiver = g.receiver_name;
    v.content = g.content;
    v.grace = num(r, g.grace_days);
    v.doc_type = g.doc_type;
    v.issuer_body = code_label(issuer_codes, issuer_labels, g.issuer_body);
    v.number_on = code_label(number_on_codes, number_on_labels, g.number_on);
    v.active = span(r, g.active_from, g.active_to);
    v.edit_href = arena_printf(r->arena, "%s/edit", base);
    v.periods_action = arena_printf(r->arena, "%s/periods", base);
    char today[11];
    date_today_vn(today);
    int year = atoi(today);
    v.from_year = num(r, year);
    v.to_year = num(r, year);
    v.can_generate = period_per_year(g.frequency) > 0;
    v.add_period_href = arena_printf(r->arena, "%s/periods/new", base);

    int64_t cur = 0;
    v.who_reports = _("No period has been generated yet.");
    if (period_store_current(db, g.id, today, &cur) == 0) {
        struct period p;
        size_t cnt = 0;
        if (period_store_get(db, r->arena, cur, &p) == 0 && expected_count(db, cur, &cnt) == 0)
            v.who_reports = arena_printf(r->arena, _("%zu units are expected to report for %s (data closing %s)."),
                                         cnt, p.label, span(r, p.close_start, p.close_end));
    }

    ov_assignments(r, &v, &g, &d, base);
    ov_deadlines(r, &v, &d, base);
    ov_sections(r, &v, &d, base);
    ov_indicators(r, &v, &d, base);
    ov_rules(r, &v, &d, base);
    ov_periods(r, db, &v, ps, np, base);

    struct page pg;
    page_init(&pg, r, g.name);
    pg.nav = "regimes";
    pg.crumbs = crumbs(r, &g, NULL);
    tpl_report_regime_show(&r->out, &pg, &v);
}

/* ---- who reports ---- */

static const char *const kind_codes[] = {"unit", "subtree", "type", NULL};
enum { A_KIND, A_UNIT, A_TYPE, A_FROM, A_TO, A_N };
static const struct input_field assign_specs[A_N] = {
    [A_KIND] = {"kind", IN_CHOICE, 1, 0, 0, kind_codes, FK_SELECT, N_("Rule"), NULL, NULL},
    [A_UNIT] = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"),
                N_("The unit (one unit, or the top of a subtree); for a rule by type, where to look (empty: under the receiving unit)."), NULL},
    [A_TYPE] = {"unit_type", IN_CHOICE, 0, 0, 0, unit_type_codes, FK_SELECT, N_("Unit type"),
                N_("Only for a rule by type."), NULL},
    [A_FROM] = {"valid_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Valid from"), N_("Date as dd/mm/yyyy, e.g. 01/07/2025."), NULL},
    [A_TO] = {"valid_to", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Valid until"),
              N_("The first day it no longer applies; empty while it applies."), NULL},
};

static void assign_render(dv_req *r, dv_db *db, struct gform_view *v, const struct regime *g)
{
    struct option_view *o = arena_alloc(r->arena, 3 * sizeof *o);
    for (int i = 0; i < 3; i++) o[i] = (struct option_view){kind_codes[i], kind_label(kind_codes[i]), 0};
    gf_options(v, "kind", o, 3, NULL);
    size_t n = unit_options(r, db, 0, &o);
    gf_options(v, "unit", o, n, _("None"));
    n = type_options(r, 0, &o);
    gf_options(v, "unit_type", o, n, _("None"));
    gform_show(r, v, g, "/assignments", _("Add"), "#assignments", _("Add units that report"));
}

void regime_page_assignment_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, assign_specs, A_N, NULL);
    gf_set(&v, "valid_from", dmy(r, g.active_from));
    assign_render(r, db, &v, &g);
}

void regime_page_assignment_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct input_value fv[A_N];
    int bad = gform_validate(r, &v, assign_specs, A_N, fv);
    struct assignment_input in = {fv[A_KIND].str, fv[A_UNIT].num, fv[A_TYPE].str, fv[A_FROM].str, fv[A_TO].str};
    if (!fv[A_KIND].error && in.kind) {
        int is_type = strcmp(in.kind, "type") == 0;
        if (is_type && !fv[A_TYPE].present) {
            gf_fail(r, &v, "unit_type", _("Choose the type of the units that report."));
            bad++;
        }
        if (!is_type && !fv[A_UNIT].present && !fv[A_UNIT].error) {
            gf_fail(r, &v, "unit", _("Choose the unit."));
            bad++;
        }
        if (!is_type) in.unit_type = NULL;
    }
    if (fv[A_UNIT].present && !fv[A_UNIT].error && r->user->role != ROLE_ADMIN &&
        !can_manage(r, db, in.unit_id)) {
        gf_fail(r, &v, "unit", _("Choose a unit inside your scope."));
        bad++;
    }
    if (!fv[A_FROM].error && !fv[A_TO].error && in.valid_to && *in.valid_to && strcmp(in.valid_to, in.valid_from) <= 0) {
        gf_fail(r, &v, "valid_to", _("Must be after the first day."));
        bad++;
    }
    if (!bad) {
        int rc = regime_assignment_add(db, r->user, r->remote_addr, g.id, &in, NULL);
        if (save_result(r, &v, rc, g.id, "#assignments")) return;
    }
    assign_render(r, db, &v, &g);
}

static int load_assignment(dv_req *r, dv_db *db, const struct regime *g, struct regime_assignment *x);

void regime_page_assignment_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (load_regime(r, db, &g) || load_assignment(r, db, &g, &x)) return;
    deleted(r, regime_assignment_delete(db, r->user, r->remote_addr, x.id) ? DV_EDB : 0, g.id, "#assignments");
}

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
    size_t n = type_options(r, 1, &o);
    gf_options(v, "level", o, n, _("Choose…"));
    v->intro = _("Periods generated afterwards get this deadline; existing periods keep theirs (edit them one by one).");
    gform_show(r, v, g, "/deadlines", _("Save"), "#deadlines",
               _("Set a deadline"));
}

void regime_page_deadline_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
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
    if (load_regime(r, db, &g)) return;
    struct input_field s[D_N];
    deadline_specs(r, s);
    struct gform_view v = {0};
    struct input_value fv[D_N];
    if (gform_validate(r, &v, s, D_N, fv) == 0) {
        int rc = regime_deadline_set(db, r->user, r->remote_addr, g.id, fv[D_LEVEL].str, (int)fv[D_DAYS].num);
        if (save_result(r, &v, rc, g.id, "#deadlines")) return;
    }
    deadline_render(r, &v, &g);
}

void regime_page_deadline_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct input_field s[D_N]; /* :level is the form's level */
    deadline_specs(r, s);
    struct input_value lv;
    if (!input_path(r, &s[D_LEVEL], &lv)) return;
    int rc = regime_deadline_delete(db, r->user, r->remote_addr, g.id, lv.str);
    deleted(r, rc, g.id, "#deadlines");
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
    gform_show(r, v, g, "/sections", _("Save"), "#sections",
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
    if (load_regime_def(r, db, &g, &d)) return;
    struct gform_view v = {0};
    gform_init(r, &v, section_specs, S_N, NULL);
    if (req_param(r, "pos")) { /* the edit route */
        struct input_value pv;
        if (!input_path(r, &pos_field, &pv)) return;
        int p = (int)pv.num;
        size_t i = 0;
        while (i < d.n_sections && d.sections[i].position != p) i++;
        if (i == d.n_sections) {
            res_error(r, 404);
            return;
        }
        gf_set(&v, "position", num(r, p));
        gf_set(&v, "title", d.sections[i].title);
        gf_set(&v, "guidance", d.sections[i].guidance);
    } else {
        gf_set(&v, "position", num(r, d.n_sections ? d.sections[d.n_sections - 1].position + 1 : 1));
    }
    section_render(r, &v, &g);
}

void regime_page_section_set(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct input_value fv[S_N];
    if (gform_validate(r, &v, section_specs, S_N, fv) == 0) {
        int rc = regime_section_set(db, r->user, r->remote_addr, g.id, (int)fv[S_POS].num, fv[S_TITLE].str,
                                    fv[S_GUIDE].str);
        if (save_result(r, &v, rc, g.id, "#sections")) return;
    }
    section_render(r, &v, &g);
}

void regime_page_section_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct input_value pv;
    if (!input_path(r, &pos_field, &pv)) return;
    int rc = regime_section_delete(db, r->user, r->remote_addr, g.id, (int)pv.num);
    deleted(r, rc, g.id, "#sections");
}

/* ---- indicators ---- */

enum { I_CODE, I_NAME, I_TYPE, I_UOM, I_REQ, I_CATS, I_POS, I_N };
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
    for (size_t i = 0; i < n; i++) o[i] = (struct option_view){num(r, cs[i].id), cs[i].name, 0};
    gf_options(v, "category_set", o, n, _("None"));
    const char *action = iid ? arena_printf(r->arena, "/indicators/%lld", (long long)iid) : "/indicators";
    gform_show(r, v, g, action, iid ? _("Save") : _("Add"), "#indicators",
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
                                   (int)fv[I_REQ].num, fv[I_CATS].num, (int)fv[I_POS].num};
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
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, ind_specs, I_N, NULL);
    ind_render(r, db, &v, &g, 0);
}

void regime_page_indicator_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    struct indicator_input in;
    if (ind_read(r, &v, &in) == 0) {
        int rc = indicator_add(db, r->user, r->remote_addr, g.id, &in, NULL);
        if (rc == 0) {
            saved(r, g.id, "#indicators");
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
    return part_of(r, rc, rc ? 0 : x->regime_id, g);
}

void regime_page_indicator_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    struct gform_view v = {0};
    gform_init(r, &v, ind_specs, I_N, NULL);
    gf_set(&v, "code", x.code);
    gf_set(&v, "name", x.name);
    gf_set(&v, "type", x.type_code);
    gf_set(&v, "unit_of_measure", x.unit_of_measure);
    gf_set(&v, "required", x.required ? "1" : NULL);
    gf_set(&v, "category_set", x.category_set_id ? num(r, x.category_set_id) : NULL);
    gf_set(&v, "position", num(r, x.position));
    ind_render(r, db, &v, &g, x.id);
}

void regime_page_indicator_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    struct gform_view v = {0};
    struct indicator_input in;
    if (ind_read(r, &v, &in) == 0) {
        int rc = indicator_update(db, r->user, r->remote_addr, x.id, &in);
        if (rc == 0) {
            saved(r, g.id, "#indicators");
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
    if (load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    int rc = indicator_delete(db, r->user, r->remote_addr, x.id);
    if (rc == DV_ECONFLICT) {
        page_flash_set(r, "This indicator already has reported values; it cannot be removed.");
        res_redirect(r, regime_at(r, g.id, "#indicators"));
        return;
    }
    deleted(r, rc ? DV_EDB : 0, g.id, "#indicators");
}

/* POST /regimes/:id/indicators/:iid/move with dir=up|down: one place; 400 for another dir
 * or a move past an end (the page shows no such button). */
void regime_page_indicator_move(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct indicator x;
    if (load_regime(r, db, &g) || load_indicator(r, db, &g, &x)) return;
    int dir;
    if (gform_move_dir(r, &dir)) return;
    int rc = indicator_move(db, r->user, r->remote_addr, x.id, dir);
    if (rc == DV_EINVAL) {
        res_error(r, 400);
        return;
    }
    deleted(r, rc, g.id, "#indicators");
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
    gform_show(r, v, g, "/rules", _("Add"), "#rules",
               _("Add a rule"));
}

void regime_page_rule_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (load_regime_def(r, db, &g, &d)) return;
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
    if (load_regime_def(r, db, &g, &d)) return;
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
        if (save_result(r, &v, rc, g.id, "#rules")) return;
    }
    rule_render(r, &v, &g, &d);
}

void regime_page_rule_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_def d;
    if (load_regime_def(r, db, &g, &d)) return;
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
    saved(r, g.id, "#rules");
}

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
    if (load_regime(r, db, &g)) return;
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
    v.cancel_href = regime_href(r, g.id);
    regime_form_page(r, &v, _("Generate periods"), &g);
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
        const char *label = arena_printf(r->arena, _("Deadline: %s"), level_label(lv));
        /* the label is already translated: keep gettext from touching it (msgids are English) */
        pf->specs[pf->n++] = (struct input_field){name, IN_DATE, 1, 0, 0, NULL, FK_DATE, label, NULL, NULL};
    }
}

static void period_render(dv_req *r, struct gform_view *v, const struct regime *g, const struct period *p)
{
    gform_show(r, v, g, arena_printf(r->arena, "/periods/%lld", (long long)p->id),
               _("Save"), "#periods", p->label);
}

static int load_period(dv_req *r, dv_db *db, const struct regime *g, struct period *p)
{
    int64_t id = input_path_id(r, "pid");
    if (!id) return -1;
    int rc = period_store_get(db, r->arena, id, p);
    return part_of(r, rc, rc ? 0 : p->regime_id, g);
}

void regime_page_period_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct period p;
    if (load_regime(r, db, &g) || load_period(r, db, &g, &p)) return;
    struct period_form pf;
    period_form_build(r, db, &g, p.id, &pf);
    struct gform_view v = {0};
    gform_init(r, &v, pf.specs, pf.n, NULL);
    gf_set(&v, "close_start", dmy(r, p.close_start));
    gf_set(&v, "close_end", dmy(r, p.close_end));
    gf_set(&v, "label", p.label);
    struct period_deadline *pd;
    size_t nd;
    if (period_deadlines_get(db, r->arena, p.id, &pd, &nd)) nd = 0;
    for (size_t i = 3; i < pf.n; i++)
        for (size_t k = 0; k < nd; k++)
            if (strcmp(pd[k].level, pf.levels[i]) == 0) gf_set(&v, pf.specs[i].name, dmy(r, pd[k].deadline));
    period_render(r, &v, &g, &p);
}

void regime_page_period_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct period p;
    if (load_regime(r, db, &g) || load_period(r, db, &g, &p)) return;
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
        if (save_result(r, &v, rc, g.id, "#periods")) return;
    }
    period_render(r, &v, &g, &p);
}

/* ---- ending an assignment ---- */

static const struct input_field end_specs[] = {
    {"valid_to", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("No longer applies from"),
     N_("The first day the units no longer report under this rule, as dd/mm/yyyy."), NULL},
};

static int load_assignment(dv_req *r, dv_db *db, const struct regime *g, struct regime_assignment *x)
{
    int64_t id = input_path_id(r, "aid");
    if (!id) return -1;
    int rc = regime_assignment_get(db, r->arena, id, x);
    return part_of(r, rc, rc ? 0 : x->regime_id, g);
}

static void end_render(dv_req *r, struct gform_view *v, const struct regime *g, const struct regime_assignment *x)
{
    v->intro = strcmp(x->kind, "type") == 0
                   ? arena_printf(r->arena, _("%s under %s"), unit_type_label(x->unit_type),
                                  x->unit_name ? x->unit_name : g->receiver_name)
                   : x->unit_name;
    gform_show(r, v, g, arena_printf(r->arena, "/assignments/%lld/end", (long long)x->id),
               _("Save"), "#assignments", _("End the assignment"));
}

void regime_page_assignment_end_form(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (load_regime(r, db, &g) || load_assignment(r, db, &g, &x)) return;
    struct gform_view v = {0};
    gform_init(r, &v, end_specs, 1, NULL);
    end_render(r, &v, &g, &x);
}

void regime_page_assignment_end(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (load_regime(r, db, &g) || load_assignment(r, db, &g, &x)) return;
    struct gform_view v = {0};
    struct input_value fv[1];
    if (gform_validate(r, &v, end_specs, 1, fv) == 0) {
        if (strcmp(fv[0].str, x.valid_from) <= 0) {
            gf_fail(r, &v, "valid_to", _("Must be after the first day."));
        } else {
            int rc = regime_assignment_end(db, r->user, r->remote_addr, x.id, fv[0].str);
            if (save_result(r, &v, rc, g.id, "#assignments")) return;
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
    gform_show(r, v, g, "/periods/new", _("Add"), "#periods",
               _("Add a period"));
}

void regime_page_period_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, newp_specs, N_N, NULL);
    char today[11];
    date_today_vn(today);
    gf_set(&v, "year", num(r, atoi(today)));
    newp_render(r, &v, &g);
}

void regime_page_period_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (load_regime(r, db, &g)) return;
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
        if (save_result(r, &v, rc, g.id, "#periods")) return;
    }
    newp_render(r, &v, &g);
}
