/* desk.h - the editors' desk (desk_pages.c) and the portal's route registration. */
#ifndef DV_DESK_H
#define DV_DESK_H

#include "http/http.h"

void desk_page_index(dv_req *r);    /* GET /desk */
/* The category page (category_pages.c): GET/POST /desk/categories, POST …/:id, …/:id/move,
 * …/:id/hide. */
void category_page_index(dv_req *r);
void category_page_create(dv_req *r);
void category_page_update(dv_req *r);
void category_page_move(dv_req *r);
void category_page_hide(dv_req *r);
void desk_page_new(dv_req *r);      /* GET /desk/new */
void desk_page_create(dv_req *r);   /* POST /desk */
void desk_page_edit(dv_req *r);     /* GET /desk/:id */
void desk_page_update(dv_req *r);   /* POST /desk/:id */
void desk_page_submit(dv_req *r);   /* POST /desk/:id/submit */
void desk_page_publish(dv_req *r);  /* POST /desk/:id/publish */
void desk_page_return(dv_req *r);   /* POST /desk/:id/return */
void desk_page_archive(dv_req *r);  /* POST /desk/:id/archive */
void desk_page_history(dv_req *r);  /* GET /desk/:id/history */
void desk_page_preview(dv_req *r);  /* GET /desk/:id/preview */

/* The desk's routes and the media routes. */
void desk_routes_register(void);
/* Every route of the portal (called from app_routes). */
void portal_routes_register(void);

#endif
