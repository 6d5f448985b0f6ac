/* prebuilt.c - responses built once and sent to many requests: a cached public page's body
 * with its Content-Type, Cache-Control, ETag and the security headers, as one libmicrohttpd
 * response that every I/O thread queues as it is (MHD counts its own references under the
 * response's mutex). Our own count keeps the response alive between the cache handing it
 * out and MHD_queue_response taking its reference, whatever the cache drops meanwhile. */
#include "http/internal.h"

#include "core/buf.h"

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct dv_prebuilt {
    struct MHD_Response *resp;
    size_t len;
    atomic_int refs;
};

dv_prebuilt *prebuilt_new(const char *body, size_t len, const char *content_type, const char *cache_control,
                          const char *etag)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)(len ? body : ""), MHD_RESPMEM_MUST_COPY);
    if (!resp) return NULL;
    if (MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) != MHD_YES ||
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control) != MHD_YES ||
        (etag && MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag) != MHD_YES)) {
        MHD_destroy_response(resp);
        return NULL;
    }
    security_headers_apply(NULL, resp);
    dv_prebuilt *p = xcalloc(1, sizeof *p);
    p->resp = resp;
    p->len = len;
    atomic_init(&p->refs, 1);
    return p;
}

void prebuilt_retain(dv_prebuilt *p)
{
    if (p) atomic_fetch_add(&p->refs, 1);
}

void prebuilt_release(dv_prebuilt *p)
{
    if (!p || atomic_fetch_sub(&p->refs, 1) != 1) return;
    MHD_destroy_response(p->resp); /* MHD frees it once the last connection sending it is done */
    free(p);
}

void res_prebuilt(dv_req *r, dv_prebuilt *p)
{
    if (r->prebuilt) prebuilt_release(r->prebuilt);
    r->prebuilt = p;
    r->status = 200;
    buf_reset(&r->out);
}

int prebuilt_queue(dv_req *r, size_t *len)
{
    dv_prebuilt *p = r->prebuilt;
    r->prebuilt = NULL;
    *len = p->len;
    enum MHD_Result ok = MHD_queue_response(r->conn, MHD_HTTP_OK, p->resp);
    prebuilt_release(p);
    return ok == MHD_YES;
}

/* --- shared bodies: a cached page with a splice point is handed over without a copy under
 * the cache's lock; the response gets one exact-size copy of head + live text + tail. */
struct dv_body {
    atomic_int refs;
    size_t len;
    char data[];
};

dv_body *body_new(const char *data, size_t len)
{
    dv_body *b = xmalloc(sizeof *b + len + 1);
    atomic_init(&b->refs, 1);
    b->len = len;
    if (len) memcpy(b->data, data, len);
    b->data[len] = '\0';
    return b;
}

const char *body_data(const dv_body *b) { return b->data; }
size_t body_len(const dv_body *b) { return b->len; }

void body_retain(dv_body *b)
{
    if (b) atomic_fetch_add(&b->refs, 1);
}

void body_release(dv_body *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1) free(b);
}

#define SPLICE_MAX 32

struct spliced {
    dv_body *body;
    size_t at;
    char mid[SPLICE_MAX];
    size_t midlen;
};

void res_body_spliced(dv_req *r, dv_body *b, size_t at, const char *mid)
{
    struct spliced *s = xmalloc(sizeof *s);
    s->body = b;
    s->at = at <= b->len ? at : b->len;
    s->midlen = mid ? strnlen(mid, SPLICE_MAX - 1) : 0;
    if (s->midlen) memcpy(s->mid, mid, s->midlen);
    if (r->spliced) spliced_free(r->spliced);
    r->spliced = s;
    buf_reset(&r->out);
}

void spliced_free(void *p)
{
    struct spliced *s = p;
    if (!s) return;
    body_release(s->body);
    free(s);
}

/* One exact-size copy of head + live text + tail: libmicrohttpd sends a buffer response's
 * headers and body with one sendmsg(), where an I/O-vector response costs a send() for the
 * headers and another for the body (perf: twice the system calls on the article page). */
void *spliced_response(dv_req *r, size_t *len)
{
    struct spliced *s = r->spliced;
    r->spliced = NULL;
    size_t n = s->body->len + s->midlen;
    char *data = xmalloc(n ? n : 1);
    memcpy(data, s->body->data, s->at);
    memcpy(data + s->at, s->mid, s->midlen);
    memcpy(data + s->at + s->midlen, s->body->data + s->at, s->body->len - s->at);
    spliced_free(s);
    *len = n;
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) free(data);
    return resp;
}
