/* gform.c - the generic validated form of the reporting admin pages (see gform.h). */
#include "report/entry/gform.h"

#include "core/err.h"
#include "core/i18n.h"
#include "http/form_legacy.h"
#include "db/store_util.h"
#include "tpl.h"

#include <string.h>

#define GF_FLAGS (FIELD_MARKED | FIELD_ERROR_FIRST)

void gform_init(dv_req *r, struct gform_view *v, const struct input_field *s, size_t n, const struct input_value *fv)
{
    v->n = 0;
    for (size_t i = 0; i < n && i < GFORM_MAX; i++) {
        struct gf *g = &v->fields[v->n++];
        memset(g, 0, sizeof *g);
        g->kind = s[i].kind;
        field_of(r->arena, &g->f, &s[i], fv ? &fv[i] : NULL, GF_FLAGS);
        if (g->kind == FK_TEXTAREA) field_legacy(r, &g->f);
    }
}

int gform_validate(dv_req *r, struct gform_view *v, const struct input_field *s, size_t n, struct input_value *fv)
{
    int bad = 0, longtext = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i].kind != FK_TEXTAREA) continue;
        longtext = 1; /* read through its legacy-encoding choice; a preview saves nothing */
        bad += req_legacy(r, s[i].name) == LEGACY_FIELD_ASK;
    }
    if (longtext) bad += req_legacy_preview(r);
    bad += input_form(r, s, n, fv);
    gform_init(r, v, s, n, fv);
    return bad;
}

struct gf *gf_of(struct gform_view *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->fields[i].f.name, name) == 0) return &v->fields[i];
    return NULL;
}

void gf_set(struct gform_view *v, const char *name, const char *value)
{
    struct gf *g = gf_of(v, name);
    if (g) g->f.value = value;
}

void gf_fail(dv_req *r, struct gform_view *v, const char *name, const char *msg)
{
    struct gf *g = gf_of(v, name);
    if (g) field_fail(r->arena, &g->f, msg);
}

void gf_options(struct gform_view *v, const char *name, struct option_view *opts, size_t n, const char *blank)
{
    struct gf *g = gf_of(v, name);
    if (!g) return;
    for (size_t i = 0; i < n; i++) opts[i].selected = g->f.value && strcmp(g->f.value, opts[i].value) == 0;
    g->opts = opts;
    g->nopts = n;
    g->blank = blank;
}

int gf_check_code(dv_req *r, struct gform_view *v, const struct input_value *fv, const char *name)
{
    if (fv->error || !fv->str || !*fv->str || rstore_is_code(fv->str)) return 0;
    gf_fail(r, v, name, _("Use only letters, digits, “-”, “_” or “.”."));
    return 1;
}

void gform_render(dv_req *r, struct gform_view *v, const char *title, const char *nav, const struct crumb *crumbs)
{
    v->nerrors = 0;
    for (size_t i = 0; i < v->n; i++) field_collect(&v->fields[i].f, v->errors, &v->nerrors, GFORM_MAX);
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = nav;
    pg.crumbs = crumbs;
    r->status = 200;
    tpl_report_regime_form(&r->out, &pg, v);
}

int gform_saved(dv_req *r, struct gform_view *v, int rc, const char *href)
{
    if (rc == 0) {
        page_flash_set(r, "Saved.");
        res_redirect(r, href);
        return 1;
    }
    if (rc != DV_EINVAL) {
        res_error(r, 500);
        return 1;
    }
    v->general_error = _("Some values are not valid.");
    return 0;
}

int gform_code_error(dv_req *r, struct gform_view *v, int rc, const char *code_taken)
{
    if (rc == DV_ECONFLICT) gf_fail(r, v, "code", code_taken);
    else if (rc == DV_EINVAL) v->general_error = _("Some values are not valid.");
    else {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return 0;
}

int gform_move_dir(dv_req *r, int *dir)
{
    static const char *const dirs[] = {"up", "down", NULL};
    static const struct input_field field = {"dir", IN_CHOICE, 1, 0, 0, dirs, FK_SELECT, NULL, NULL, NULL};
    struct input_value fv;
    if (input_form1(r, &field, &fv)) {
        res_error(r, 400);
        return -1;
    }
    *dir = strcmp(fv.str, "up") == 0 ? -1 : 1;
    return 0;
}
