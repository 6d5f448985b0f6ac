/* search_pages.h - the handler of the readers' search page (src/portal/search_pages.c). */
#ifndef DV_PORTAL_SEARCH_PAGES_H
#define DV_PORTAL_SEARCH_PAGES_H

#include "http/http.h"

void search_page_handle(dv_req *r);   /* GET /tim-kiem?q=…&trang=N */

/* Registers GET /tim-kiem (src/portal/search_routes.c). */
void search_routes_register(void);

#endif
