/* token_routes.c - the routes of the API-token pages (token_pages.c). */
#include "org/org.h"
#include "org/token_pages.h"

#include "http/http.h"

static const struct dv_route token_routes[] = {
    ROUTE_WHO("GET", "/tokens", token_page_list, 0,
              "admin | staff"),
    ROUTE_WHO("POST", "/tokens", token_page_create, 0,
              "admin | staff"),
    ROUTE_WHO("POST", "/tokens/:id/revoke", token_page_revoke, 0,
              "admin | staff@subtree on token:id"),
};

void token_routes_register(void)
{
    router_add(token_routes, sizeof token_routes / sizeof *token_routes);
}
