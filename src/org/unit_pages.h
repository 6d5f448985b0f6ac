/* unit_pages.h - the handlers of the unit pages (unit_pages.c), routed by unit_routes.c. */
#ifndef DV_UNIT_PAGES_H
#define DV_UNIT_PAGES_H

#include "http/http.h"

void unit_page_index(dv_req *r);      /* GET /units, GET /units?q= */
void unit_page_show(dv_req *r);       /* GET /units/:id */
void unit_page_new(dv_req *r);        /* GET /units/new?parent=ID */
void unit_page_create(dv_req *r);     /* POST /units */
void unit_page_edit(dv_req *r);       /* GET /units/:id/edit */
void unit_page_update(dv_req *r);     /* POST /units/:id */
void unit_page_close_form(dv_req *r); /* GET /units/:id/close */
void unit_page_close(dv_req *r);      /* POST /units/:id/close */

void unit_routes_register(void);

#endif
