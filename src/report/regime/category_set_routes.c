/* category_set_routes.c - the routes of the category set pages (see report_routes.h); handlers
 * in category_set_pages.c. */
#include "report/report_routes.h"

#include "http/http.h"
#include "report/regime/category_set_pages.h"

static const struct dv_route category_routes[] = {
    ROUTE_WHO("GET", "/category-sets", category_set_page_list, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/category-sets/new", category_set_page_new, 0,
              "admin | staff"), /* before /category-sets/:id */
    ROUTE_WHO("POST", "/category-sets", category_set_page_create, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/category-sets/:id", category_set_page_show, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("GET", "/category-sets/:id/edit", category_set_page_edit, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id", category_set_page_rename, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id/delete", category_set_page_delete, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("GET", "/category-sets/:id/options/new", category_set_page_option_new, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id/options", category_set_page_option_add, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("GET", "/category-sets/:id/options/:oid/edit", category_set_page_option_edit, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id/options/:oid", category_set_page_option_update, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id/options/:oid/move", category_set_page_option_move, 0,
              "admin | staff@subtree on category_set:id"),
    ROUTE_WHO("POST", "/category-sets/:id/options/:oid/delete", category_set_page_option_delete, 0,
              "admin | staff@subtree on category_set:id"),
};

void category_set_routes_register(void)
{
    router_add(category_routes, sizeof category_routes / sizeof *category_routes);
}
