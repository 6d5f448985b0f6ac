/* cadre_pages.h - the handlers of cadre assignments (cadre_pages.c, cadre_coverage_pages.c). */
#ifndef DV_DIRECTIVE_CADRE_PAGES_H
#define DV_DIRECTIVE_CADRE_PAGES_H

#include "http/http.h"

void cadre_page_unit(dv_req *r);             /* GET /units/:id/cadres */
void cadre_page_add(dv_req *r);              /* POST /units/:id/cadres */
void cadre_page_edit(dv_req *r);             /* GET /cadres/:id/edit */
void cadre_page_update(dv_req *r);           /* POST /cadres/:id */
void cadre_page_coverage(dv_req *r);         /* GET /cadres */
void cadre_page_coverage_csv(dv_req *r);     /* GET /cadres.csv */
void cadre_page_coverage_xlsx(dv_req *r);    /* GET /cadres.xlsx */

/* Routes, menu entry, flash messages, audit kind and pre-fill source (cadre_routes.c). */
void cadre_routes_register(void);

#endif
