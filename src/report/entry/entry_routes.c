/* entry_routes.c - the routes of the reporting area's entry part (see report_routes.h);
 * handlers in entry_pages.c. Literal and longer patterns come before the form's
 * /reports/:regime/:period/:unit (the router takes the first match). */
#include "report/report_routes.h"

#include "http/http.h"
#include "report/entry/entry_pages.h"

static const struct dv_route entry_routes[] = {
    ROUTE("GET", "/reports", entry_page_due, 0),
    ROUTE("GET", "/reports/review", entry_page_review, 0),
    ROUTE("GET", "/reports/:id/history", entry_page_history, 0),
    ROUTE("POST", "/reports/:id/approve", entry_page_approve, 0),
    ROUTE("POST", "/reports/:id/return", entry_page_return, 0),
    ROUTE("POST", "/reports/:id/unlock", entry_page_unlock, 0),
    ROUTE("GET", "/reports/:id/attachments/:aid", entry_page_attachment, ROUTE_SLOW),
    ROUTE("POST", "/reports/:id/attachments/:aid/delete", entry_page_attachment_delete, 0),
    ROUTE("POST", "/reports/:regime/:period/:unit/unlock", entry_page_unlock_new, 0),
    ROUTE("GET", "/reports/:regime/:period/:unit", entry_page_form, 0),
    ROUTE("POST", "/reports/:regime/:period/:unit", entry_page_save, 0),
};

void entry_routes_register(void)
{
    router_add(entry_routes, sizeof entry_routes / sizeof *entry_routes);
}
