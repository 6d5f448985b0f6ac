/* response.c - helpers a handler uses to answer: headers, redirects, cookies, text, JSON. */
#include "http/internal.h"

#include "core/i18n.h"
#include "http/page.h"
#include "http/error_view.h"
#include "db/db.h"
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
    case 503:
        if (db_read_only())
            return _("This server only shows records: it runs on a read-only copy of the database. "
                     "Nothing was saved. Changes are made on the main server.");
        return _("The service cannot save or read records right now (the disk may be full or failing). "
                 "Nothing was saved. Please try again in a few minutes.");
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
    case 503: return db_read_only() ? _("Read-only copy") : _("Service unavailable");
    default: return _("Server error");
    }
}

/* The fields of a POSTed form, to send again from the error page: every text field but the
 * CSRF token and passwords; uploads cannot be kept. */
static void resend_of(dv_req *r, struct error_resend *rs)
{
    memset(rs, 0, sizeof *rs);
    if (strcmp(r->method, "POST") != 0 || !r->form_parsed || !r->nform) return;
    rs->action = r->target ? r->target : r->path;
    rs->names = arena_alloc(r->arena, r->nform * sizeof *rs->names);
    rs->values = arena_alloc(r->arena, r->nform * sizeof *rs->values);
    for (size_t i = 0; i < r->nform; i++) {
        const struct dv_kv *f = &r->form[i];
        if (!strcmp(f->key, "_csrf")) continue;
        if (f->filename || strstr(f->key, "password") || memchr(f->value, 0, f->len)) {
            rs->dropped = 1;
            continue;
        }
        rs->names[rs->n] = f->key;
        rs->values[rs->n++] = f->value;
    }
}

void res_error(dv_req *r, int status)
{
    /* a store that cannot write or read for now (disk full, I/O error) is a 503, with what
     * the user sent kept on the page */
    if (status == 500 && db_unavailable()) status = 503;
    struct page pg;
    page_init(&pg, r, error_title(status));
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    buf_reset(&r->out);
    struct error_resend rs = {0};
    if (status == 503 && !db_read_only()) { /* a replica stays read-only: nothing to send again */
        res_header(r, "Retry-After", "30");
        resend_of(r, &rs);
    }
    tpl_core_error(&r->out, &pg, status, error_message(status), &rs);
}
