/* site_pages.h - the site's own pages (site_pages.c), routed by site_routes.c. */
#ifndef DV_SITE_PAGES_H
#define DV_SITE_PAGES_H

#include "http/http.h"

void site_page_lang(dv_req *r); /* GET /lang/:code?next=/path */

#endif
