/* entry_routes.c - the routes of the reporting area's entry part (see report_routes.h). */
#include "report/report_routes.h"

#include "http/http.h"

void entry_routes_register(void)
{
}
