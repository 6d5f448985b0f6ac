/* auth_routes.c - the routes of sign-in, accounts and the audit log. */
#include "org/auth_pages.h"

void auth_routes_register(void);

static const struct dv_route auth_routes[] = {
    {"GET", "/login", auth_page_login_form, ROUTE_PUBLIC},
    {"POST", "/login", auth_page_login, ROUTE_PUBLIC},
    {"POST", "/logout", auth_page_logout, 0},
    {"GET", "/account/password", auth_page_password_form, 0},
    {"POST", "/account/password", auth_page_password, 0},
    {"GET", "/users", user_page_list, 0},
    {"POST", "/users", user_page_create, 0},
    {"GET", "/users/new", user_page_new, 0},
    {"GET", "/users/:id", user_page_show, 0},
    {"POST", "/users/:id", user_page_update, 0},
    {"GET", "/users/:id/edit", user_page_edit, 0},
    {"POST", "/users/:id/disable", user_page_disable, 0},
    {"POST", "/users/:id/enable", user_page_enable, 0},
    {"POST", "/users/:id/password", user_page_reset_password, 0},
    {"GET", "/audit", audit_page_list, 0},
};

void auth_routes_register(void)
{
    router_add(auth_routes, sizeof auth_routes / sizeof *auth_routes);
}
