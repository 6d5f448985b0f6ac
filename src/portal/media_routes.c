/* media_routes.c - the routes of stored images (media_pages.c). */
#include "portal/media.h"
#include "portal/media_pages.h"

#include "http/http.h"

static const struct dv_route media_routes[] = {
    ROUTE("GET", "/media/:id", media_page_file, ROUTE_PUBLIC),
    ROUTE("GET", "/media/:id/thumb", media_page_thumb, ROUTE_PUBLIC),
};

void media_routes_register(void)
{
    router_add(media_routes, sizeof media_routes / sizeof *media_routes);
}
