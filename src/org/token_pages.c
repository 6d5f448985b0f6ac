/* token_pages.c - /tokens: the API tokens of the integrations (token_store.h). An admin
 * manages every token, a staff member those of units in their subtree, with the roles they
 * may give an account there (access_can_manage_account: the same rule as for accounts).
 * A new token's secret is shown on the page that answers its creation, and never again. */
#include "org/org.h"

#include "core/config.h"
#include "core/err.h"
#include "core/form.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/page.h"
#include "org/access.h"
#include "org/token_store.h"
#include "org/token_view.h"
#include "org/unit.h"
#include "org/user_view.h"
#include "tpl.h"

#include <string.h>

static const char *const token_roles[] = {"officer", "staff", "viewer", NULL};
static const char *const token_langs[] = {"vi", "en", NULL};

enum { F_NAME, F_UNIT, F_ROLE, F_LANG, NF };
static const struct form_field token_fields[NF] = {
    [F_NAME] = {"name", FT_TEXT, 1, 1, TOKEN_NAME_MAX, NULL},
    [F_UNIT] = {"unit_id", FT_ID, 1, 0, 0, NULL},
    [F_ROLE] = {"role", FT_CHOICE, 1, 0, 0, token_roles},
    [F_LANG] = {"lang", FT_CHOICE, 1, 0, 0, token_langs},
};

static int manages_tokens(const struct dv_user *u)
{
    return u && u->id > 0 && (u->role == ROLE_ADMIN || u->role == ROLE_STAFF); /* a person, not a token */
}

static const char *form_get(void *ctx, const char *key)
{
    return req_form(ctx, key);
}

/* Units of the actor's scope subtree, indented by depth. */
static int unit_options(dv_req *r, int64_t selected, struct token_list_view *v)
{
    struct unit *units = NULL;
    size_t nu = 0;
    int rc = unit_store_subtree(db_thread(), r->arena, r->user->scope_unit_id, &units, &nu);
    if (rc != DV_OK) return rc;
    struct option_view *o = arena_alloc(r->arena, (nu + 1) * sizeof *o);
    for (size_t i = 0; i < nu; i++) {
        dv_buf b = DV_BUF_INIT;
        for (int d = 0; d < units[i].depth && d < 8; d++) buf_puts(&b, "\xC2\xA0\xC2\xA0\xC2\xA0");
        buf_puts(&b, units[i].name);
        o[i].label = arena_strdup(r->arena, buf_cstr(&b));
        buf_free(&b);
        o[i].value = arena_printf(r->arena, "%lld", (long long)units[i].id);
        o[i].selected = units[i].id == selected;
    }
    v->units = o;
    v->nunits = nu;
    return DV_OK;
}

static void choice_options(dv_req *r, const char *selected, struct token_list_view *v)
{
    struct option_view *o = arena_alloc(r->arena, 3 * sizeof *o);
    const enum dv_role roles[] = {ROLE_OFFICER, ROLE_STAFF, ROLE_VIEWER};
    const char *const labels[] = {N_("Officer: sends the unit's reports"), N_("Staff: sends the reports of the unit's subtree"),
                                  N_("Viewer: reads only")};
    size_t k = 0;
    for (size_t i = 0; i < 3; i++) {
        if (r->user->role != ROLE_ADMIN && roles[i] == ROLE_STAFF) continue; /* as for accounts */
        o[k++] = (struct option_view){role_code(roles[i]), _(labels[i]),
                                      selected ? !strcmp(selected, role_code(roles[i])) : roles[i] == ROLE_OFFICER};
    }
    v->roles = o;
    v->nroles = k;
}

static void lang_options(dv_req *r, const char *selected, struct token_list_view *v)
{
    struct option_view *o = arena_alloc(r->arena, 2 * sizeof *o);
    int en = selected && !strcmp(selected, "en");
    o[0] = (struct option_view){"vi", "Tiếng Việt", !en};
    o[1] = (struct option_view){"en", "English", en};
    v->langs = o;
    v->nlangs = 2;
}

static void fields_init(dv_req *r, struct token_list_view *v, const struct form_value *fv)
{
    dv_arena *a = r->arena;
    field_init(a, &v->f_name, "name", _("Name of the integration"), fv ? &fv[F_NAME] : NULL,
               _("The system that will use it, e.g. \"Phần mềm thống kê xã\"; the audit log shows it."), FIELD_REQUIRED);
    field_init(a, &v->f_unit, "unit_id", _("Unit"), fv ? &fv[F_UNIT] : NULL, _("The unit whose reports it sends."),
               FIELD_REQUIRED);
    field_init(a, &v->f_role, "role", _("Role"), fv ? &fv[F_ROLE] : NULL, NULL, FIELD_REQUIRED);
    field_init(a, &v->f_lang, "lang", _("Language of its error messages"), fv ? &fv[F_LANG] : NULL, NULL,
               FIELD_REQUIRED);
}

/* The page: the tokens the actor manages, the form, and a new secret when one was made. */
static void render(dv_req *r, struct token_list_view *v, int64_t unit_sel, const char *role_sel,
                   const char *lang_sel, int status)
{
    dv_db *db = db_thread();
    struct api_token *ts = NULL;
    size_t n = 0;
    int64_t root = r->user->role == ROLE_ADMIN ? 0 : r->user->scope_unit_id;
    if (token_list(db, r->arena, root, &ts, &n) != DV_OK || unit_options(r, unit_sel, v) != DV_OK) {
        res_error(r, 500);
        return;
    }
    struct token_row_view *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (r->user->role != ROLE_ADMIN && access_can_manage_account(db, r->user, ts[i].unit_id, ts[i].role) != 1)
            continue;
        rows[k] = (struct token_row_view){&ts[i], role_label(ts[i].role), time_local(r->arena, ts[i].created_at),
                                          time_local(r->arena, ts[i].last_used_at),
                                          ts[i].revoked_at ? time_local(r->arena, ts[i].revoked_at) : NULL,
                                          arena_printf(r->arena, "/tokens/%lld/revoke", (long long)ts[i].id)};
        k++;
    }
    v->rows = rows;
    v->n = k;
    choice_options(r, role_sel, v);
    lang_options(r, lang_sel, v);
    v->nerrors = 0;
    const struct field_view *order[] = {&v->f_name, &v->f_unit, &v->f_role, &v->f_lang};
    for (size_t i = 0; i < 4; i++) field_collect(order[i], v->errors, &v->nerrors, 4);
    struct page pg;
    page_init(&pg, r, _("API tokens"));
    pg.nav = "tokens";
    if (v->nerrors) pg.title = arena_printf(r->arena, "%s (%s)", pg.title, _("errors"));
    r->status = status;
    tpl_org_token_list(&r->out, &pg, v);
}

/* GET /tokens */
static void handle_token_list(dv_req *r)
{
    if (!manages_tokens(r->user)) {
        res_error(r, 403);
        return;
    }
    struct token_list_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, NULL);
    render(r, &v, r->user->unit_id, NULL, r->lang, 200);
}

/* POST /tokens */
static void handle_token_create(dv_req *r)
{
    if (!manages_tokens(r->user)) {
        res_error(r, 403);
        return;
    }
    struct form_value fv[NF];
    form_validate(token_fields, NF, form_get, r, r->arena, fv);
    struct token_list_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, fv);
    enum dv_role role = ROLE_OFFICER;
    int role_ok = !fv[F_ROLE].error && role_parse(fv[F_ROLE].str, &role) == DV_OK;
    dv_db *db = db_thread();
    if (role_ok && r->user->role != ROLE_ADMIN && role == ROLE_STAFF)
        field_fail(r->arena, &v.f_role, _("You may not give this role."));
    else if (role_ok && !fv[F_UNIT].error && access_can_manage_account(db, r->user, fv[F_UNIT].num, role) != 1)
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
    int bad = v.f_name.error || v.f_unit.error || v.f_role.error || v.f_lang.error;
    char secret[TOKEN_SECRET_LEN + 1] = "";
    if (!bad) {
        int rc = token_create(db, r->user, r->remote_addr, fv[F_NAME].str, fv[F_UNIT].num, role, fv[F_LANG].str,
                              secret, NULL);
        if (rc == DV_EINVAL) {
            field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
            bad = 1;
        } else if (rc) {
            log_error("creating an API token failed: %s", dv_strerror(rc));
            res_error(r, 500);
            return;
        }
    }
    if (bad) {
        render(r, &v, fv[F_UNIT].num, fv[F_ROLE].raw, fv[F_LANG].raw, 422);
        return;
    }
    v.new_secret = arena_strdup(r->arena, secret);
    v.new_name = fv[F_NAME].str;
    v.curl = arena_printf(r->arena,
                          "curl -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' "
                          "--data '{\"dataSet\": \"CODE\", \"period\": \"2025-11\", \"dataValues\": "
                          "[{\"dataElement\": \"I01\", \"value\": \"12\"}]}' %s/api/dataValueSets",
                          secret, config_base_url());
    struct token_list_view fresh = v; /* the form again, empty, under the new secret */
    fields_init(r, &fresh, NULL);
    render(r, &fresh, r->user->unit_id, NULL, r->lang, 200);
}

/* POST /tokens/:id/revoke */
static void handle_token_revoke(dv_req *r)
{
    if (!manages_tokens(r->user)) {
        res_error(r, 403);
        return;
    }
    dv_db *db = db_thread();
    struct api_token t;
    int64_t id = req_param_id(r, "id");
    int rc = id ? token_get(db, r->arena, id, &t) : DV_ENOTFOUND;
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (r->user->role != ROLE_ADMIN && access_can_manage_account(db, r->user, t.unit_id, t.role) != 1) {
        res_error(r, 403);
        return;
    }
    rc = token_revoke(db, r->user, r->remote_addr, id);
    if (rc && rc != DV_ENOTFOUND) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "The token has been revoked.");
    res_redirect(r, "/tokens");
}

static const struct dv_route token_routes[] = {
    ROUTE("GET", "/tokens", handle_token_list, 0),
    ROUTE("POST", "/tokens", handle_token_create, 0),
    ROUTE("POST", "/tokens/:id/revoke", handle_token_revoke, 0),
};

void token_routes_register(void)
{
    router_add(token_routes, sizeof token_routes / sizeof *token_routes);
}
