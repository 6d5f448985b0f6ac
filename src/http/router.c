/* router.c - matches METHOD + path against the registered route tables (":name" segments). */
#include "http/internal.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

static const struct dv_route **routes;
static size_t nroutes;

void router_add(const struct dv_route *table, size_t n)
{
    routes = xrealloc(routes, (nroutes + n) * sizeof *routes);
    for (size_t i = 0; i < n; i++) routes[nroutes++] = &table[i];
}

void router_clear(void)
{
    free(routes);
    routes = NULL;
    nroutes = 0;
}

/* Match one pattern; on success the :name segments are stored in r. */
static int pattern_match(const char *pat, const char *path, dv_req *r)
{
    int np = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/') return 0;
        pat++;
        path++;
        const char *pe = strchr(pat, '/');
        const char *se = strchr(path, '/');
        size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
        size_t sl = se ? (size_t)(se - path) : strlen(path);
        if (pl && pat[0] == ':') {
            if (sl == 0 || np == DV_MAX_ROUTE_PARAMS) return 0;
            if (r) {
                r->param_names[np] = arena_strndup(r->arena, pat + 1, pl - 1);
                r->param_values[np] = arena_strndup(r->arena, path, sl);
            }
            np++;
        } else if (pl != sl || memcmp(pat, path, pl) != 0) {
            return 0;
        }
        pat += pl;
        path += sl;
    }
    if (*pat || *path) return 0;
    if (r) r->nparams = np;
    return 1;
}

static int method_fits(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0) return 1;
    return strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0;
}

const struct dv_route *router_match(dv_req *r, int *method_allowed)
{
    *method_allowed = 0;
    for (size_t i = 0; i < nroutes; i++) {
        if (!pattern_match(routes[i]->pattern, r->path, NULL)) continue;
        if (!method_fits(routes[i]->method, r->method)) {
            *method_allowed = 1; /* the path exists with another method: 405 */
            continue;
        }
        pattern_match(routes[i]->pattern, r->path, r);
        return routes[i];
    }
    return NULL;
}

void router_allowed_methods(const char *path, dv_buf *out)
{
    for (size_t i = 0; i < nroutes; i++) {
        if (!pattern_match(routes[i]->pattern, path, NULL)) continue;
        if (out->len) buf_puts(out, ", ");
        buf_puts(out, routes[i]->method);
    }
}
