/* conn_guard.c - what one client may hold of the server: connections per address, and the
 * time a request head may take to arrive.
 *
 * libmicrohttpd's timeout counts idle time only, so a client that trickles a header line
 * every few seconds keeps a connection forever, and a thousand of them take every
 * connection the server has (slowloris). Two limits stop that:
 *  - an address may hold max_conns_per_ip connections at once; a connection over it is
 *    closed as it is accepted. Addresses in conn_limit_exempt (a reverse proxy on loopback,
 *    through which every client arrives from one address) are not counted.
 *  - a request head must have arrived whole within head_timeout seconds of the connection
 *    being accepted (or, on a kept-alive connection, of the previous answer plus the idle
 *    timeout), however many bytes trickle in; a sweeper thread closes the connections past
 *    their deadline by shutting their socket down, and libmicrohttpd then closes them.
 *
 * The count is taken when libmicrohttpd announces a connection (NOTIFY_CONNECTION) and
 * checked when it accepts one (its accept-policy callback), on the I/O threads: two threads
 * accepting from the same address at the same instant may let it one over the limit each.
 * Only IPv4 clients are counted (the server listens on IPv4 only). */
#include "http/conn_guard.h"
#include "http/internal.h"

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "core/log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define SWEEP_MS 200       /* how often deadlines are checked */
#define REPORT_S 10        /* at most one warning line per this many seconds */
#define NBUCKETS 256

struct addr_count {
    struct addr_count *next;
    uint32_t addr;
    unsigned n;
};

struct guard_conn {
    struct guard_conn *prev, *next;
    int fd;
    uint32_t addr;
    int counted;                  /* held against addr's count */
    int shut;                     /* the sweeper has shut its socket */
    _Atomic int64_t deadline_us;  /* the head must be in by then; 0 = not waiting for one */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cv = PTHREAD_COND_INITIALIZER;
static struct guard_conn *conns;
static struct addr_count *buckets[NBUCKETS];
static pthread_t sweeper;
static int running;

static unsigned max_per_ip;
static struct dv_addr_set exempt;
static int64_t head_us;       /* for the first request of a connection */
static int64_t next_head_us;  /* after an answer: the idle timeout, then head_us */

static atomic_uint refused, timed_out;
static _Atomic uint32_t last_refused;

static int is_exempt(uint32_t a)
{
    return config_addr_in_set(&exempt, a);
}

/* Under mu: the count of a, created at 0 when create is set. */
static struct addr_count *count_of(uint32_t a, int create)
{
    struct addr_count **b = &buckets[(a ^ (a >> 8) ^ (a >> 16) ^ (a >> 24)) % NBUCKETS];
    for (struct addr_count *c = *b; c; c = c->next)
        if (c->addr == a) return c;
    if (!create) return NULL;
    struct addr_count *c = xcalloc(1, sizeof *c);
    c->addr = a;
    c->next = *b;
    *b = c;
    return c;
}

/* Under mu: one connection of a is gone. */
static void count_drop(uint32_t a)
{
    struct addr_count **p = &buckets[(a ^ (a >> 8) ^ (a >> 16) ^ (a >> 24)) % NBUCKETS];
    while (*p && (*p)->addr != a) p = &(*p)->next;
    if (!*p) return;
    if (--(*p)->n == 0) {
        struct addr_count *gone = *p;
        *p = gone->next;
        free(gone);
    }
}

/* 1 when a counts against the limit; *a is the address in host order. */
static int limited_addr(const struct sockaddr *sa, uint32_t *a)
{
    if (!max_per_ip || !sa || sa->sa_family != AF_INET) return 0;
    *a = ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr);
    return !is_exempt(*a);
}

enum MHD_Result conn_guard_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
    (void)cls;
    (void)len;
    uint32_t a;
    if (!limited_addr(sa, &a)) return MHD_YES;
    pthread_mutex_lock(&mu);
    struct addr_count *c = count_of(a, 0);
    int full = c && c->n >= max_per_ip;
    pthread_mutex_unlock(&mu);
    if (!full) return MHD_YES;
    atomic_fetch_add(&refused, 1);
    atomic_store(&last_refused, a);
    return MHD_NO;
}

static void conn_started(struct MHD_Connection *c, void **ctx)
{
    struct guard_conn *g = xcalloc(1, sizeof *g);
    /* each answer is read at once: libmicrohttpd may reuse one buffer for the next */
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    g->fd = i ? i->connect_fd : -1;
    i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    g->counted = i && limited_addr(i->client_addr, &g->addr);
    atomic_store(&g->deadline_us, now_us() + head_us);
    pthread_mutex_lock(&mu);
    g->next = conns;
    if (conns) conns->prev = g;
    conns = g;
    if (g->counted) count_of(g->addr, 1)->n++;
    pthread_mutex_unlock(&mu);
    *ctx = g;
}

/* libmicrohttpd calls this before it closes the socket: once the entry is out of the list
 * (under mu) the sweeper never touches that descriptor again. */
static void conn_closed(void **ctx)
{
    struct guard_conn *g = *ctx;
    if (!g) return;
    pthread_mutex_lock(&mu);
    if (g->prev) g->prev->next = g->next;
    else conns = g->next;
    if (g->next) g->next->prev = g->prev;
    if (g->counted) count_drop(g->addr);
    pthread_mutex_unlock(&mu);
    free(g);
    *ctx = NULL;
}

void conn_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) conn_started(c, socket_context);
    else conn_closed(socket_context);
}

static struct guard_conn *guard_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i = c ? MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT) : NULL;
    return i ? i->socket_context : NULL;
}

void conn_guard_head_done(struct MHD_Connection *c)
{
    struct guard_conn *g = guard_of(c);
    if (g) atomic_store(&g->deadline_us, 0);
}

void conn_guard_request_done(struct MHD_Connection *c)
{
    struct guard_conn *g = guard_of(c);
    if (g) atomic_store(&g->deadline_us, now_us() + next_head_us);
}

/* Under mu: shuts the connections past their deadline down; how many. */
static unsigned sweep_locked(void)
{
    int64_t now = now_us();
    unsigned n = 0;
    for (struct guard_conn *g = conns; g; g = g->next) {
        int64_t d = atomic_load(&g->deadline_us);
        if (!d || now < d || g->shut || g->fd < 0) continue;
        shutdown(g->fd, SHUT_RDWR); /* the I/O thread sees the end of the stream and closes */
        g->shut = 1;
        n++;
    }
    return n;
}

static void report(void)
{
    unsigned r = atomic_exchange(&refused, 0), t = atomic_exchange(&timed_out, 0);
    if (r) {
        struct in_addr in = {htonl(atomic_load(&last_refused))};
        char ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &in, ip, sizeof ip);
        log_warn("http: refused %u connection(s) over max_conns_per_ip = %u (the last from %s)", r, max_per_ip, ip);
    }
    if (t) log_warn("http: closed %u connection(s) whose request head had not arrived within head_timeout", t);
}

static void *sweep_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-connguard");
    int64_t next_report = now_us() + (int64_t)REPORT_S * 1000000;
    pthread_mutex_lock(&mu);
    while (running) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += SWEEP_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&stop_cv, &mu, &until);
        if (!running) break;
        atomic_fetch_add(&timed_out, sweep_locked());
        if (now_us() >= next_report) {
            pthread_mutex_unlock(&mu);
            report();
            next_report = now_us() + (int64_t)REPORT_S * 1000000;
            pthread_mutex_lock(&mu);
        }
    }
    pthread_mutex_unlock(&mu);
    report();
    return NULL;
}

int conn_guard_start(const struct dv_server_options *opt)
{
    max_per_ip = opt->max_conns_per_ip > 0 ? (unsigned)opt->max_conns_per_ip : 0;
    memset(&exempt, 0, sizeof exempt);
    if (opt->conn_limit_exempt) exempt = *opt->conn_limit_exempt;
    int head_s = opt->head_timeout_s > 0 ? opt->head_timeout_s : 10;
    int idle_s = opt->conn_timeout_s > 0 ? opt->conn_timeout_s : 30;
    head_us = (int64_t)head_s * 1000000;
    next_head_us = (int64_t)(idle_s + head_s) * 1000000;
    running = 1;
    if (pthread_create(&sweeper, NULL, sweep_main, NULL)) {
        running = 0;
        log_error("http: cannot start the connection guard thread");
        return DV_EIO;
    }
    return DV_OK;
}

void conn_guard_stop(void)
{
    pthread_mutex_lock(&mu);
    int was = running;
    running = 0;
    pthread_cond_signal(&stop_cv);
    pthread_mutex_unlock(&mu);
    if (was) pthread_join(sweeper, NULL);
}
