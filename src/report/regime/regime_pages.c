/* regime_pages.c - the regime admin pages: the list, a regime's overview (who reports, the
 * deadlines per level, sections, indicators, rules, periods) and the validated forms that
 * edit each part. Admins, and staff for regimes whose receiver is inside their scope.
 * Each handler: check access → validate input → call the store → render. */
#include "report/prefill.h"
#include "report/regime/regime_pages.h"
#include "core/clock.h"
#include "report/regime/regime_pages_int.h"
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
#include "text/text.h"
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
int regime_pg_load_regime(dv_req *r, dv_db *db, struct regime *g)
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
int regime_pg_part_of(dv_req *r, int rc, int64_t regime_id, const struct regime *g)
{
    if (rc == 0 && regime_id == g->id) return 0;
    res_error(r, 404);
    return -1;
}

/* load_regime, then the regime's full definition; -1 when an error page was rendered. */
int regime_pg_load_regime_def(dv_req *r, dv_db *db, struct regime *g, struct regime_def *d)
{
    if (regime_pg_load_regime(r, db, g)) return -1;
    if (regime_load(db, r->arena, g->id, d)) {
        res_error(r, 500);
        return -1;
    }
    return 0;
}

const char *regime_pg_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/regimes/%lld", (long long)id);
}

static const char *span(dv_req *r, const char *from, const char *to)
{
    if (!to) return arena_printf(r->arena, _("from %s"), text_date_dmy(r->arena, from));
    return arena_printf(r->arena, "%s – %s", text_date_dmy(r->arena, from), text_date_dmy(r->arena, to));
}

const char *regime_pg_level_label(const char *level)
{
    if (strcmp(level, "*") == 0) return _("Every other level");
    return unit_type_label(level);
}

static const struct crumb *crumbs(dv_req *r, const struct regime *g, const char *last)
{
    struct crumb *c = arena_alloc(r->arena, 4 * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Reporting regimes"), "/regimes"};
    if (g) c[k++] = (struct crumb){g->name, last ? regime_pg_href(r, g->id) : NULL};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

/* ---- the generic form (gform.h) on the regime pages ---- */

/* Renders the form under title, in the regime's crumbs (g NULL: a new regime). */
void regime_pg_form_page(dv_req *r, struct gform_view *v, const char *title, const struct regime *g)
{
    gform_render(r, v, title, "regimes", crumbs(r, g, title));
}

/* The regime's page at anchor ("#indicators", "" or NULL for the top). */
const char *regime_pg_at(dv_req *r, int64_t regime_id, const char *anchor)
{
    return arena_printf(r->arena, "/regimes/%lld%s", (long long)regime_id, anchor ? anchor : "");
}

/* Sets the form's action (the regime's path + rest), submit label and cancel link (the
 * regime's page at anchor), then renders it under title. */
void regime_pg_gform_show(dv_req *r, struct gform_view *v, const struct regime *g, const char *rest,
                       const char *submit, const char *anchor, const char *title)
{
    v->action = regime_pg_at(r, g->id, rest);
    v->submit_label = submit;
    v->cancel_href = regime_pg_at(r, g->id, anchor);
    regime_pg_form_page(r, v, title, g);
}

void regime_pg_saved(dv_req *r, int64_t regime_id, const char *anchor)
{
    page_flash_set(r, "Saved.");
    res_redirect(r, regime_pg_at(r, regime_id, anchor));
}

/* gform_saved() back to the regime's page at anchor. */
int regime_pg_save_result(dv_req *r, struct gform_view *v, int rc, int64_t regime_id, const char *anchor)
{
    return gform_saved(r, v, rc, regime_pg_at(r, regime_id, anchor));
}

/* After a delete or a move: the error page (404 for DV_ENOTFOUND, else 500) or the
 * redirect to the regime's page at anchor. */
void regime_pg_deleted(dv_req *r, int rc, int64_t regime_id, const char *anchor)
{
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    regime_pg_saved(r, regime_id, anchor);
}

const char *regime_pg_num(dv_req *r, long long v)
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
        o[k++] = (struct option_view){regime_pg_num(r, u[i].id),
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

size_t regime_pg_type_options(dv_req *r, int with_star, struct option_view **out)
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
        v.rows[i] = (struct regime_row){g[i].code, g[i].name, regime_pg_href(r, g[i].id),
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
    regime_pg_form_page(r, v, title, g);
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
    clock_vn_today(today);
    gf_set(&v, "active_from", text_date_dmy(r->arena, today));
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
            regime_pg_saved(r, id, NULL);
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
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    v.action = regime_pg_href(r, g.id);
    v.submit_label = _("Save");
    v.cancel_href = regime_pg_href(r, g.id);
    gform_init(r, &v, regime_specs, R_N, NULL);
    gf_set(&v, "code", g.code);
    gf_set(&v, "name", g.name);
    gf_set(&v, "content", g.content);
    gf_set(&v, "frequency", g.frequency_code);
    gf_set(&v, "receiver", regime_pg_num(r, g.receiver_unit_id));
    gf_set(&v, "grace_days", regime_pg_num(r, g.grace_days));
    gf_set(&v, "doc_type", g.doc_type);
    gf_set(&v, "issuer_body", g.issuer_body);
    gf_set(&v, "number_on", g.number_on);
    gf_set(&v, "active_from", text_date_dmy(r->arena, g.active_from));
    gf_set(&v, "active_to", text_date_dmy(r->arena, g.active_to));
    regime_form_render(r, db, &v, _("Edit the regime"), &g);
}

void regime_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    v.action = regime_pg_href(r, g.id);
    v.submit_label = _("Save");
    v.cancel_href = regime_pg_href(r, g.id);
    struct regime_input in;
    if (regime_form_read(r, db, &v, &in) == 0) {
        int rc = regime_update(db, r->user, r->remote_addr, g.id, &in);
        if (rc == 0) {
            regime_pg_saved(r, g.id, NULL);
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
        w->cells[0] = regime_pg_level_label(d->deadlines[i].level);
        w->cells[1] = regime_pg_num(r, d->deadlines[i].days_after_close);
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
        w->cells[0] = regime_pg_num(r, d->sections[i].position);
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
        const struct prefill_source *src = report_prefill_find(x->prefill_source);
        w->cells[1] = src ? arena_printf(r->arena, _("%s (pre-filled: %s)"), x->name, _(src->label)) : x->name;
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
                s = arena_printf(r->arena, "%s%s%s: %s", s, k ? "; " : "", regime_pg_level_label(pd[k].level),
                                 text_date_dmy(r->arena, pd[k].deadline));
            w->cells[2] = s;
        }
        w->edit_href = arena_printf(r->arena, "%s/periods/%lld", base, (long long)ps[i].id);
    }
}

void regime_page_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct regime_def d;
    struct period *ps;
    size_t np;
    if (regime_load(db, r->arena, g.id, &d) || period_store_list(db, r->arena, g.id, &ps, &np)) {
        res_error(r, 500);
        return;
    }
    struct regime_show_view v = {0};
    const char *base = regime_pg_href(r, g.id);
    v.code = g.code;
    v.frequency = period_freq_label(g.frequency);
    v.receiver = g.receiver_name;
    v.content = g.content;
    v.grace = regime_pg_num(r, g.grace_days);
    v.doc_type = g.doc_type;
    v.issuer_body = code_label(issuer_codes, issuer_labels, g.issuer_body);
    v.number_on = code_label(number_on_codes, number_on_labels, g.number_on);
    v.active = span(r, g.active_from, g.active_to);
    v.edit_href = arena_printf(r->arena, "%s/edit", base);
    v.periods_action = arena_printf(r->arena, "%s/periods", base);
    char today[11];
    clock_vn_today(today);
    int year = clock_vn_year();
    v.from_year = regime_pg_num(r, year);
    v.to_year = regime_pg_num(r, year);
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
    n = regime_pg_type_options(r, 0, &o);
    gf_options(v, "unit_type", o, n, _("None"));
    regime_pg_gform_show(r, v, g, "/assignments", _("Add"), "#assignments", _("Add units that report"));
}

void regime_page_assignment_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
    struct gform_view v = {0};
    gform_init(r, &v, assign_specs, A_N, NULL);
    gf_set(&v, "valid_from", text_date_dmy(r->arena, g.active_from));
    assign_render(r, db, &v, &g);
}

void regime_page_assignment_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    if (regime_pg_load_regime(r, db, &g)) return;
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
    if (fv[A_UNIT].present && !fv[A_UNIT].error && !can_manage(r, db, in.unit_id)) {
        gf_fail(r, &v, "unit", _("Choose a unit inside your scope."));
        bad++;
    }
    if (!fv[A_FROM].error && !fv[A_TO].error && in.valid_to && *in.valid_to && strcmp(in.valid_to, in.valid_from) <= 0) {
        gf_fail(r, &v, "valid_to", _("Must be after the first day."));
        bad++;
    }
    if (!bad) {
        int rc = regime_assignment_add(db, r->user, r->remote_addr, g.id, &in, NULL);
        if (regime_pg_save_result(r, &v, rc, g.id, "#assignments")) return;
    }
    assign_render(r, db, &v, &g);
}

void regime_page_assignment_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct regime g;
    struct regime_assignment x;
    if (regime_pg_load_regime(r, db, &g) || regime_pg_load_assignment(r, db, &g, &x)) return;
    regime_pg_deleted(r, regime_assignment_delete(db, r->user, r->remote_addr, x.id) ? DV_EDB : 0, g.id, "#assignments");
}

