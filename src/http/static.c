/* static.c - serves the embedded static files; fingerprinted paths are cached for a year. */
#include "http/internal.h"

#include "core/embedded.h"

#include <string.h>

static const struct dv_static_file *find_static(const char *path, int *fingerprinted)
{
    for (size_t i = 0; i < dv_static_count; i++) {
        const struct dv_static_file *f = &dv_static_files[i];
        if (strcmp(f->path, path) == 0) {
            *fingerprinted = 1;
            return f;
        }
        if (strncmp(path, "/static/", 8) == 0 && strcmp(path + 8, f->name) == 0) {
            *fingerprinted = 0;
            return f;
        }
    }
    return NULL;
}

static int etag_matches(const char *inm, const char *etag)
{
    return inm && (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

int static_serve(dv_req *r)
{
    if (strncmp(r->path, "/static/", 8) != 0) return 0;
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) return 0;
    int fingerprinted = 0;
    const struct dv_static_file *f = find_static(r->path, &fingerprinted);
    if (!f) return 0; /* the router answers 404 in the user's language */
    r->cache_control = fingerprinted ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
    res_header(r, "ETag", f->etag);
    if (etag_matches(req_header(r, "If-None-Match"), f->etag)) {
        r->status = 304;
        return 1;
    }
    r->status = 200;
    r->content_type = f->content_type;
    buf_append(&r->out, f->data, f->len);
    return 1;
}
