/* report_commit.c - report saves committed in groups, by a writer thread of their own.
 *
 * report_save() queues the save and waits. The writer thread takes every queued save of a
 * store and runs them in one write transaction, in arrival order (a save refused by its
 * checks has written nothing; one that fails halfway is taken out and the batch runs again,
 * so each save ends as if it had run by itself), then commits once and hands the batch to
 * the sync thread, which makes it durable (DANVAN_SYNC=full: one fsync for every batch
 * waiting) and only then wakes its callers.
 * So a save returns only when it is on disk, the next batch runs during the previous one's
 * fsync, and the pages every submission touches (the audit and event tables, the period
 * counter, the right edge of the values) go to the WAL once per batch.
 *
 * Why a thread of its own: the batch is the one part of a submission that cannot run in
 * parallel, so it must not wait for a core. In the server, the request threads that prepare
 * saves (parse, validate) run at a lower priority (http/workers.c), and the writer works on
 * the server's writer connection (db_thread_writer), whose page cache stays warm from batch
 * to batch. Elsewhere (a store opened apart, as in unit tests) it uses the caller's own
 * connection, which is idle while its caller waits. Callers' inputs stay valid: their
 * threads wait until their job is done.
 *
 * report_save_async() queues a save without waiting: the sync thread calls back when the
 * save is durable (or failed), so a request thread need not sleep through the batch and
 * the fsync, and no thread is woken only to pass the answer on (entry_pages.c). */
#include "report/report_commit.h"

#include "core/buf.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SAVE_BATCH_MAX 256

struct save_job {
    const char *store;                  /* db_filename(): only saves of one store share a batch */
    dv_db *db;                          /* the caller's connection */
    report_save_done_fn on_done;        /* report_save_async: called instead of waking a caller */
    void *on_done_arg;
    const struct dv_user *actor;
    const char *ip;
    const struct report_save_input *in;
    struct report_save_result res;
    int rc, done;
    int excluded;                       /* failed halfway in an earlier pass of its batch */
    int unavailable;                    /* its store error was the store unable to write for
                                           now (db_unavailable on the writer): a 503 */
    pthread_cond_t cv;                  /* signalled when done */
    struct save_job *next;
};

/* A committed batch waiting for its fsync. */
struct committed {
    struct save_job *jobs;
    dv_db *db;                          /* the connection it ran on */
    int sync_needed;
    int unsynced;                       /* its fsync failed */
    struct committed *next;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t writer_cv = PTHREAD_COND_INITIALIZER, sync_cv = PTHREAD_COND_INITIALIZER;
static struct save_job *queue_head, *queue_tail;
static struct committed *synced_head, *synced_tail;
static pthread_once_t threads_once = PTHREAD_ONCE_INIT;
static int threads_ok;
static unsigned long long saves_run, batches_run; /* under mu: report_commit_stats */

/* A save whose unit was found assigned to its period from memory (report_ctx_cached) is
 * refused with DV_ESTALE when settings.reporting_version has moved since: the assignments
 * or the units may have changed. The counter is read once per pass, in the batch's own
 * transaction, and only when some save asks; *now < 0 until it is read. */
static int assignment_stale(dv_db *db, const struct report_save_input *in, int64_t *now)
{
    if (!in->assign_checked) return 0;
    if (*now < 0) {
        int rc = db_counter_get(db, "reporting_version", now);
        if (rc) {
            *now = -1;
            return rc == DV_ENOTFOUND ? DV_ESTALE : rc;
        }
    }
    return *now != in->assign_version ? DV_ESTALE : 0;
}

/* One pass over the batch in one transaction. Saves that are refused are skipped (their
 * checks wrote nothing). 0, or -1 when a save failed halfway (*failed): the transaction is
 * rolled back, and the caller runs the batch again without it. */
static int run_pass(dv_db *db, struct save_job *batch, struct save_job **failed)
{
    *failed = NULL;
    int rc = db_begin(db);
    if (rc) {
        for (struct save_job *j = batch; j; j = j->next) if (!j->excluded) j->rc = rc;
        return 0;
    }
    int64_t reporting_version = -1;
    /* PostgreSQL aborts the whole transaction at a failed statement: each save runs in a
     * savepoint there, and one that fails is undone alone (SQLite keeps the transaction, and
     * a failure halfway reruns the batch without it: no savepoint per save on the hot path) */
    int sp = db_is_postgres(db);
    for (struct save_job *j = batch; j; j = j->next) {
        if (j->excluded) continue;
        struct report_save_plan plan;
        int halfway = 0;
        if (sp && db_savepoint(db)) sp = 0;
        j->rc = assignment_stale(db, j->in, &reporting_version);
        if (!j->rc) j->rc = report_save_check(db, j->in, &plan);
        if (!j->rc) j->rc = report_save_write(db, j->actor, j->ip, j->in, &plan, &j->res, &halfway);
        if (sp) {
            if (j->rc ? db_savepoint_rollback(db) == 0 : db_savepoint_release(db) == 0) continue;
            sp = 0; /* the savepoint itself failed: as on SQLite below */
        }
        /* some store errors make SQLite roll the whole transaction back by itself */
        if (j->rc && (halfway || !db_in_transaction(db))) {
            db_rollback(db);
            *failed = j;
            return -1;
        }
    }
    return 1;
}

/* Runs the batch in one transaction; *sync_needed as db_commit_unsynced. Each save's outcome
 * is the one it would have had alone, in arrival order: a save that fails halfway (a store
 * error) is taken out and the others run again, so no savepoint is needed per save. */
static void run_batch(dv_db *db, struct save_job *batch, int *sync_needed)
{
    *sync_needed = 0;
    int rc;
    struct save_job *failed;
    while ((rc = run_pass(db, batch, &failed)) < 0) {
        failed->excluded = 1;
        for (struct save_job *j = batch; j; j = j->next) if (!j->excluded) j->rc = 0;
    }
    if (rc == 0) return; /* BEGIN failed: every save has its error */
    if (db_commit_unsynced(db, sync_needed))
        for (struct save_job *j = batch; j; j = j->next) if (!j->rc) j->rc = DV_EDB;
}

/* Under mu: unlinks the queued saves of the first one's store, in order, up to the maximum. */
static struct save_job *take_batch(void)
{
    const char *store = queue_head->store;
    struct save_job *batch = NULL, **bt = &batch, **pp = &queue_head, *last = NULL;
    size_t n = 0;
    while (*pp) {
        struct save_job *j = *pp;
        if (n < SAVE_BATCH_MAX && !strcmp(j->store, store)) {
            *pp = j->next;
            j->next = NULL;
            *bt = j;
            bt = &j->next;
            n++;
        } else {
            last = j;
            pp = &j->next;
        }
    }
    queue_tail = last;
    return batch;
}

static void *writer_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-writer"); /* top -H, perf */
    pthread_mutex_lock(&mu);
    for (;;) {
        while (!queue_head) pthread_cond_wait(&writer_cv, &mu);
        struct save_job *batch = take_batch();
        pthread_mutex_unlock(&mu);
        struct committed *c = xcalloc(1, sizeof *c);
        c->jobs = batch;
        c->db = db_thread_writer(batch->db);
        if (!c->db) c->db = batch->db;
        db_unavailable_reset();
        run_batch(c->db, batch, &c->sync_needed);
        for (struct save_job *j = batch; j; j = j->next)
            if (j->rc == DV_EDB || j->rc == DV_EIO) j->unavailable = db_unavailable();
        pthread_mutex_lock(&mu);
        batches_run++;
        for (struct save_job *j = batch; j; j = j->next) saves_run++;
        if (synced_tail) synced_tail->next = c;
        else synced_head = c;
        synced_tail = c;
        pthread_cond_signal(&sync_cv);
    }
    return NULL;
}

/* The first of the batches before b that ran on db and needed a sync, or NULL. */
static struct committed *synced_before(struct committed *list, struct committed *b)
{
    for (struct committed *x = list; x != b; x = x->next)
        if (x->sync_needed && x->db == b->db) return x;
    return NULL;
}

static void *sync_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-sync"); /* top -H, perf */
    pthread_mutex_lock(&mu);
    for (;;) {
        while (!synced_head) pthread_cond_wait(&sync_cv, &mu);
        struct committed *list = synced_head;
        synced_head = synced_tail = NULL;
        pthread_mutex_unlock(&mu);
        /* every batch of the list is committed: one fsync per connection covers them all */
        for (struct committed *b = list; b; b = b->next) {
            if (!b->sync_needed) continue;
            struct committed *first = synced_before(list, b);
            b->unsynced = first ? first->unsynced : db_sync(b->db) != DV_OK;
        }
        struct save_job *async = NULL, **at = &async;
        pthread_mutex_lock(&mu);
        for (struct committed *b = list, *nb; b; b = nb) {
            nb = b->next;
            for (struct save_job *j = b->jobs, *nx; j; j = nx) {
                nx = j->next;
                if (b->unsynced && !j->rc) j->rc = DV_EIO, j->unavailable = 1;
                if (j->on_done) {
                    j->next = NULL;
                    *at = j;
                    at = &j->next;
                    continue;
                }
                j->done = 1;
                pthread_cond_signal(&j->cv);
            }
            free(b);
        }
        pthread_mutex_unlock(&mu);
        for (struct save_job *j = async, *nx; j; j = nx) {
            nx = j->next;
            j->on_done(j->on_done_arg, j->rc, &j->res);
            free(j);
        }
        pthread_mutex_lock(&mu);
    }
    return NULL;
}

static void start_threads(void)
{
    pthread_t w, s;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    threads_ok = pthread_create(&w, &attr, writer_main, NULL) == 0 && pthread_create(&s, &attr, sync_main, NULL) == 0;
    pthread_attr_destroy(&attr);
}

void report_commit_stats(unsigned long long *saves, unsigned long long *batches)
{
    pthread_mutex_lock(&mu);
    *saves = saves_run;
    *batches = batches_run;
    pthread_mutex_unlock(&mu);
}

/* Under mu: queues a save for the writer. */
static void enqueue(struct save_job *job)
{
    if (queue_tail) queue_tail->next = job;
    else queue_head = job;
    queue_tail = job;
    pthread_cond_signal(&writer_cv);
}

int report_save_async(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                      report_save_done_fn on_done, void *arg)
{
    pthread_once(&threads_once, start_threads);
    if (!threads_ok) return DV_EIO;
    if (!db_thread_writer(db)) return DV_EINVAL; /* the caller's own connection would be shared */
    struct save_job *job = xcalloc(1, sizeof *job);
    *job = (struct save_job){.store = db_filename(db), .db = db, .actor = actor, .ip = ip, .in = in,
                             .on_done = on_done, .on_done_arg = arg};
    pthread_mutex_lock(&mu);
    enqueue(job);
    pthread_mutex_unlock(&mu);
    return DV_OK;
}

int report_save(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                struct report_save_result *out)
{
    memset(out, 0, sizeof *out);
    pthread_once(&threads_once, start_threads);
    if (!threads_ok) return DV_EIO;
    struct save_job job = {.store = db_filename(db), .db = db, .actor = actor, .ip = ip, .in = in};
    pthread_cond_init(&job.cv, NULL);
    pthread_mutex_lock(&mu);
    enqueue(&job);
    while (!job.done) pthread_cond_wait(&job.cv, &mu);
    pthread_mutex_unlock(&mu);
    pthread_cond_destroy(&job.cv);
    if (job.unavailable) db_unavailable_note(); /* this thread's answer is a 503 too */
    if (job.rc) return job.rc;
    *out = job.res;
    return 0;
}
