/* server.c - the libmicrohttpd daemon: request lifecycle, body limits, graceful shutdown. */
#include "http/conn_guard.h"
#include "http/internal.h"

#include "core/err.h"
#include "core/log.h"

#include <arpa/inet.h>
#include <sched.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct dv_server {
    struct MHD_Daemon *daemon;
    struct dv_server_options opt;
};

static atomic_int in_flight;
static size_t body_limit;
static int secure_cookies;

int server_secure_cookies(void)
{
    return secure_cookies;
}

int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static unsigned usable_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void remote_addr_of(dv_req *r)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET) { /* by hand: inet_ntop costs a vsnprintf per request */
            const unsigned char *b = (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr;
            char *o = buf;
            for (int i = 0; i < 4; i++) {
                if (i) *o++ = '.';
                if (b[i] >= 100) *o++ = (char)('0' + b[i] / 100);
                if (b[i] >= 10) *o++ = (char)('0' + b[i] / 10 % 10);
                *o++ = (char)('0' + b[i] % 10);
            }
            *o = '\0';
        } else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
    }
    r->remote_addr = arena_strdup(r->arena, buf);
}

/* A request begins when its request line has arrived (on_uri): the target as received is
 * kept for the access log and checked for control characters, which the decoded path
 * would hide (it ends at a %00). */
static dv_req *req_new(struct MHD_Connection *c, const char *target)
{
    dv_arena *a = arena_new();
    dv_req *r = arena_alloc(a, sizeof *r);
    r->arena = a;
    r->conn = c;
    r->target = arena_strdup(a, target);
    r->bad_path = http_path_has_control(target);
    r->body_limit = body_limit;
    r->status = 200;
    r->content_type = "text/html; charset=utf-8";
    r->cache_control = "no-store";
    r->started_us = now_us();
    remote_addr_of(r);
    return r;
}

/* The head has arrived whole: the request is in flight from now on. */
static void req_start(dv_req *r, const char *url, const char *method)
{
    r->method = arena_strdup(r->arena, method);
    r->path = arena_strdup(r->arena, url);
    r->remote_addr = forwarded_client(r->arena, r->remote_addr, req_header(r, "X-Forwarded-For"));
    /* A page is 5-20 KB: one allocation instead of doubling from 256 bytes six times. */
    if (strcmp(method, "GET") == 0) buf_reserve(&r->out, 16384);
    atomic_fetch_add(&in_flight, 1);
    conn_guard_head_done(r->conn);
}

static void req_free(dv_req *r)
{
    if (r->prebuilt) prebuilt_release(r->prebuilt);
    if (r->spliced) spliced_free(r->spliced);
    buf_free(&r->body);
    buf_free(&r->out);
    if (r->method) atomic_fetch_sub(&in_flight, 1);
    arena_free(r->arena);
}

static enum MHD_Result send_response(dv_req *r)
{
    size_t len = r->out.len;
    if (r->prebuilt && r->status == 200) {
        int ok = prebuilt_queue(r, &len);
        access_log_write(r, len);
        return ok ? MHD_YES : MHD_NO;
    }
    int head = strcmp(r->method, "HEAD") == 0;
    struct MHD_Response *resp;
    if (r->status == 304 || r->status == 204) {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    } else if (r->spliced) {
        resp = spliced_response(r, &len);
    } else {
        char *data = buf_detach(&r->out);
        resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    }
    if (!resp) return MHD_NO;
    (void)head; /* MHD omits the body of HEAD responses itself */
    if (r->status != 304) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache_control);
    for (size_t i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    security_headers_apply(r, resp);
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    access_log_write(r, len);
    return ok;
}

static int content_length_too_big(struct MHD_Connection *c)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return cl && strtoull(cl, NULL, 10) > body_limit;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)version;
    dv_req *r = *con_cls;
    if (!r || !r->method) {
        if (!r) *con_cls = r = req_new(c, url);
        req_start(r, url, method);
        if (content_length_too_big(c)) {
            r->body_too_big = 1;
            r->dispatched = 1;
            res_error(r, 413);
            return send_response(r); /* answered before reading: MHD closes the connection */
        }
        return MHD_YES; /* answer on a later callback so keep-alive survives */
    }
    if (*upload_data_size) {
        if (!r->body_too_big) {
            if (r->body.len + *upload_data_size > r->body_limit) r->body_too_big = 1;
            else buf_append(&r->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->dispatched) {
        if (r->answered == 1) { /* back from a worker (workers.c) */
            r->answered = 2;
            return send_response(r);
        }
        return MHD_YES;
    }
    r->dispatched = 1;
    if (r->body_too_big) {
        res_error(r, 413);
        return send_response(r);
    }
    if (dispatch_blocks(r)) {
        MHD_suspend_connection(c);
        workers_submit(r);
        return MHD_YES;
    }
    dispatch(r);
    return send_response(r);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    return req_new(c, uri);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)toe;
    if (*con_cls) req_free(*con_cls);
    *con_cls = NULL;
    conn_guard_request_done(c);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n') msg[--n] = '\0';
    log_warn("http: %s", msg);
}

int server_start(const struct dv_server_options *opt, dv_server **out)
{
    *out = NULL;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)opt->port);
    if (inet_pton(AF_INET, opt->host, &sa.sin_addr) != 1) {
        log_error("http: cannot listen on '%s': not an IPv4 address", opt->host);
        return DV_EINVAL;
    }
    /* One I/O thread per core this process may run on: reads are answered inline and more
     * threads than cores only preempt each other in the middle of a request (bench/http.sh
     * on one pinned core: p99 6.7 ms with 2 threads, 94 ms with 16). Writes and slow routes
     * block, so they go to the worker pool (workers.c), whose threads mostly wait: on the
     * write lock, or together in report_save's group commit, one fsync for all of them (a
     * report submission does not even wait: the group commit answers it, req_defer). */
    unsigned threads = opt->threads > 0 ? (unsigned)opt->threads : usable_cores();
    unsigned workers = opt->workers > 0 ? (unsigned)opt->workers : 64u;
    if (workers_start(workers)) return DV_EIO;
    body_limit = opt->max_body;
    secure_cookies = opt->secure_cookies;
    forwarded_configure(opt->trusted_proxies);
    if (conn_guard_start(opt)) {
        workers_stop();
        return DV_EIO;
    }
    access_log_open(opt->access_log);
    dv_server *s = xcalloc(1, sizeof *s);
    s->opt = *opt;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
            MHD_ALLOW_SUSPEND_RESUME,
        (uint16_t)opt->port, conn_guard_accept, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(opt->conn_timeout_s > 0 ? opt->conn_timeout_s : 30),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, opt->max_header,
        MHD_OPTION_CONNECTION_LIMIT, 1024u,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, conn_guard_notify, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_END);
    if (!s->daemon) {
        log_error("http: cannot listen on %s:%d", opt->host, opt->port);
        conn_guard_stop();
        workers_stop();
        free(s);
        access_log_close();
        return DV_EIO;
    }
    log_info("http: listening on http://%s:%d/ with %u I/O threads and %u workers; %d connections per "
             "address at most (0: no limit), request heads within %d s", opt->host, opt->port, threads,
             workers, opt->max_conns_per_ip, opt->head_timeout_s > 0 ? opt->head_timeout_s : 10);
    *out = s;
    return DV_OK;
}

/* Waits until no request is in flight or seconds have passed. */
static void wait_for_requests(int seconds)
{
    int64_t deadline = now_us() + (int64_t)seconds * 1000000;
    while (atomic_load(&in_flight) > 0 && now_us() < deadline) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

void server_stop(dv_server *s, int grace_s)
{
    if (!s) return;
    MHD_quiesce_daemon(s->daemon); /* no new connections; requests in flight go on */
    wait_for_requests(grace_s);
    /* Before the daemon: no worker may resume a connection it has closed, and no connection
     * may be left suspended (MHD_stop_daemon aborts on one); the I/O threads then need a
     * moment to take the resumed ones back and answer them. */
    workers_stop();
    wait_for_requests(2);
    conn_guard_stop(); /* its sweeper may not shut a socket down once the daemon closes them */
    MHD_stop_daemon(s->daemon);
    access_log_close();
    free(s);
}
