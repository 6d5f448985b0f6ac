/* api_write_routes.c - the route of the JSON write API (api_write.c). */
#include "report/entry/api_write.h"

#include "http/http.h"

static const struct dv_route api_write_routes[] = {
    /* a token, not a cookie: no CSRF to check (the handler refuses any request without one) */
    ROUTE_WHO("POST", "/api/dataValueSets", api_page_data_value_sets, ROUTE_PUBLIC | ROUTE_NO_CSRF,
              "token"),
};

void api_write_routes_register(void)
{
    router_add(api_write_routes, sizeof api_write_routes / sizeof *api_write_routes);
}
