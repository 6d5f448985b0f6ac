/* auth_pages.h - the handlers of sign-in, accounts and the audit log (registered by
 * auth_routes.c), and what they share. */
#ifndef DV_AUTH_PAGES_H
#define DV_AUTH_PAGES_H

#include "core/arena.h"
#include "db/db.h"
#include "http/http.h"
#include "core/principal.h"

struct field_view;

void auth_page_login_form(dv_req *r);
void auth_page_login(dv_req *r);
void auth_page_logout(dv_req *r);
void auth_page_password_form(dv_req *r);
void auth_page_password(dv_req *r);

void user_page_list(dv_req *r);
void user_page_new(dv_req *r);
void user_page_create(dv_req *r);
void user_page_show(dv_req *r);
void user_page_edit(dv_req *r);
void user_page_update(dv_req *r);
void user_page_disable(dv_req *r);
void user_page_enable(dv_req *r);
void user_page_reset_password(dv_req *r);

void audit_page_list(dv_req *r);

/* The page a role lands on after signing in (without a safe next=). */
const char *auth_landing(enum dv_role role);

/* Sends the session cookie for token and binds the CSRF token to it. */
void session_cookie_set(dv_req *r, const char *token);
/* After the signed-in account's sessions ended (a password change): a new session for this
 * browser, if one can be made. */
void session_renew(dv_req *r, dv_db *db);

/* Policy and confirmation of a new password; marks the fields. 1 if fine. */
int password_pair_ok(dv_arena *a, struct field_view *f1, struct field_view *f2, const char *p1, const char *p2);

#endif
