/* conference_steps.c - the forms of a conference's parts, each on its own page (GET shows,
 * POST applies): bridge points, invitees, agenda items, presentations (with a file), the
 * minutes, conclusions (tasks), awards (the same achievement twice refused), check-in by the
 * code on the invitation, and closing (which keeps the draft article offered to the editors);
 * plus the staff's one-button check-in. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "portal/media.h"
#include "review/conference.h"
#include "review/conference_pages.h"
#include "review/review_access.h"
#include "review/review_routes.h"

#include <stdlib.h>
#include <string.h>

#define CSTEP_MAX 7
#define FILE_MAX (16u << 20)

struct cstep {
    const char *path, *title, *submit, *intro;
    struct input_field f[CSTEP_MAX];
    size_t n;
    const char *file;
    int when_closed;   /* allowed on a closed conference (awards) */
    int (*apply)(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                 const char **msg);
    void (*prepare)(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v);
    const char *file_label; /* msgid; NULL = "File (optional)" */
};

static int64_t id_of(const struct input_value *v)
{
    return v->str && *v->str ? strtoll(v->str, NULL, 10) : 0;
}

static void unit_select(dv_req *r, dv_db *db, struct gform_view *v, const char *name, const char *blank)
{
    struct option_view *o;
    const char *const *codes;
    size_t n = rv_subject_options(r, db, &o, &codes);
    gf_options(v, name, o, n, blank);
}

/* ---- apply ---- */

static int ap_bridge(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                     const char **msg)
{
    (void)v, (void)msg;
    return conf_bridge_add(db, r->user, c->id, fv[0].str);
}

static int ap_invitee(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                      const char **msg)
{
    int64_t unit = id_of(&fv[0]);
    if (!unit && !*fv[1].str) {
        gf_fail(r, v, "name", _("Choose a unit or write a person's name."));
        return DV_EINVAL;
    }
    (void)msg;
    return conf_invitee_add(db, r->user, c->id, unit, fv[1].str, fv[2].str, NULL);
}

static int ap_agenda(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                     const char **msg)
{
    (void)msg;
    if (!conf_is_time(fv[0].str)) gf_fail(r, v, "starts_at", _("Write the time as HH:MM, e.g. 08:00."));
    else if (!conf_is_time(fv[1].str) || strcmp(fv[0].str, fv[1].str) >= 0)
        gf_fail(r, v, "ends_at", _("The end must be a time (HH:MM) after the start."));
    else
        return conf_agenda_add(db, r->user, c->id, fv[0].str, fv[1].str, fv[2].str, fv[3].str);
    return DV_EINVAL;
}

static int ap_presentation(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv,
                           struct gform_view *v, const char **msg)
{
    (void)msg;
    const struct dv_kv *file = req_upload(r, "file");
    size_t len = file ? file->len : 0;
    if (len > FILE_MAX) {
        v->general_error = _("The file is larger than 16 MB.");
        return DV_EINVAL;
    }
    return conf_presentation_add(db, r->user, c->id, fv[1].str, id_of(&fv[2]), fv[0].str, fv[3].str,
                                 len ? (file->filename ? file->filename : "tham-luan") : NULL, len ? file->content_type : NULL,
                                 len ? file->value : NULL, len);
}

/* The photo goes through the portal's media checks (content sniffed and decoded, 5 MB, 50
 * million pixels; media_save), then joins the conference's photos. */
static int ap_photo(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                    const char **msg)
{
    const struct dv_kv *up = req_upload(r, "photo");
    if (!up || !up->len) {
        v->general_error = _("Choose a photo.");
        return DV_EINVAL;
    }
    int64_t mid = 0;
    int rc = up->len > MEDIA_MAX_BYTES ? DV_ETOOBIG : media_save(db, r->user, up->value, up->len, &mid);
    if (rc == DV_ETOOBIG || rc == DV_EINVAL) {
        v->general_error = rc == DV_EINVAL ? _("This file is not an image. Choose a JPEG, PNG, GIF or WebP file.")
                           : up->len > MEDIA_MAX_BYTES ? _("The file is larger than 5 MB, or the image is too large. Choose a smaller file.")
                                                       : _("The image is too large: it has more than 50 million pixels. Reduce its size and choose it again.");
        return DV_EINVAL;
    }
    if (rc) return rc;
    *msg = _("This photo is already there, or the draft article is already on the desk.");
    return conf_photo_add(db, r->user, c->id, mid, fv[0].str, fv[1].str);
}

static int ap_minutes(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                      const char **msg)
{
    (void)v, (void)msg;
    return conf_minutes_set(db, r->user, c->id, fv[0].str, fv[1].str);
}

static int ap_conclusion(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv,
                         struct gform_view *v, const char **msg)
{
    (void)msg;
    int64_t lead = id_of(&fv[1]);
    if (!review_can_inspect(db, r->user, c->unit_id, lead)) {
        gf_fail(r, v, "lead", _("Choose another unit you may see."));
        return DV_EINVAL;
    }
    if (strcmp(fv[2].str, c->held_on) < 0) {
        gf_fail(r, v, "deadline", _("The deadline cannot come before the conference."));
        return DV_EINVAL;
    }
    return conf_conclusion_add(db, r->arena, r->user, c->id, fv[0].str, lead, fv[2].str, NULL);
}

static int ap_award(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                    const char **msg)
{
    (void)msg;
    struct award_input in = {c->id, id_of(&fv[1]), fv[0].str, fv[2].str, fv[3].str, fv[4].str, fv[5].str, fv[6].str};
    if (strcmp(in.recipient_kind, "collective") == 0 && !in.unit_id) {
        gf_fail(r, v, "unit", _("Choose the collective awarded."));
        return DV_EINVAL;
    }
    if (strcmp(in.recipient_kind, "individual") == 0 && !*in.person_name) {
        gf_fail(r, v, "person", _("Write the name of the person awarded."));
        return DV_EINVAL;
    }
    int rc = award_add(db, r->arena, r->user, &in, NULL);
    if (rc == DV_ECONFLICT) {
        gf_fail(r, v, "achievement", _("This recipient has already been awarded for this achievement (Law on Emulation and Commendation 2022)."));
        return DV_EINVAL;
    }
    return rc;
}

static int ap_checkin(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                      const char **msg)
{
    (void)msg;
    int rc = conf_checkin_code(db, r->user, c->id, fv[0].str, NULL);
    if (rc == DV_ENOTFOUND) gf_fail(r, v, "code", _("No invitation of this conference has this code."));
    else if (rc == DV_ECONFLICT) gf_fail(r, v, "code", _("This invitee is already checked in."));
    else return rc;
    return DV_EINVAL;
}

static int ap_close(dv_req *r, dv_db *db, const struct conference *c, const struct input_value *fv, struct gform_view *v,
                    const char **msg)
{
    (void)v;
    char today[11];
    clock_vn_today(today);
    *msg = _("The conference can be closed once its minutes are written.");
    return conf_close(db, r->user, c->id, today, fv[0].str, fv[1].str, fv[2].str, fv[3].str);
}

/* ---- prepare ---- */

static void pr_invitee(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    (void)c;
    unit_select(r, db, v, "unit", _("None (a person)"));
}

static void pr_presentation(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    (void)c;
    unit_select(r, db, v, "unit", _("None"));
    struct option_view *o = arena_alloc(r->arena, 2 * sizeof *o);
    o[0] = (struct option_view){"spoken", _("Spoken"), 0};
    o[1] = (struct option_view){"written", _("Written"), 0};
    gf_options(v, "mode", o, 2, NULL);
}

static void pr_minutes(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    (void)r, (void)db;
    struct gf *g = gf_of(v, "minutes");
    if (g && (!g->f.value || !*g->f.value)) gf_set(v, "minutes", c->minutes);
    g = gf_of(v, "by");
    if (g && (!g->f.value || !*g->f.value)) gf_set(v, "by", c->minutes_by);
}

static void pr_conclusion(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    (void)c;
    unit_select(r, db, v, "lead", _("Choose…"));
}

static void pr_award(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    (void)c;
    unit_select(r, db, v, "unit", _("None"));
    struct option_view *o = arena_alloc(r->arena, 2 * sizeof *o);
    o[0] = (struct option_view){"collective", _("A collective"), 0};
    o[1] = (struct option_view){"individual", _("An individual"), 0};
    gf_options(v, "kind", o, 2, NULL);
}

/* The draft article from the record: title, lead, body (the presentations, the conclusions,
 * the awards) and the author's credit. */
static void pr_close(dv_req *r, dv_db *db, const struct conference *c, struct gform_view *v)
{
    struct gf *g = gf_of(v, "title");
    if (g && g->f.value && *g->f.value) return; /* a re-rendered form keeps what was typed */
    gf_set(v, "title", c->title);
    struct conf_presentation *p = NULL;
    size_t np = 0;
    conf_presentations(db, r->arena, c->id, &p, &np);
    struct conf_invitee *iv = NULL;
    size_t ni = 0;
    conf_invitees(db, r->arena, c->id, &iv, &ni);
    size_t present = 0;
    for (size_t k = 0; k < ni; k++) present += iv[k].checked_in_at != NULL;
    gf_set(v, "lead", arena_printf(r->arena, "Ngày %s, %s tổ chức %s.%s", rv_dmy(r, c->held_on), c->unit_name, c->title,
                                   *c->chair ? arena_printf(r->arena, " %s chủ trì hội nghị.", c->chair) : ""));
    dv_buf b = {0};
    buf_printf(&b, "Dự hội nghị có %zu đại biểu được mời, %zu đại biểu có mặt tại %s.\n\n", ni, present, c->place);
    if (np) buf_printf(&b, "Tại hội nghị, các đại biểu đã nghe %zu tham luận:\n\n", np);
    for (size_t k = 0; k < np; k++)
        buf_printf(&b, "- %s (%s%s%s)\n", p[k].title, p[k].author, *p[k].unit_name ? ", " : "", p[k].unit_name);
    struct conf_conclusion *k = NULL;
    size_t nk = 0;
    conf_conclusions(db, r->arena, c->id, &k, &nk);
    if (nk) buf_puts(&b, "\nKết luận hội nghị đề ra các nhiệm vụ:\n\n");
    for (size_t i = 0; i < nk; i++) buf_printf(&b, "- %s (%s)\n", k[i].text, k[i].lead_name);
    struct award *a = NULL;
    size_t na = 0;
    conf_awards(db, r->arena, c->id, &a, &na);
    if (na) buf_printf(&b, "\nDịp này, %zu tập thể, cá nhân được khen thưởng.\n", na);
    gf_set(v, "body", b.data ? arena_strdup(r->arena, b.data) : "");
    buf_free(&b);
    gf_set(v, "author", r->user->full_name);
}

static const char *const kind_codes[] = {"collective", "individual", NULL};
static const char *const mode_codes[] = {"spoken", "written", NULL};

#define UNITF(name, label, req) {name, IN_CHOICE, req, 0, 0, NULL, FK_SELECT, label, NULL, NULL}
#define DATEF(name, label) {name, IN_DATE, 1, 0, 0, NULL, FK_DATE, label, N_("Date as dd/mm/yyyy."), NULL}

static const struct cstep steps[] = {
    {"bridges", N_("Add a bridge point"), N_("Add"), NULL,
     {{"place", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Bridge point"), N_("E.g. Hội trường Đảng ủy phường Bạc Liêu."), NULL}}, 1, NULL, 0,
     ap_bridge, NULL, NULL},
    {"invitees", N_("Invite a unit or a person"), N_("Invite"), N_("An attendance code is printed on each invitation letter."),
     {UNITF("unit", N_("Unit"), 0), {"name", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Person"), N_("Leave empty to invite the unit."), NULL},
      {"position", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Position"), NULL, NULL}}, 3, NULL, 0, ap_invitee, pr_invitee, NULL},
    {"agenda", N_("Add an agenda item"), N_("Add"), NULL,
     {{"starts_at", IN_TEXT, 1, 5, 5, NULL, FK_TEXT, N_("From"), N_("Time as HH:MM, e.g. 08:00."), NULL},
      {"ends_at", IN_TEXT, 1, 5, 5, NULL, FK_TEXT, N_("To"), N_("Time as HH:MM, e.g. 08:30."), NULL},
      {"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Item"), NULL, NULL},
      {"presenter", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Presented by"), NULL, NULL}}, 4, NULL, 0, ap_agenda, NULL, NULL},
    {"presentations", N_("Add a presentation"), N_("Add"), NULL,
     {{"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"), NULL, NULL},
      {"author", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Author"), NULL, NULL}, UNITF("unit", N_("Unit"), 0),
      {"mode", IN_CHOICE, 1, 0, 0, mode_codes, FK_SELECT, N_("Form"), NULL, NULL}}, 4, "file", 0, ap_presentation, pr_presentation, NULL},
    {"photos", N_("Add a photo"), N_("Add"), N_("The photos go into the draft article offered to the editors."),
     {{"caption", IN_TEXT, 0, 0, 300, NULL, FK_TEXT, N_("Caption"), N_("Printed under the photo."), NULL},
      {"alt", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Description for screen readers"), N_("What the photo shows."), NULL}},
     2, "photo", 1, ap_photo, NULL, N_("Photo (JPEG, PNG, GIF or WebP, at most 5 MB)")},
    {"minutes", N_("Minutes"), N_("Save"), N_("The minutes (biên bản) are required before the conference can be closed."),
     {{"minutes", IN_MULTILINE, 1, 1, 50000, NULL, FK_TEXTAREA, N_("Minutes"), NULL, NULL},
      {"by", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Secretary of the conference"), NULL, NULL}}, 2, NULL, 0, ap_minutes, pr_minutes, NULL},
    {"conclusions", N_("Add a conclusion"), N_("Add"), N_("The conclusion becomes a task of the lead unit."),
     {{"text", IN_MULTILINE, 1, 1, 2000, NULL, FK_TEXTAREA, N_("Conclusion"), NULL, NULL}, UNITF("lead", N_("Lead unit"), 1),
      DATEF("deadline", N_("Due by"))}, 3, NULL, 0, ap_conclusion, pr_conclusion, NULL},
    {"awards", N_("Add an award"), N_("Add"), N_("The same achievement cannot be awarded twice to the same recipient."),
     {{"kind", IN_CHOICE, 1, 0, 0, kind_codes, FK_SELECT, N_("Recipient"), NULL, NULL}, UNITF("unit", N_("Collective, or the person's unit"), 0),
      {"person", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Person"), NULL, NULL},
      {"achievement", IN_TEXT, 1, 1, 500, NULL, FK_TEXT, N_("Achievement"), N_("E.g. Đã có thành tích xuất sắc trong 10 năm thực hiện Quy chế dân vận."), NULL},
      {"form", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Form of the award"), N_("E.g. Bằng khen, Giấy khen."), NULL},
      {"decision", IN_TEXT, 1, 1, 100, NULL, FK_TEXT, N_("Decision number"), N_("E.g. 125-QĐ/TU."), NULL},
      DATEF("decided_on", N_("Date of the decision"))}, 7, NULL, 1, ap_award, pr_award, NULL},
    {"checkin", N_("Check in by the code on the invitation"), N_("Check in"), NULL,
     {{"code", IN_TEXT, 1, 8, 8, NULL, FK_TEXT, N_("Attendance code"), N_("The 8 letters and digits printed on the invitation."), NULL}},
     1, NULL, 0, ap_checkin, NULL, NULL},
    {"close", N_("Close the conference"), N_("Close and offer the article"),
     N_("Closing keeps this draft article for the portal's editors; they take it to the desk."),
     {{"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Article title"), NULL, NULL},
      {"lead", IN_MULTILINE, 1, 1, 1000, NULL, FK_TEXTAREA, N_("Lead"), NULL, NULL},
      {"body", IN_MULTILINE, 1, 1, 50000, NULL, FK_TEXTAREA, N_("Body"), NULL, NULL},
      {"author", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Author's credit"), NULL, NULL}}, 4, NULL, 0, ap_close, pr_close, NULL},
};

static const struct cstep *step_of(const char *path)
{
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if (strcmp(steps[k].path, path) == 0) return &steps[k];
    return NULL;
}

static void render(dv_req *r, dv_db *db, const struct cstep *s, const struct conference *c, struct gform_view *v)
{
    if (s->prepare) s->prepare(r, db, c, v);
    rv_step_form(r, v, rv_conf_href(r, c->id), s->path, s->title, s->submit, s->intro, c->title, s->file,
                 s->file_label ? _(s->file_label) : _("File (optional)"));
}

/* -1 (and 409 rendered) when the conference is closed and the step not allowed then. */
static int open_for(dv_req *r, const struct cstep *s, const struct conference *c)
{
    if (s->when_closed || strcmp(c->status, "closed") != 0) return 0;
    rv_acted(r, DV_ECONFLICT, rv_conf_href(r, c->id), _("The conference is closed."));
    return -1;
}

static void cstep_get(dv_req *r, const char *path)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 1, &c)) return;
    const struct cstep *s = step_of(path);
    if (open_for(r, s, &c)) return;
    struct input_field f[CSTEP_MAX];
    rv_step_fields(r, db, s->f, s->n, f);
    struct gform_view v = {0};
    gform_init(r, &v, f, s->n, NULL);
    render(r, db, s, &c, &v);
}

static void cstep_post(dv_req *r, const char *path)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 1, &c)) return;
    const struct cstep *s = step_of(path);
    if (open_for(r, s, &c)) return;
    struct input_field f[CSTEP_MAX];
    rv_step_fields(r, db, s->f, s->n, f);
    struct gform_view v = {0};
    struct input_value fv[CSTEP_MAX];
    if (gform_validate(r, &v, f, s->n, fv) == 0) {
        const char *msg = _("This step is not possible now.");
        int rc = s->apply(r, db, &c, fv, &v, &msg);
        if (rv_step_saved(r, &v, rc, rv_conf_href(r, c.id), msg)) return;
    }
    if (r->status < 400) r->status = 422;
    render(r, db, s, &c, &v);
}

#define CSTEP_HANDLERS(fn, path)                                                                                    \
    void review_page_conf_##fn##_form(dv_req *r) { cstep_get(r, path); }                                          \
    void review_page_conf_##fn(dv_req *r) { cstep_post(r, path); }

CSTEP_HANDLERS(bridge, "bridges")
CSTEP_HANDLERS(invitee, "invitees")
CSTEP_HANDLERS(agenda, "agenda")
CSTEP_HANDLERS(presentation, "presentations")
CSTEP_HANDLERS(photo, "photos")
CSTEP_HANDLERS(minutes, "minutes")
CSTEP_HANDLERS(conclusion, "conclusions")
CSTEP_HANDLERS(award, "awards")
CSTEP_HANDLERS(checkin, "checkin")
CSTEP_HANDLERS(close, "close")

void review_page_conf_checkin_staff(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 1, &c)) return;
    int64_t iid = input_path_id(r, "iid");
    if (!iid) return;
    int rc = conf_checkin_staff(db, r->user, c.id, iid);
    rv_acted(r, rc, rv_conf_href(r, c.id), _("This invitee is already checked in, or the conference is closed."));
}
