/* auth_pages.c - GET/POST /login, POST /logout, GET/POST /account/password. */
#include "org/auth_pages.h"

#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/csrf.h"
#include "http/page.h"
#include "org/auth.h"
#include "org/user_store.h"
#include "org/user_view.h"
#include "tpl.h"

#include <ctype.h>
#include <string.h>

#define MSG_WRONG N_("Wrong username or password.")
#define MSG_LOCKED N_("Too many failed sign-in attempts. Please wait 15 minutes and try again.")

static const char *safe_next(const char *next)
{
    if (!http_is_local_path(next)) return NULL;
    if (strncmp(next, "/login", 6) == 0 || strncmp(next, "/logout", 7) == 0) return NULL;
    return next;
}

/* Where a role starts its work: an officer on the reports due, staff on the review queue
 * (which links the dashboard), a viewer on the dashboard, an inspector on the task board, an editor or contributor on
 * the editorial desk; an administrator on the units. */
const char *auth_landing(enum dv_role role)
{
    switch (role) {
    case ROLE_OFFICER: return "/reports";
    case ROLE_STAFF: return "/reports/review";
    case ROLE_VIEWER: return "/dashboard";
    case ROLE_INSPECTOR: return "/tasks/board";
    case ROLE_EDITOR:
    case ROLE_CONTRIBUTOR: return "/desk";
    case ROLE_ADMIN:
    default: return "/units";
    }
}

static const char *landing_of(dv_req *r, dv_db *db, int64_t uid)
{
    struct user_record u;
    if (user_get(db, r->arena, uid, &u) != 0) return "/units";
    return auth_landing(u.u.role);
}

void session_cookie_set(dv_req *r, const char *token)
{
    const char *tok = arena_strdup(r->arena, token);
    res_set_cookie(r, DV_SESSION_COOKIE, tok, -1, 1);
    csrf_rebind(r, tok);
}

void session_renew(dv_req *r, dv_db *db)
{
    char token[SESSION_TOKEN_HEX + 1];
    if (auth_new_session(db, r->user->id, r->remote_addr, req_header(r, "User-Agent"), token) == DV_OK)
        session_cookie_set(r, token);
}

static void render_login(dv_req *r, struct login_view *v, int status)
{
    struct page pg;
    page_init(&pg, r, _("Sign in"));
    page_need_csrf(&pg, r);
    r->status = status;
    tpl_org_login(&r->out, &pg, v);
}

enum { L_USERNAME, L_PASSWORD, L_NEXT, L_N };
static const struct input_field login_fields[L_N] = {
    [L_USERNAME] = {"username", IN_TEXT, 1, 1, 64, NULL, FK_TEXT, N_("Username"), NULL, NULL},
    [L_PASSWORD] = {"password", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("Password"), NULL, NULL},
    /* where to go after signing in (also ?next= of the form page); safe_next() decides */
    [L_NEXT] = {"next", IN_TEXT, 0, 0, 2048, NULL, FK_TEXT, NULL, NULL, NULL},
};
static const struct input_field next_field = {"next", IN_TEXT, 0, 0, 2048, NULL, FK_TEXT, NULL, NULL, NULL};

/* GET /login?next=/path */
void auth_page_login_form(dv_req *r)
{
    struct input_value nv;
    input_query1(r, &next_field, &nv);
    const char *next = safe_next(nv.str);
    if (r->user) {
        res_redirect(r, next ? next : auth_landing(r->user->role));
        return;
    }
    struct login_view v;
    memset(&v, 0, sizeof v);
    field_of(r->arena, &v.username, &login_fields[L_USERNAME], NULL, 0);
    field_of(r->arena, &v.password, &login_fields[L_PASSWORD], NULL, 0);
    v.next = next;
    render_login(r, &v, 200);
}


/* POST /login */
void auth_page_login(dv_req *r)
{
    struct input_value fv[L_N];
    int bad = input_form(r, login_fields, L_N, fv);
    bad -= fv[L_NEXT].error != NULL; /* an unusable next is dropped, not an error */
    struct login_view v;
    memset(&v, 0, sizeof v);
    field_of(r->arena, &v.username, &login_fields[L_USERNAME], &fv[L_USERNAME], 0);
    field_of(r->arena, &v.password, &login_fields[L_PASSWORD], &fv[L_PASSWORD], 0);
    v.password.value = NULL; /* never echoed */
    v.next = safe_next(fv[L_NEXT].str);
    if (bad) {
        render_login(r, &v, 422);
        return;
    }
    /* usernames are lower case ASCII; accept any case as typed */
    char *username = arena_strdup(r->arena, fv[0].str);
    for (char *p = username; *p; p++) *p = (char)tolower((unsigned char)*p);

    dv_db *db = db_thread();
    char token[SESSION_TOKEN_HEX + 1];
    int64_t uid = 0;
    enum login_result res = auth_login(db, username, fv[1].raw, r->remote_addr, req_header(r, "User-Agent"),
                                       r->session_token ? r->session_token : req_cookie(r, DV_SESSION_COOKIE),
                                       token, &uid);
    switch (res) {
    case LOGIN_OK: break;
    case LOGIN_LOCKED:
        v.message = _(MSG_LOCKED);
        render_login(r, &v, 429);
        return;
    case LOGIN_WRONG:
        v.message = _(MSG_WRONG);
        render_login(r, &v, 200);
        return;
    case LOGIN_ERROR:
    default:
        res_error(r, 500);
        return;
    }
    session_cookie_set(r, token);
    page_flash_set(r, "You are signed in.");
    res_redirect(r, v.next ? v.next : landing_of(r, db, uid));
}

/* POST /logout */
void auth_page_logout(dv_req *r)
{
    if (auth_logout(db_thread(), r->user, r->session_token, r->remote_addr) != DV_OK) {
        res_error(r, 500);
        return;
    }
    res_set_cookie(r, DV_SESSION_COOKIE, "", 0, 1);
    page_flash_set(r, "You are signed out.");
    res_redirect(r, "/login");
}

static const struct input_field password_fields[] = {
    {"current_password", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("Current password"), NULL, NULL},
    {"password", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("New password"),
     N_("At least 10 characters. A few unrelated words are easy to remember and hard to guess."), NULL},
    {"password2", IN_PASSWORD, 1, 0, 0, NULL, FK_TEXT, N_("New password again"), NULL, NULL},
};

static void password_view_init(dv_req *r, struct password_view *v, const struct input_value *fv)
{
    memset(v, 0, sizeof *v);
    v->action = "/account/password";
    v->need_current = 1;
    field_of(r->arena, &v->f_current, &password_fields[0], fv ? &fv[0] : NULL, 0);
    field_of(r->arena, &v->f_password, &password_fields[1], fv ? &fv[1] : NULL, 0);
    field_of(r->arena, &v->f_password2, &password_fields[2], fv ? &fv[2] : NULL, 0);
    v->f_current.value = v->f_password.value = v->f_password2.value = NULL;
}

static void render_password(dv_req *r, struct password_view *v, int status)
{
    v->nerrors = 0;
    field_collect(&v->f_current, v->errors, &v->nerrors, 4);
    field_collect(&v->f_password, v->errors, &v->nerrors, 4);
    field_collect(&v->f_password2, v->errors, &v->nerrors, 4);
    struct page pg;
    page_init(&pg, r, _("Change password"));
    r->status = status;
    tpl_org_password(&r->out, &pg, v);
}

/* GET /account/password */
void auth_page_password_form(dv_req *r)
{
    struct password_view v;
    password_view_init(r, &v, NULL);
    render_password(r, &v, 200);
}


/* Checks the new password and its confirmation; marks the fields. 1 if both are fine. */
int password_pair_ok(dv_arena *a, struct field_view *f1, struct field_view *f2, const char *p1, const char *p2)
{
    int ok = !f1->error && !f2->error;
    if (!f1->error) {
        const char *perr = password_policy_error(p1);
        if (perr) {
            field_fail(a, f1, _(perr));
            ok = 0;
        }
    }
    if (!f1->error && !f2->error && strcmp(p1, p2) != 0) {
        field_fail(a, f2, _("The two passwords do not match."));
        ok = 0;
    }
    return ok;
}

/* POST /account/password */
void auth_page_password(dv_req *r)
{
    struct input_value fv[3];
    input_form(r, password_fields, 3, fv);
    struct password_view v;
    password_view_init(r, &v, fv);
    int ok = password_pair_ok(r->arena, &v.f_password, &v.f_password2, fv[1].raw, fv[2].raw);
    if (ok && !v.f_current.error && strcmp(fv[0].raw, fv[1].raw) == 0) {
        field_fail(r->arena, &v.f_password, _("The new password must differ from the current one."));
        ok = 0;
    }
    dv_db *db = db_thread();
    if (!v.f_current.error) {
        switch (auth_check_password(db, r->user, fv[0].raw, r->remote_addr)) {
        case LOGIN_OK: break;
        case LOGIN_WRONG:
            field_fail(r->arena, &v.f_current, _("The current password is not right."));
            ok = 0;
            break;
        case LOGIN_LOCKED:
            v.message = _(MSG_LOCKED);
            render_password(r, &v, 429);
            return;
        default: res_error(r, 500); return;
        }
    }
    if (!ok || v.f_current.error) {
        render_password(r, &v, 422);
        return;
    }
    int rc = user_set_password(db, r->user, r->remote_addr, r->user->id, fv[1].raw);
    if (rc != DV_OK) {
        log_error("password change for %s failed: %s", r->user->username, dv_strerror(rc));
        res_error(r, 500);
        return;
    }
    session_renew(r, db); /* every session of the account has ended */
    page_flash_set(r, "Your password has been changed.");
    res_redirect(r, "/account/password");
}
