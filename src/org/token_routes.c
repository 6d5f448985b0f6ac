/* token_routes.c - the routes of the API-token pages (token_pages.c). */
#include "org/org.h"
#include "org/token_pages.h"

#include "http/http.h"

static const struct dv_route token_routes[] = {
    ROUTE("GET", "/tokens", token_page_list, 0),
    ROUTE("POST", "/tokens", token_page_create, 0),
    ROUTE("POST", "/tokens/:id/revoke", token_page_revoke, 0),
};

void token_routes_register(void)
{
    router_add(token_routes, sizeof token_routes / sizeof *token_routes);
}
