/* router.c - matches METHOD + path against the registered route tables (":name" segments). */
#include "http/internal.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

static const struct dv_route **routes;
/* Each route's first path segment when it is literal text ("bai-viet" of
 * "/bai-viet/:slug"), for a memcmp that rules out most routes before pattern_match:
 * matching walked all the routes' patterns with strchr for every request. */
struct first_seg {
    const char *s;
    size_t len;
    int literal;
};
static struct first_seg *firsts;
static size_t nroutes;

/* The first segment of a path or pattern ("/a/b" → "a"); literal when it holds no ':'. */
static struct first_seg first_segment(const char *p)
{
    struct first_seg f = {p, 0, 1};
    if (*p != '/') return (struct first_seg){p, 0, 0};
    f.s = ++p;
    while (p[f.len] && p[f.len] != '/') f.len++;
    f.literal = memchr(f.s, ':', f.len) == NULL;
    return f;
}

void router_add(const struct dv_route *table, size_t n)
{
    routes = xrealloc(routes, (nroutes + n) * sizeof *routes);
    firsts = xrealloc(firsts, (nroutes + n) * sizeof *firsts);
    for (size_t i = 0; i < n; i++) {
        firsts[nroutes] = first_segment(table[i].pattern);
        routes[nroutes++] = &table[i];
    }
}

void router_clear(void)
{
    free(routes);
    free(firsts);
    routes = NULL;
    firsts = NULL;
    nroutes = 0;
}

size_t router_count(void)
{
    return nroutes;
}

const struct dv_route *router_at(size_t i)
{
    return i < nroutes ? routes[i] : NULL;
}

const char *route_access(const struct dv_route *route)
{
    if (route->access) return route->access;
    return (route->flags & ROUTE_PUBLIC) ? "public" : "undeclared";
}

/* Cannot route i match a path whose first segment is f? */
static int ruled_out(size_t i, const struct first_seg *f)
{
    const struct first_seg *p = &firsts[i];
    return p->literal && f->literal && (p->len != f->len || memcmp(p->s, f->s, f->len) != 0);
}

/* Match one pattern segment against one path segment. A pattern segment may hold one
 * parameter, alone (":id") or between literal text ("sitemap-:n.xml": the parameter is
 * the part between the prefix and the suffix, which must not be empty). */
static int segment_match(const char *pat, size_t pl, const char *seg, size_t sl, dv_req *r, int *np)
{
    const char *colon = memchr(pat, ':', pl);
    if (!colon) return pl == sl && memcmp(pat, seg, pl) == 0;
    size_t prefix = (size_t)(colon - pat);
    size_t name_len = 0;
    while (prefix + 1 + name_len < pl && (colon[1 + name_len] == '_' ||
           (colon[1 + name_len] >= 'a' && colon[1 + name_len] <= 'z')))
        name_len++;
    size_t suffix = pl - prefix - 1 - name_len;
    if (sl <= prefix + suffix || *np == DV_MAX_ROUTE_PARAMS) return 0;
    if (memcmp(seg, pat, prefix) != 0 || memcmp(seg + sl - suffix, pat + pl - suffix, suffix) != 0) return 0;
    if (r) {
        r->param_names[*np] = arena_strndup(r->arena, colon + 1, name_len);
        r->param_values[*np] = arena_strndup(r->arena, seg + prefix, sl - prefix - suffix);
    }
    (*np)++;
    return 1;
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
        if (!segment_match(pat, pl, path, sl, r, &np)) return 0;
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
    struct first_seg f = first_segment(r->path);
    f.literal = 1; /* a path's ':' is a plain character */
    if (*r->path != '/') return NULL;
    for (size_t i = 0; i < nroutes; i++) {
        if (ruled_out(i, &f) || !pattern_match(routes[i]->pattern, r->path, NULL)) continue;
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
