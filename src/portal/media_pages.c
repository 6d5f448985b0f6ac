/* media_pages.c - serving uploaded images: GET /media/:id (the original) and
 * /media/:id/thumb (the list copy). An image a published article shows is public, cached
 * for a year: the bytes of an id never change, and the ETag is their SHA-256. Any other
 * (a draft's photo) is served only to a signed-in desk user who uploaded it or may
 * publish, never stored by shared caches; to anyone else it does not exist (404), so ids
 * counted up reveal nothing. */
#include "portal/media.h"

#include "core/err.h"
#include "http/http.h"
#include "portal/portal_access.h"

#include <string.h>

/* May r see image id? 1 public, 2 only this user (a draft's photo), 0 no, <0 DV_E*. */
static int may_see(dv_req *r, dv_db *db, int64_t id)
{
    int pub = 0;
    int rc = media_is_public(db, id, &pub);
    if (rc) return rc;
    if (pub) return 1;
    if (!r->user || !portal_can_use_desk(r->user)) return 0;
    if (portal_can_publish(r->user)) return 2;
    int64_t owner = 0;
    rc = media_owner(db, id, &owner);
    if (rc) return rc == DV_ENOTFOUND ? 0 : rc;
    return owner && owner == r->user->id ? 2 : 0;
}

static void serve(dv_req *r, int thumb)
{
    dv_db *db = db_thread();
    int64_t id = req_param_id(r, "id");
    int see = id ? may_see(r, db, id) : 0;
    if (see <= 0) {
        res_error(r, see < 0 ? 500 : 404);
        return;
    }
    struct media_blob b;
    int rc = media_get(db, r->arena, id, thumb, &b);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    const char *etag = arena_printf(r->arena, "\"%s%s\"", b.sha256, thumb ? "-t" : "");
    r->cache_control = see == 1 ? "public, max-age=31536000, immutable" : "private, no-store";
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
    ROUTE("GET", "/media/:id", handle_media, ROUTE_PUBLIC),
    ROUTE("GET", "/media/:id/thumb", handle_media_thumb, ROUTE_PUBLIC),
};

void media_routes_register(void)
{
    router_add(media_routes, sizeof media_routes / sizeof *media_routes);
}
