/* unit_pages.c - the unit pages: the tree browser and search, a unit's page, and the
 * admin forms to create, edit and close units. Each handler: check access → validate
 * input → call the store → render. */
#include "org/unit_links.h"
#include "org/unit_pages.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/form_legacy.h"
#include "http/http.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "org/unit_view.h"
#include "core/principal.h"
#include "org/user_store.h"
#include "text/text.h"
#include "tpl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEARCH_LIMIT 50

static const char *unit_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/units/%lld", (long long)id);
}

static void row_of(dv_req *r, const struct unit *u, struct unit_row *w)
{
    memset(w, 0, sizeof *w);
    w->name = u->name;
    w->href = unit_href(r, u->id);
    w->type_label = unit_type_label(u->type);
    w->child_count = (long long)u->child_count;
}

/* Breadcrumbs: "Units", then the ancestors (linked when the user may see them), then the
 * unit itself (or the last label given). */
static const struct crumb *crumbs_for(dv_req *r, dv_db *db, int64_t id, const char *self_label,
                                      const char *self_href, const char *last)
{
    struct unit *anc = NULL;
    size_t n = 0;
    if (id && unit_store_ancestors(db, r->arena, id, &anc, &n) != 0) n = 0;
    struct crumb *c = arena_alloc(r->arena, (n + 4) * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Units"), "/units"};
    for (size_t i = 0; i < n; i++) {
        int ok = access_can_view_unit(db, r->user, anc[i].id) == 1;
        c[k++] = (struct crumb){anc[i].name, ok ? unit_href(r, anc[i].id) : NULL};
    }
    if (self_label) c[k++] = (struct crumb){self_label, last ? self_href : NULL};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

/* The parents of a unit as one line, "Tỉnh Cà Mau › Tỉnh ủy Cà Mau". */
static const char *parent_path(dv_req *r, dv_db *db, int64_t id)
{
    struct unit *anc;
    size_t n;
    if (unit_store_ancestors(db, r->arena, id, &anc, &n) != 0 || n == 0) return NULL;
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, " › ");
        buf_puts(&b, anc[i].name);
    }
    const char *s = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The top of the user's own unit (their province): its units rank first in a search. */
static int64_t home_root(dv_req *r, dv_db *db)
{
    int64_t own = r->user->unit_id ? r->user->unit_id : r->user->scope_unit_id;
    struct unit *anc;
    size_t n;
    if (own && unit_store_ancestors(db, r->arena, own, &anc, &n) == 0 && n > 0) return anc[0].id;
    return own;
}

/* GET /units and GET /units?q=... */
void unit_page_index(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit_list_view v;
    memset(&v, 0, sizeof v);
    struct unit *units = NULL;
    size_t n = 0;
    int rc;
    static const struct input_field q_field = {"q", IN_TEXT, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL};
    struct input_value q;
    if (input_query1(r, &q_field, &q) == 0 && q.present) {
        v.q = q.str;
        int64_t root = access_sees_every_unit(r->user) ? 0 : r->user->scope_unit_id;
        rc = unit_store_search(db, r->arena, root, root ? 0 : home_root(r, db), v.q, SEARCH_LIMIT + 1, &units, &n);
        if (n > SEARCH_LIMIT) {
            n = SEARCH_LIMIT;
            v.truncated = 1;
        }
        v.heading = arena_printf(r->arena, _("Search results for “%s”"), v.q);
    } else if (access_sees_every_unit(r->user)) {
        rc = unit_store_roots(db, r->arena, &units, &n);
        v.heading = _("Provinces and other top-level units");
    } else {
        units = arena_alloc(r->arena, sizeof *units);
        rc = unit_store_get(db, r->arena, r->user->scope_unit_id, units);
        n = rc == 0 ? 1 : 0;
        if (rc == DV_ENOTFOUND) rc = 0;
        v.heading = _("Your units");
    }
    if (rc != 0 && rc != DV_EINVAL) {
        res_error(r, 500);
        return;
    }
    v.rows = arena_alloc(r->arena, (n + 1) * sizeof *v.rows);
    for (size_t i = 0; i < n; i++) {
        row_of(r, &units[i], &v.rows[i]);
        if (v.q) v.rows[i].path = parent_path(r, db, units[i].id);
    }
    v.n = n;
    struct page pg;
    page_init(&pg, r, _("Units"));
    pg.nav = "units";
    tpl_org_unit_list(&r->out, &pg, &v);
}

/* Loads :id and checks the user may see it; on failure the error page is rendered. */
static int load_viewable(dv_req *r, dv_db *db, struct unit *u)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = unit_store_get(db, r->arena, id, u);
    if (rc == DV_ENOTFOUND) {
        res_error(r, 404);
        return -1;
    }
    if (rc) {
        res_error(r, 500);
        return -1;
    }
    int ok = access_can_view_unit(db, r->user, id);
    if (ok < 0) {
        res_error(r, 500);
        return -1;
    }
    if (!ok) {
        res_error(r, 403);
        return -1;
    }
    return 0;
}

/* The list of subordinate units, rendered once per tree snapshot and language (it is the
 * same for everyone who may see the unit). NULL on a store error. */
static dv_html children_html(dv_req *r, dv_db *db, int64_t id)
{
    const struct unit_tree *t = unit_tree_get(db);
    int slot = strcmp(r->lang, "en") == 0;
    const char *cached = unit_tree_fragment(t, id, slot);
    if (cached) return (dv_html){cached};
    struct unit *kids;
    size_t n;
    if (unit_store_children(db, r->arena, id, &kids, &n) != 0) return (dv_html){NULL};
    struct unit_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) row_of(r, &kids[i], &rows[i]);
    dv_buf b = DV_BUF_INIT;
    tpl_org_unit_children(&b, rows, n);
    const char *kept = unit_tree_fragment_put(t, id, slot, xstrdup(buf_cstr(&b)));
    if (!kept) kept = arena_strdup(r->arena, buf_cstr(&b)); /* a closed unit: not cached */
    buf_free(&b);
    return (dv_html){kept};
}

/* GET /units/:id */
void unit_page_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_viewable(r, db, &u)) return;
    struct unit_show_view v;
    memset(&v, 0, sizeof v);
    v.u = &u;
    v.type_label = unit_type_label(u.type);
    v.valid_from = text_date_dmy(r->arena, u.valid_from);
    v.valid_to = text_date_dmy(r->arena, u.valid_to);
    char today[11];
    unit_today(today);
    v.open = !u.valid_to || strcmp(u.valid_to, today) > 0;

    struct unit *anc;
    size_t nanc;
    if (unit_store_ancestors(db, r->arena, u.id, &anc, &nanc) == 0 && nanc > 0) {
        v.parent_name = anc[nanc - 1].name;
        if (access_can_view_unit(db, r->user, anc[nanc - 1].id) == 1)
            v.parent_href = unit_href(r, anc[nanc - 1].id);
    }
    v.children_html = children_html(r, db, u.id);
    if (!v.children_html.s) {
        res_error(r, 500);
        return;
    }

    struct user_record *people = NULL;
    size_t np = 0;
    if (user_list_unit_cached(db, r->arena, u.id, (int64_t)time(NULL), &people, &np) != 0) np = 0;
    v.people = arena_alloc(r->arena, (np + 1) * sizeof *v.people);
    for (size_t i = 0; i < np; i++) {
        v.people[i].full_name = people[i].u.full_name;
        v.people[i].position = people[i].position;
        v.people[i].role = role_label(people[i].u.role);
        v.people[i].username = people[i].u.username;
    }
    v.npeople = np;

    v.can_edit = access_can_edit_units(r->user) == 1;
    if (v.can_edit) {
        v.edit_href = arena_printf(r->arena, "/units/%lld/edit", (long long)u.id);
        v.close_href = arena_printf(r->arena, "/units/%lld/close", (long long)u.id);
        v.new_child_href = arena_printf(r->arena, "/units/new?parent=%lld", (long long)u.id);
    }
    v.links = arena_alloc(r->arena, (unit_page_link_count() + 1) * sizeof *v.links);
    for (size_t i = 0; i < unit_page_link_count(); i++) {
        const struct unit_page_link *l = unit_page_link_at(i);
        if (l->visible && !l->visible(r->user)) continue;
        v.links[v.nlinks++] = (struct unit_link_view){_(l->label), arena_printf(r->arena, l->href_fmt, (long long)u.id)};
    }
    struct page pg;
    page_init(&pg, r, u.name);
    pg.nav = "units";
    pg.crumbs = crumbs_for(r, db, u.id, u.name, NULL, NULL);
    tpl_org_unit_show(&r->out, &pg, &v);
}

/* ---- create and edit --------------------------------------------------------------- */

enum { F_NAME, F_SHORT, F_CODE, F_TYPE, F_FROM, F_NOTE, F_PARENT, NFIELDS };

/* The unit forms mark required fields with "*" and name a field's error before its hint. */
#define UNIT_FIELD (FIELD_MARKED | FIELD_ERROR_FIRST)

static const struct input_field unit_fields[NFIELDS] = {
    [F_NAME] = {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), NULL, NULL},
    [F_SHORT] = {"short_name", IN_TEXT, 0, 0, 100, NULL, FK_TEXT, N_("Short name"), NULL, NULL},
    [F_CODE] = {"code", IN_TEXT, 1, 1, 40, NULL, FK_TEXT, N_("Code"),
                N_("The official code, e.g. the national statistics code."), NULL},
    [F_TYPE] = {"type", IN_CHOICE, 1, 0, 0, unit_type_codes, FK_SELECT, N_("Type"), NULL, NULL},
    [F_FROM] = {"valid_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Valid from"),
                N_("Date as dd/mm/yyyy, e.g. 01/07/2025."), NULL},
    [F_NOTE] = {"note", IN_MULTILINE, 0, 0, 2000, NULL, FK_TEXTAREA, N_("Note"), NULL, NULL},
    /* the parent of a new unit (?parent= of the form page, a hidden field of the form) */
    [F_PARENT] = {"parent", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
};

static struct field_view *view_field(struct unit_form_view *v, int f)
{
    switch (f) {
    case F_NAME: return &v->name;
    case F_SHORT: return &v->short_name;
    case F_CODE: return &v->code;
    case F_TYPE: return &v->type;
    case F_FROM: return &v->valid_from;
    case F_NOTE: return &v->note;
    default: return NULL;
    }
}

/* Labels, hints and values (fv may be NULL: an empty form). */
static void fields_init(dv_req *r, struct unit_form_view *v, const struct input_value *fv)
{
    dv_arena *a = r->arena;
    for (int f = F_NAME; f < F_PARENT; f++)
        field_of(a, view_field(v, f), &unit_fields[f], fv ? &fv[f] : NULL, UNIT_FIELD);
    field_legacy(r, &v->note);
}

static void fill_types(struct unit_form_view *v)
{
    v->ntypes = 0;
    for (size_t i = 0; i < unit_type_count && i < sizeof v->types / sizeof *v->types; i++) {
        v->types[v->ntypes++] = (struct option_view){
            unit_types[i].code, _(unit_types[i].label),
            v->type.value && strcmp(v->type.value, unit_types[i].code) == 0};
    }
}

static void render_form(dv_req *r, dv_db *db, struct unit_form_view *v, const char *title,
                        int64_t crumb_id, const char *crumb_name)
{
    fill_types(v);
    v->nerrors = 0;
    for (int f = 0; f < F_PARENT; f++)
        field_collect(view_field(v, f), v->errors, &v->nerrors, sizeof v->errors / sizeof *v->errors);
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = "units";
    pg.crumbs = crumbs_for(r, db, crumb_id, crumb_name, crumb_id ? unit_href(r, crumb_id) : NULL, title);
    r->status = 200;
    tpl_org_unit_form(&r->out, &pg, v);
}

static int require_editor(dv_req *r)
{
    if (access_can_edit_units(r->user) == 1) return 0;
    res_error(r, 403);
    return -1;
}

/* The parent named by ?parent= or the form; 0 = a root. -1 when rendered an error. */
static int64_t load_parent(dv_req *r, dv_db *db, const struct input_value *pv, struct unit *parent)
{
    if (pv->error) {
        res_error(r, 404);
        return -1;
    }
    if (!pv->present) return 0;
    int rc = unit_store_get(db, r->arena, pv->num, parent);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return pv->num;
}

/* Today as dd/mm/yyyy, the default of the date fields. */
static const char *today_dmy(dv_req *r)
{
    char today[11];
    unit_today(today);
    return text_date_dmy(r->arena, today);
}

/* After a write: the flash message (an untranslated msgid) and back to the unit's page. */
static void redirect_saved(dv_req *r, int64_t id, const char *flash)
{
    page_flash_set(r, flash);
    res_redirect(r, unit_href(r, id));
}

/* The create form, under the unit pid (0 = a root unit). */
static void new_view(dv_req *r, int64_t pid, const struct unit *parent, struct unit_form_view *v)
{
    memset(v, 0, sizeof *v);
    v->action = "/units";
    v->submit_label = _("Create the unit");
    v->cancel_href = pid ? unit_href(r, pid) : "/units";
    if (pid) {
        v->parent_id = arena_printf(r->arena, "%lld", (long long)pid);
        v->parent_name = parent->name;
    }
}

/* The create form: checks the user may edit units and loads the parent given as raw (see
 * load_parent()); -1 when an error page was rendered. */
static int64_t begin_new(dv_req *r, dv_db *db, const struct input_value *pv, struct unit *parent,
                         struct unit_form_view *v)
{
    if (require_editor(r)) return -1;
    int64_t pid = load_parent(r, db, pv, parent);
    if (pid >= 0) new_view(r, pid, parent, v);
    return pid;
}

/* GET /units/new?parent=ID */
void unit_page_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit parent;
    struct unit_form_view v;
    struct input_value pv;
    input_query1(r, &unit_fields[F_PARENT], &pv);
    int64_t pid = begin_new(r, db, &pv, &parent, &v);
    if (pid < 0) return;
    fields_init(r, &v, NULL);
    v.valid_from.value = today_dmy(r);
    render_form(r, db, &v, _("New unit"), pid, pid ? parent.name : NULL);
}

/* Echo every typed value, and each field's error. Returns the number of errors. */
static int validate(dv_req *r, struct input_value *fv, struct unit_form_view *v)
{
    /* the note is read through its legacy-encoding choice; a preview saves nothing */
    int bad = (req_legacy(r, "note") == LEGACY_FIELD_ASK) + req_legacy_preview(r);
    bad += input_form(r, unit_fields, NFIELDS, fv);
    fields_init(r, v, fv);
    /* load_parent() has already refused a parent that is not a unit's id */
    if (fv[F_PARENT].error) v->general_error = input_error_text(r->arena, &fv[F_PARENT]);
    return bad;
}

static void input_of(const struct input_value *fv, struct unit_input *in)
{
    memset(in, 0, sizeof *in);
    in->name = fv[F_NAME].str;
    in->short_name = fv[F_SHORT].str;
    in->code = fv[F_CODE].str;
    in->type = fv[F_TYPE].str;
    in->valid_from = fv[F_FROM].str;
    in->note = fv[F_NOTE].str;
}

/* POST /units */
void unit_page_create(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit parent;
    struct unit_form_view v;
    struct input_value pv;
    input_form1(r, &unit_fields[F_PARENT], &pv);
    int64_t pid = begin_new(r, db, &pv, &parent, &v);
    if (pid < 0) return;
    struct input_value fv[NFIELDS];
    if (validate(r, fv, &v) == 0) {
        struct unit_input in;
        input_of(fv, &in);
        in.parent_id = pid;
        int64_t id = 0;
        int rc = unit_create(db, r->user, r->remote_addr, &in, &id);
        if (rc == 0) {
            redirect_saved(r, id, "Saved.");
            return;
        }
        if (rc == DV_ECONFLICT) field_fail(r->arena, &v.code, _("This code is already used by another open unit."));
        else if (rc == DV_ENOTFOUND) v.general_error = _("The parent unit is closed.");
        else if (rc == DV_EINVAL) field_fail(r->arena, &v.name, _("Contains invalid characters."));
        else {
            res_error(r, 500);
            return;
        }
    }
    render_form(r, db, &v, _("New unit"), pid, pid ? parent.name : NULL);
}

/* Loads :id for the admin forms. */
static int load_editable(dv_req *r, dv_db *db, struct unit *u)
{
    if (require_editor(r)) return -1;
    return load_viewable(r, db, u);
}

static void edit_view(dv_req *r, const struct unit *u, struct unit_form_view *v)
{
    memset(v, 0, sizeof *v);
    v->action = unit_href(r, u->id);
    v->submit_label = _("Save");
    v->cancel_href = unit_href(r, u->id);
}

/* GET /units/:id/edit */
void unit_page_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_editable(r, db, &u)) return;
    struct unit_form_view v;
    edit_view(r, &u, &v);
    fields_init(r, &v, NULL);
    v.name.value = u.name;
    v.short_name.value = u.short_name;
    v.code.value = u.code;
    v.type.value = u.type;
    v.valid_from.value = text_date_dmy(r->arena, u.valid_from);
    v.note.value = u.note;
    render_form(r, db, &v, _("Edit unit"), u.id, u.name);
}

/* POST /units/:id */
void unit_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_editable(r, db, &u)) return;
    struct unit_form_view v;
    edit_view(r, &u, &v);
    struct input_value fv[NFIELDS];
    if (validate(r, fv, &v) == 0) {
        struct unit_input in;
        input_of(fv, &in);
        int rc = unit_update(db, r->user, r->remote_addr, u.id, &in);
        if (rc == 0) {
            redirect_saved(r, u.id, "Saved.");
            return;
        }
        if (rc == DV_ECONFLICT) field_fail(r->arena, &v.code, _("This code is already used by another open unit."));
        else if (rc == DV_EINVAL) field_fail(r->arena, &v.valid_from, _("The unit cannot start on or after the day it closed."));
        else {
            res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
            return;
        }
    }
    render_form(r, db, &v, _("Edit unit"), u.id, u.name);
}

/* ---- close ------------------------------------------------------------------------- */

static const struct input_field close_fields[] = {
    {"date", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Closing date"), N_("The first day the unit no longer exists, as dd/mm/yyyy."),
     NULL},
};

/* The close form's one field (fv may be NULL: an empty form). */
static void close_view(dv_req *r, struct unit_close_view *v, const struct input_value *fv)
{
    memset(v, 0, sizeof *v);
    field_of(r->arena, &v->date, &close_fields[0], fv, UNIT_FIELD);
}

static void render_close(dv_req *r, dv_db *db, const struct unit *u, struct unit_close_view *v)
{
    v->u = u;
    v->nerrors = 0;
    field_collect(&v->date, v->errors, &v->nerrors, sizeof v->errors / sizeof *v->errors);
    v->action = arena_printf(r->arena, "/units/%lld/close", (long long)u->id);
    v->cancel_href = unit_href(r, u->id);
    struct page pg;
    page_init(&pg, r, _("Close unit"));
    pg.nav = "units";
    pg.crumbs = crumbs_for(r, db, u->id, u->name, unit_href(r, u->id), _("Close unit"));
    r->status = 200;
    tpl_org_unit_close(&r->out, &pg, v);
}

/* GET /units/:id/close */
void unit_page_close_form(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_editable(r, db, &u)) return;
    struct unit_close_view v;
    close_view(r, &v, NULL);
    v.date.value = today_dmy(r);
    if (u.valid_to) v.general_error = _("This unit is already closed.");
    render_close(r, db, &u, &v);
}

/* POST /units/:id/close */
void unit_page_close(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_editable(r, db, &u)) return;
    struct input_value fv[1];
    input_form(r, close_fields, 1, fv);
    struct unit_close_view v;
    close_view(r, &v, &fv[0]);
    if (!v.date.error) {
        int rc = unit_close(db, r->user, r->remote_addr, u.id, fv[0].str);
        if (rc == 0) {
            redirect_saved(r, u.id, "The unit has been closed.");
            return;
        }
        if (rc == DV_EINVAL)
            field_fail(r->arena, &v.date,
                       arena_printf(r->arena, _("The closing date must be after the day the unit started (%s)."),
                                    text_date_dmy(r->arena, u.valid_from)));
        else if (rc == DV_ECONFLICT)
            v.general_error = u.valid_to ? _("This unit is already closed.")
                                         : _("This unit still has open subordinate units: close them first.");
        else {
            res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
            return;
        }
    }
    render_close(r, db, &u, &v);
}
