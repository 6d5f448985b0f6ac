/* public_pages.h - the portal's public pages (public_pages.c), routed by public_routes.c. */
#ifndef DV_PUBLIC_PAGES_H
#define DV_PUBLIC_PAGES_H

#include "http/http.h"

void public_page_home(dv_req *r);
void public_page_category(dv_req *r);
void public_page_category_rss(dv_req *r);
void public_page_category_atom(dv_req *r);
void public_page_tag(dv_req *r);
void public_page_article(dv_req *r);
void public_page_print(dv_req *r);
void public_page_about(dv_req *r);
void public_page_about_en(dv_req *r);
void public_page_feed_rss(dv_req *r);
void public_page_feed_atom(dv_req *r);
void public_page_sitemap_index(dv_req *r);
void public_page_sitemap_file(dv_req *r);

#endif
