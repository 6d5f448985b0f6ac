/* auth_routes.c - the routes of sign-in, accounts and the audit log. */
#include "org/auth_pages.h"

void auth_routes_register(void);

static const struct dv_route auth_routes[] = {
    ROUTE("GET", "/login", handle_login_form, ROUTE_PUBLIC),
    ROUTE("POST", "/login", handle_login, ROUTE_PUBLIC),
    ROUTE("POST", "/logout", handle_logout, 0),
    ROUTE("GET", "/account/password", handle_password_form, 0),
    ROUTE("POST", "/account/password", handle_password, 0),
    ROUTE("GET", "/users", handle_user_list, 0),
    ROUTE("POST", "/users", handle_user_create, 0),
    ROUTE("GET", "/users/new", handle_user_new, 0),
    ROUTE("GET", "/users/:id", handle_user_show, 0),
    ROUTE("POST", "/users/:id", handle_user_update, 0),
    ROUTE("GET", "/users/:id/edit", handle_user_edit, 0),
    ROUTE("POST", "/users/:id/disable", handle_user_disable, 0),
    ROUTE("POST", "/users/:id/enable", handle_user_enable, 0),
    ROUTE("POST", "/users/:id/password", handle_user_reset_password, 0),
    ROUTE("GET", "/audit", handle_audit_list, 0),
};

void auth_routes_register(void)
{
    router_add(auth_routes, sizeof auth_routes / sizeof *auth_routes);
}
