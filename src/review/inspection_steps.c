/* inspection_steps.c - the steps of an inspection's life, each a small validated form on its
 * own page (GET shows it, POST applies it): the decision, the start of the work, an extension,
 * the draft conclusion, the conclusion notice, a team member, a finding with its evidence file,
 * a recommendation (which becomes a task of the lead unit); and closing the follow-up. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "review/review_access.h"
#include "review/review_routes.h"

#include <stdlib.h>
#include <string.h>

#define STEP_MAX_FIELDS 4
#define EVIDENCE_MAX (8u << 20)

struct step {
    const char *path;                       /* "decide" → /review/inspections/:id/decide */
    const char *title, *submit, *intro;     /* msgids */
    struct input_field f[STEP_MAX_FIELDS];
    size_t n;
    const char *file;                       /* a file field's name, NULL none */
    /* Applies the validated values; rc of the store, *msg the message for DV_EINVAL/DV_ECONFLICT. */
    int (*apply)(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv, struct gform_view *v,
                 const char **msg);
    void (*prepare)(dv_req *r, dv_db *db, const struct inspection *i, struct gform_view *v); /* options, defaults */
};

static const char *today_dmy(dv_req *r)
{
    char t[11];
    clock_vn_today(t);
    return rv_dmy(r, arena_strdup(r->arena, t));
}

static void prep_today(dv_req *r, dv_db *db, const struct inspection *i, struct gform_view *v)
{
    (void)db, (void)i;
    gf_set(v, "date", today_dmy(r));
}

/* ---- apply functions ---- */

static int ap_decide(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                     struct gform_view *v, const char **msg)
{
    if (review_period_check(i->period_from, i->period_to, fv[0].str)) {
        gf_fail(r, v, "date", _("The period inspected must lie within the five years before the decision."));
        return DV_EINVAL;
    }
    *msg = _("The decision could not be issued: the inspection is no longer planned.");
    return review_inspection_decide(db, r->arena, r->user, i->id, fv[0].str, rv_series(r, db, i->unit_id, fv[0].str), NULL);
}

static int ap_start(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                    struct gform_view *v, const char **msg)
{
    *msg = _("Only a decided inspection can start.");
    if (!i->decision_date) return DV_ECONFLICT;
    if (strcmp(fv[0].str, i->decision_date) < 0) {
        gf_fail(r, v, "date", _("The work cannot start before the decision."));
        return DV_EINVAL;
    }
    *msg = _("Only a decided inspection can start.");
    return review_inspection_start(db, r->user, i->id, fv[0].str);
}

static int ap_extend(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                     struct gform_view *v, const char **msg)
{
    int base = review_base_days(db, i->level);
    if (review_extension_check(base, (int)fv[0].num)) {
        gf_fail(r, v, "days", arena_printf(r->arena, _("At most one third of the legal length: %d days."), review_extension_max(base)));
        return DV_EINVAL;
    }
    *msg = _("Only an inspection in progress can be extended.");
    return review_inspection_extend(db, r->user, i->id, (int)fv[0].num, fv[1].str);
}

static int ap_draft(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                    struct gform_view *v, const char **msg)
{
    (void)v;
    *msg = _("Only an inspection in progress can get a draft conclusion.");
    return review_inspection_draft(db, r->user, i->id, fv[0].str);
}

static int ap_conclude(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                       struct gform_view *v, const char **msg)
{
    *msg = _("Only a draft conclusion can be issued.");
    if (!i->started_on || strcmp(i->status, "draft") != 0) return DV_ECONFLICT;
    if (strcmp(fv[0].str, i->started_on) < 0) {
        gf_fail(r, v, "date", _("The conclusion cannot come before the start of the work."));
        return DV_EINVAL;
    }
    *msg = _("Only a draft conclusion can be issued.");
    return review_inspection_conclude(db, r->arena, r->user, i->id, fv[0].str, rv_series(r, db, i->unit_id, fv[0].str), NULL);
}

static int ap_member(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                     struct gform_view *v, const char **msg)
{
    int rc = review_member_add(db, r->user, i->id, fv[0].str, fv[1].str, fv[2].str);
    if (rc == DV_ECONFLICT && strcmp(fv[0].str, "head") == 0 && strcmp(i->status, "concluded") != 0 &&
        strcmp(i->status, "closed") != 0) {
        gf_fail(r, v, "role", _("The team already has a head."));
        return DV_EINVAL;
    }
    *msg = _("The team can no longer change.");
    return rc;
}

static int ap_finding(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                      struct gform_view *v, const char **msg)
{
    const struct dv_kv *file = req_upload(r, "evidence");
    size_t len = file ? file->len : 0;
    if (len > EVIDENCE_MAX) {
        v->general_error = _("The file is larger than 8 MB.");
        return DV_EINVAL;
    }
    *msg = _("Findings are recorded while the inspection is in progress.");
    return review_finding_add(db, r->user, i->id, fv[0].str, len ? (file->filename ? file->filename : "evidence") : NULL,
                              len ? file->content_type : NULL, len ? file->value : NULL, len);
}

static int ap_rec(dv_req *r, dv_db *db, const struct inspection *i, const struct input_value *fv,
                  struct gform_view *v, const char **msg)
{
    int64_t lead = strtoll(fv[1].str, NULL, 10);
    if (!review_can_inspect(db, r->user, i->unit_id, lead)) {
        gf_fail(r, v, "lead", _("Choose another unit you may see."));
        return DV_EINVAL;
    }
    *msg = _("Recommendations follow the conclusion notice.");
    if (!i->ended_on || strcmp(i->status, "concluded") != 0) return DV_ECONFLICT;
    if (strcmp(fv[2].str, i->ended_on) < 0) {
        gf_fail(r, v, "deadline", _("The deadline cannot come before the conclusion notice."));
        return DV_EINVAL;
    }
    *msg = _("Recommendations follow the conclusion notice.");
    return review_rec_add(db, r->arena, r->user, i->id, fv[0].str, lead, fv[2].str, NULL);
}

static const char *const role_codes[] = {"head", "deputy", "member", "secretary", NULL};

static void prep_member(dv_req *r, dv_db *db, const struct inspection *i, struct gform_view *v)
{
    (void)db, (void)i;
    struct option_view *o = arena_alloc(r->arena, 4 * sizeof *o);
    for (size_t k = 0; k < 4; k++) o[k] = (struct option_view){role_codes[k], rv_role_label(role_codes[k]), 0};
    gf_options(v, "role", o, 4, NULL);
}

static void prep_rec(dv_req *r, dv_db *db, const struct inspection *i, struct gform_view *v)
{
    struct insp_subject *s = NULL;
    size_t ns = 0;
    review_subjects(db, r->arena, i->id, &s, &ns);
    struct option_view *o;
    const char *const *codes;
    size_t n = rv_subject_options(r, db, &o, &codes);
    gf_options(v, "lead", o, n, _("Choose…"));
    if (ns && !gf_of(v, "lead")->f.value) gf_set(v, "lead", rv_num(r, s[0].unit_id));
    gf_options(v, "lead", o, n, _("Choose…"));
}

static void prep_draft(dv_req *r, dv_db *db, const struct inspection *i, struct gform_view *v)
{
    (void)r, (void)db;
    struct gf *g = gf_of(v, "text");
    if (g && (!g->f.value || !*g->f.value)) gf_set(v, "text", i->conclusion_text);
}

/* The unit choices of the recommendation form are made at run time (rec_specs). */
static const struct step steps[] = {
    {"decide", N_("Issue the decision"), N_("Issue"), N_("The decision is numbered in the inspecting unit's series."),
     {{"date", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date of the decision"), N_("Date as dd/mm/yyyy."), NULL}}, 1, NULL,
     ap_decide, prep_today},
    {"start", N_("Record the start of the work"), N_("Save"), N_("The legal length counts from this day."),
     {{"date", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("First day of the work"), N_("Date as dd/mm/yyyy."), NULL}}, 1, NULL,
     ap_start, prep_today},
    {"extend", N_("Extend the length"), N_("Save"), N_("Once, by at most one third of the legal length (QĐ 331-QĐ/TW)."),
     {{"days", IN_INT, 1, 1, 365, NULL, FK_NUMBER, N_("Days added"), NULL, NULL},
      {"reason", IN_MULTILINE, 1, 1, 2000, NULL, FK_TEXTAREA, N_("Reason"), NULL, NULL}}, 2, NULL, ap_extend, NULL},
    {"draft", N_("Draft conclusion"), N_("Save"), NULL,
     {{"text", IN_MULTILINE, 1, 1, 20000, NULL, FK_TEXTAREA, N_("Conclusion"),
       N_("What was found, what was done well, what must be corrected; one paragraph a line."), NULL}}, 1, NULL,
     ap_draft, prep_draft},
    {"conclude", N_("Issue the conclusion notice"), N_("Issue"), N_("The notice (thông báo kết luận) is numbered in the inspecting unit's series."),
     {{"date", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date of the notice"), N_("Date as dd/mm/yyyy."), NULL}}, 1, NULL,
     ap_conclude, prep_today},
    {"team", N_("Add a member"), N_("Add"), NULL,
     {{"role", IN_CHOICE, 1, 0, 0, role_codes, FK_SELECT, N_("Role"), NULL, NULL},
      {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), NULL, NULL},
      {"position", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Position"), NULL, NULL}}, 3, NULL, ap_member, prep_member},
    {"findings", N_("Add a finding"), N_("Add"), NULL,
     {{"text", IN_MULTILINE, 1, 1, 10000, NULL, FK_TEXTAREA, N_("Finding"), NULL, NULL}}, 1, "evidence", ap_finding, NULL},
    {"recommendations", N_("Add a recommendation"), N_("Add"),
     N_("The recommendation becomes a task of the lead unit, followed up until it is confirmed done."),
     {{"text", IN_MULTILINE, 1, 1, 2000, NULL, FK_TEXTAREA, N_("Recommendation"), NULL, NULL},
      {"lead", IN_CHOICE, 1, 0, 0, NULL, FK_SELECT, N_("Lead unit"), NULL, NULL},
      {"deadline", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Due by"), N_("Date as dd/mm/yyyy."), NULL}}, 3, NULL, ap_rec,
     prep_rec},
};

static const struct step *step_of(const char *path)
{
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if (strcmp(steps[k].path, path) == 0) return &steps[k];
    return NULL;
}

static void step_render(dv_req *r, dv_db *db, const struct step *s, const struct inspection *i, struct gform_view *v)
{
    if (s->prepare) s->prepare(r, db, i, v);
    rv_step_form(r, v, rv_insp_href(r, i->id), s->path, s->title, s->submit, s->intro, i->title, s->file,
                 _("Evidence file (optional)"));
}

static void step_get(dv_req *r, const char *path)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 1, &i)) return;
    const struct step *s = step_of(path);
    struct input_field f[STEP_MAX_FIELDS];
    rv_step_fields(r, db, s->f, s->n, f);
    struct gform_view v = {0};
    gform_init(r, &v, f, s->n, NULL);
    step_render(r, db, s, &i, &v);
}

static void step_post(dv_req *r, const char *path)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 1, &i)) return;
    const struct step *s = step_of(path);
    struct input_field f[STEP_MAX_FIELDS];
    rv_step_fields(r, db, s->f, s->n, f);
    struct gform_view v = {0};
    struct input_value fv[STEP_MAX_FIELDS];
    if (gform_validate(r, &v, f, s->n, fv) == 0) {
        const char *msg = _("This step is not possible now.");
        int rc = s->apply(r, db, &i, fv, &v, &msg);
        if (rv_step_saved(r, &v, rc, rv_insp_href(r, i.id), msg)) return;
    }
    if (r->status < 400) r->status = 422;
    step_render(r, db, s, &i, &v);
}

#define STEP_HANDLERS(fn, path)                                                                                    \
    void review_page_##fn##_form(dv_req *r) { step_get(r, path); }                                                 \
    void review_page_##fn(dv_req *r) { step_post(r, path); }

STEP_HANDLERS(decide, "decide")
STEP_HANDLERS(start, "start")
STEP_HANDLERS(extend, "extend")
STEP_HANDLERS(draft, "draft")
STEP_HANDLERS(conclude, "conclude")
STEP_HANDLERS(member_add, "team")
STEP_HANDLERS(finding_add, "findings")
STEP_HANDLERS(rec_add, "recommendations")

void review_page_close(dv_req *r)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 1, &i)) return;
    char today[11];
    clock_vn_today(today);
    int rc = review_inspection_close(db, r->arena, r->user, i.id, today);
    rv_acted(r, rc, rv_insp_href(r, i.id),
             _("The follow-up can be closed only once the conclusion is issued and every recommendation is confirmed done."));
}
