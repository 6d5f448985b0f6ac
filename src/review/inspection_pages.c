/* inspection_pages.c - one inspection or supervision: creating it (from a plan item or
 * outside the plan), its page (decision, team, subjects, findings, conclusion notice,
 * recommendations and their tasks) and the evidence files. The steps of its life (decide,
 * start, extend, draft, conclude, team, findings, recommendations) are in inspection_steps.c. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "review/review_access.h"
#include "review/review_routes.h"

#include <stdlib.h>
#include <string.h>

const char *rv_insp_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/inspections/%lld", (long long)id);
}

/* ---- new ---- */

static const char *const level_codes[] = {"province", "upper", NULL};

enum { N_ITEM, N_UNIT, N_KIND, N_LEVEL, N_TITLE, N_CONTENT, N_SUBJECT, N_FROM, N_TO, N_N };

struct new_ctx {
    struct input_field s[N_N];
    struct option_view *units, *subjects;
    size_t nunits, nsubjects;
    struct insp_plan_item item; /* id 0: outside the plan */
    int64_t unit_id;            /* the plan's unit when from an item */
};

static const struct input_field item_field = {"item", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL};

/* Reads ?item= / the posted item and fills the declarations; -1 when an error was rendered. */
static int new_ctx_load(dv_req *r, dv_db *db, struct new_ctx *c, int posted)
{
    memset(c, 0, sizeof *c);
    struct input_value iv;
    if (posted) input_form1(r, &item_field, &iv);
    else input_query1(r, &item_field, &iv);
    if (iv.present && !iv.error) {
        if (review_plan_item_get(db, r->arena, iv.num, &c->item)) {
            res_error(r, 404);
            return -1;
        }
        struct insp_plan p;
        if (review_plan_get(db, r->arena, c->item.plan_id, &p)) {
            res_error(r, 500);
            return -1;
        }
        c->unit_id = p.unit_id;
        if (!review_can_manage(db, r->user, p.unit_id)) {
            res_error(r, 403);
            return -1;
        }
        if (c->item.inspection_id) {
            res_redirect(r, rv_insp_href(r, c->item.inspection_id));
            return -1;
        }
    }
    const char *const *ucodes, *const *scodes;
    c->nunits = rv_own_unit_options(r, db, &c->units, &ucodes);
    c->nsubjects = rv_subject_options(r, db, &c->subjects, &scodes);
    c->s[N_ITEM] = (struct input_field){"item", IN_ID, 0, 0, 0, NULL, FK_TEXT, N_("Plan item"), NULL, NULL};
    c->s[N_UNIT] = (struct input_field){"unit", IN_CHOICE, 1, 0, 0, ucodes, FK_SELECT, N_("Inspecting unit"), NULL, NULL};
    c->s[N_KIND] = (struct input_field){"kind", IN_CHOICE, 1, 0, 0, rv_kind_codes, FK_SELECT, N_("Kind"), NULL, NULL};
    c->s[N_LEVEL] = (struct input_field){"level", IN_CHOICE, 1, 0, 0, level_codes, FK_SELECT, N_("Level"),
                                         N_("Sets the legal maximum length (45 or 20 days)."), NULL};
    c->s[N_TITLE] = (struct input_field){"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"), NULL, NULL};
    c->s[N_CONTENT] = (struct input_field){"content", IN_MULTILINE, 0, 0, 4000, NULL, FK_TEXTAREA, N_("Content"), NULL, NULL};
    c->s[N_SUBJECT] = (struct input_field){"subject", IN_CHOICE, 1, 0, 0, scodes, FK_SELECT, N_("Subject unit"), NULL, NULL};
    c->s[N_FROM] = (struct input_field){"period_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Period inspected: from"),
                                        N_("Date as dd/mm/yyyy, e.g. 01/01/2021."), NULL};
    c->s[N_TO] = (struct input_field){"period_to", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Period inspected: to"), NULL, NULL};
    return 0;
}

static void new_form(dv_req *r, struct gform_view *v, struct new_ctx *c)
{
    gf_options(v, "unit", c->units, c->nunits, _("Choose…"));
    gf_options(v, "subject", c->subjects, c->nsubjects, _("Choose…"));
    rv_kind_options(r, v);
    struct option_view *lv = arena_alloc(r->arena, 2 * sizeof *lv);
    lv[0] = (struct option_view){"province", _("Provincial level (45 days)"), 0};
    lv[1] = (struct option_view){"upper", _("Level directly above the grassroots (20 days)"), 0};
    gf_options(v, "level", lv, 2, NULL);
    v->action = "/review/inspections";
    v->submit_label = _("Create");
    v->cancel_href = "/review";
    v->intro = _("At most the last five years may be inspected (QĐ 331-QĐ/TW).");
    rv_form(r, v, _("New inspection"), NULL, NULL, NULL, NULL);
}

void review_page_inspection_new(dv_req *r)
{
    if (rv_require_use(r)) return;
    dv_db *db = db_thread();
    struct new_ctx c;
    if (new_ctx_load(r, db, &c, 0)) return;
    struct gform_view v = {0};
    gform_init(r, &v, c.s, N_N, NULL);
    gf_set(&v, "level", "province");
    if (c.item.id) {
        gf_set(&v, "item", rv_num(r, c.item.id));
        gf_set(&v, "unit", rv_num(r, c.unit_id));
        gf_set(&v, "kind", c.item.kind);
        gf_set(&v, "title", arena_printf(r->arena, "%s: %s", rv_kind_label(c.item.kind), c.item.subject_name));
        gf_set(&v, "content", c.item.content);
        gf_set(&v, "subject", rv_num(r, c.item.subject_unit_id));
        gf_set(&v, "period_from", rv_dmy(r, c.item.period_from));
        gf_set(&v, "period_to", rv_dmy(r, c.item.period_to));
    }
    new_form(r, &v, &c);
}

void review_page_inspection_create(dv_req *r)
{
    if (rv_require_run(r)) return;
    dv_db *db = db_thread();
    struct new_ctx c;
    if (new_ctx_load(r, db, &c, 1)) return;
    struct gform_view v = {0};
    struct input_value fv[N_N];
    int bad = gform_validate(r, &v, c.s, N_N, fv);
    if (!bad && strcmp(fv[N_FROM].str, fv[N_TO].str) > 0) {
        gf_fail(r, &v, "period_to", _("The end comes before the start."));
        bad = 1;
    }
    char today[11];
    clock_vn_today(today);
    if (!bad && review_period_check(fv[N_FROM].str, fv[N_TO].str, today) != 0) {
        gf_fail(r, &v, "period_from", _("At most the last five years before the inspection may be covered."));
        bad = 1;
    }
    if (!bad) {
        int64_t unit = strtoll(fv[N_UNIT].str, NULL, 10), subject = strtoll(fv[N_SUBJECT].str, NULL, 10);
        if (!review_can_manage(db, r->user, unit)) {
            res_error(r, 403);
            return;
        }
        if (!review_can_inspect(db, r->user, unit, subject)) {
            gf_fail(r, &v, "subject", _("Choose another unit you may see."));
        } else {
            struct inspection_input in = {unit, c.item.id, fv[N_KIND].str, fv[N_LEVEL].str, fv[N_TITLE].str,
                                          fv[N_CONTENT].str, fv[N_FROM].str, fv[N_TO].str, &subject, 1};
            int64_t id = 0;
            int rc = review_inspection_create(db, r->user, &in, &id);
            if (rv_saved(r, &v, rc, rv_insp_href(r, id), _("The inspection could not be saved."))) return;
        }
    }
    if (!r->status) r->status = 422;
    new_form(r, &v, &c);
}

/* ---- the inspection's page ---- */

static void show_facts(dv_req *r, dv_db *db, struct rv_page *v, const struct inspection *i)
{
    enum insp_status st = IS_PLANNED;
    insp_status_parse(i->status, &st);
    int base = review_base_days(db, i->level);
    v->facts[v->nfacts++] = (struct rv_fact){_("Kind"), rv_kind_label(i->kind), NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Inspecting unit"), i->unit_name, NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Status"), insp_status_label(st), NULL};
    if (i->content && *i->content) v->facts[v->nfacts++] = (struct rv_fact){_("Content"), i->content, NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Period inspected"),
                                             arena_printf(r->arena, "%s – %s", rv_dmy(r, i->period_from), rv_dmy(r, i->period_to)), NULL};
    if (i->decision_number)
        v->facts[v->nfacts++] = (struct rv_fact){_("Decision"),
                                                 arena_printf(r->arena, "%s, %s", rv_doc_number(r, db, i->unit_id, "QĐ", i->decision_number, i->decision_date),
                                                              rv_dmy(r, i->decision_date)), NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Legal maximum length"),
                                             arena_printf(r->arena, _("%d days, extendable by at most %d"), base, review_extension_max(base)), NULL};
    if (i->extension_days)
        v->facts[v->nfacts++] = (struct rv_fact){_("Extended by"),
                                                 arena_printf(r->arena, _("%d days: %s"), i->extension_days, i->extension_reason), NULL};
    if (i->started_on && *i->started_on) {
        char last[11], today[11];
        review_last_day(i->started_on, base, i->extension_days, last);
        clock_vn_today(today);
        v->facts[v->nfacts++] = (struct rv_fact){_("Started"), rv_dmy(r, i->started_on), NULL};
        v->facts[v->nfacts++] = (struct rv_fact){_("Last day allowed"), rv_dmy(r, last), NULL};
        if (review_is_overdue(i->started_on, base, i->extension_days, i->ended_on, today))
            v->notice = _("This inspection is past its legal maximum length.");
    }
    if (i->conclusion_number)
        v->facts[v->nfacts++] = (struct rv_fact){_("Conclusion notice"),
                                                 arena_printf(r->arena, "%s, %s", rv_doc_number(r, db, i->unit_id, "TB", i->conclusion_number, i->ended_on),
                                                              rv_dmy(r, i->ended_on)), NULL};
    if (i->closed_on && *i->closed_on) v->facts[v->nfacts++] = (struct rv_fact){_("Follow-up closed"), rv_dmy(r, i->closed_on), NULL};
}

/* What the people who run it may do next, as links to the step's form or buttons. */
static void show_actions(dv_req *r, struct rv_page *v, const struct inspection *i, size_t nrecs, size_t ndone)
{
    const char *base = rv_insp_href(r, i->id);
    enum insp_status st = IS_PLANNED;
    insp_status_parse(i->status, &st);
#define LINK(path, label) v->links[v->nlinks++] = (struct rv_fact){NULL, (label), arena_printf(r->arena, "%s/%s", base, (path))}
    if (st == IS_PLANNED) LINK("decide", _("Issue the decision"));
    if (st == IS_DECIDED) LINK("start", _("Record the start of the work"));
    if (st == IS_IN_PROGRESS || st == IS_DRAFT) {
        LINK("extend", _("Extend the length"));
        LINK("draft", st == IS_DRAFT ? _("Edit the draft conclusion") : _("Write the draft conclusion"));
    }
    if (st == IS_DRAFT) LINK("conclude", _("Issue the conclusion notice"));
    if (st == IS_CONCLUDED) {
        if (review_can_close(st, nrecs, ndone))
            v->buttons[v->nbuttons++] = (struct rv_button){arena_printf(r->arena, "%s/close", base), _("Close the follow-up")};
        else
            v->notice = arena_printf(r->arena, _("%zu of %zu recommendations are confirmed done: the follow-up stays open until all are."),
                                     ndone, nrecs);
    }
#undef LINK
}

static void show_tables(dv_req *r, dv_db *db, struct rv_page *v, const struct inspection *i, int manage,
                        struct insp_rec *recs, size_t nrecs)
{
    const char *base = rv_insp_href(r, i->id);
    enum insp_status st = IS_PLANNED;
    insp_status_parse(i->status, &st);
    struct insp_member *m = NULL;
    struct insp_subject *s = NULL;
    struct insp_finding *f = NULL;
    size_t nm = 0, ns = 0, nf = 0;
    review_members(db, r->arena, i->id, &m, &nm);
    review_subjects(db, r->arena, i->id, &s, &ns);
    review_findings(db, r->arena, i->id, &f, &nf);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"subjects", _("Subjects"), _("None."), {_("Unit")}, 1, NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (ns + 1) * sizeof *t->rows);
    for (size_t k = 0; k < ns; k++) t->rows[t->n++] = (struct rv_row){{s[k].name}, NULL, {0}, NULL, {0}};
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"team", _("Team"), _("No member yet."), {_("Role"), _("Name"), _("Position")}, 3, NULL, 0,
                           manage && st < IS_CONCLUDED ? arena_printf(r->arena, "%s/team/new", base) : NULL, _("Add a member")};
    t->rows = arena_alloc(r->arena, (nm + 1) * sizeof *t->rows);
    for (size_t k = 0; k < nm; k++)
        t->rows[t->n++] = (struct rv_row){{rv_role_label(m[k].role), m[k].name, m[k].position}, NULL, {0}, NULL, {0}};
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"findings", _("Findings"), _("No finding yet."), {_("Finding"), _("Evidence")}, 2, NULL, 0,
                           manage && (st == IS_IN_PROGRESS || st == IS_DRAFT) ? arena_printf(r->arena, "%s/findings/new", base) : NULL,
                           _("Add a finding")};
    t->rows = arena_alloc(r->arena, (nf + 1) * sizeof *t->rows);
    for (size_t k = 0; k < nf; k++) {
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{f[k].text, f[k].file_name ? f[k].file_name : ""}, NULL, {0}, NULL, {0}};
        if (f[k].file_name) w->cell_href[1] = arena_printf(r->arena, "%s/findings/%lld/file", base, (long long)f[k].id);
    }
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"recommendations", _("Recommendations"), _("No recommendation yet."),
                           {_("Recommendation"), _("Lead unit"), _("Due by"), _("Task")}, 4, NULL, 0,
                           manage && st == IS_CONCLUDED ? arena_printf(r->arena, "%s/recommendations/new", base) : NULL,
                           _("Add a recommendation")};
    t->rows = arena_alloc(r->arena, (nrecs + 1) * sizeof *t->rows);
    char today[11];
    clock_vn_today(today);
    for (size_t k = 0; k < nrecs; k++) {
        const struct insp_rec *c = &recs[k];
        int done = c->task_state && strcmp(c->task_state, "confirmed") == 0;
        const char *state = done ? _("Done (confirmed)") : strcmp(c->deadline, today) < 0 ? _("Overdue") : _("Not done yet");
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{c->text, c->lead_name, rv_dmy(r, c->deadline), state}, NULL, {0},
                             !done && strcmp(c->deadline, today) < 0 ? "late" : NULL, {0}};
        w->cell_href[3] = arena_printf(r->arena, "/tasks/%lld", (long long)c->task_id);
    }
}

void review_page_inspection_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 0, &i)) return;
    int manage = review_can_manage(db, r->user, i.unit_id);
    struct insp_rec *recs = NULL;
    size_t nrecs = 0, ndone = 0;
    review_recs(db, r->arena, i.id, &recs, &nrecs);
    for (size_t k = 0; k < nrecs; k++) ndone += recs[k].task_state && strcmp(recs[k].task_state, "confirmed") == 0;
    struct rv_page v = {0};
    show_facts(r, db, &v, &i);
    if (manage) show_actions(r, &v, &i, nrecs, ndone);
    if (i.conclusion_number) {
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Conclusion notice (DOCX)"), arena_printf(r->arena, "%s/conclusion.docx", rv_insp_href(r, i.id))};
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Conclusion notice (PDF)"), arena_printf(r->arena, "%s/conclusion.pdf", rv_insp_href(r, i.id))};
    }
    if (i.conclusion_text && *i.conclusion_text)
        v.facts[v.nfacts++] = (struct rv_fact){i.conclusion_number ? _("Conclusion") : _("Draft conclusion"), i.conclusion_text, NULL};
    show_tables(r, db, &v, &i, manage, recs, nrecs);
    rv_render(r, &v, i.title, NULL, NULL);
}

void review_page_finding_file(dv_req *r)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 0, &i)) return;
    int64_t fid = input_path_id(r, "fid");
    if (!fid) return;
    const char *name, *mime;
    const void *data;
    size_t len;
    int rc = review_finding_file(db, r->arena, i.id, fid, &name, &mime, &data, &len);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    buf_append(&r->out, data, len);
    r->status = 200;
    r->content_type = "application/octet-stream";
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"evidence-%lld\"", (long long)fid));
    (void)mime;
    (void)name;
}
