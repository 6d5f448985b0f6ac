/* dashboard_routes.c - the routes of the reporting area's dashboard part (see report_routes.h):
 * completeness and timeliness, indicator pivots, their CSV/XLSX exports and JSON API. */
#include "report/report_routes.h"

#include "http/http.h"
#include "report/dashboard/dashboard_pages.h"

static const struct dv_route routes[] = {
    ROUTE_WHO("GET", "/dashboard", dashboard_page_matrix, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/dashboard.csv", dashboard_matrix_csv, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/dashboard.xlsx", dashboard_matrix_xlsx, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/dashboard/pivot", dashboard_page_pivot, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/dashboard/pivot.csv", dashboard_pivot_csv, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/dashboard/pivot.xlsx", dashboard_pivot_xlsx, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/api/reporting/completeness", dashboard_page_api_completeness, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/api/reporting/pivot", dashboard_page_api_pivot, ROUTE_SLOW,
              "admin | staff | viewer"),
    ROUTE_WHO("GET", "/api/reporting/years", dashboard_page_api_years, ROUTE_SLOW,
              "admin | staff | viewer"),
};

void dashboard_routes_register(void)
{
    router_add(routes, sizeof routes / sizeof *routes);
}
