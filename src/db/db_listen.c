/* db_listen.c - cross-process invalidation on PostgreSQL: a thread LISTENs on the channel
 * "danvan", which migrations_pg/0003_notify.sql's triggers NOTIFY at the commit of any change
 * of a change counter (settings: units_version, portal_version, regime_def_version,
 * reporting_version), of an account or of a session. Each notification moves
 * db_change_epoch(); the in-memory copies that read their counter at most once a second
 * (unit tree, page cache, session cache) read it again at once when the epoch has moved, so
 * a write through one server is seen through every other at once. While the listening
 * connection is down the epoch moves every poll: the copies recheck as often as they may.
 * On SQLite nothing runs and the epoch stays 0: the once-a-second polling is all there is. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/buf.h"
#include "core/log.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define POLL_MS 200

static atomic_ullong epoch;
static pthread_t thread;
static atomic_int stopping;
static int running;
static char *url;

uint64_t db_change_epoch(void)
{
    return atomic_load(&epoch);
}

static PGconn *connect_and_listen(void)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        PQfinish(c);
        return NULL;
    }
    PGresult *r = PQexec(c, "LISTEN danvan");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        PQfinish(c);
        return NULL;
    }
    atomic_fetch_add(&epoch, 1); /* whatever happened while not listening */
    return c;
}

static void *listen_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-listen");
    PGconn *c = NULL;
    int warned = 0;
    while (!atomic_load(&stopping)) {
        if (!c && !(c = connect_and_listen())) {
            if (!warned++) log_warn("db: cannot LISTEN for other servers' changes; polling instead");
            atomic_fetch_add(&epoch, 1);
            usleep(POLL_MS * 1000);
            continue;
        }
        struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
        if (poll(&p, 1, POLL_MS) < 0) continue;
        if (!PQconsumeInput(c)) {
            log_warn("db: the LISTEN connection dropped: %s", PQerrorMessage(c));
            PQfinish(c);
            c = NULL;
            continue;
        }
        warned = 0;
        PGnotify *n;
        int any = 0;
        while ((n = PQnotifies(c)) != NULL) {
            any = 1;
            PQfreemem(n);
        }
        if (any) atomic_fetch_add(&epoch, 1);
    }
    PQfinish(c);
    return NULL;
}

int db_listen_start(const struct db_options *opt)
{
    if (running || !db_is_pg(opt->path)) return 0;
    url = xstrdup(opt->path);
    atomic_store(&stopping, 0);
    if (pthread_create(&thread, NULL, listen_main, NULL)) {
        free(url);
        url = NULL;
        return -1;
    }
    running = 1;
    return 0;
}

void db_listen_stop(void)
{
    if (!running) return;
    atomic_store(&stopping, 1);
    pthread_join(thread, NULL);
    free(url);
    url = NULL;
    running = 0;
}
