/* entry_routes.c - the routes of the reporting area's entry part (see report_routes.h);
 * handlers in entry_pages.c. Literal and longer patterns come before the form's
 * /reports/:regime/:period/:unit (the router takes the first match). */
#include "report/report_routes.h"

#include "http/http.h"
#include "report/entry/entry_pages.h"

static const struct dv_route entry_routes[] = {
    ROUTE_WHO("GET", "/reports", entry_page_due, 0,
              "admin | staff | officer"),
    ROUTE_WHO("GET", "/reports/review", entry_page_review, 0,
              "admin | staff"),
    ROUTE_WHO("GET", "/reports/:id/history", entry_page_history, 0,
              "admin | staff@subtree | staff@receiver | officer@own on report:id"),
    ROUTE_WHO("POST", "/reports/:id/approve", entry_page_approve, 0,
              "admin | staff@receiver on report:id"),
    ROUTE_WHO("POST", "/reports/:id/return", entry_page_return, 0,
              "admin | staff@receiver on report:id"),
    ROUTE_WHO("POST", "/reports/:id/unlock", entry_page_unlock, 0,
              "admin | staff@subtree on report:id"),
    ROUTE_WHO("GET", "/reports/:id/attachments/:aid", entry_page_attachment, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on report:id"),
    ROUTE_WHO("POST", "/reports/:id/attachments/:aid/delete", entry_page_attachment_delete, 0,
              "admin | staff@subtree | officer@own on report:id"),
    ROUTE_WHO("POST", "/reports/:regime/:period/:unit/unlock", entry_page_unlock_new, 0,
              "admin | staff@subtree on entry:unit"),
    ROUTE_WHO("GET", "/reports/:regime/:period/:unit", entry_page_form, 0,
              "admin | staff@subtree | staff@receiver | officer@own on entry:unit"),
    ROUTE_WHO("POST", "/reports/:regime/:period/:unit", entry_page_save, 0,
              "admin | staff@subtree | officer@own on entry:unit"),
};

void entry_routes_register(void)
{
    router_add(entry_routes, sizeof entry_routes / sizeof *entry_routes);
}
