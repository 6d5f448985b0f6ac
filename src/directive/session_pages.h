/* session_pages.h - the handlers of dissemination sessions (session_pages.c,
 * session_form_pages.c). */
#ifndef DV_DIRECTIVE_SESSION_PAGES_H
#define DV_DIRECTIVE_SESSION_PAGES_H

#include "http/http.h"

void dissem_page_unit(dv_req *r);      /* GET /units/:id/sessions */
void dissem_page_document(dv_req *r);  /* GET /documents/:id/sessions */
void dissem_page_show(dv_req *r);      /* GET /sessions/:id */
void dissem_page_new(dv_req *r);       /* GET /units/:id/sessions/new */
void dissem_page_create(dv_req *r);    /* POST /units/:id/sessions */
void dissem_page_edit(dv_req *r);      /* GET /sessions/:id/edit */
void dissem_page_update(dv_req *r);    /* POST /sessions/:id */

/* Routes, flash messages, audit kind and pre-fill sources (session_routes.c). */
void dissem_routes_register(void);

#endif
