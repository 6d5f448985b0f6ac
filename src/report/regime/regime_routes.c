/* regime_routes.c - the routes of the reporting area's regime part (see report_routes.h);
 * handlers in regime_pages.c. */
#include "report/report_routes.h"

#include "http/http.h"
#include "report/regime/regime_pages.h"

static const struct dv_route regime_routes[] = {
    ROUTE_WHO("GET", "/regimes", regime_page_list, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/regimes/new", regime_page_new, 0,
              "admin | staff"), /* before /regimes/:id */
    ROUTE_WHO("POST", "/regimes", regime_page_create, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/regimes/:id", regime_page_show, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/edit", regime_page_edit, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id", regime_page_update, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/assignments/new", regime_page_assignment_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/assignments", regime_page_assignment_add, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/assignments/:aid/delete", regime_page_assignment_delete, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/deadlines/new", regime_page_deadline_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/deadlines", regime_page_deadline_set, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/deadlines/:level/delete", regime_page_deadline_delete, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/sections/new", regime_page_section_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/sections/:pos/edit", regime_page_section_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/sections", regime_page_section_set, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/sections/:pos/delete", regime_page_section_delete, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/indicators/new", regime_page_indicator_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/indicators", regime_page_indicator_add, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/indicators/:iid/edit", regime_page_indicator_edit, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/indicators/:iid", regime_page_indicator_update, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/indicators/:iid/delete", regime_page_indicator_delete, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/indicators/:iid/move", regime_page_indicator_move, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/rules/new", regime_page_rule_new, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/rules", regime_page_rule_add, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/rules/:rid/delete", regime_page_rule_delete, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/assignments/:aid/end", regime_page_assignment_end_form, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/assignments/:aid/end", regime_page_assignment_end, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/periods", regime_page_periods_generate, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/periods/new", regime_page_period_new, 0,
              "admin | staff@receiver on regime:id"), /* before :pid */
    ROUTE_WHO("POST", "/regimes/:id/periods/new", regime_page_period_add, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("GET", "/regimes/:id/periods/:pid", regime_page_period_edit, 0,
              "admin | staff@receiver on regime:id"),
    ROUTE_WHO("POST", "/regimes/:id/periods/:pid", regime_page_period_update, 0,
              "admin | staff@receiver on regime:id"),
};

void regime_routes_register(void)
{
    router_add(regime_routes, sizeof regime_routes / sizeof *regime_routes);
}
