/* entry_pages.h - the handlers of the reporting area's entry part (entry_pages.c),
 * registered by entry_routes.c. */
#ifndef DV_ENTRY_PAGES_H
#define DV_ENTRY_PAGES_H

#include "http/http.h"

void entry_page_due(dv_req *r);                /* GET /reports */
void entry_page_review(dv_req *r);             /* GET /reports/review */
void entry_page_form(dv_req *r);               /* GET /reports/:regime/:period/:unit */
void entry_page_save(dv_req *r);               /* POST /reports/:regime/:period/:unit */
void entry_page_history(dv_req *r);            /* GET /reports/:id/history */
void entry_page_approve(dv_req *r);            /* POST /reports/:id/approve */
void entry_page_return(dv_req *r);             /* POST /reports/:id/return */
void entry_page_unlock(dv_req *r);             /* POST /reports/:id/unlock */
void entry_page_unlock_new(dv_req *r);         /* POST /reports/:regime/:period/:unit/unlock */
void entry_page_attachment(dv_req *r);         /* GET /reports/:id/attachments/:aid */
void entry_page_attachment_delete(dv_req *r);  /* POST /reports/:id/attachments/:aid/delete */

#endif
