/* user_pages.c - accounts: list, create, show, edit, disable/enable, password reset.
 * Admins manage every account; commission staff the officer, editor and viewer accounts
 * placed in their subtree. Every check is made here, through access.c. */
#include "org/auth_pages.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/page.h"
#include "org/access.h"
#include "org/auth.h"
#include "org/unit.h"
#include "org/user_store.h"
#include "org/user_view.h"
#include "tpl.h"

#include <string.h>

static const char *const role_codes[] = {"admin", "staff", "officer", "editor", "contributor", "viewer", "inspector", NULL};
static const enum dv_role all_roles[] = {ROLE_ADMIN, ROLE_STAFF, ROLE_OFFICER, ROLE_EDITOR, ROLE_CONTRIBUTOR, ROLE_VIEWER, ROLE_INSPECTOR};

static int manages_accounts(const struct dv_user *u)
{
    return access_can_manage_accounts(u);
}

static const struct crumb *crumbs_users(dv_req *r, const char *here)
{
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0].label = _("Accounts");
    c[0].href = here ? "/users" : NULL;
    if (here) c[1].label = here;
    return c;
}

/* Loads the account of :id and checks the actor may manage it; answers 404/403 itself. */
static int load_target(dv_req *r, struct user_record *rec)
{
    if (!manages_accounts(r->user)) {
        res_error(r, 403);
        return -1;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    dv_db *db = db_thread();
    int rc = user_get(db, r->arena, id, rec);
    if (rc == DV_ENOTFOUND) {
        res_error(r, 404);
        return -1;
    }
    if (rc != DV_OK) {
        res_error(r, 500);
        return -1;
    }
    int ok = access_can_manage_account(db, r->user, rec->u.unit_id, rec->u.role);
    if (ok != 1) {
        res_error(r, ok < 0 ? 500 : 403);
        return -1;
    }
    return 0;
}

/* ---- list */

/* GET /users */
void user_page_list(dv_req *r)
{
    if (!manages_accounts(r->user)) {
        res_error(r, 403);
        return;
    }
    struct user_list_view v;
    memset(&v, 0, sizeof v);
    struct user_record *users;
    size_t n;
    int64_t root = access_scope_root(r->user);
    if (user_list(db_thread(), r->arena, root, &users, &n) != DV_OK) {
        res_error(r, 500);
        return;
    }
    /* staff see the accounts they may manage */
    if (!access_sees_every_unit(r->user)) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (access_can_assign_role(r->user, users[i].u.role)) users[k++] = users[i];
        n = k;
    }
    v.users = users;
    v.n = n;
    v.roles = arena_alloc(r->arena, (n + 1) * sizeof *v.roles);
    for (size_t i = 0; i < n; i++) v.roles[i] = role_label(users[i].u.role);
    v.can_create = 1;
    struct page pg;
    page_init(&pg, r, _("Accounts"));
    pg.nav = "users";
    tpl_org_user_list(&r->out, &pg, &v);
}

/* ---- the form (create and edit) */

enum { F_USERNAME, F_FULL_NAME, F_POSITION, F_EMAIL, F_PHONE, F_UNIT, F_SCOPE, F_ROLE, F_PASSWORD, F_PASSWORD2, F_DISABLED, NF };

static const struct input_field user_fields[NF] = {
    [F_USERNAME] = {"username", IN_USERNAME, 1, 0, 0, NULL, FK_TEXT, N_("Username"),
                    N_("3 to 32 characters: lowercase letters without diacritics, digits, dot, underscore or hyphen."), NULL},
    [F_FULL_NAME] = {"full_name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Full name"), NULL, NULL},
    [F_POSITION] = {"position", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Position"), NULL, NULL},
    [F_EMAIL] = {"email", IN_EMAIL, 0, 0, 0, NULL, FK_TEXT, N_("Email"), NULL, NULL},
    [F_PHONE] = {"phone", IN_TEXT, 0, 0, 30, NULL, FK_TEXT, N_("Phone"), NULL, NULL},
    [F_UNIT] = {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit"), N_("Where the person works."), NULL},
    [F_SCOPE] = {"scope_unit_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Scope"),
                 N_("The unit whose subtree the person works on; by default their own unit."), NULL},
    [F_ROLE] = {"role", IN_CHOICE, 1, 0, 0, role_codes, FK_SELECT, N_("Role"), NULL, NULL},
    [F_PASSWORD] = {"password", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("Initial password"),
                    N_("At least 10 characters. Give it to the person in private; they can change it."), NULL},
    [F_PASSWORD2] = {"password2", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("Initial password again"), NULL, NULL},
    [F_DISABLED] = {"disabled", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Account disabled (cannot sign in)"), NULL, NULL},
};

/* Unit options: the actor's scope subtree (plus the account's current unit if outside). */
static int unit_options(dv_req *r, int64_t selected, int with_blank, const char *blank_label,
                        const struct option_view **out, size_t *n)
{
    struct unit *units = NULL;
    size_t nu = 0;
    dv_db *db = db_thread();
    int rc = unit_store_subtree(db, r->arena, r->user->scope_unit_id, &units, &nu);
    if (rc != DV_OK) return rc;
    struct option_view *o = arena_alloc(r->arena, (nu + 2) * sizeof *o);
    size_t k = 0;
    int found = 0;
    if (with_blank) {
        o[k].value = "";
        o[k].label = blank_label;
        o[k].selected = selected == 0;
        k++;
    }
    for (size_t i = 0; i < nu; i++) {
        dv_buf b = DV_BUF_INIT;
        for (int d = 0; d < units[i].depth && d < 8; d++) buf_puts(&b, "\xC2\xA0\xC2\xA0\xC2\xA0");
        buf_puts(&b, units[i].name);
        o[k].label = arena_strdup(r->arena, buf_cstr(&b));
        buf_free(&b);
        o[k].value = arena_printf(r->arena, "%lld", (long long)units[i].id);
        o[k].selected = units[i].id == selected;
        found |= o[k].selected;
        k++;
    }
    if (selected > 0 && !found) {
        struct unit u;
        if (unit_store_get(db, r->arena, selected, &u) == DV_OK) {
            o[k].value = arena_printf(r->arena, "%lld", (long long)u.id);
            o[k].label = u.name;
            o[k].selected = 1;
            k++;
        }
    }
    *out = o;
    *n = k;
    return DV_OK;
}

static void role_options(dv_req *r, const char *selected, const struct option_view **out, size_t *n)
{
    struct option_view *o = arena_alloc(r->arena, sizeof all_roles / sizeof *all_roles * sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < sizeof all_roles / sizeof *all_roles; i++) {
        enum dv_role role = all_roles[i];
        if (!access_can_assign_role(r->user, role)) continue;
        o[k].value = role_code(role);
        o[k].label = role_label(role);
        o[k].selected = selected && strcmp(selected, role_code(role)) == 0;
        k++;
    }
    *out = o;
    *n = k;
}

static void form_view_init(dv_req *r, struct user_form_view *v, const struct input_value *fv)
{
    memset(v, 0, sizeof *v);
    dv_arena *a = r->arena;
    struct field_view *views[NF] = {&v->f_username, &v->f_full_name, &v->f_position, &v->f_email, &v->f_phone,
                                    &v->f_unit, &v->f_scope, &v->f_role, &v->f_password, &v->f_password2,
                                    &v->f_disabled};
    for (int i = 0; i < NF; i++) field_of(a, views[i], &user_fields[i], fv && i != F_DISABLED ? &fv[i] : NULL, 0);
    v->f_password.value = v->f_password2.value = NULL;
}

static void render_form(dv_req *r, struct user_form_view *v, int64_t unit_sel, int64_t scope_sel,
                        const char *role_sel, int status)
{
    if (unit_options(r, unit_sel, 0, NULL, &v->units, &v->nunits) != DV_OK ||
        unit_options(r, scope_sel, 1, _("Same as the unit"), &v->scopes, &v->nscopes) != DV_OK) {
        res_error(r, 500);
        return;
    }
    role_options(r, role_sel, &v->roles, &v->nroles);
    v->nerrors = 0;
    const struct field_view *order[] = {&v->f_username, &v->f_full_name, &v->f_position, &v->f_email,
                                        &v->f_phone, &v->f_unit, &v->f_scope, &v->f_role,
                                        &v->f_password, &v->f_password2};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (!v->is_new && (order[i] == &v->f_username || order[i] == &v->f_password || order[i] == &v->f_password2))
            continue;
        field_collect(order[i], v->errors, &v->nerrors, 16);
    }
    struct page pg;
    page_init(&pg, r, v->is_new ? _("New account") : _("Edit account"));
    pg.nav = "users";
    pg.crumbs = crumbs_users(r, v->is_new ? _("New account") : (v->username ? v->username : ""));
    if (v->nerrors) pg.title = arena_printf(r->arena, "%s (%s)", pg.title, _("errors"));
    r->status = status;
    tpl_org_user_form(&r->out, &pg, v);
}

/* GET /users/new */
void user_page_new(dv_req *r)
{
    if (!manages_accounts(r->user)) {
        res_error(r, 403);
        return;
    }
    struct user_form_view v;
    form_view_init(r, &v, NULL);
    v.is_new = 1;
    v.action = "/users";
    v.cancel = "/users";
    render_form(r, &v, 0, 0, "officer", 200);
}

/* Server-side checks beyond the field types: role granted, units within reach. */
static void check_placement(dv_req *r, struct user_form_view *v, const struct input_value *fv,
                            int64_t unit_id, int64_t scope_id, enum dv_role role, int role_ok)
{
    dv_db *db = db_thread();
    if (!role_ok) return;
    if (!access_can_assign_role(r->user, role)) {
        field_fail(r->arena, &v->f_role, _("You may not give this role."));
        return;
    }
    if (!fv[F_UNIT].error && access_can_manage_account(db, r->user, unit_id, role) != 1)
        field_fail(r->arena, &v->f_unit, _("Choose a unit from the list."));
    if (!fv[F_SCOPE].error && scope_id && access_can_manage_account(db, r->user, scope_id, role) != 1)
        field_fail(r->arena, &v->f_scope, _("Choose a unit from the list."));
}

static void input_from(struct user_input *in, const struct input_value *fv, enum dv_role role)
{
    memset(in, 0, sizeof *in);
    in->username = fv[F_USERNAME].str;
    in->full_name = fv[F_FULL_NAME].str;
    in->position = fv[F_POSITION].str;
    in->email = fv[F_EMAIL].str;
    in->phone = fv[F_PHONE].str;
    in->unit_id = fv[F_UNIT].num;
    in->scope_unit_id = fv[F_SCOPE].present ? fv[F_SCOPE].num : 0;
    in->role = role;
}

static int has_errors(const struct user_form_view *v)
{
    const struct field_view *all[] = {&v->f_username, &v->f_full_name, &v->f_position, &v->f_email, &v->f_phone,
                                      &v->f_unit, &v->f_scope, &v->f_role, &v->f_password, &v->f_password2};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (all[i]->error) return 1;
    return 0;
}

/* POST /users */
void user_page_create(dv_req *r)
{
    if (!manages_accounts(r->user)) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[NF];
    input_form(r, user_fields, NF, fv);
    struct user_form_view v;
    form_view_init(r, &v, fv);
    v.is_new = 1;
    v.action = "/users";
    v.cancel = "/users";
    enum dv_role role = ROLE_VIEWER;
    int role_ok = !fv[F_ROLE].error && role_parse(fv[F_ROLE].str, &role) == DV_OK;
    check_placement(r, &v, fv, fv[F_UNIT].num, fv[F_SCOPE].present ? fv[F_SCOPE].num : 0, role, role_ok);
    password_pair_ok(r->arena, &v.f_password, &v.f_password2, fv[F_PASSWORD].raw, fv[F_PASSWORD2].raw);
    const char *role_sel = fv[F_ROLE].raw;
    if (has_errors(&v)) {
        render_form(r, &v, fv[F_UNIT].num, fv[F_SCOPE].num, role_sel, 422);
        return;
    }
    struct user_input in;
    input_from(&in, fv, role);
    in.lang = "vi";
    int64_t id = 0;
    int rc = user_create(db_thread(), r->user, r->remote_addr, &in, fv[F_PASSWORD].raw, &id);
    if (rc == DV_ECONFLICT) {
        field_fail(r->arena, &v.f_username, _("This username is already taken."));
    } else if (rc == DV_EINVAL) {
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
    } else if (rc != DV_OK) {
        log_error("creating account %s failed: %s", in.username, dv_strerror(rc));
        res_error(r, 500);
        return;
    }
    if (rc != DV_OK) {
        render_form(r, &v, fv[F_UNIT].num, fv[F_SCOPE].num, role_sel, 422);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/users/%lld", (long long)id));
}

/* ---- one account */

static void render_show(dv_req *r, struct user_show_view *v, int status)
{
    const struct user_record *rec = v->rec;
    v->role = role_label(rec->u.role);
    v->created = time_local(r->arena, rec->created_at);
    v->is_self = rec->u.id == r->user->id;
    struct unit scope;
    v->scope_name = "";
    if (unit_store_get(db_thread(), r->arena, rec->u.scope_unit_id, &scope) == DV_OK) v->scope_name = scope.name;
    v->nerrors = 0;
    field_collect(&v->f_password, v->errors, &v->nerrors, 4);
    field_collect(&v->f_password2, v->errors, &v->nerrors, 4);
    struct page pg;
    page_init(&pg, r, rec->u.full_name);
    pg.nav = "users";
    pg.crumbs = crumbs_users(r, rec->u.username);
    r->status = status;
    tpl_org_user_show(&r->out, &pg, v);
}

static const struct input_field reset_fields_def[] = {
    {"password", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("New password"),
     N_("At least 10 characters. The person's sessions end; tell them the new password in private."), NULL},
    {"password2", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("New password again"), NULL, NULL},
};

static void reset_fields(dv_req *r, struct user_show_view *v, const struct input_value *fv)
{
    field_of(r->arena, &v->f_password, &reset_fields_def[0], fv ? &fv[0] : NULL, 0);
    field_of(r->arena, &v->f_password2, &reset_fields_def[1], fv ? &fv[1] : NULL, 0);
    v->f_password.value = v->f_password2.value = NULL;
}

/* GET /users/:id */
void user_page_show(dv_req *r)
{
    struct user_record rec;
    if (load_target(r, &rec)) return;
    struct user_show_view v;
    memset(&v, 0, sizeof v);
    v.rec = &rec;
    reset_fields(r, &v, NULL);
    render_show(r, &v, 200);
}

static void edit_view(dv_req *r, struct user_form_view *v, const struct user_record *rec)
{
    v->action = arena_printf(r->arena, "/users/%lld", (long long)rec->u.id);
    v->cancel = v->action;
    v->username = rec->u.username;
    v->can_disable = rec->u.id != r->user->id;
}

/* GET /users/:id/edit */
void user_page_edit(dv_req *r)
{
    struct user_record rec;
    if (load_target(r, &rec)) return;
    struct user_form_view v;
    form_view_init(r, &v, NULL);
    edit_view(r, &v, &rec);
    v.f_full_name.value = rec.u.full_name;
    v.f_position.value = rec.position;
    v.f_email.value = rec.u.email;
    v.f_phone.value = rec.phone;
    v.disabled = rec.u.disabled;
    render_form(r, &v, rec.u.unit_id, rec.u.scope_unit_id == rec.u.unit_id ? 0 : rec.u.scope_unit_id,
                role_code(rec.u.role), 200);
}

/* POST /users/:id */
void user_page_update(dv_req *r)
{
    struct user_record rec;
    if (load_target(r, &rec)) return;
    static const struct input_field *const f = user_fields;
    struct input_field fields[NF];
    memcpy(fields, f, sizeof fields);
    /* username and passwords are not part of this form */
    fields[F_USERNAME].required = fields[F_PASSWORD].required = fields[F_PASSWORD2].required = 0;
    struct input_value fv[NF];
    input_form(r, fields, NF, fv);
    struct user_form_view v;
    form_view_init(r, &v, fv);
    edit_view(r, &v, &rec);
    v.f_username.error = v.f_password.error = v.f_password2.error = NULL;
    v.disabled = fv[F_DISABLED].num ? 1 : 0;
    int is_self = rec.u.id == r->user->id;
    enum dv_role role = rec.u.role;
    int role_ok = !fv[F_ROLE].error && role_parse(fv[F_ROLE].str, &role) == DV_OK;
    if (is_self && role_ok && role != rec.u.role) {
        field_fail(r->arena, &v.f_role, _("You cannot change your own role."));
        role_ok = 0;
    }
    check_placement(r, &v, fv, fv[F_UNIT].num, fv[F_SCOPE].present ? fv[F_SCOPE].num : 0, role, role_ok);
    if (has_errors(&v)) {
        render_form(r, &v, fv[F_UNIT].num, fv[F_SCOPE].num, fv[F_ROLE].raw, 422);
        return;
    }
    struct user_input in;
    input_from(&in, fv, role);
    in.username = rec.u.username;
    in.lang = NULL;
    int rc = user_update(db_thread(), r->user, r->remote_addr, rec.u.id, &in, is_self ? 0 : v.disabled);
    if (rc == DV_EINVAL) {
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
        render_form(r, &v, fv[F_UNIT].num, fv[F_SCOPE].num, fv[F_ROLE].raw, 422);
        return;
    }
    if (rc != DV_OK) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, v.action);
}

static void set_disabled(dv_req *r, int disabled)
{
    struct user_record rec;
    if (load_target(r, &rec)) return;
    if (disabled && rec.u.id == r->user->id) {
        res_error(r, 403);
        return;
    }
    int rc = user_set_disabled(db_thread(), r->user, r->remote_addr, rec.u.id, disabled);
    if (rc != DV_OK) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, disabled ? "The account has been disabled." : "The account has been enabled.");
    res_redirect(r, arena_printf(r->arena, "/users/%lld", (long long)rec.u.id));
}

/* POST /users/:id/disable */
void user_page_disable(dv_req *r)
{
    set_disabled(r, 1);
}

/* POST /users/:id/enable */
void user_page_enable(dv_req *r)
{
    set_disabled(r, 0);
}

/* POST /users/:id/password */
void user_page_reset_password(dv_req *r)
{
    struct user_record rec;
    if (load_target(r, &rec)) return;
    struct input_value fv[2];
    input_form(r, reset_fields_def, 2, fv);
    struct user_show_view v;
    memset(&v, 0, sizeof v);
    v.rec = &rec;
    reset_fields(r, &v, fv);
    if (!password_pair_ok(r->arena, &v.f_password, &v.f_password2, fv[0].raw, fv[1].raw)) {
        render_show(r, &v, 422);
        return;
    }
    dv_db *db = db_thread();
    int rc = user_set_password(db, r->user, r->remote_addr, rec.u.id, fv[0].raw);
    if (rc != DV_OK) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (rec.u.id == r->user->id) session_renew(r, db); /* one's own sessions ended too: keep this browser in */
    page_flash_set(r, "The password has been reset.");
    res_redirect(r, arena_printf(r->arena, "/users/%lld", (long long)rec.u.id));
}
