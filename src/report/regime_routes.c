/* regime_routes.c - the routes of the reporting area's regime part (see report_routes.h). */
#include "report/report_routes.h"

#include "http/http.h"

void regime_routes_register(void)
{
}
