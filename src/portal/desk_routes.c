/* desk_routes.c - the URLs of the editors' desk (handlers in desk_pages.c and, for the
 * categories, category_pages.c) and of the uploaded images (media_pages.c). */
#include "portal/desk.h"
#include "portal/media.h"

static const struct dv_route desk_routes[] = {
    ROUTE_WHO("GET", "/desk", desk_page_index, 0,
              "admin | editor | contributor"),
    ROUTE_WHO("GET", "/desk/new", desk_page_new, 0,
              "admin | editor | contributor"), /* before /desk/:id */
    ROUTE_WHO("GET", "/desk/categories", category_page_index, 0,
              "admin | editor"),
    ROUTE_WHO("POST", "/desk/categories", category_page_create, 0,
              "admin | editor"),
    ROUTE_WHO("POST", "/desk/categories/:id", category_page_update, 0,
              "admin | editor on category:id"),
    ROUTE_WHO("POST", "/desk/categories/:id/move", category_page_move, 0,
              "admin | editor on category:id"),
    ROUTE_WHO("POST", "/desk/categories/:id/hide", category_page_hide, 0,
              "admin | editor on category:id"),
    ROUTE_WHO("POST", "/desk", desk_page_create, 0,
              "admin | editor | contributor"),
    ROUTE_WHO("GET", "/desk/:id", desk_page_edit, 0,
              "admin | editor | contributor@owner on article:id"),
    ROUTE_WHO("POST", "/desk/:id", desk_page_update, 0,
              "admin | editor | contributor@owner on article:id"),
    ROUTE_WHO("POST", "/desk/:id/submit", desk_page_submit, 0,
              "admin | editor | contributor@owner on article:id"),
    ROUTE_WHO("POST", "/desk/:id/publish", desk_page_publish, 0,
              "admin | editor on article:id"),
    ROUTE_WHO("POST", "/desk/:id/return", desk_page_return, 0,
              "admin | editor on article:id"),
    ROUTE_WHO("POST", "/desk/:id/archive", desk_page_archive, 0,
              "admin | editor on article:id"),
    ROUTE_WHO("GET", "/desk/:id/history", desk_page_history, 0,
              "admin | editor | contributor@owner on article:id"),
    ROUTE_WHO("GET", "/desk/:id/preview", desk_page_preview, 0,
              "admin | editor | contributor@owner on article:id"),
};

void desk_routes_register(void)
{
    router_add(desk_routes, sizeof desk_routes / sizeof *desk_routes);
    media_routes_register();
}
