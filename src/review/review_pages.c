/* review_pages.c - helpers the review area's pages share (review_pages_int.h): loading with
 * access, unit pickers, form and page rendering, outcomes, labels, official numbers. */
#include "review/review_pages_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "directive/directive.h"
#include "org/unit.h"
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "report/regime/regime.h"
#include "review/review_access.h"
#include "text/decimal.h"
#include "text/text.h"
#include "tpl.h"

#include <stdlib.h>
#include <string.h>

int rv_require_use(dv_req *r)
{
    if (review_can_use(r->user)) return 0;
    res_error(r, r->user ? 403 : 401);
    return -1;
}

int rv_require_run(dv_req *r)
{
    if (review_can_run(r->user)) return 0;
    res_error(r, r->user ? 403 : 401);
    return -1;
}

int64_t rv_path_id(dv_req *r)
{
    if (rv_require_use(r)) return 0;
    return input_path_id(r, "id");
}

int rv_loaded(dv_req *r, dv_db *db, int rc, int manage, int64_t unit_id)
{
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    int ok = manage ? review_can_manage(db, r->user, unit_id) : review_can_read_unit(db, r->user, unit_id);
    if (ok) return 0;
    res_error(r, 403);
    return -1;
}

int rv_load_inspection(dv_req *r, dv_db *db, int manage, struct inspection *out)
{
    int64_t id = rv_path_id(r);
    if (!id) return -1;
    int rc = review_inspection_get(db, r->arena, id, out);
    return rv_loaded(r, db, rc, manage, rc ? 0 : out->unit_id);
}

int rv_load_plan(dv_req *r, dv_db *db, int manage, struct insp_plan *out)
{
    int64_t id = rv_path_id(r);
    if (!id) return -1;
    int rc = review_plan_get(db, r->arena, id, out);
    return rv_loaded(r, db, rc, manage, rc ? 0 : out->unit_id);
}

size_t rv_unit_options(dv_req *r, dv_db *db, int64_t root, int with_root, int max_depth, struct option_view **opts,
                       const char *const **codes)
{
    struct unit *u = NULL;
    size_t n = 0;
    if (unit_store_subtree(db, r->arena, root, &u, &n)) n = 0;
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    const char **c = arena_alloc(r->arena, (n + 1) * sizeof *c);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if ((u[i].depth == 0 && !with_root) || u[i].depth > max_depth) continue;
        c[k] = rv_num(r, u[i].id);
        o[k] = (struct option_view){c[k], u[i].depth > 1 ? arena_printf(r->arena, "— %s", u[i].name) : u[i].name, 0};
        k++;
    }
    c[k] = NULL;
    *opts = o;
    *codes = c;
    return k;
}

int64_t rv_scope_root(dv_req *r, dv_db *db)
{
    int64_t root = r->user->scope_unit_id ? r->user->scope_unit_id : r->user->unit_id;
    if (root) return root;
    struct unit *roots = NULL; /* an admin without a scope: the first root */
    size_t nr = 0;
    return unit_store_roots(db, r->arena, &roots, &nr) == 0 && nr ? roots[0].id : 0;
}

size_t rv_own_unit_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes)
{
    struct option_view *o;
    const char *const *c;
    size_t n = rv_unit_options(r, db, rv_scope_root(r, db), 1, 2, &o, &c);
    struct option_view *ko = arena_alloc(r->arena, (n + 1) * sizeof *ko);
    const char **kc = arena_alloc(r->arena, (n + 1) * sizeof *kc);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (review_can_manage(db, r->user, strtoll(c[i], NULL, 10))) {
            ko[k] = o[i];
            kc[k++] = c[i];
        }
    kc[k] = NULL;
    *opts = ko;
    *codes = kc;
    return k;
}

size_t rv_document_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes)
{
    struct document_filter f = {0};
    f.limit = 200;
    struct document *d = NULL;
    size_t n = 0;
    if (document_search(db, r->arena, &f, &d, &n, NULL)) n = 0;
    const char **c = arena_alloc(r->arena, (n + 1) * sizeof *c);
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    for (size_t k = 0; k < n; k++) {
        c[k] = rv_num(r, d[k].id);
        o[k] = (struct option_view){c[k], arena_printf(r->arena, "%s: %s", d[k].code, d[k].title), 0};
    }
    c[n] = NULL;
    *opts = o;
    *codes = c;
    return n;
}

size_t rv_regime_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes)
{
    struct regime *g = NULL;
    size_t n = 0;
    if (regime_store_list(db, r->arena, &g, &n)) n = 0;
    const char **c = arena_alloc(r->arena, (n + 1) * sizeof *c);
    struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
    for (size_t k = 0; k < n; k++) {
        c[k] = rv_num(r, g[k].id);
        o[k] = (struct option_view){c[k], arena_printf(r->arena, "%s: %s", g[k].code, g[k].name), 0};
    }
    c[n] = NULL;
    *opts = o;
    *codes = c;
    return n;
}

size_t rv_subject_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes)
{
    return rv_unit_options(r, db, rv_scope_root(r, db), 0, 2, opts, codes);
}

static const struct crumb *crumbs(dv_req *r, const char *parent, const char *parent_href, const char *last)
{
    struct crumb *c = arena_alloc(r->arena, 4 * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Inspection and review"), "/review"};
    if (parent) c[k++] = (struct crumb){parent, parent_href};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

void rv_form(dv_req *r, struct gform_view *v, const char *title, const char *parent, const char *parent_href,
             const char *file_field, const char *file_label)
{
    v->nerrors = 0;
    for (size_t i = 0; i < v->n; i++) field_collect(&v->fields[i].f, v->errors, &v->nerrors, GFORM_MAX);
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = "review";
    pg.crumbs = crumbs(r, parent, parent_href, title);
    if (r->status == 0) r->status = 200;
    tpl_review_form(&r->out, &pg, v, file_field, file_label);
}

int rv_saved(dv_req *r, struct gform_view *v, int rc, const char *href, const char *msg)
{
    if (rc == 0) {
        page_flash_set(r, "Saved.");
        res_redirect(r, href);
        return 1;
    }
    if (rc == DV_EINVAL || rc == DV_ECONFLICT) {
        v->general_error = msg;
        r->status = rc == DV_EINVAL ? 422 : 409;
        return 0;
    }
    res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
    return 1;
}

int rv_step_saved(dv_req *r, struct gform_view *v, int rc, const char *href, const char *msg)
{
    int marked = v->general_error != NULL;
    for (size_t k = 0; k < v->n; k++) marked |= v->fields[k].f.error != NULL;
    if (rc == DV_EINVAL && marked) {
        r->status = 422;
        return 0;
    }
    return rv_saved(r, v, rc, href, msg);
}

void rv_step_fields(dv_req *r, dv_db *db, const struct input_field *decl, size_t n, struct input_field *f)
{
    memcpy(f, decl, n * sizeof *f);
    for (size_t k = 0; k < n; k++)
        if (f[k].type == IN_CHOICE && !f[k].choices) {
            struct option_view *o;
            const char *const *codes;
            rv_subject_options(r, db, &o, &codes);
            f[k].choices = codes;
        }
}

void rv_step_form(dv_req *r, struct gform_view *v, const char *base, const char *path, const char *title,
                  const char *submit, const char *intro, const char *parent, const char *file, const char *file_label)
{
    v->action = arena_printf(r->arena, "%s/%s", base, path);
    v->submit_label = _(submit);
    v->cancel_href = base;
    v->intro = intro ? _(intro) : NULL;
    rv_form(r, v, _(title), parent, base, file, file ? file_label : NULL);
}

void rv_acted(dv_req *r, int rc, const char *href, const char *msg)
{
    if (rc == 0) {
        page_flash_set(r, "Saved.");
        res_redirect(r, href);
        return;
    }
    if (rc == DV_ECONFLICT || rc == DV_EINVAL) {
        struct rv_page v = {0};
        v.notice = msg;
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Back"), href};
        r->status = 409;
        rv_render(r, &v, _("Not possible now"), NULL, NULL);
        return;
    }
    res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
}

void rv_render(dv_req *r, const struct rv_page *v, const char *title, const char *parent, const char *parent_href)
{
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = "review";
    int home = !parent && title && strcmp(title, _("Inspection and review")) == 0;
    pg.crumbs = home ? NULL : crumbs(r, parent, parent_href, title);
    if (r->status == 0) r->status = 200;
    tpl_review_page(&r->out, &pg, v);
}

const char *rv_dmy(dv_req *r, const char *iso)
{
    return iso && *iso ? text_date_dmy(r->arena, iso) : "";
}

const char *rv_num(dv_req *r, long long n)
{
    return arena_printf(r->arena, "%lld", n);
}

const char *rv_kind_label(const char *kind)
{
    return kind && strcmp(kind, "supervision") == 0 ? _("Supervision") : _("Inspection");
}

const char *rv_role_label(const char *role)
{
    if (!role) return "";
    if (strcmp(role, "head") == 0) return _("Head of the team");
    if (strcmp(role, "deputy") == 0) return _("Deputy head");
    if (strcmp(role, "secretary") == 0) return _("Secretary");
    return _("Member");
}

static void source_of(dv_req *r, dv_db *db, int64_t unit_id, const char *date, struct doc_source *src)
{
    memset(src, 0, sizeof *src);
    struct doc_unit_names nm;
    if (doc_store_unit_names(db, r->arena, unit_id, date, &nm) == 0) {
        src->unit_type = nm.type;
        src->unit_name = nm.name;
        src->parent_name = nm.parent_name;
        src->parent_type = nm.parent_type;
    } else {
        src->unit_type = "party_commission";
        src->unit_name = "";
    }
    src->body = DOC_BODY_UNIT;
    src->date_iso = date;
}

const char *rv_doc_number(dv_req *r, dv_db *db, int64_t unit_id, const char *type, int64_t number, const char *date)
{
    struct doc_source src;
    source_of(r, db, unit_id, date, &src);
    src.doc_type = type;
    src.number = number;
    struct doc_model m;
    doc_model_build(r->arena, &src, &m);
    return m.number;
}

const char *rv_series(dv_req *r, dv_db *db, int64_t unit_id, const char *date)
{
    struct doc_source src;
    source_of(r, db, unit_id, date, &src);
    return doc_series_for(r->arena, doc_layout_of(src.unit_type, src.parent_type, DOC_BODY_UNIT), date);
}

const char *rv_dec(dv_arena *a, double num, int lang)
{
    char buf[64];
    dec_format(buf, sizeof buf, num, 1, 1, lang < 0 ? dec_lang_of(i18n_lang()) : (enum dec_lang)lang);
    return arena_strdup(a, buf);
}
