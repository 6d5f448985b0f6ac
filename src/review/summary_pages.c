/* summary_pages.c - the N-year summary report: creating one, its page (the data per year,
 * the chart of rates, appendices per unit, the narrative and its versions),
 * editing the narrative (each save a new version), comparing two versions side by side and
 * issuing it (numbered). The documents are in summary_doc.c. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
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
    int64_t id = rv_path_id(r);
    if (!id) return -1;
    int rc = summary_get(db, r->arena, id, out);
    return rv_loaded(r, db, rc, manage, rc ? 0 : out->unit_id);
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
    const char *const *dc, *const *gc;
    c->ndocs = rv_document_options(r, db, &c->docs, &dc);
    c->nregimes = rv_regime_options(r, db, &c->regimes, &gc);
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

static const char *count_rate(dv_req *r, long part, long whole)
{
    return arena_printf(r->arena, "%s/%s (%s)", rv_dec(r->arena, (double)part, -1), rv_dec(r->arena, (double)whole, -1),
                        rv_rate(r, part, whole));
}

static void people_year_table(dv_req *r, struct rv_page *v, const struct summary_data *d)
{
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"people", _("Dissemination, cadres and citizens year by year"), _("No year."),
                           {_("Year"), _("Sessions held"), _("Participants / invited"), _("Units with a cadre on 31/12"),
                            _("Petitions resolved / received"), _("Dialogues held"), _("Models (recognised effective)")}, 7, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (d->nyears + 1) * sizeof *t->rows);
    for (size_t k = 0; k < d->nyears; k++) {
        const struct summary_year *y = &d->years[k];
        t->rows[t->n++] = (struct rv_row){{rv_num(r, y->year), rv_dec(r->arena, (double)y->sessions, -1),
                                           count_rate(r, y->attended, y->invited), count_rate(r, y->units_with_cadre, y->units),
                                           arena_printf(r->arena, "%ld/%ld", y->petitions_resolved, y->petitions), rv_num(r, y->dialogues),
                                           arena_printf(r->arena, "%ld (%ld)", y->models, y->models_effective)},
                                          NULL, {0}, NULL, {0}};
    }
}

static void people_unit_table(dv_req *r, struct rv_page *v, const struct summary_data *d)
{
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"units-people", _("Appendix: dissemination and citizens by unit"), _("No unit reports under this regime."),
                           {_("Unit"), _("Sessions held"), _("Participants / invited"), _("Cadre on the last day"),
                            _("Petitions resolved / received"), _("Dialogues held"), _("Models registered")}, 7, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (d->nunits + 1) * sizeof *t->rows);
    for (size_t k = 0; k < d->nunits; k++) {
        const struct summary_unit_row *u = &d->units[k];
        t->rows[t->n++] = (struct rv_row){{u->name, rv_dec(r->arena, (double)u->sessions, -1), count_rate(r, u->attended, u->invited),
                                           u->has_cadre ? _("Assigned") : _("None"),
                                           arena_printf(r->arena, "%ld/%ld", u->petitions_resolved, u->petitions), rv_num(r, u->dialogues),
                                           rv_num(r, u->models)},
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

/* x from 60 to 600 over the years, y from 220 (0 %) to 20 (100 %); a year without a base
 * ends a polyline's run there (the series' points are drawn as one line of what is known). */
static const struct rv_chart *chart(dv_req *r, const struct summary_data *d)
{
    struct rv_chart *c = arena_alloc(r->arena, sizeof *c);
    memset(c, 0, sizeof *c);
    c->title = _("Rates over the years");
    dv_buf desc = {0};
    size_t n = d->nyears < 50 ? d->nyears : 50;
    for (size_t k = 0; k < n; k++) {
        double x = n > 1 ? 60.0 + 540.0 * (double)k / (double)(n - 1) : 330.0;
        c->xlabels[k] = rv_num(r, d->years[k].year);
        c->xpos[k] = arena_printf(r->arena, "%.0f", x);
        buf_printf(&desc, "%s%d:", k ? "; " : "", d->years[k].year);
        for (int s = 0; s < SR_N; s++) {
            double v = summary_rate(&d->years[k], (enum summary_rate_kind)s);
            buf_printf(&desc, "%s %s %s", s ? "," : "", _(summary_rate_labels[s]),
                       v < 0 ? "–" : arena_printf(r->arena, "%s%%", rv_dec(r->arena, v, -1)));
        }
    }
    c->nx = n;
    for (int s = 0; s < SR_N && s < RV_SERIES; s++) {
        dv_buf p = {0};
        size_t known = 0, last = 0;
        for (size_t k = 0; k < n; k++) {
            double v = summary_rate(&d->years[k], (enum summary_rate_kind)s);
            if (v < 0) continue;
            buf_printf(&p, "%s%s,%.1f", p.len ? " " : "", c->xpos[k], 220.0 - 2.0 * v);
            known++;
            last = k;
        }
        if (known == 1) { /* one year: a short stroke around its point, so that it shows */
            double x = atof(c->xpos[last]), y = 220.0 - 2.0 * summary_rate(&d->years[last], (enum summary_rate_kind)s);
            buf_reset(&p);
            buf_printf(&p, "%.0f,%.1f %.0f,%.1f", x - 6, y, x + 6, y);
        }
        c->series[c->nseries++] = (struct rv_series){_(summary_rate_labels[s]), arena_printf(r->arena, "#%06x", summary_rate_rgb[s]),
                                                     arena_strdup(r->arena, p.data ? p.data : "")};
        buf_free(&p);
    }
    c->desc = arena_strdup(r->arena, desc.data ? desc.data : "");
    buf_free(&desc);
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
        char at[17];
        const char *saved = clock_vn_datetime_text(vs[k].created_at, at) == 0 ? arena_strdup(r->arena, at) : vs[k].created_at;
        *w = (struct rv_row){{rv_num(r, vs[k].version), vs[k].note, vs[k].author, saved, k + 1 < n ? _("With the previous one") : ""},
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
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("The report (DOCX)"), arena_printf(r->arena, "%s/report.docx", base)};
    v.links[v.nlinks++] = (struct rv_fact){NULL, _("The report (PDF)"), arena_printf(r->arena, "%s/report.pdf", base)};
    if (manage && strcmp(s.status, "draft") == 0) {
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Edit the narrative (a new version)"), arena_printf(r->arena, "%s/edit", base)};
        v.buttons[v.nbuttons++] = (struct rv_button){arena_printf(r->arena, "%s/issue", base), _("Issue the report (number it)")};
    }
    v.chart = chart(r, &d);
    year_table(r, &v, &d);
    people_year_table(r, &v, &d);
    unit_table(r, &v, &d);
    people_unit_table(r, &v, &d);
    versions_table(r, db, &v, &s);
    rv_render(r, &v, s.title, NULL, NULL);
}
