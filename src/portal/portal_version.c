/* portal_version.c - drops the page cache when another process changed the portal's data
 * (portal_version.h). "seen" only moves under its mutex: to a value read by a check that
 * then drops every page, or from the value a local transaction started at to the value it
 * committed (nothing else can have moved it: the write held the store's write lock). */
#include "portal/portal_version.h"

#include "core/err.h"
#include "portal/public.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>


static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t seen = -1;
static atomic_llong next_poll;

int portal_version_read(dv_db *db, int64_t *v)
{
    int rc = db_counter_get(db, "portal_version", v);
    return rc == DV_ENOTFOUND ? DV_OK : rc;
}

void portal_write_begin(dv_db *db, struct portal_write *w)
{
    if (portal_version_read(db, &w->before) != DV_OK) w->before = -1;
}

int portal_write_commit(dv_db *db, const struct portal_write *w)
{
    int64_t after = -1;
    if (portal_version_read(db, &after) != DV_OK) after = -1;
    int rc = db_commit(db);
    if (rc || w->before < 0 || after < 0) return rc;
    pthread_mutex_lock(&mu);
    if (seen == w->before) seen = after;
    pthread_mutex_unlock(&mu);
    return rc;
}

int portal_version_check(dv_db *db)
{
    int64_t v;
    if (portal_version_read(db, &v) != DV_OK) return 0; /* keep serving what we have */
    int dropped = 0;
    pthread_mutex_lock(&mu);
    if (v != seen) {
        page_cache_invalidate(0);
        seen = v;
        dropped = 1;
    }
    pthread_mutex_unlock(&mu);
    return dropped;
}

void portal_version_poll(dv_db *db)
{
    static atomic_ullong checked_epoch;
    unsigned long long epoch = db_change_epoch(), was = atomic_load(&checked_epoch);
    if (epoch != was && atomic_compare_exchange_strong(&checked_epoch, &was, epoch)) { /* another server wrote */
        portal_version_check(db);
        return;
    }
    long long now = (long long)time(NULL);
    long long due = atomic_load(&next_poll);
    if (now < due || !atomic_compare_exchange_strong(&next_poll, &due, now + PORTAL_VERSION_POLL_SECONDS)) return;
    portal_version_check(db);
}
