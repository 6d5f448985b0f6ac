/* unit_routes.c - the URLs of the unit pages (handlers in unit_pages.c). */
#include "org/unit_pages.h"

static const struct dv_route unit_routes[] = {
    ROUTE("GET", "/units", unit_page_index, 0),
    ROUTE("GET", "/units/new", unit_page_new, 0),   /* before /units/:id */
    ROUTE("POST", "/units", unit_page_create, 0),
    ROUTE("GET", "/units/:id", unit_page_show, 0),
    ROUTE("GET", "/units/:id/edit", unit_page_edit, 0),
    ROUTE("POST", "/units/:id", unit_page_update, 0),
    ROUTE("GET", "/units/:id/close", unit_page_close_form, 0),
    ROUTE("POST", "/units/:id/close", unit_page_close, 0),
};

void unit_routes_register(void)
{
    router_add(unit_routes, sizeof unit_routes / sizeof *unit_routes);
}
