/* report_def_cache.c - regime definitions kept in memory between requests.
 *
 * Every entry page and every submission needs its regime's definition (indicators with
 * their options, sections, rules): five queries and a few hundred small copies, a tenth of
 * a submission's cost (bench/submit.sh). The definition changes rarely, and every change
 * bumps settings.regime_def_version (0009_regime_def_version.sql, in the writer's own
 * transaction), so one single-row read tells whether the copy in memory is current, across
 * processes too. Entries are immutable once built and reference-counted: a request holds
 * its entry until its arena is freed, so a replaced entry goes only when its last reader
 * has finished. */
#include "report/report.h"

#include "core/buf.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DEF_CACHE_SLOTS 32

struct def_entry {
    char *store;        /* db_filename(): two stores never share an entry */
    int64_t regime_id;
    int64_t version;    /* regime_def_version it was read at */
    int refs;           /* the cache's own reference + one per request using it */
    dv_arena *arena;    /* holds def's strings and arrays */
    struct report_def def;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct def_entry *slots[DEF_CACHE_SLOTS];
static unsigned next_victim;

static void entry_release_locked(struct def_entry *e)
{
    if (--e->refs > 0) return;
    arena_free(e->arena);
    free(e->store);
    free(e);
}

static void entry_release(void *ctx)
{
    pthread_mutex_lock(&mu);
    entry_release_locked(ctx);
    pthread_mutex_unlock(&mu);
}

/* The entry for (store, regime, version) with a reference taken, or NULL; any_version: the
 * one the cache holds, whichever it is (a regime has one slot). */
static struct def_entry *lookup(const char *store, int64_t regime_id, int64_t version, int any_version)
{
    struct def_entry *found = NULL;
    pthread_mutex_lock(&mu);
    for (unsigned i = 0; i < DEF_CACHE_SLOTS; i++) {
        struct def_entry *e = slots[i];
        if (e && e->regime_id == regime_id && (any_version || e->version == version) && !strcmp(e->store, store)) {
            e->refs++;
            found = e;
            break;
        }
    }
    pthread_mutex_unlock(&mu);
    return found;
}

/* Puts e in the slot of its regime (replacing an older version) or in a free or rotating
 * slot; takes a reference for the caller besides the cache's. */
static void insert(struct def_entry *e)
{
    pthread_mutex_lock(&mu);
    unsigned at = DEF_CACHE_SLOTS;
    for (unsigned i = 0; i < DEF_CACHE_SLOTS && at == DEF_CACHE_SLOTS; i++)
        if (slots[i] && slots[i]->regime_id == e->regime_id && !strcmp(slots[i]->store, e->store)) at = i;
    for (unsigned i = 0; i < DEF_CACHE_SLOTS && at == DEF_CACHE_SLOTS; i++)
        if (!slots[i]) at = i;
    if (at == DEF_CACHE_SLOTS) at = next_victim++ % DEF_CACHE_SLOTS;
    if (slots[at]) entry_release_locked(slots[at]);
    e->refs = 2;
    slots[at] = e;
    pthread_mutex_unlock(&mu);
}

int report_def_load(dv_db *db, dv_arena *a, int64_t regime_id, struct report_def *out)
{
    int64_t version = 0;
    int rc = db_counter_get(db, "regime_def_version", &version);
    /* inside a write the definition may be one that is rolled back: read it, don't keep it */
    if (rc == DV_ENOTFOUND || (rc == DV_OK && db_writing(db))) return report_def_read(db, a, regime_id, out);
    if (rc) return rc;

    const char *store = db_filename(db);
    struct def_entry *e = lookup(store, regime_id, version, 0);
    if (!e) {
        e = xcalloc(1, sizeof *e);
        e->arena = arena_new();
        e->store = xstrdup(store);
        e->regime_id = regime_id;
        e->version = version;
        rc = report_def_read(db, e->arena, regime_id, &e->def);
        e->def.version = version;
        if (rc) {
            arena_free(e->arena);
            free(e->store);
            free(e);
            memset(out, 0, sizeof *out);
            return rc;
        }
        insert(e);
    }
    arena_on_free(a, entry_release, e);
    *out = e->def;
    return DV_OK;
}

int report_def_cached(const char *store, dv_arena *a, int64_t regime_id, struct report_def *out)
{
    struct def_entry *e = lookup(store, regime_id, 0, 1);
    if (!e) {
        memset(out, 0, sizeof *out);
        return DV_ENOTFOUND;
    }
    arena_on_free(a, entry_release, e);
    *out = e->def;
    return DV_OK;
}
