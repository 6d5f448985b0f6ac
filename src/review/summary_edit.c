/* summary_edit.c - the narrative of a summary report: the form of its six parts (each save
 * is a new version, the older ones kept), two versions side by side, and issuing (the number
 * given in the issuer's BC series; the text then frozen). */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "review/review_routes.h"
#include "review/summary.h"
#include "review/summary_pages.h"

#include <string.h>

static const char *const part_labels[SUMMARY_PARTS] = {
    N_("I. Situation of the implementation"), N_("II. Results across the political system"),
    N_("III. Limitations, shortcomings and their causes"), N_("IV. Lessons learned"), N_("V. Directions and tasks ahead"),
    N_("VI. Recommendations and proposals")};

static void specs(struct input_field *f)
{
    for (int k = 0; k < SUMMARY_PARTS; k++)
        f[k] = (struct input_field){summary_part_codes[k], IN_MULTILINE, 0, 0, 50000, NULL, FK_TEXTAREA, part_labels[k], NULL, NULL};
    f[SUMMARY_PARTS] = (struct input_field){"note", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("What changed in this version"), NULL, NULL};
}

static void form(dv_req *r, struct gform_view *v, const struct summary *s)
{
    const char *base = rv_summary_href(r, s->id);
    v->action = arena_printf(r->arena, "%s/versions", base);
    v->submit_label = _("Save as a new version");
    v->cancel_href = base;
    v->intro = _("The tables come from the data; write the narrative of each part of the outline.");
    rv_form(r, v, _("Edit the narrative"), s->title, base, NULL, NULL);
}

static int editable(dv_req *r, const struct summary *s)
{
    if (strcmp(s->status, "draft") == 0) return 1;
    rv_acted(r, DV_ECONFLICT, rv_summary_href(r, s->id), _("An issued report is no longer edited."));
    return 0;
}

void review_page_summary_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 1, &s) || !editable(r, &s)) return;
    struct input_field f[SUMMARY_PARTS + 1];
    specs(f);
    struct gform_view v = {0};
    gform_init(r, &v, f, SUMMARY_PARTS + 1, NULL);
    struct summary_version *vs = NULL;
    size_t n = 0;
    if (summary_versions(db, r->arena, s.id, &vs, &n) == 0 && n)
        for (int k = 0; k < SUMMARY_PARTS; k++) gf_set(&v, summary_part_codes[k], vs[0].parts[k]);
    form(r, &v, &s);
}

void review_page_summary_version_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 1, &s) || !editable(r, &s)) return;
    struct input_field f[SUMMARY_PARTS + 1];
    specs(f);
    struct gform_view v = {0};
    struct input_value fv[SUMMARY_PARTS + 1];
    if (gform_validate(r, &v, f, SUMMARY_PARTS + 1, fv) == 0) {
        const char *parts[SUMMARY_PARTS];
        for (int k = 0; k < SUMMARY_PARTS; k++) parts[k] = fv[k].str;
        int rc = summary_version_add(db, r->user, s.id, parts, fv[SUMMARY_PARTS].str, NULL);
        if (rv_saved(r, &v, rc, rv_summary_href(r, s.id), _("An issued report is no longer edited."))) return;
    }
    if (r->status < 400) r->status = 422;
    form(r, &v, &s);
}

static const struct input_field cmp_fields[2] = {
    {"a", IN_INT, 1, 1, 100000, NULL, FK_NUMBER, N_("Version"), NULL, NULL},
    {"b", IN_INT, 1, 1, 100000, NULL, FK_NUMBER, N_("Version"), NULL, NULL},
};

void review_page_summary_compare(dv_req *r)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 0, &s)) return;
    struct input_value q[2];
    if (input_query(r, cmp_fields, 2, q)) {
        res_error(r, 404);
        return;
    }
    struct summary_version a, b;
    int rc = summary_version_get(db, r->arena, s.id, (int)q[0].num, &a);
    if (!rc) rc = summary_version_get(db, r->arena, s.id, (int)q[1].num, &b);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct rv_page v = {0};
    struct rv_table *t = &v.tables[v.ntables++];
    *t = (struct rv_table){"compare", _("Side by side"), NULL,
                           {_("Part"), arena_printf(r->arena, _("Version %d"), a.version), arena_printf(r->arena, _("Version %d"), b.version),
                            _("Changed")}, 4, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, SUMMARY_PARTS * sizeof *t->rows);
    for (int k = 0; k < SUMMARY_PARTS; k++) {
        int same = strcmp(a.parts[k], b.parts[k]) == 0;
        t->rows[t->n++] = (struct rv_row){{_(part_labels[k]), a.parts[k], b.parts[k], same ? _("No") : _("Yes")}, NULL, {0},
                                          same ? NULL : "changed", {0}};
    }
    v.facts[v.nfacts++] = (struct rv_fact){arena_printf(r->arena, _("Version %d"), a.version), a.note, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){arena_printf(r->arena, _("Version %d"), b.version), b.note, NULL};
    rv_render(r, &v, _("Compare versions"), s.title, rv_summary_href(r, s.id));
}

void review_page_summary_issue(dv_req *r)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 1, &s)) return;
    char today[11];
    clock_vn_today(today);
    int rc = summary_issue(db, r->arena, r->user, s.id, today, rv_series(r, db, s.unit_id, today), NULL);
    rv_acted(r, rc, rv_summary_href(r, s.id), _("This report is already issued."));
}
