/* response.c - helpers a handler uses to answer: headers, redirects, cookies, text, JSON. */
#include "http/internal.h"

#include "core/i18n.h"
#include "http/page.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

void res_header(dv_req *r, const char *name, const char *value)
{
    r->headers = arena_grow(r->arena, r->headers, r->nheaders, &r->capheaders, sizeof *r->headers);
    r->headers[r->nheaders].name = arena_strdup(r->arena, name);
    r->headers[r->nheaders].value = arena_strdup(r->arena, value);
    r->nheaders++;
}

void res_redirect(dv_req *r, const char *location)
{
    r->status = 303;
    res_header(r, "Location", location);
    buf_reset(&r->out);
}

void res_text(dv_req *r, int status, const char *text)
{
    r->status = status;
    r->content_type = "text/plain; charset=utf-8";
    buf_reset(&r->out);
    buf_puts(&r->out, text);
}

void res_json(dv_req *r, int status, const char *json)
{
    r->status = status;
    r->content_type = "application/json";
    buf_reset(&r->out);
    buf_puts(&r->out, json);
}

void res_set_cookie(dv_req *r, const char *name, const char *value, int max_age_s, int http_only)
{
    char *c = arena_printf(r->arena, "%s=%s; Path=/; SameSite=Lax%s%s", name, value,
                           http_only ? "; HttpOnly" : "", server_secure_cookies() ? "; Secure" : "");
    if (max_age_s >= 0) c = arena_printf(r->arena, "%s; Max-Age=%d", c, max_age_s);
    res_header(r, "Set-Cookie", c);
}

static const char *error_message(int status)
{
    switch (status) {
    case 400: return _("The request could not be understood.");
    case 403: return _("You do not have permission to do this.");
    case 404: return _("The page you asked for does not exist.");
    case 405: return _("This address does not accept that kind of request.");
    case 413: return _("What you sent is larger than the server accepts.");
    case 429: return _("Too many attempts. Please wait a few minutes and try again.");
    default: return _("Something went wrong on the server. Please try again later.");
    }
}

static const char *error_title(int status)
{
    switch (status) {
    case 400: return _("Bad request");
    case 403: return _("Access denied");
    case 404: return _("Page not found");
    case 405: return _("Method not allowed");
    case 413: return _("Request too large");
    case 429: return _("Too many attempts");
    default: return _("Server error");
    }
}

void res_error(dv_req *r, int status)
{
    struct page pg;
    page_init(&pg, r, error_title(status));
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    buf_reset(&r->out);
    tpl_core_error(&r->out, &pg, status, error_message(status));
}
