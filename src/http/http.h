/* http.h - requests, responses and routes: what a handler sees of HTTP.
 *
 * A handler gets a dv_req, reads validated input through the accessors, calls the domain
 * and renders into r->out, then sets the status (or calls one of the res_* helpers). The
 * server sends it when the handler returns. Memory from r->arena lives until the request
 * has been answered. */
#ifndef DV_HTTP_H
#define DV_HTTP_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
struct legacy_field;
struct dv_user;
struct dv_addr_set;

#define DV_MAX_ROUTE_PARAMS 4

struct dv_kv {
    const char *key;
    char *value;       /* NUL-terminated; may contain NULs for uploads (use len) */
    size_t len;
    size_t cap;                /* bytes allocated for value (grows by doubling) */
    const char *filename;      /* uploads only */
    const char *content_type;  /* uploads only */
};

struct dv_header {
    const char *name;
    const char *value;
};

/* A response built once and sent as it is to many requests (prebuilt.c): cached public pages. */
typedef struct dv_prebuilt dv_prebuilt;
/* An immutable, reference-counted block of bytes (prebuilt.c): a cached page's body. */
typedef struct dv_body dv_body;

typedef struct dv_req {
    struct MHD_Connection *conn;
    dv_arena *arena;
    const char *method;       /* "GET", "HEAD", "POST" … */
    const char *path;         /* the URL path, without the query */
    const char *target;       /* the request target as received: path?query, still encoded */
    int bad_path;             /* the path holds a control character (%00 …): answered 400 */
    const char *remote_addr;  /* textual IP */
    const char *param_names[DV_MAX_ROUTE_PARAMS];
    const char *param_values[DV_MAX_ROUTE_PARAMS];
    int nparams;

    /* body */
    dv_buf body;
    size_t body_limit;
    int body_too_big;
    struct dv_kv *form;
    size_t nform, capform;
    int form_parsed;
    uint32_t *form_index;       /* request.c: 1 + index of a name's first field, 0 = empty */
    size_t form_index_cap;
    struct legacy_field *legacy_fields; /* form_legacy.c: long-text fields read through a
                                           legacy-encoding choice */

    /* who is asking: filled by the session hook before the handler runs */
    const struct dv_user *user;
    const char *session_token; /* the session cookie, NULL when signed out */
    int session_unreadable;    /* a session cookie came but the store could not be read: the
                                  dispatcher answers 503 instead of sending them to sign in */
    const char *csrf_token;    /* embed in every form as _csrf; NULL for a visitor without
                                  cookies until a page asks for one (req_csrf_token) */
    const char *lang;          /* "vi" or "en" */
    int64_t api_token_id;      /* > 0: user is the API token's (Authorization: Bearer, /api/ only) */

    /* response */
    int status;
    dv_buf out;
    const char *content_type;
    struct dv_header *headers;
    size_t nheaders, capheaders;
    const char *cache_control; /* default: "no-store" for dynamic pages */
    dv_prebuilt *prebuilt;     /* res_prebuilt: sent instead of the fields above */
    void *spliced;             /* res_body_spliced: the body instead of out */

    /* bookkeeping */
    int64_t started_us;
    int dispatched;
    int answered;               /* a worker ran the handler; the I/O thread sends (workers.c) */
    const struct dv_route *route; /* dispatch.c: matched once (route_matched), NULL for none */
    int route_matched, method_allowed;
    struct dv_req *next_job;    /* the worker queue's link */
    void (*resume_with)(struct dv_req *r); /* req_defer_continue: run on a worker instead of dispatch */
} dv_req;

/* Input: all strings are as received (route parameters and query values are URL-decoded). */
const char *req_param(const dv_req *r, const char *name);      /* :name in the route */
int64_t req_param_id(const dv_req *r, const char *name);        /* positive id, or 0 */
const char *req_query(const dv_req *r, const char *name);
const char *req_header(const dv_req *r, const char *name);
const char *req_cookie(const dv_req *r, const char *name);
const char *req_form(dv_req *r, const char *name);              /* POST body field */
const struct dv_kv *req_upload(dv_req *r, const char *name);
const char *req_form_get(void *r, const char *name);            /* for input_validate() */
/* The CSRF token for a form on this page; for a visitor without any cookie this makes the
 * anonymous cookie it is bound to. Pages without forms never call it. */
const char *req_csrf_token(dv_req *r);

/* Output. */
/* A 200 response with body, Content-Type, Cache-Control, ETag (may be NULL) and the security
 * headers, built once (the body is copied); holds one reference. NULL when MHD refuses. */
dv_prebuilt *prebuilt_new(const char *body, size_t len, const char *content_type, const char *cache_control,
                          const char *etag);
void prebuilt_retain(dv_prebuilt *p);
void prebuilt_release(dv_prebuilt *p);
/* Answers r with p as it is (status 200); takes over one reference of p. */
void res_prebuilt(dv_req *r, dv_prebuilt *p);
dv_body *body_new(const char *data, size_t len);   /* a copy, NUL-terminated; one reference */
const char *body_data(const dv_body *b);
size_t body_len(const dv_body *b);
void body_retain(dv_body *b);
void body_release(dv_body *b);
/* The response's body is b's bytes with mid (at most 31 bytes) put at offset at, copied once
 * when the response is made; the headers are r's as usual. Takes over one reference of b. */
void res_body_spliced(dv_req *r, dv_body *b, size_t at, const char *mid);
void res_header(dv_req *r, const char *name, const char *value); /* copied */
void res_redirect(dv_req *r, const char *location);             /* 303 See Other */
void res_text(dv_req *r, int status, const char *text);
void res_json(dv_req *r, int status, const char *json);
void res_set_cookie(dv_req *r, const char *name, const char *value, int max_age_s, int http_only);
void res_error(dv_req *r, int status);                          /* an error page in the user's language */

/* Deferred answers. A handler running on the worker pool that hands its request to another
 * thread, which will answer it later, calls req_defer(r) before handing it over and then
 * neither touches r nor answers it (req_defer_cancel(r) if the hand-over failed, before
 * anything else). The other thread sets the answer and calls req_defer_done(r), or calls
 * req_defer_continue(r, fn) to have fn finish the request on a worker (with r's language
 * and a worker's store connection, as a handler has). */
void req_defer(dv_req *r);
void req_defer_cancel(dv_req *r);
void req_defer_done(dv_req *r);
void req_defer_continue(dv_req *r, void (*fn)(dv_req *r));

/* Routes. */
typedef void (*dv_handler)(dv_req *r);

enum {
    ROUTE_PUBLIC = 1 << 0,  /* no sign-in needed */
    ROUTE_NO_CSRF = 1 << 1, /* state-changing but token-free: POST /api/dataValueSets, which takes an API token and never a cookie */
    ROUTE_SLOW = 1 << 2,    /* a read that may take long (exports, documents): runs on the
                               worker pool like every write, never on an I/O thread */
};

struct dv_route {
    const char *method;   /* "GET" also answers HEAD */
    const char *pattern;  /* "/units/:id/edit" */
    dv_handler handler;
    unsigned flags;
    const char *handler_name; /* "unit_page_show": for `danvan routes` */
    const char *file;         /* where the route is declared (__FILE__, __LINE__) */
    int line;
    /* Who may, in the grammar of HACKING.md ("Route access"): "signed-in",
     * "admin | staff@subtree | officer@own on report:id", "token"; NULL only for a
     * ROUTE_PUBLIC route. Printed by `danvan routes`; tests/http/routes_roles.test.mjs
     * requests every route as every role and expects what this says. */
    const char *access;
};

/* A route table's entry: every table (in an area's *_routes.c) is made of these. */
#define ROUTE(method, pattern, handler, flags) \
    {(method), (pattern), (handler), (flags), #handler, __FILE__, __LINE__, NULL}
/* The same, naming who may use it. */
#define ROUTE_WHO(method, pattern, handler, flags, access) \
    {(method), (pattern), (handler), (flags), #handler, __FILE__, __LINE__, (access)}

void router_add(const struct dv_route *routes, size_t n);
void router_clear(void);
/* The registered routes in match order: router_count() of them, router_at(0) first. */
size_t router_count(void);
const struct dv_route *router_at(size_t i);
/* A route's access description: its own, else "public" for a ROUTE_PUBLIC route and
 * "undeclared" (which the route × role test fails) for any other. */
const char *route_access(const struct dv_route *route);

/* Called before every handler: finds the session, sets r->user, r->lang, r->csrf_token. */
typedef void (*dv_request_hook)(dv_req *r);
void http_set_request_hook(dv_request_hook hook);

/* A "next" URL taken from input is used only when it is a local path ("/x", not "//x")
 * made of letters, digits and -._~/?=&%+,;:@!$*()# only (no tab, space, backslash). */
int http_is_local_path(const char *s);

struct dv_server_options {
    const char *host;        /* "127.0.0.1" */
    int port;
    int threads;             /* I/O threads; 0 = the cores this process may run on */
    int workers;             /* threads for writes and slow routes; 0 = 64 */
    int conn_timeout_s;      /* an idle connection is closed after this */
    int head_timeout_s;      /* a request head must have arrived whole within this; 0 = 10 */
    int max_conns_per_ip;    /* open connections one client address may hold; 0 = no limit */
    const struct dv_addr_set *conn_limit_exempt; /* addresses without that limit (a proxy) */
    const struct dv_addr_set *trusted_proxies;   /* whose X-Forwarded-For names the client */
    size_t max_body;         /* bytes; larger bodies get 413 */
    size_t max_header;       /* bytes of request head; larger get 431 */
    const char *access_log;  /* path, "-" for stderr, "off" */
    int secure_cookies;      /* add Secure to cookies (behind TLS) */
};

typedef struct dv_server dv_server;
int server_start(const struct dv_server_options *opt, dv_server **out);
/* Stop accepting, let requests in flight finish (up to grace_s seconds), then stop. */
void server_stop(dv_server *s, int grace_s);
int server_secure_cookies(void);

#endif
