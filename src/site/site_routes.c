/* site_routes.c - GET / (home) and GET /lang/:code (switch the interface language). */
#include "site/site.h"

#include "core/i18n.h"
#include "http/http.h"
#include "http/page.h"
#include "tpl.h"

#include <string.h>

#define LANG_COOKIE "dv_lang"
#define ONE_YEAR (365 * 24 * 3600)

/* GET / */
static void handle_home(dv_req *r)
{
    if (r->user) {
        res_redirect(r, "/units");
        return;
    }
    struct page pg;
    page_init(&pg, r, _("Mass mobilization work"));
    tpl_site_home(&r->out, &pg);
}

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
    {"GET", "/", handle_home, ROUTE_PUBLIC},
    {"GET", "/lang/:code", handle_lang, ROUTE_PUBLIC},
};

void site_routes_register(void)
{
    router_add(site_routes, sizeof site_routes / sizeof *site_routes);
}
