/* cadre_routes.c - the routes of cadre assignments (cadre_pages.c, cadre_coverage_pages.c),
 * their menu entry, flash messages, audit kind and pre-fill source. */
#include "directive/cadre_pages.h"

#include "directive/dissem_api.h"
#include "core/i18n.h"
#include "directive/cadre.h"
#include "directive/cadre_access.h"
#include "http/page.h"
#include "org/audit.h"
#include "org/unit_links.h"

/* Who may (HACKING.md "Route access"): a unit's cadres are read by whoever sees the unit
 * (access_can_view_unit) and recorded by those acting for it (cadre_access.h). */
#define VIEW "admin | staff@subtree | officer@unit | editor@subtree | contributor@subtree | viewer@subtree | inspector@subtree"
#define ACT "admin | staff@subtree | officer@own"

static const struct dv_route cadre_routes[] = {
    ROUTE_WHO("GET", "/units/:id/cadres", cadre_page_unit, 0, VIEW " on unit:id"),
    ROUTE_WHO("POST", "/units/:id/cadres", cadre_page_add, 0, ACT " on unit:id"),
    ROUTE_WHO("GET", "/cadres", cadre_page_coverage, ROUTE_SLOW, "admin | staff | officer | viewer | inspector"),
    ROUTE_WHO("GET", "/cadres.csv", cadre_page_coverage_csv, ROUTE_SLOW, "admin | staff | officer | viewer | inspector"),
    ROUTE_WHO("GET", "/cadres/:id/edit", cadre_page_edit, 0, ACT " on cadre:id"),
    ROUTE_WHO("POST", "/cadres/:id", cadre_page_update, 0, ACT " on cadre:id"),
    ROUTE_WHO("GET", "/cadres.xlsx", cadre_page_coverage_xlsx, ROUTE_SLOW, "admin | staff | officer | viewer | inspector"),
    ROUTE_WHO("GET", "/api/cadres", dissem_api_cadres, ROUTE_SLOW, "admin | staff | officer | editor | contributor | viewer | inspector"),
    /* a token, not a cookie: no CSRF to check (the handler refuses any request without one) */
    ROUTE_WHO("POST", "/api/cadres", dissem_api_cadre_create, ROUTE_PUBLIC | ROUTE_NO_CSRF, "token"),
};

static const struct menu_entry cadre_menu[] = {
    {"cadres", "/cadres", N_("Cadres"), 320, cadre_can_list},
};

static const char *const cadre_flash[] = {
    N_("The assignment was recorded; the previous cadre's ends the day before."),
    N_("The assignment was recorded."),
    N_("The assignment was saved."),
};

static int describe_cadre(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct cadre c;
    if (cadre_get(db, a, id, &c)) return -1;
    *label = arena_printf(a, "%s · %s", c.full_name, c.unit_name);
    *href = arena_printf(a, "/units/%lld/cadres", (long long)c.unit_id);
    return 0;
}

static const struct unit_page_link cadre_links[] = {
    {N_("Mass-mobilization cadre"), "/units/%lld/cadres", 300, cadre_can_list},
    {N_("Dissemination sessions"), "/units/%lld/sessions", 310, cadre_can_list},
};

void cadre_routes_register(void)
{
    unit_page_link_add(cadre_links, sizeof cadre_links / sizeof *cadre_links);
    router_add(cadre_routes, sizeof cadre_routes / sizeof *cadre_routes);
    page_menu_add(cadre_menu, sizeof cadre_menu / sizeof *cadre_menu);
    page_flash_add(cadre_flash, sizeof cadre_flash / sizeof *cadre_flash);
    audit_kind_add("cadre", N_("Cadre assignment"), NULL, describe_cadre);
    cadre_prefill_register();
}
