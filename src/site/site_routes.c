/* site_routes.c - the site's routes: GET /lang/:code (site_pages.c). The home page, GET /, is
 * the public portal's (src/portal/public_routes.c). */
#include "site/site.h"

#include "http/http.h"
#include "site/site_pages.h"

static const struct dv_route site_routes[] = {
    ROUTE("GET", "/lang/:code", site_page_lang, ROUTE_PUBLIC),
};

void site_routes_register(void)
{
    router_add(site_routes, sizeof site_routes / sizeof *site_routes);
}
