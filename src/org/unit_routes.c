/* unit_routes.c - the URLs of the unit pages (handlers in unit_pages.c). */
#include "org/unit_pages.h"

static const struct dv_route unit_routes[] = {
    ROUTE_WHO("GET", "/units", unit_page_index, 0,
              "signed-in"),
    ROUTE_WHO("GET", "/units/new", unit_page_new, 0,
              "admin"),   /* before /units/:id */
    ROUTE_WHO("POST", "/units", unit_page_create, 0,
              "admin"),
    ROUTE_WHO("GET", "/units/:id", unit_page_show, 0,
              "admin | staff@subtree | officer@unit | editor@subtree | viewer@subtree | contributor@subtree | inspector@subtree on unit:id"),
    ROUTE_WHO("GET", "/units/:id/edit", unit_page_edit, 0,
              "admin on unit:id"),
    ROUTE_WHO("POST", "/units/:id", unit_page_update, 0,
              "admin on unit:id"),
    ROUTE_WHO("GET", "/units/:id/close", unit_page_close_form, 0,
              "admin on unit:id"),
    ROUTE_WHO("POST", "/units/:id/close", unit_page_close, 0,
              "admin on unit:id"),
};

void unit_routes_register(void)
{
    router_add(unit_routes, sizeof unit_routes / sizeof *unit_routes);
}
