/* category_set_pages.c - the category set pages (the disaggregations indicators use): the list,
 * a set with its options, and the validated forms that create a set, rename it, delete it
 * (while no indicator uses it), and add, edit, move and remove its options. Admins, and
 * staff for the sets whose scope unit is inside their scope (a set belongs to a scope as
 * a regime does; a set of another scope does not exist for them: 404). An option that reports already hold values for keeps its code and cannot
 * be removed: the store refuses, the page says why.
 * Each handler: check access → validate input → call the store → render. */
#include "report/regime/category_set_pages.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "report/report_access.h"
#include "core/principal.h"
#include "report/regime/category_set_view.h"
#include "report/entry/gform.h"
#include "report/regime/regime.h"
#include "tpl.h"

#include <string.h>

/* ---- access, loading, links ---- */

static int require_manager(dv_req *r)
{
    if (report_can_manage_regimes(r->user)) return 0;
    res_error(r, r->user ? 403 : 401);
    return -1;
}

/* Is set s inside the user's scope? Admins: every set; staff: a set whose scope unit is in
 * their subtree (not a root set). 1/0, errors count as 0. */
static int in_scope(dv_req *r, dv_db *db, const struct category_set *s)
{
    return report_can_manage_category_set(db, r->user, s->scope_unit_id);
}

/* Checks access and loads :id with its options; -1 when an error page was rendered. */
static int load_set(dv_req *r, dv_db *db, struct category_set *s)
{
    if (require_manager(r)) return -1;
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = category_set_get(db, r->arena, id, s);
    if (!rc && !in_scope(r, db, s)) rc = DV_ENOTFOUND;
    if (rc) res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
    return rc ? -1 : 0;
}

int category_set_list_visible(dv_req *r, dv_db *db, struct category_set **out, size_t *n)
{
    int rc = category_set_list(db, r->arena, out, n);
    if (rc || !r->user) return rc;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (in_scope(r, db, &(*out)[i])) (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

/* The option :oid of set s; -1 (404 rendered) when it is not one of s's. */
static int find_option(dv_req *r, const struct category_set *s, const struct category_option **o)
{
    int64_t oid = input_path_id(r, "oid");
    if (!oid) return -1;
    for (size_t i = 0; i < s->n_options; i++)
        if (s->options[i].id == oid) {
            *o = &s->options[i];
            return 0;
        }
    res_error(r, 404);
    return -1;
}

/* "/category-sets/ID" followed by rest ("" or NULL for the set's page). */
static const char *set_at(dv_req *r, int64_t set_id, const char *rest)
{
    return arena_printf(r->arena, "/category-sets/%lld%s", (long long)set_id, rest ? rest : "");
}

static const struct crumb *crumbs(dv_req *r, const struct category_set *s, const char *last)
{
    struct crumb *c = arena_alloc(r->arena, 4 * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Disaggregations"), "/category-sets"};
    if (s) c[k++] = (struct crumb){s->name, last ? set_at(r, s->id, NULL) : NULL};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

/* Renders a form of the set s (NULL: a new set) posting to action, cancel back to cancel. */
static void form_page(dv_req *r, struct gform_view *v, const struct category_set *s, const char *action,
                      const char *submit, const char *cancel, const char *title)
{
    v->action = action;
    v->submit_label = submit;
    v->cancel_href = cancel;
    gform_render(r, v, title, "category_sets", crumbs(r, s, title));
}

/* ---- GET /category-sets ---- */

static const char *option_names(dv_req *r, const struct category_set *s)
{
    const char *t = "";
    for (size_t i = 0; i < s->n_options; i++) t = arena_printf(r->arena, "%s%s%s", t, i ? ", " : "", s->options[i].name);
    return t;
}

void category_set_page_list(dv_req *r)
{
    if (require_manager(r)) return;
    struct category_set *cs;
    size_t n;
    if (category_set_list_visible(r, db_thread(), &cs, &n)) {
        res_error(r, 500);
        return;
    }
    struct cat_list_view v = {arena_alloc(r->arena, (n + 1) * sizeof *v.rows), n};
    for (size_t i = 0; i < n; i++)
        v.rows[i] = (struct cat_set_row){cs[i].code, cs[i].name, set_at(r, cs[i].id, NULL), option_names(r, &cs[i])};
    struct page pg;
    page_init(&pg, r, _("Disaggregations"));
    pg.nav = "category_sets";
    tpl_report_category_list(&r->out, &pg, &v);
}

/* ---- a new set ---- */

enum { C_CODE, C_NAME, C_N };
static const struct input_field set_specs[C_N] = {
    [C_CODE] = {"code", IN_TEXT, 1, 1, 32, NULL, FK_TEXT, N_("Code"),
                N_("Letters, digits, “-”, “_” or “.”, e.g. KHOI."), NULL},
    [C_NAME] = {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), N_("E.g. Khối."), NULL},
};

static void set_new_page(dv_req *r, struct gform_view *v)
{
    form_page(r, v, NULL, "/category-sets", _("Create the set"), "/category-sets", _("New category set"));
}

void category_set_page_new(dv_req *r)
{
    if (require_manager(r)) return;
    struct gform_view v = {0};
    gform_init(r, &v, set_specs, C_N, NULL);
    set_new_page(r, &v);
}

void category_set_page_create(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    struct gform_view v = {0};
    struct input_value fv[C_N];
    int bad = gform_validate(r, &v, set_specs, C_N, fv);
    bad += gf_check_code(r, &v, &fv[C_CODE], "code");
    if (!bad) {
        int64_t id = 0;
        /* in the creator's scope (an admin without one: the root) */
        int rc = category_set_create_in(db, r->user, r->remote_addr, r->user->scope_unit_id, fv[C_CODE].str,
                                        fv[C_NAME].str, &id);
        if (rc == 0) {
            gform_saved(r, &v, 0, set_at(r, id, NULL));
            return;
        }
        if (gform_code_error(r, &v, rc, _("This code is already used by another category set."))) return;
    }
    set_new_page(r, &v);
}

/* ---- GET /category-sets/:id ---- */

void category_set_page_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    if (load_set(r, db, &s)) return;
    int64_t users = 0;
    if (category_set_users(db, s.id, &users)) {
        res_error(r, 500);
        return;
    }
    struct cat_show_view v = {s.code, s.name, set_at(r, s.id, "/edit"), set_at(r, s.id, "/options/new"), NULL, 0,
                              users ? NULL : set_at(r, s.id, "/delete"), (long long)users};
    v.rows = arena_alloc(r->arena, (s.n_options + 1) * sizeof *v.rows);
    for (size_t i = 0; i < s.n_options; i++) {
        const struct category_option *o = &s.options[i];
        const char *base = set_at(r, s.id, arena_printf(r->arena, "/options/%lld", (long long)o->id));
        v.rows[v.n++] = (struct cat_option_row){o->code, o->name, arena_printf(r->arena, "%s/edit", base),
                                                arena_printf(r->arena, "%s/move", base),
                                                arena_printf(r->arena, "%s/delete", base), i > 0,
                                                i + 1 < s.n_options};
    }
    struct page pg;
    page_init(&pg, r, s.name);
    pg.nav = "category_sets";
    pg.crumbs = crumbs(r, &s, NULL);
    tpl_report_category_show(&r->out, &pg, &v);
}

/* ---- renaming the set ---- */

static const struct input_field rename_specs[] = {
    {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), NULL, NULL},
};

static void rename_page(dv_req *r, struct gform_view *v, const struct category_set *s)
{
    v->intro = arena_printf(r->arena, _("Code: %s (it does not change)."), s->code);
    form_page(r, v, s, set_at(r, s->id, NULL), _("Save"), set_at(r, s->id, NULL), _("Rename the set"));
}

void category_set_page_edit(dv_req *r)
{
    struct category_set s;
    if (load_set(r, db_thread(), &s)) return;
    struct gform_view v = {0};
    gform_init(r, &v, rename_specs, 1, NULL);
    gf_set(&v, "name", s.name);
    rename_page(r, &v, &s);
}

void category_set_page_rename(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    if (load_set(r, db, &s)) return;
    struct gform_view v = {0};
    struct input_value fv[1];
    if (gform_validate(r, &v, rename_specs, 1, fv) == 0 &&
        gform_saved(r, &v, category_set_rename(db, r->user, r->remote_addr, s.id, fv[0].str), set_at(r, s.id, NULL)))
        return;
    rename_page(r, &v, &s);
}

/* ---- deleting the set ---- */

void category_set_page_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    if (load_set(r, db, &s)) return;
    int rc = category_set_delete(db, r->user, r->remote_addr, s.id);
    if (rc == DV_EDENIED) {
        page_flash_set(r, "Indicators use this set; it cannot be deleted.");
        res_redirect(r, set_at(r, s.id, NULL));
        return;
    }
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    page_flash_set(r, "The set has been deleted.");
    res_redirect(r, "/category-sets");
}

/* ---- options ---- */

enum { O_CODE, O_NAME, O_N };
static const struct input_field option_specs[O_N] = {
    [O_CODE] = {"code", IN_TEXT, 1, 1, 32, NULL, FK_TEXT, N_("Code"),
                N_("Letters, digits, “-”, “_” or “.”, unique in the set, e.g. DANG; the XLSX form shows it."), NULL},
    [O_NAME] = {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), N_("E.g. Đảng."), NULL},
};

static const char *const OPTION_IN_USE = N_("Reports already hold values for this category: its code cannot change.");

/* The option form: o NULL adds one; in_use says that o's code is fixed (a hint beside it). */
static void option_page(dv_req *r, struct gform_view *v, const struct category_set *s,
                        const struct category_option *o, int in_use)
{
    struct gf *code = gf_of(v, "code");
    if (in_use && code) code->f.hint = _(OPTION_IN_USE);
    const char *action = o ? set_at(r, s->id, arena_printf(r->arena, "/options/%lld", (long long)o->id))
                           : set_at(r, s->id, "/options");
    form_page(r, v, s, action, o ? _("Save") : _("Add"), set_at(r, s->id, "#options"),
              o ? _("Edit the category") : _("Add a category"));
}

static const char *code_taken(void)
{
    return _("This code is already used in this set.");
}

void category_set_page_option_new(dv_req *r)
{
    struct category_set s;
    if (load_set(r, db_thread(), &s)) return;
    struct gform_view v = {0};
    gform_init(r, &v, option_specs, O_N, NULL);
    option_page(r, &v, &s, NULL, 0);
}

void category_set_page_option_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    if (load_set(r, db, &s)) return;
    struct gform_view v = {0};
    struct input_value fv[O_N];
    int bad = gform_validate(r, &v, option_specs, O_N, fv);
    bad += gf_check_code(r, &v, &fv[O_CODE], "code");
    if (!bad) {
        int rc = category_option_add(db, r->user, r->remote_addr, s.id, fv[O_CODE].str, fv[O_NAME].str, 0, NULL);
        if (rc == 0) {
            gform_saved(r, &v, 0, set_at(r, s.id, "#options"));
            return;
        }
        if (gform_code_error(r, &v, rc, code_taken())) return;
    }
    option_page(r, &v, &s, NULL, 0);
}

void category_set_page_option_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    const struct category_option *o;
    if (load_set(r, db, &s) || find_option(r, &s, &o)) return;
    int used = 0;
    if (category_option_in_use(db, o->id, &used)) {
        res_error(r, 500);
        return;
    }
    struct gform_view v = {0};
    gform_init(r, &v, option_specs, O_N, NULL);
    gf_set(&v, "code", o->code);
    gf_set(&v, "name", o->name);
    option_page(r, &v, &s, o, used);
}

void category_set_page_option_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    const struct category_option *o;
    if (load_set(r, db, &s) || find_option(r, &s, &o)) return;
    struct gform_view v = {0};
    struct input_value fv[O_N];
    int bad = gform_validate(r, &v, option_specs, O_N, fv);
    bad += gf_check_code(r, &v, &fv[O_CODE], "code");
    int used = 0;
    if (!bad) {
        int rc = category_option_update(db, r->user, r->remote_addr, o->id, fv[O_CODE].str, fv[O_NAME].str);
        if (rc == 0) {
            gform_saved(r, &v, 0, set_at(r, s.id, "#options"));
            return;
        }
        if (rc == DV_EDENIED) {
            used = 1;
            gf_fail(r, &v, "code", _(OPTION_IN_USE));
        } else if (gform_code_error(r, &v, rc, code_taken())) {
            return;
        }
    }
    option_page(r, &v, &s, o, used);
}

void category_set_page_option_move(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    const struct category_option *o;
    if (load_set(r, db, &s) || find_option(r, &s, &o)) return;
    int dir;
    if (gform_move_dir(r, &dir)) return;
    int rc = category_option_move(db, r->user, r->remote_addr, o->id, dir);
    if (rc) {
        res_error(r, rc == DV_EINVAL ? 400 : 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, set_at(r, s.id, "#options"));
}

void category_set_page_option_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct category_set s;
    const struct category_option *o;
    if (load_set(r, db, &s) || find_option(r, &s, &o)) return;
    int rc = category_option_delete(db, r->user, r->remote_addr, o->id);
    if (rc && rc != DV_EDENIED) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, rc ? "This category already holds reported values; it cannot be removed." : "Saved.");
    res_redirect(r, set_at(r, s.id, "#options"));
}
