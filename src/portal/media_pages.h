/* media_pages.h - serving stored images (media_pages.c), routed by media_routes.c. */
#ifndef DV_MEDIA_PAGES_H
#define DV_MEDIA_PAGES_H

#include "http/http.h"

void media_page_file(dv_req *r);
void media_page_thumb(dv_req *r);

#endif
