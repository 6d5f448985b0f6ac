/* public_routes.c - the routes of the portal's public pages (public_pages.c). */
#include "portal/portal.h"
#include "portal/public_pages.h"

#include "http/http.h"

static const struct dv_route public_routes[] = {
    ROUTE("GET", "/", public_page_home, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug", public_page_category, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug/rss.xml", public_page_category_rss, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug/atom.xml", public_page_category_atom, ROUTE_PUBLIC),
    ROUTE("GET", "/the/:slug", public_page_tag, ROUTE_PUBLIC),
    ROUTE("GET", "/bai-viet/:slug", public_page_article, ROUTE_PUBLIC),
    ROUTE("GET", "/bai-viet/:slug/in", public_page_print, ROUTE_PUBLIC),
    ROUTE("GET", "/gioi-thieu", public_page_about, ROUTE_PUBLIC),
    ROUTE("GET", "/en/about", public_page_about_en, ROUTE_PUBLIC),
    ROUTE("GET", "/feed/rss.xml", public_page_feed_rss, ROUTE_PUBLIC),
    ROUTE("GET", "/feed/atom.xml", public_page_feed_atom, ROUTE_PUBLIC),
    ROUTE("GET", "/sitemap.xml", public_page_sitemap_index, ROUTE_PUBLIC),
    ROUTE("GET", "/sitemap-:n.xml", public_page_sitemap_file, ROUTE_PUBLIC),
};

void public_routes_register(void)
{
    router_add(public_routes, sizeof public_routes / sizeof *public_routes);
}
