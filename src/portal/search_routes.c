/* search_routes.c - the routes of article search: GET /tim-kiem (public). The lead wires
 * search_routes_register() into portal_routes_register(). */
#include "portal/search_pages.h"

static const struct dv_route search_routes[] = {
    ROUTE("GET", "/tim-kiem", search_page_handle, ROUTE_PUBLIC | ROUTE_SLOW),
};

void search_routes_register(void)
{
    router_add(search_routes, sizeof search_routes / sizeof *search_routes);
}
