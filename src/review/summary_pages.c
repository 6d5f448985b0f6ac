/* summary_pages.c - the N-year summary report: creating one, its page (the data per year,
 * the chart of rates, appendices per unit, what is missing, the narrative and its versions),
 * editing the narrative (each save a new version), comparing two versions side by side and
 * issuing it (numbered). The documents are in summary_doc.c. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "report/regime/regime.h"
#include "review/conference.h"
#include "review/review_access.h"
#include "review/review_routes.h"
#include "review/summary.h"
#include "review/summary_pages.h"
#include "text/decimal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rv_summary_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/summaries/%lld", (long long)id);
}

int rv_load_summary(dv_req *r, dv_db *db, int manage, struct summary *out)
{
    if (rv_require_use(r)) return -1;
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = summary_get(db, r->arena, id, out);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    int ok = manage ? review_can_manage(db, r->user, out->unit_id) : review_can_read_unit(db, r->user, out->unit_id);
    if (ok) return 0;
    res_error(r, 403);
    return -1;
}

const char *rv_rate(dv_req *r, long part, long whole)
{
    if (whole <= 0) return "–";
    return arena_printf(r->arena, "%s%%", rv_dec(r->arena, 100.0 * (double)part / (double)whole, -1));
}

/* ---- new ---- */

enum { S_UNIT, S_TITLE, S_FROM, S_TO, S_DOC, S_REGIME, S_N };

struct snew {
    struct input_field s[S_N];
    struct option_view *units, *docs, *regimes;
    size_t nunits, ndocs, nregimes;
};

static void snew_load(dv_req *r, dv_db *db, struct snew *c)
{
    memset(c, 0, sizeof *c);
    const char *const *ucodes;
    c->nunits = rv_own_unit_options(r, db, &c->units, &ucodes);
    struct doc_choice *d = NULL;
    size_t nd = 0;
    conf_documents(db, r->arena, &d, &nd);
    const char **dc = arena_alloc(r->arena, (nd + 1) * sizeof *dc);
    c->docs = arena_alloc(r->arena, (nd + 1) * sizeof *c->docs);
    for (size_t k = 0; k < nd; k++) {
        dc[k] = rv_num(r, d[k].id);
        c->docs[k] = (struct option_view){dc[k], arena_printf(r->arena, "%s: %s", d[k].code, d[k].title), 0};
    }
    c->ndocs = nd;
    struct regime *g = NULL;
    size_t ng = 0;
    regime_store_list(db, r->arena, &g, &ng);
    const char **gc = arena_alloc(r->arena, (ng + 1) * sizeof *gc);
    c->regimes = arena_alloc(r->arena, (ng + 1) * sizeof *c->regimes);
    for (size_t k = 0; k < ng; k++) {
        gc[k] = rv_num(r, g[k].id);
        c->regimes[k] = (struct option_view){gc[k], arena_printf(r->arena, "%s: %s", g[k].code, g[k].name), 0};
    }
    c->nregimes = ng;
    c->s[S_UNIT] = (struct input_field){"unit", IN_CHOICE, 1, 0, 0, ucodes, FK_SELECT, N_("Issuing unit"), NULL, NULL};
    c->s[S_TITLE] = (struct input_field){"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"),
                                         N_("E.g. Tổng kết 10 năm thực hiện Quy định 290-QĐ/TW."), NULL};
    c->s[S_FROM] = (struct input_field){"from_year", IN_INT, 1, 1990, 2100, NULL, FK_NUMBER, N_("From year"), NULL, NULL};
    c->s[S_TO] = (struct input_field){"to_year", IN_INT, 1, 1990, 2100, NULL, FK_NUMBER, N_("To year"), NULL, NULL};
    c->s[S_DOC] = (struct input_field){"subject_document", IN_CHOICE, 0, 0, 0, dc, FK_SELECT, N_("Document reviewed"),
                                       N_("Its concretizing documents and their lateness are counted."), NULL};
    c->s[S_REGIME] = (struct input_field){"regime", IN_CHOICE, 0, 0, 0, gc, FK_SELECT, N_("Reporting regime"),
                                          N_("Its completeness and timeliness are shown year by year."), NULL};
}

static void snew_form(dv_req *r, struct gform_view *v, struct snew *c)
{
    gf_options(v, "unit", c->units, c->nunits, _("Choose…"));
    gf_options(v, "subject_document", c->docs, c->ndocs, _("None"));
    gf_options(v, "regime", c->regimes, c->nregimes, _("None"));
    v->action = "/review/summaries";
    v->submit_label = _("Create");
    v->cancel_href = "/review";
    rv_form(r, v, _("New summary report"), NULL, NULL, NULL, NULL);
}

void review_page_summary_new(dv_req *r)
{
    if (rv_require_use(r)) return;
    dv_db *db = db_thread();
    struct snew c;
    snew_load(r, db, &c);
    struct gform_view v = {0};
    gform_init(r, &v, c.s, S_N, NULL);
    int y = clock_vn_year();
    gf_set(&v, "from_year", rv_num(r, y - 9));
    gf_set(&v, "to_year", rv_num(r, y));
    snew_form(r, &v, &c);
}

static int64_t id_of(const struct input_value *v)
{
    return v->str && *v->str ? strtoll(v->str, NULL, 10) : 0;
}

void review_page_summary_create(dv_req *r)
{
    if (rv_require_run(r)) return;
    dv_db *db = db_thread();
    struct snew c;
    snew_load(r, db, &c);
    struct gform_view v = {0};
    struct input_value fv[S_N];
    int bad = gform_validate(r, &v, c.s, S_N, fv);
    if (!bad && (fv[S_FROM].num > fv[S_TO].num || fv[S_TO].num - fv[S_FROM].num >= 50)) {
        gf_fail(r, &v, "to_year", _("The last year comes after the first, within 50 years."));
        bad = 1;
    }
    if (!bad) {
        int64_t unit = id_of(&fv[S_UNIT]);
        if (!review_can_manage(db, r->user, unit)) {
            res_error(r, 403);
            return;
        }
        struct summary_input in = {unit, 0, id_of(&fv[S_DOC]), id_of(&fv[S_REGIME]), fv[S_TITLE].str, (int)fv[S_FROM].num,
                                   (int)fv[S_TO].num};
        int64_t id = 0;
        int rc = summary_create(db, r->user, &in, &id);
        if (rv_saved(r, &v, rc, rv_summary_href(r, id), _("The report could not be saved."))) return;
    }
    if (r->status < 400) r->status = 422;
    snew_form(r, &v, &c);
}

/* ---- its page ---- */

static void year_table(dv_req *r, struct rv_page *v, const struct summary_data *d)
{
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"years", _("The data year by year"), _("No year."),
                           {_("Year"), _("Documents registered"), _("Concretizing documents (average days late)"), _("Reports received"),
                            _("Reports on time"), _("Inspections (concluded)"), _("Recommendations done")}, 7, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (d->nyears + 1) * sizeof *t->rows);
    for (size_t k = 0; k < d->nyears; k++) {
        const struct summary_year *y = &d->years[k];
        t->rows[t->n++] = (struct rv_row){{rv_num(r, y->year), rv_num(r, y->documents),
                                           y->concretized ? arena_printf(r->arena, "%ld (%s)", y->concretized,
                                                                         rv_dec(r->arena, (double)y->concretize_days_sum / (double)y->concretized, -1))
                                                          : "0",
                                           arena_printf(r->arena, "%ld/%ld (%s)", y->received, y->expected, rv_rate(r, y->received, y->expected)),
                                           rv_rate(r, y->on_time, y->expected),
                                           arena_printf(r->arena, "%ld (%ld)", y->inspections, y->concluded),
                                           arena_printf(r->arena, "%ld/%ld", y->recommendations_done, y->recommendations)},
                                          NULL, {0}, NULL, {0}};
    }
}

static void unit_table(dv_req *r, struct rv_page *v, const struct summary_data *d)
{
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"units", _("Appendix: by unit"), _("No unit reports under this regime."),
                           {_("Unit"), _("Reports received"), _("Reports on time"), _("Times inspected"), _("Concretizing document (days)")}, 5,
                           NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (d->nunits + 1) * sizeof *t->rows);
    for (size_t k = 0; k < d->nunits; k++) {
        const struct summary_unit_row *u = &d->units[k];
        t->rows[t->n++] = (struct rv_row){{u->name, arena_printf(r->arena, "%ld/%ld", u->received, u->expected), rv_rate(r, u->on_time, u->expected),
                                           rv_num(r, u->inspected), u->concretize_days >= 0 ? rv_num(r, u->concretize_days)
                                                                    : u->concretize_days == -1 ? _("Not issued") : "–"},
                                          NULL, {0}, NULL, {0}};
    }
}

/* x from 60 to 600 over the years, y from 220 (0 %) to 20 (100 %). */
static const struct rv_chart *chart(dv_req *r, const struct summary_data *d)
{
    struct rv_chart *c = arena_alloc(r->arena, sizeof *c);
    memset(c, 0, sizeof *c);
    c->title = _("Rates over the years");
    dv_buf a = {0}, b = {0}, desc = {0}, rec = {0};
    size_t n = d->nyears < 50 ? d->nyears : 50;
    for (size_t k = 0; k < n; k++) {
        const struct summary_year *y = &d->years[k];
        double x = n > 1 ? 60.0 + 540.0 * (double)k / (double)(n - 1) : 330.0;
        double rr = y->expected ? 100.0 * (double)y->received / (double)y->expected : 0;
        double ot = y->expected ? 100.0 * (double)y->on_time / (double)y->expected : 0;
        double rd = y->recommendations ? 100.0 * (double)y->recommendations_done / (double)y->recommendations : 0;
        buf_printf(&a, "%s%.0f,%.1f", k ? " " : "", x, 220.0 - 2.0 * rr);
        buf_printf(&b, "%s%.0f,%.1f", k ? " " : "", x, 220.0 - 2.0 * ot);
        buf_printf(&rec, "%s%.0f,%.1f", k ? " " : "", x, 220.0 - 2.0 * rd);
        buf_printf(&desc, "%s%d: %s, %s", k ? "; " : "", y->year, rv_rate(r, y->received, y->expected), rv_rate(r, y->on_time, y->expected));
        c->xlabels[k] = rv_num(r, y->year);
        c->xpos[k] = arena_printf(r->arena, "%.0f", x);
    }
    c->nx = n;
    c->series[0] = (struct rv_series){_("Reports received"), "#1565c0", arena_strdup(r->arena, a.data ? a.data : "")};
    c->series[1] = (struct rv_series){_("Reports on time"), "#b71c1c", arena_strdup(r->arena, b.data ? b.data : "")};
    c->series[2] = (struct rv_series){_("Recommendations done"), "#2e7d32", arena_strdup(r->arena, rec.data ? rec.data : "")};
    c->nseries = 3;
    c->desc = arena_strdup(r->arena, desc.data ? desc.data : "");
    buf_free(&a);
    buf_free(&b);
    buf_free(&desc);
    buf_free(&rec);
    return c;
}

static void versions_table(dv_req *r, dv_db *db, struct rv_page *v, const struct summary *s)
{
    struct summary_version *vs = NULL;
    size_t n = 0;
    summary_versions(db, r->arena, s->id, &vs, &n);
    const char *base = rv_summary_href(r, s->id);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"versions", _("Versions of the narrative"), _("None."), {_("Version"), _("Note"), _("By"), _("Saved at"), _("Compare")}, 5,
                           NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    for (size_t k = 0; k < n; k++) {
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{rv_num(r, vs[k].version), vs[k].note, vs[k].author, vs[k].created_at, k + 1 < n ? _("With the previous one") : ""},
                             NULL, {0}, NULL, {0}};
        if (k + 1 < n)
            w->cell_href[4] = arena_printf(r->arena, "%s/compare?a=%d&b=%d", base, vs[k + 1].version, vs[k].version);
    }
    if (n) {
        for (int p = 0; p < SUMMARY_PARTS && v->ntexts < 8; p++)
            v->texts[v->ntexts++] = (struct rv_fact){summary_part_titles[p], *vs[0].parts[p] ? vs[0].parts[p] : _("(not written yet)"), NULL};
    }
}

void review_page_summary_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 0, &s)) return;
    struct summary_data d;
    if (summary_data_load(db, r->arena, &s, rv_scope_root(r, db), &d)) {
        res_error(r, 500);
        return;
    }
    int manage = review_can_manage(db, r->user, s.unit_id);
    const char *base = rv_summary_href(r, s.id);
    struct rv_page v = {0};
    v.facts[v.nfacts++] = (struct rv_fact){_("Issuing unit"), s.unit_name, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Years"), arena_printf(r->arena, "%d – %d", s.from_year, s.to_year), NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Status"), strcmp(s.status, "issued") == 0 ? _("Issued") : _("Draft"), NULL};
    if (s.number)
        v.facts[v.nfacts++] = (struct rv_fact){_("Number"), arena_printf(r->arena, "%s, %s", rv_doc_number(r, db, s.unit_id, "BC", s.number, s.issued_on),
                                                                          rv_dmy(r, s.issued_on)), NULL};
    for (size_t k = 0; k < d.nmissing; k++) v.facts[v.nfacts++] = (struct rv_fact){_("Missing data"), d.missing[k], NULL};
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("The report (DOCX)"), arena_printf(r->arena, "%s/report.docx", base)};
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("The report (PDF)"), arena_printf(r->arena, "%s/report.pdf", base)};
    if (manage && strcmp(s.status, "draft") == 0) {
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Edit the narrative (a new version)"), arena_printf(r->arena, "%s/edit", base)};
        v.buttons[v.nbuttons++] = (struct rv_button){arena_printf(r->arena, "%s/issue", base), _("Issue the report (number it)")};
    }
    v.chart = chart(r, &d);
    year_table(r, &v, &d);
    unit_table(r, &v, &d);
    versions_table(r, db, &v, &s);
    rv_render(r, &v, s.title, NULL, NULL);
}
