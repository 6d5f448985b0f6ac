/* site_routes.c - GET /lang/:code (switch the interface language). The home page, GET /, is
 * the public portal's (src/portal/public_routes.c). */
#include "site/site.h"

#include "core/i18n.h"
#include "http/http.h"

#include <string.h>

#define LANG_COOKIE "dv_lang"
#define ONE_YEAR (365 * 24 * 3600)

/* GET /lang/:code?next=/path */
static void handle_lang(dv_req *r)
{
    const char *code = req_param(r, "code");
    if (strcmp(code, "vi") != 0 && strcmp(code, "en") != 0) {
        res_error(r, 404);
        return;
    }
    res_set_cookie(r, LANG_COOKIE, code, ONE_YEAR, 1);
    const char *next = req_query(r, "next");
    res_redirect(r, http_is_local_path(next) ? next : "/");
}

static const struct dv_route site_routes[] = {
    ROUTE("GET", "/lang/:code", handle_lang, ROUTE_PUBLIC),
};

void site_routes_register(void)
{
    router_add(site_routes, sizeof site_routes / sizeof *site_routes);
}
