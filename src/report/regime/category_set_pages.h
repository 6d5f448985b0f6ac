/* category_pages.h - the handlers of the category set pages (category_set_pages.c), routed by
 * category_set_routes.c. Admins and staff. */
#ifndef DV_CATEGORY_SET_PAGES_H
#define DV_CATEGORY_SET_PAGES_H

#include "db/db.h"
#include "http/http.h"

void category_set_page_list(dv_req *r);          /* GET  /category-sets */
void category_set_page_new(dv_req *r);           /* GET  /category-sets/new */
void category_set_page_create(dv_req *r);        /* POST /category-sets */
void category_set_page_show(dv_req *r);          /* GET  /category-sets/:id */
void category_set_page_edit(dv_req *r);          /* GET  /category-sets/:id/edit (rename) */
void category_set_page_rename(dv_req *r);
void category_set_page_delete(dv_req *r);        /* POST /category-sets/:id */
void category_set_page_option_new(dv_req *r);    /* GET  /category-sets/:id/options/new */
void category_set_page_option_add(dv_req *r);    /* POST /category-sets/:id/options */
void category_set_page_option_edit(dv_req *r);   /* GET  /category-sets/:id/options/:oid/edit */
void category_set_page_option_update(dv_req *r); /* POST /category-sets/:id/options/:oid */
void category_set_page_option_move(dv_req *r);   /* POST /category-sets/:id/options/:oid/move (dir=up|down) */
void category_set_page_option_delete(dv_req *r); /* POST /category-sets/:id/options/:oid/delete */

/* The sets the signed-in user may see and use (admins: all; staff: those of their scope),
 * by code, with options: the list page and the indicator form's choices. */
struct category_set;
int category_set_list_visible(dv_req *r, dv_db *db, struct category_set **out, size_t *n);

#endif
