/* token_pages.h - the API-token pages (token_pages.c), routed by token_routes.c. */
#ifndef DV_TOKEN_PAGES_H
#define DV_TOKEN_PAGES_H

#include "http/http.h"

void token_page_list(dv_req *r);
void token_page_create(dv_req *r);
void token_page_revoke(dv_req *r);

#endif
