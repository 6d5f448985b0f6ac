/* auth_routes.c - the routes of sign-in, accounts and the audit log. */
#include "org/auth_pages.h"

void auth_routes_register(void);

static const struct dv_route auth_routes[] = {
    ROUTE("GET", "/login", auth_page_login_form, ROUTE_PUBLIC),
    ROUTE("POST", "/login", auth_page_login, ROUTE_PUBLIC),
    ROUTE_WHO("POST", "/logout", auth_page_logout, 0,
              "signed-in"),
    ROUTE_WHO("GET", "/account/password", auth_page_password_form, 0,
              "signed-in"),
    ROUTE_WHO("POST", "/account/password", auth_page_password, 0,
              "signed-in"),
    ROUTE_WHO("GET", "/users", user_page_list, 0,
              "admin | staff"),
    ROUTE_WHO("POST", "/users", user_page_create, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/users/new", user_page_new, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/users/:id", user_page_show, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("POST", "/users/:id", user_page_update, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("GET", "/users/:id/edit", user_page_edit, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("POST", "/users/:id/disable", user_page_disable, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("POST", "/users/:id/enable", user_page_enable, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("POST", "/users/:id/password", user_page_reset_password, 0,
              "admin | staff@subtree on user:id"),
    ROUTE_WHO("GET", "/audit", audit_page_list, 0,
              "admin"),
};

void auth_routes_register(void)
{
    router_add(auth_routes, sizeof auth_routes / sizeof *auth_routes);
}
