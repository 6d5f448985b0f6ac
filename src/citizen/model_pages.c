/* model_pages.c - the staff's registry of Dân vận khéo models and exemplars:
 * GET /citizen/models (those of the user's subtree), GET /citizen/models/new and POST
 * /citizen/models (register), GET/POST /citizen/models/:id (edit: status, recognition),
 * POST /citizen/models/:id/files (a photo, checked and reduced like the portal's, or a PDF). */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages_int.h"
#include "citizen/model_view.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/input.h"
#include "http/page.h"
#include "portal/media.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { M_KIND, M_NAME, M_UNIT, M_FIELD, M_FROM, M_TO, M_METHOD, M_RESULTS, M_REPL, M_STATUS, M_LEVEL, M_FORM,
       M_DECISION, M_DATE, MN };
static const struct input_field model_fields_decl[MN] = {
    [M_KIND] = {"kind", IN_CHOICE, 1, 0, 0, model_kinds, FK_SELECT, N_("Type"), NULL, NULL},
    [M_NAME] = {"name", IN_TEXT, 1, 3, 300, NULL, FK_TEXT, N_("Name"), NULL, NULL},
    [M_UNIT] = {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, N_("Choose a unit from the list.")},
    [M_FIELD] = {"field", IN_CHOICE, 1, 0, 0, model_fields, FK_SELECT, N_("Field"), NULL, NULL},
    [M_FROM] = {"year_from", IN_INT, 1, 1990, 2100, NULL, FK_NUMBER, N_("Since (year)"), NULL, NULL},
    [M_TO] = {"year_to", IN_INT, 0, 1990, 2100, NULL, FK_NUMBER, N_("Until (year)"), N_("Empty while it goes on."), NULL},
    [M_METHOD] = {"method", IN_MULTILINE, 1, 10, 10000, NULL, FK_TEXTAREA, N_("The way it works (cách làm)"), NULL, NULL},
    [M_RESULTS] = {"results", IN_MULTILINE, 0, 0, 10000, NULL, FK_TEXTAREA, N_("Quantitative results"),
                   N_("Figures: households helped, money raised, kilometres of road, …"), NULL},
    [M_REPL] = {"replication", IN_MULTILINE, 0, 0, 5000, NULL, FK_TEXTAREA, N_("Replication"),
                N_("Where else it is applied."), NULL},
    [M_STATUS] = {"status", IN_CHOICE, 1, 0, 0, model_statuses, FK_SELECT, N_("Status"), NULL, NULL},
    [M_LEVEL] = {"recog_level", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Recognised at level"),
                 N_("e.g. provincial, commune."), NULL},
    [M_FORM] = {"recog_form", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Form of recognition"),
                N_("e.g. Giấy khen, Bằng khen."), NULL},
    [M_DECISION] = {"recog_decision", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Decision number"), NULL, NULL},
    [M_DATE] = {"recog_date", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Decision date"), N_("dd/mm/yyyy"), NULL},
};

void citizen_model_card(dv_req *r, const struct dvk_model *m, struct model_card_view *c, int public)
{
    c->m = m;
    c->kind = model_kind_label(m->kind);
    c->field = model_field_label(m->field);
    c->status = model_status_label(m->status);
    c->years = m->year_to ? arena_printf(r->arena, "%d–%d", m->year_from, m->year_to)
                          : arena_printf(r->arena, "%s %d", _("since"), m->year_from);
    c->href = arena_printf(r->arena, public ? "/dan-van-kheo/%lld" : "/citizen/models/%lld", (long long)m->id);
    c->thumb = m->cover_id ? arena_printf(r->arena, "/dan-van-kheo/tep/%lld/nho", (long long)m->cover_id) : NULL;
}

static struct option_view *code_options(dv_req *r, const char *const *codes, const char *(*label)(const char *),
                                        const char *selected, size_t *n)
{
    size_t k = 0;
    while (codes[k]) k++;
    struct option_view *o = arena_alloc(r->arena, (k + 1) * sizeof *o);
    for (size_t i = 0; i < k; i++) o[i] = (struct option_view){codes[i], label(codes[i]), selected && !strcmp(selected, codes[i])};
    *n = k;
    return o;
}

/* GET /citizen/models */
void citizen_page_models(dv_req *r)
{
    if (!citizen_can_use_registry(r->user)) {
        res_error(r, 403);
        return;
    }
    char today[11];
    clock_vn_today(today);
    struct model_filter f = {citizen_scope_root(r->user), NULL, today, 500};
    struct dvk_model *ms = NULL;
    size_t n = 0;
    if (model_list(db_thread(), r->arena, &f, &ms, &n)) {
        res_error(r, 500);
        return;
    }
    struct model_card_view *cards = arena_alloc(r->arena, (n + 1) * sizeof *cards);
    for (size_t i = 0; i < n; i++) citizen_model_card(r, &ms[i], &cards[i], 0);
    struct model_list_view v = {cards, n, NULL, NULL, 0, 0, r->user->role != ROLE_VIEWER};
    struct page pg;
    page_init(&pg, r, _("Dân vận khéo models"));
    pg.nav = "models";
    tpl_citizen_model_list(&r->out, &pg, &v);
}

static void form_init(dv_req *r, struct model_form_view *v, const struct input_value *fv, const struct dvk_model *m)
{
    struct field_view *views[MN] = {&v->f_kind, &v->f_name, &v->f_unit, &v->f_field, &v->f_from, &v->f_to,
                                    &v->f_method, &v->f_results, &v->f_replication, &v->f_status, &v->f_level,
                                    &v->f_form, &v->f_decision, &v->f_date};
    for (int i = 0; i < MN; i++) field_of(r->arena, views[i], &model_fields_decl[i], fv ? &fv[i] : NULL, FIELD_MARKED);
    if (!fv && m) {
        const char *vals[MN] = {m->kind, m->name, NULL, m->field, arena_printf(r->arena, "%d", m->year_from),
                                m->year_to ? arena_printf(r->arena, "%d", m->year_to) : NULL, m->method, m->results,
                                m->replication, m->status, m->recog_level, m->recog_form, m->recog_decision,
                                m->recog_date ? citizen_dmy(r->arena, m->recog_date) : NULL};
        for (int i = 0; i < MN; i++) views[i]->value = vals[i];
    }
}

static void render_form(dv_req *r, struct model_form_view *v, int64_t unit, const struct dvk_model *m, int status)
{
    struct option_view *units = NULL;
    if (citizen_unit_options(r, unit, &units, &v->nunits)) {
        res_error(r, 500);
        return;
    }
    v->units = units;
    v->kinds = code_options(r, model_kinds, model_kind_label, v->f_kind.value ? v->f_kind.value : "model", &v->nkinds);
    v->fields = code_options(r, model_fields, model_field_label, v->f_field.value, &v->nfields);
    v->statuses = code_options(r, model_statuses, model_status_label, v->f_status.value ? v->f_status.value : "registered",
                               &v->nstatuses);
    const struct field_view *order[MN] = {&v->f_kind, &v->f_name, &v->f_unit, &v->f_field, &v->f_from, &v->f_to,
                                          &v->f_method, &v->f_results, &v->f_replication, &v->f_status, &v->f_level,
                                          &v->f_form, &v->f_decision, &v->f_date};
    citizen_collect(order, MN, v->errors, &v->nerrors, 14);
    struct page pg;
    page_init(&pg, r, m ? m->name : _("Register a model"));
    pg.nav = "models";
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0] = (struct crumb){_("Dân vận khéo models"), "/citizen/models"};
    c[1] = (struct crumb){m ? m->name : _("Register a model"), NULL};
    pg.crumbs = c;
    r->status = status;
    tpl_citizen_model_form(&r->out, &pg, v);
}

/* GET /citizen/models/new */
void citizen_page_model_new(dv_req *r)
{
    if (!citizen_can_use_registry(r->user) || r->user->role == ROLE_VIEWER) {
        res_error(r, 403);
        return;
    }
    struct model_form_view v;
    memset(&v, 0, sizeof v);
    form_init(r, &v, NULL, NULL);
    v.f_from.value = arena_printf(r->arena, "%d", clock_vn_year());
    v.action = "/citizen/models";
    render_form(r, &v, r->user->unit_id, NULL, 200);
}

/* Reads the form; 0 when valid (in filled), else the form's errors are set. */
static int read_form(dv_req *r, struct model_form_view *v, struct input_value *fv, struct model_input *in)
{
    int bad = input_form(r, model_fields_decl, MN, fv);
    form_init(r, v, fv, NULL);
    if (!fv[M_UNIT].error && citizen_can_edit_unit_records(db_thread(), r->user, fv[M_UNIT].num) != 1) {
        field_fail(r->arena, &v->f_unit, _("Choose a unit from the list."));
        bad++;
    }
    if (!bad && fv[M_TO].present && fv[M_TO].num < fv[M_FROM].num) {
        field_fail(r->arena, &v->f_to, _("The last year cannot be before the first."));
        bad++;
    }
#define OPT(i) (fv[i].present ? fv[i].str : NULL)
    *in = (struct model_input){fv[M_KIND].str, fv[M_NAME].str, fv[M_UNIT].num, fv[M_FIELD].str, (int)fv[M_FROM].num,
                               (int)fv[M_TO].num, fv[M_METHOD].str, OPT(M_RESULTS), OPT(M_REPL), fv[M_STATUS].str,
                               OPT(M_LEVEL), OPT(M_FORM), OPT(M_DECISION), OPT(M_DATE)};
#undef OPT
    return bad;
}

/* POST /citizen/models */
void citizen_page_model_create(dv_req *r)
{
    if (!citizen_can_use_registry(r->user) || r->user->role == ROLE_VIEWER) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[MN];
    struct model_form_view v;
    memset(&v, 0, sizeof v);
    struct model_input in;
    int bad = read_form(r, &v, fv, &in);
    v.action = "/citizen/models";
    int64_t id = 0;
    int rc = bad ? DV_EINVAL : model_create(db_thread(), r->user, &in, &id);
    if (rc == DV_EINVAL && !bad) field_fail(r->arena, &v.f_status, _("A new model is registered or being implemented."));
    if (rc) {
        if (rc != DV_EINVAL) {
            res_error(r, 500);
            return;
        }
        render_form(r, &v, fv[M_UNIT].num, NULL, 422);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/models/%lld", (long long)id));
}

/* The model of :id the user may edit, or the answer given. */
static int load(dv_req *r, struct dvk_model *m)
{
    if (!citizen_can_use_registry(r->user)) {
        res_error(r, 403);
        return -1;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = model_get(db_thread(), r->arena, id, m);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    if (citizen_can_edit_unit_records(db_thread(), r->user, m->unit_id) != 1) {
        res_error(r, 404);
        return -1;
    }
    return 0;
}

static void render_edit(dv_req *r, struct model_form_view *v, const struct dvk_model *m, int64_t unit, int status)
{
    struct model_card_view *card = arena_alloc(r->arena, sizeof *card);
    citizen_model_card(r, m, card, 1);
    struct model_file *files = NULL;
    if (model_files(db_thread(), r->arena, m->id, &files, &v->nfiles)) {
        res_error(r, 500);
        return;
    }
    v->files = files;
    v->card = card;
    v->action = arena_printf(r->arena, "/citizen/models/%lld", (long long)m->id);
    v->photo_action = arena_printf(r->arena, "/citizen/models/%lld/files", (long long)m->id);
    render_form(r, v, unit, m, status);
}

/* GET /citizen/models/:id */
void citizen_page_model_edit(dv_req *r)
{
    struct dvk_model m;
    if (load(r, &m)) return;
    struct model_form_view v;
    memset(&v, 0, sizeof v);
    form_init(r, &v, NULL, &m);
    render_edit(r, &v, &m, m.unit_id, 200);
}

/* POST /citizen/models/:id */
void citizen_page_model_update(dv_req *r)
{
    struct dvk_model m;
    if (load(r, &m)) return;
    struct input_value fv[MN];
    struct model_form_view v;
    memset(&v, 0, sizeof v);
    struct model_input in;
    int bad = read_form(r, &v, fv, &in);
    int rc = bad ? DV_EINVAL : model_update(db_thread(), r->user, m.id, &in);
    if (rc == DV_EINVAL && !bad)
        field_fail(r->arena, &v.f_status, _("A model goes registered, then being implemented, then effective or not."));
    if (rc == DV_EINVAL) {
        render_edit(r, &v, &m, fv[M_UNIT].num, 422);
        return;
    }
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/models/%lld", (long long)m.id));
}

static const struct input_field caption_field = {"caption", IN_TEXT, 0, 0, 300, NULL, FK_TEXT, N_("Caption"), NULL, NULL};

/* POST /citizen/models/:id/files */
void citizen_page_model_photo(dv_req *r)
{
    struct dvk_model m;
    if (load(r, &m)) return;
    if (r->user->role == ROLE_VIEWER) {
        res_error(r, 403);
        return;
    }
    struct input_value cv;
    input_form1(r, &caption_field, &cv);
    const struct dv_kv *up = req_upload(r, "file");
    const char *err = NULL;
    struct media_image img;
    int have_img = 0;
    const char *type = NULL;
    if (!up || !up->len) err = _("Choose a file.");
    else if (up->len > MEDIA_MAX_BYTES) err = _("The file is larger than 5 MB.");
    else if ((type = media_sniff(up->value, up->len))) {
        if (media_prepare(up->value, up->len, &img) != 0) err = _("The image could not be read.");
        else have_img = 1;
    } else if (up->len > 8 && !memcmp(up->value, "%PDF-", 5)) type = "application/pdf";
    else err = _("Attach photos (JPEG, PNG) or PDF files only.");
    if (!err) {
        const char *name = up->filename && *up->filename ? up->filename : "file";
        int rc = model_file_add(db_thread(), r->user, m.id, name, type, cv.present ? cv.str : "", up->value, up->len,
                                have_img ? img.thumb : NULL, have_img ? img.thumb_len : 0,
                                have_img ? img.thumb_type : NULL);
        if (rc) err = _("The file could not be saved.");
    }
    if (have_img) media_image_free(&img);
    if (err) {
        struct model_form_view v;
        memset(&v, 0, sizeof v);
        form_init(r, &v, NULL, &m);
        v.photo_error = err;
        render_edit(r, &v, &m, m.unit_id, 422);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/models/%lld", (long long)m.id));
}
