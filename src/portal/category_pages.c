/* category_pages.c - the desk's category page (GET /desk/categories) and its forms: create,
 * rename / change the slug, move up or down, hide or show. Each handler: check access →
 * validate input → call the store (category_store.c) → redirect, or show the page again
 * with the message beside the field and what was typed kept. */
#include "portal/desk.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/form_view.h"
#include "http/http.h"
#include "http/page.h"
#include "portal/category.h"
#include "portal/category_view.h"
#include "portal/portal_access.h"
#include "tpl.h"

#include <string.h>

#define BASE "/desk/categories"

/* The name and slug of a category; a row's fields are named name_ID and slug_ID, so the
 * declarations are copied with the row's names (names_of). */
static const struct input_field name_decl[2] = {
    {"name", IN_TEXT, 1, 1, CATEGORY_NAME_MAX, NULL, FK_TEXT, N_("Name"), NULL, NULL},
    {"slug", IN_TEXT, 0, 0, CATEGORY_SLUG_MAX, NULL, FK_TEXT, N_("Address (slug)"),
     N_("The end of the category's address: lower-case letters without diacritics, digits and hyphens, "
        "e.g. tin-tuc. Empty: made from the name."),
     NULL},
};

static void names_of(struct input_field out[2], const char *name_key, const char *slug_key)
{
    out[0] = name_decl[0];
    out[1] = name_decl[1];
    out[0].name = name_key;
    out[1].name = slug_key;
}

/* The move and hide buttons. */
static const char *const dirs[] = {"up", "down", NULL};
static const struct input_field dir_field = {"dir", IN_CHOICE, 1, 0, 0, dirs, FK_SELECT, NULL, NULL, NULL};
static const struct input_field hidden_field = {"hidden", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL};

static int require_manager(dv_req *r)
{
    if (portal_can_manage_categories(r->user)) return 0;
    res_error(r, 403);
    return -1;
}

static void name_fields(dv_req *r, struct field_view *name, struct field_view *slug, const char *name_key,
                        const char *slug_key, const struct input_value *fv)
{
    struct input_field d[2];
    names_of(d, name_key, slug_key);
    field_of(r->arena, name, &d[0], fv ? &fv[0] : NULL, FIELD_MARKED);
    field_of(r->arena, slug, &d[1], fv ? &fv[1] : NULL, 0);
}

static void row_init(dv_req *r, struct category_page_row *w, const struct category_row *c, int first, int last)
{
    long long id = (long long)c->t.id;
    w->id = id;
    w->name = c->t.name;
    w->slug = c->t.slug;
    w->articles = (long long)c->articles;
    w->hidden = c->hidden;
    w->action = arena_printf(r->arena, BASE "/%lld", id);
    w->move_action = arena_printf(r->arena, BASE "/%lld/move", id);
    w->hide_action = arena_printf(r->arena, BASE "/%lld/hide", id);
    name_fields(r, &w->name_field, &w->slug_field, arena_printf(r->arena, "name_%lld", id),
                arena_printf(r->arena, "slug_%lld", id), NULL);
    w->name_field.value = c->t.name;
    w->slug_field.value = c->t.slug;
    w->can_up = !first;
    w->can_down = !last;
    w->can_hide = !c->hidden && c->articles == 0;
}

/* The page as stored; 0, or an error response was sent. */
static int load_view(dv_req *r, dv_db *db, struct category_page_view *v)
{
    memset(v, 0, sizeof *v);
    struct category_row *rows = NULL;
    size_t n = 0;
    if (category_list_all(db, r->arena, &rows, &n)) {
        res_error(r, 500);
        return -1;
    }
    v->rows = arena_alloc(r->arena, (n + 1) * sizeof *v->rows);
    for (size_t i = 0; i < n; i++) row_init(r, &v->rows[i], &rows[i], i == 0, i + 1 == n);
    v->n = n;
    name_fields(r, &v->new_name, &v->new_slug, "name", "slug", NULL);
    return 0;
}

static struct category_page_row *find_row(struct category_page_view *v, int64_t id)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->rows[i].id == (long long)id) return &v->rows[i];
    return NULL;
}

static void render(dv_req *r, struct category_page_view *v)
{
    const size_t cap = sizeof v->errors / sizeof *v->errors;
    v->nerrors = 0;
    for (size_t i = 0; i < v->n; i++) {
        field_collect(&v->rows[i].name_field, v->errors, &v->nerrors, cap);
        field_collect(&v->rows[i].slug_field, v->errors, &v->nerrors, cap);
    }
    field_collect(&v->new_name, v->errors, &v->nerrors, cap);
    field_collect(&v->new_slug, v->errors, &v->nerrors, cap);
    struct page pg;
    page_init(&pg, r, _("Categories"));
    pg.nav = "categories";
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0] = (struct crumb){_("Portal desk"), "/desk"};
    c[1] = (struct crumb){_("Categories"), NULL};
    c[2] = (struct crumb){NULL, NULL};
    pg.crumbs = c;
    tpl_portal_desk_categories(&r->out, &pg, v);
}

static void saved(dv_req *r)
{
    page_flash_set(r, "Saved.");
    res_redirect(r, BASE);
}

/* The store's answer to a name/slug form: done, or the message beside the slug. */
static void after_name_write(dv_req *r, struct category_page_view *v, struct field_view *slug, int rc)
{
    if (rc == 0) {
        saved(r);
        return;
    }
    if (rc == DV_EINVAL) field_fail(r->arena, slug, _("Use lower-case letters without diacritics, digits and single hyphens, e.g. tin-tuc."));
    else if (rc == DV_ECONFLICT) field_fail(r->arena, slug, _("Another category already has this address."));
    else {
        res_error(r, rc == DV_EDENIED ? 403 : rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    render(r, v);
}

/* Validates the name and slug fields named name_key and slug_key; 1 when both are fine. */
static int read_names(dv_req *r, const char *name_key, const char *slug_key, struct input_value fv[2])
{
    struct input_field fields[2];
    names_of(fields, name_key, slug_key);
    return input_form(r, fields, 2, fv) == 0;
}

/* GET /desk/categories */
void category_page_index(dv_req *r)
{
    if (require_manager(r)) return;
    struct category_page_view v;
    if (load_view(r, db_thread(), &v)) return;
    render(r, &v);
}

/* POST /desk/categories (name, slug) */
void category_page_create(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    struct input_value fv[2];
    int ok = read_names(r, "name", "slug", fv);
    struct category_page_view v;
    if (load_view(r, db, &v)) return;
    name_fields(r, &v.new_name, &v.new_slug, "name", "slug", fv);
    if (!ok) {
        render(r, &v);
        return;
    }
    after_name_write(r, &v, &v.new_slug, category_create(db, r->user, fv[0].str, fv[1].str, NULL));
}

/* POST /desk/categories/:id (name_ID, slug_ID) */
void category_page_update(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct category_page_view v;
    if (load_view(r, db, &v)) return;
    struct category_page_row *w = find_row(&v, id);
    if (!w) {
        res_error(r, 404);
        return;
    }
    struct input_value fv[2];
    int ok = read_names(r, w->name_field.name, w->slug_field.name, fv);
    name_fields(r, &w->name_field, &w->slug_field, w->name_field.name, w->slug_field.name, fv);
    if (!ok) {
        render(r, &v);
        return;
    }
    after_name_write(r, &v, &w->slug_field, category_update(db, r->user, id, fv[0].str, fv[1].str));
}

/* POST /desk/categories/:id/move (dir = up | down) */
void category_page_move(dv_req *r)
{
    if (require_manager(r)) return;
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct input_value dir;
    int d = input_form1(r, &dir_field, &dir) ? 0 : strcmp(dir.str, "up") == 0 ? -1 : 1;
    int rc = d ? category_move(db_thread(), r->user, id, d) : DV_EINVAL;
    if (rc == 0) saved(r);
    else res_error(r, rc == DV_ENOTFOUND ? 404 : rc == DV_EINVAL ? 400 : rc == DV_EDENIED ? 403 : 500);
}

/* POST /desk/categories/:id/hide (hidden = 1 | 0) */
void category_page_hide(dv_req *r)
{
    if (require_manager(r)) return;
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct input_value h;
    input_form1(r, &hidden_field, &h);
    int rc = category_set_hidden(db, r->user, id, h.num != 0);
    if (rc == 0) {
        saved(r);
        return;
    }
    if (rc != DV_ECONFLICT) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : rc == DV_EDENIED ? 403 : 500);
        return;
    }
    struct category_page_view v;
    if (load_view(r, db, &v)) return;
    v.general_error = _("Only an empty category can be hidden: this one holds articles.");
    render(r, &v);
}
