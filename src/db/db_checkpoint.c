/* db_checkpoint.c - WAL checkpoints on a thread of their own while the server runs.
 *
 * SQLite's automatic checkpoint runs inside the commit that pushes the WAL past 1,000
 * pages: that writer copies pages into the database file and fsyncs it while every other
 * writer (a whole group commit of submissions) waits behind it, a stall of tens to
 * hundreds of milliseconds every few thousand submissions (bench/submit.sh p99). Here the
 * server's connections turn the automatic checkpoint off and only tell this thread, through
 * the WAL hook, how long the log has grown; the thread runs PASSIVE checkpoints on its own
 * connection, which never block readers or writers. Once a checkpoint has copied the whole
 * log, the next writer starts the WAL file over from its beginning. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/log.h"

#include <pthread.h>
#include <sqlite3.h>
#include <time.h>

#define CHECKPOINT_FRAMES 1000 /* as SQLite's default wal_autocheckpoint */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_t thread;
static int running, stopping, wanted;
static dv_db *own;

static void on_wal_commit(int frames)
{
    if (frames < CHECKPOINT_FRAMES) return;
    pthread_mutex_lock(&mu);
    if (!wanted) {
        wanted = 1;
        pthread_cond_signal(&cv);
    }
    pthread_mutex_unlock(&mu);
}

void db_checkpoint_hand_over(dv_db *db)
{
    if (db->pg) return;
    db_set_checkpoint_notify(db, on_wal_commit);
}

static void *checkpoint_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-checkpoint"); /* top -H, perf */
    pthread_mutex_lock(&mu);
    while (!stopping) {
        if (!wanted) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 5; /* and every few seconds anyway, for the last pages of a burst */
            pthread_cond_timedwait(&cv, &mu, &until);
            if (stopping) break;
        }
        wanted = 0;
        pthread_mutex_unlock(&mu);
        int log_frames = 0, done_frames = 0;
        int rc = sqlite3_wal_checkpoint_v2(db_sqlite_conn(own), NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                           &done_frames);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            log_warn("db: checkpoint failed: %s", db_errmsg(own));
        pthread_mutex_lock(&mu);
    }
    pthread_mutex_unlock(&mu);
    return NULL;
}

int db_checkpointer_start(const struct db_options *opt)
{
    if (running || db_is_pg(opt->path)) return 0; /* PostgreSQL checkpoints by itself */
    if (db_open(opt, &own) != 0) return -1;
    stopping = wanted = 0;
    if (pthread_create(&thread, NULL, checkpoint_main, NULL)) {
        db_close(own);
        own = NULL;
        return -1;
    }
    running = 1;
    return 0;
}

void db_checkpointer_stop(void)
{
    if (!running) return;
    pthread_mutex_lock(&mu);
    stopping = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(thread, NULL);
    sqlite3_wal_checkpoint_v2(db_sqlite_conn(own), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    db_close(own);
    own = NULL;
    running = 0;
}

int db_checkpointer_running(void)
{
    return running;
}
