/* internal.h - what the files of src/http share and nothing else sees. */
#ifndef DV_HTTP_INTERNAL_H
#define DV_HTTP_INTERNAL_H

#include "http/http.h"

const struct dv_route *router_match(dv_req *r, int *method_allowed);
void router_allowed_methods(const char *path, dv_buf *out);
void dispatch(dv_req *r);
int dispatch_blocks(dv_req *r);        /* 1: run on the worker pool (a write or a slow route) */
int workers_start(unsigned n);
void workers_submit(dv_req *r);        /* its connection is suspended; resumed when answered */
void workers_stop(void);               /* finish the requests being run, drop the queue */
int static_serve(dv_req *r);           /* 1 if the path was a static file */
void security_headers_apply(dv_req *r, void *mhd_response);
int prebuilt_queue(dv_req *r, size_t *len);  /* queues r->prebuilt and drops r's reference */
void *spliced_response(dv_req *r, size_t *len); /* the MHD response of r->spliced (taken), or NULL */
void spliced_free(void *spliced);
int csrf_check(dv_req *r);             /* 0 when the token in the request is right */
void csrf_prepare(dv_req *r);          /* sets r->csrf_token (and the anonymous cookie) */
void access_log_open(const char *where);
void access_log_write(const dv_req *r, size_t bytes);
void access_log_close(void);
int64_t now_us(void);
/* forwarded.c: the addresses whose X-Forwarded-For is believed, and the client's address
 * of a request from peer (the connection's address) with that header (may be NULL). */
void forwarded_configure(const struct dv_addr_set *trusted);
const char *forwarded_client(dv_arena *a, const char *peer, const char *xff);
/* 1 when the path part of a request target as received holds a control character, raw or
 * percent-encoded (%00-%1F, %7F): such a request is answered 400. */
int http_path_has_control(const char *target);

#endif
