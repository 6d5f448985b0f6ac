/* dispatch.c - one request's way through: static files, health, route, session, access, CSRF. */
#include "http/internal.h"

#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"

#include <string.h>

static dv_request_hook request_hook;

void http_set_request_hook(dv_request_hook hook)
{
    request_hook = hook;
}

static int is_state_changing(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

static void redirect_to_login(dv_req *r)
{
    dv_buf next = DV_BUF_INIT;
    buf_puts(&next, "/login?next=");
    for (const unsigned char *p = (const unsigned char *)r->path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            buf_putc(&next, (char)*p);
        else
            buf_printf(&next, "%%%02X", *p);
    }
    res_redirect(r, buf_cstr(&next));
    buf_free(&next);
}

static void answer_health(dv_req *r)
{
    res_text(r, 200, "ok\n");
}

/* The request's route, matched once whether dispatch_blocks() or dispatch() asks first. */
static const struct dv_route *route_of(dv_req *r)
{
    if (!r->route_matched) {
        r->route = router_match(r, &r->method_allowed);
        r->route_matched = 1;
    }
    return r->route;
}

int dispatch_blocks(dv_req *r)
{
    if (is_state_changing(r->method)) return 1;
    const struct dv_route *route = route_of(r);
    return route && (route->flags & ROUTE_SLOW);
}

/* A path with a control character (a %00 would cut it short: /static/app.css%00.png is
 * not app.css) names nothing: 400, before any route, static file or health check. */
static void refuse_bad_path(dv_req *r)
{
    r->lang = "vi";
    if (request_hook) request_hook(r);
    i18n_use(r->lang);
    res_error(r, 400);
}

void dispatch(dv_req *r)
{
    if (r->bad_path) {
        refuse_bad_path(r);
        return;
    }
    if (strcmp(r->path, "/healthz") == 0) {
        answer_health(r);
        return;
    }
    if (static_serve(r)) return;

    db_unavailable_reset();
    r->lang = "vi";
    if (request_hook) request_hook(r);
    i18n_use(r->lang);
    csrf_prepare(r);

    const struct dv_route *route = route_of(r);
    if (!route) {
        if (r->method_allowed) {
            dv_buf allow = DV_BUF_INIT;
            router_allowed_methods(r->path, &allow);
            res_error(r, 405);
            res_header(r, "Allow", buf_cstr(&allow));
            buf_free(&allow);
        } else {
            res_error(r, 404);
        }
        return;
    }
    if (db_read_only() && is_state_changing(r->method)) {
        res_error(r, 503); /* a replica: the page says changes are made on the main server */
        return;
    }
    if (!(route->flags & ROUTE_PUBLIC) && !r->user && r->session_unreadable) {
        res_error(r, 503); /* the session could not be read: not signed out, the store is failing */
        return;
    }
    if (!(route->flags & ROUTE_PUBLIC) && !r->user) {
        redirect_to_login(r);
        return;
    }
    if (is_state_changing(r->method) && !(route->flags & ROUTE_NO_CSRF) && csrf_check(r) != 0) {
        log_warn("http: CSRF check failed for %s %s from %s", r->method, r->path, r->remote_addr);
        res_error(r, 403);
        return;
    }
    route->handler(r);
}
