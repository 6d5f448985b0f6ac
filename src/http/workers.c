/* workers.c - the pool that runs blocking requests off the I/O threads.
 *
 * libmicrohttpd's I/O threads (one per core) answer reads inline: a page from the cache or
 * a few SQLite reads cost microseconds, and a thread per core never preempts another in
 * the middle of one. A request that may block - any write (it waits for the
 * write lock and an fsync, and a group commit wants many writers waiting together), a
 * sign-in (argon2id), a slow route (exports, documents) - would stall every other
 * connection of its I/O thread. Those are handed here instead: the I/O thread suspends the
 * connection and queues the request; a worker runs the handler and resumes the connection;
 * the I/O thread then sends the answer (server.c).
 *
 * A handler may also hand its request on (req_defer): a report submission goes to the
 * group commit's writer, and the thread that makes the batch durable answers it
 * (report/report_commit.c), so the worker serves other requests meanwhile instead of
 * sleeping through the batch and the fsync. Shutdown waits for such requests to come back.
 *
 * Idle workers wait last in, first out: the worker that finished last takes the next
 * request. With one condition variable for all, the kernel woke them in turn, so every one
 * of the 64 ran requests, kept a store connection with its page and statement caches warm
 * (db_thread), and the server's memory kept growing as each of those caches filled (make
 * soak: +5% over 10 minutes with 8 clients). Now the threads in use match the load. */
#include "http/internal.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t deferred_cv = PTHREAD_COND_INITIALIZER;
static unsigned deferred;           /* requests handed to another thread, not yet answered */
static _Thread_local int defer_here; /* the handler this worker runs has deferred its request */
static dv_req *head, *tail;
static pthread_t *threads;
static unsigned nthreads;
static int stopping;

struct worker_slot {
    pthread_cond_t cv;   /* signalled when it is handed the next request, or at shutdown */
    int parked;          /* on the idle stack, waiting */
};
static struct worker_slot *slots;
static unsigned *idle;  /* the idle stack: indexes of slots, the top one woken first */
static unsigned nidle, nslots;

static dv_req *next_job(unsigned self)
{
    pthread_mutex_lock(&mu);
    while (!head && !stopping) {
        slots[self].parked = 1;
        idle[nidle++] = self;
        while (slots[self].parked && !stopping) pthread_cond_wait(&slots[self].cv, &mu);
    }
    dv_req *r = head;
    if (r) {
        head = r->next_job;
        if (!head) tail = NULL;
        r->next_job = NULL;
    }
    pthread_mutex_unlock(&mu);
    return r;
}

/* Workers yield the CPU to the I/O threads (reads) and to the report writer
 * (report/report_commit.c), the one part of a submission that cannot run in parallel: a
 * worker preparing a save waits for its turn more cheaply than a batch everyone waits for. */
#define WORKER_NICE 5

static void *worker_main(void *arg)
{
    unsigned self = (unsigned)(uintptr_t)arg;
    pthread_setname_np(pthread_self(), "dv-worker"); /* top -H, perf */
    static atomic_int warned;
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WORKER_NICE) != 0 && !atomic_exchange(&warned, 1))
        log_warn("http: cannot lower the worker threads' priority");
    dv_req *r;
    while ((r = next_job(self))) {
        void (*fn)(dv_req *) = r->resume_with;
        if (fn) {
            r->resume_with = NULL;
            i18n_use(r->lang);
            fn(r);
        } else {
            dispatch(r);
        }
        if (defer_here) { /* r belongs to another thread now: not a byte of it is read here */
            defer_here = 0;
            continue;
        }
        r->answered = 1;
        MHD_resume_connection(r->conn); /* the I/O thread calls on_request again and sends */
    }
    return NULL;
}

/* Under mu: queues r for the next free worker. */
static void enqueue_locked(dv_req *r)
{
    r->next_job = NULL;
    if (tail) tail->next_job = r;
    else head = r;
    tail = r;
    if (nidle) {
        struct worker_slot *w = &slots[idle[--nidle]];
        w->parked = 0;
        pthread_cond_signal(&w->cv);
    }
}

void workers_submit(dv_req *r)
{
    pthread_mutex_lock(&mu);
    enqueue_locked(r);
    pthread_mutex_unlock(&mu);
}

/* A request the pool will not run: answered 503 (a connection libmicrohttpd finds still
 * suspended when it stops makes it abort the process). */
static void refuse(dv_req *r)
{
    r->lang = "vi";
    i18n_use(r->lang);
    res_error(r, 503);
    res_header(r, "Retry-After", "30");
    r->answered = 1;
    MHD_resume_connection(r->conn);
}

void req_defer(dv_req *r)
{
    (void)r;
    defer_here = 1;
    pthread_mutex_lock(&mu);
    deferred++;
    pthread_mutex_unlock(&mu);
}

static void deferred_end(void)
{
    pthread_mutex_lock(&mu);
    if (--deferred == 0) pthread_cond_broadcast(&deferred_cv);
    pthread_mutex_unlock(&mu);
}

void req_defer_cancel(dv_req *r)
{
    (void)r;
    defer_here = 0;
    deferred_end();
}

void req_defer_done(dv_req *r)
{
    r->answered = 1;
    MHD_resume_connection(r->conn);
    deferred_end();
}

void req_defer_continue(dv_req *r, void (*fn)(dv_req *r))
{
    pthread_mutex_lock(&mu);
    int queued = !stopping;
    if (queued) {
        r->resume_with = fn;
        enqueue_locked(r);
    }
    pthread_mutex_unlock(&mu);
    if (!queued) refuse(r);
    deferred_end();
}

int workers_start(unsigned n)
{
    threads = xcalloc(n, sizeof *threads);
    slots = xcalloc(n, sizeof *slots);
    idle = xcalloc(n, sizeof *idle);
    nidle = 0;
    for (nslots = 0; nslots < n; nslots++) pthread_cond_init(&slots[nslots].cv, NULL);
    stopping = 0;
    for (nthreads = 0; nthreads < n; nthreads++) {
        if (pthread_create(&threads[nthreads], NULL, worker_main, (void *)(uintptr_t)nthreads)) {
            log_error("http: cannot start worker thread %u of %u", nthreads + 1, n);
            workers_stop();
            return DV_EIO;
        }
    }
    return DV_OK;
}

void workers_stop(void)
{
    pthread_mutex_lock(&mu);
    /* deferred requests come back (answered, or to be finished here): wait for them, a
     * while at most (a connection left suspended makes libmicrohttpd abort) */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    while (deferred && pthread_cond_timedwait(&deferred_cv, &mu, &until) == 0) {}
    if (deferred) log_error("http: %u deferred requests still unanswered at shutdown", deferred);
    stopping = 1;
    dv_req *never_started = head;
    head = tail = NULL;
    for (unsigned i = 0; i < nthreads; i++) pthread_cond_broadcast(&slots[i].cv);
    nidle = 0;
    pthread_mutex_unlock(&mu);
    for (dv_req *r = never_started, *next; r; r = next) {
        next = r->next_job;
        refuse(r);
    }
    for (unsigned i = 0; i < nthreads; i++) pthread_join(threads[i], NULL);
    free(threads);
    threads = NULL;
    for (unsigned i = 0; i < nslots; i++) pthread_cond_destroy(&slots[i].cv);
    nslots = 0;
    free(slots);
    free(idle);
    slots = NULL;
    idle = NULL;
    nthreads = 0;
}
