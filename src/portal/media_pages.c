/* media_pages.c - serving uploaded images: GET /media/:id (the original) and
 * /media/:id/thumb (the list copy), public, cached for a year: the bytes of an id never
 * change, and the ETag is their SHA-256. */
#include "portal/media.h"

#include "core/err.h"
#include "http/http.h"

#include <string.h>

static void serve(dv_req *r, int thumb)
{
    int64_t id = req_param_id(r, "id");
    struct media_blob b;
    int rc = id ? media_get(db_thread(), r->arena, id, thumb, &b) : DV_ENOTFOUND;
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    const char *etag = arena_printf(r->arena, "\"%s%s\"", b.sha256, thumb ? "-t" : "");
    r->cache_control = "public, max-age=31536000, immutable";
    res_header(r, "ETag", etag);
    const char *inm = req_header(r, "If-None-Match");
    if (inm && (strstr(inm, etag) || strcmp(inm, "*") == 0)) {
        r->status = 304;
        buf_reset(&r->out);
        return;
    }
    r->status = 200;
    r->content_type = b.type;
    buf_reset(&r->out);
    buf_append(&r->out, b.data, b.len);
}

static void handle_media(dv_req *r) { serve(r, 0); }
static void handle_media_thumb(dv_req *r) { serve(r, 1); }

static const struct dv_route media_routes[] = {
    {"GET", "/media/:id", handle_media, ROUTE_PUBLIC},
    {"GET", "/media/:id/thumb", handle_media_thumb, ROUTE_PUBLIC},
};

void media_routes_register(void)
{
    router_add(media_routes, sizeof media_routes / sizeof *media_routes);
}
