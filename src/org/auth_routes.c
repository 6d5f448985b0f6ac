/* auth_routes.c - the routes of sign-in, accounts and the audit log. */
#include "org/auth_pages.h"

void auth_routes_register(void);

static const struct dv_route auth_routes[] = {
    ROUTE("GET", "/login", auth_page_login_form, ROUTE_PUBLIC),
    ROUTE("POST", "/login", auth_page_login, ROUTE_PUBLIC),
    ROUTE("POST", "/logout", auth_page_logout, 0),
    ROUTE("GET", "/account/password", auth_page_password_form, 0),
    ROUTE("POST", "/account/password", auth_page_password, 0),
    ROUTE("GET", "/users", user_page_list, 0),
    ROUTE("POST", "/users", user_page_create, 0),
    ROUTE("GET", "/users/new", user_page_new, 0),
    ROUTE("GET", "/users/:id", user_page_show, 0),
    ROUTE("POST", "/users/:id", user_page_update, 0),
    ROUTE("GET", "/users/:id/edit", user_page_edit, 0),
    ROUTE("POST", "/users/:id/disable", user_page_disable, 0),
    ROUTE("POST", "/users/:id/enable", user_page_enable, 0),
    ROUTE("POST", "/users/:id/password", user_page_reset_password, 0),
    ROUTE("GET", "/audit", audit_page_list, 0),
};

void auth_routes_register(void)
{
    router_add(auth_routes, sizeof auth_routes / sizeof *auth_routes);
}
