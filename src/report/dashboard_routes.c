/* dashboard_routes.c - the routes of the reporting area's dashboard part (see report_routes.h). */
#include "report/report_routes.h"

#include "http/http.h"

void dashboard_routes_register(void)
{
}
