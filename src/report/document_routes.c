/* document_routes.c - the routes of the reporting area's document part (see report_routes.h). */
#include "report/report_routes.h"

#include "http/http.h"

void document_routes_register(void)
{
}
