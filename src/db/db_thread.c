/* db_thread.c - one connection per thread (MHD pool threads, CLI), closed together at exit. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/buf.h"
#include "core/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct db_options thread_opts;
static char *thread_path;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static dv_db **registry;
static size_t registry_len;
static _Thread_local dv_db *tls_db;

void db_thread_config(const struct db_options *opt)
{
    free(thread_path);
    thread_opts = *opt;
    thread_path = xstrdup(opt->path);
    thread_opts.path = thread_path;
}

dv_db *db_thread(void)
{
    if (tls_db) return tls_db;
    dv_db *db = NULL;
    if (!thread_path || db_open(&thread_opts, &db) != 0) return NULL;
    pthread_mutex_lock(&registry_lock);
    if (db_checkpointer_running()) db_checkpoint_hand_over(db);
    registry = xrealloc(registry, (registry_len + 1) * sizeof *registry);
    registry[registry_len++] = db;
    pthread_mutex_unlock(&registry_lock);
    tls_db = db;
    return db;
}

/* The connections open so far hand their checkpoints over too (called before the server's
 * threads exist, so none of them is in use). */
int db_thread_start_checkpointer(void)
{
    if (!thread_path || db_checkpointer_start(&thread_opts) != 0) return -1;
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < registry_len; i++) db_checkpoint_hand_over(registry[i]);
    pthread_mutex_unlock(&registry_lock);
    return 0;
}

static dv_db *writer;

/* 1 if db is one of the connections db_thread() has handed out. */
static int is_thread_connection(dv_db *db)
{
    for (size_t i = 0; i < registry_len; i++)
        if (registry[i] == db) return 1;
    return 0;
}

dv_db *db_thread_writer(dv_db *db)
{
    if (!db) return NULL;
    pthread_mutex_lock(&registry_lock);
    if (!is_thread_connection(db)) {
        pthread_mutex_unlock(&registry_lock);
        return NULL;
    }
    if (!writer && thread_path && db_open(&thread_opts, &writer) == 0 && db_checkpointer_running())
        db_checkpoint_hand_over(writer);
    dv_db *w = writer;
    pthread_mutex_unlock(&registry_lock);
    return w;
}

void db_thread_close_all(void)
{
    pthread_mutex_lock(&registry_lock);
    db_close(writer);
    writer = NULL;
    for (size_t i = 0; i < registry_len; i++) db_close(registry[i]);
    free(registry);
    registry = NULL;
    registry_len = 0;
    pthread_mutex_unlock(&registry_lock);
    tls_db = NULL; /* other threads have exited by now */
    free(thread_path);
    thread_path = NULL;
}
