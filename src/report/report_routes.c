/* report_routes.c - registers every route of the reporting area. */
#include "report/report_routes.h"
#include "report/api_write.h"

void report_routes_register(void)
{
    regime_routes_register();
    category_set_routes_register();
    entry_routes_register();
    dashboard_routes_register();
    document_routes_register();
    api_write_routes_register();
}
