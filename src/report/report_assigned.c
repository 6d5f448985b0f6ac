/* report_assigned.c - the expected sets of periods kept in memory (report_assigned.h).
 * One slot per (store, period): the sorted unit ids and the reporting_version they were
 * read at. Lookups are a binary search under a mutex; a set is rebuilt only after the
 * counter moved (a structural change, not a report's save). */
#include "report/report_assigned.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "report/completeness/expected.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Periods held at once: submissions spread over every open period of every regime (the
 * national bench: 96 monthly periods), and a miss sends a submission down the read path.
 * A national set is some 3,300 ids (26 KB). */
#define ASSIGNED_SLOTS 256

struct assigned_set {
    char *store;
    int64_t period_id;
    int64_t version;
    int64_t *ids;       /* ascending */
    size_t n;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct assigned_set slots[ASSIGNED_SLOTS];
static unsigned next_victim;

static int has_id(const struct assigned_set *s, int64_t unit_id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ids[mid] == unit_id) return 1;
        if (s->ids[mid] < unit_id) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* Under mu: the slot of (store, period), or NULL. */
static struct assigned_set *slot_find(const char *store, int64_t period_id)
{
    for (unsigned i = 0; i < ASSIGNED_SLOTS; i++)
        if (slots[i].store && slots[i].period_id == period_id && !strcmp(slots[i].store, store)) return &slots[i];
    return NULL;
}

/* 1/0 from the copy held at exactly version (any_version: whichever is held), or DV_ENOTFOUND. */
static int lookup(const char *store, int64_t period_id, int64_t unit_id, int64_t version, int any_version,
                  int64_t *version_out)
{
    int rc = DV_ENOTFOUND;
    pthread_mutex_lock(&mu);
    struct assigned_set *s = slot_find(store, period_id);
    if (s && (any_version || s->version == version)) {
        rc = has_id(s, unit_id);
        if (version_out) *version_out = s->version;
    }
    pthread_mutex_unlock(&mu);
    return rc;
}

/* Keeps ids (taken over) as the period's set at version, in its own slot or another. */
static void store_set(const char *store, int64_t period_id, int64_t version, int64_t *ids, size_t n)
{
    pthread_mutex_lock(&mu);
    struct assigned_set *s = slot_find(store, period_id);
    for (unsigned i = 0; !s && i < ASSIGNED_SLOTS; i++)
        if (!slots[i].store) s = &slots[i];
    if (!s) s = &slots[next_victim++ % ASSIGNED_SLOTS];
    if (s->store && strcmp(s->store, store)) {
        free(s->store);
        s->store = NULL;
    }
    if (!s->store) s->store = xstrdup(store);
    free(s->ids);
    s->period_id = period_id;
    s->version = version;
    s->ids = ids;
    s->n = n;
    pthread_mutex_unlock(&mu);
}

/* Reads the period's expected set (ids ascending, as expected_units orders them). */
static int read_set(dv_db *db, int64_t period_id, int64_t **ids, size_t *n)
{
    dv_arena *a = arena_new();
    struct expected_unit *ex = NULL;
    size_t m = 0;
    int rc = expected_units(db, a, period_id, &ex, &m);
    if (rc == DV_ENOTFOUND) { /* no such period: nobody is assigned */
        rc = 0;
        m = 0;
    }
    if (!rc) {
        *ids = xmalloc((m + 1) * sizeof **ids);
        for (size_t i = 0; i < m; i++) (*ids)[i] = ex[i].unit_id;
        *n = m;
    }
    arena_free(a);
    return rc;
}

int report_assigned(dv_db *db, int64_t period_id, int64_t unit_id, int64_t *version)
{
    int64_t now = 0;
    int rc = db_counter_get(db, "reporting_version", &now);
    if (rc == DV_ENOTFOUND || (rc == DV_OK && db_writing(db))) { /* no counter, or maybe rolled back */
        if (version) *version = 0;
        return expected_is(db, period_id, unit_id, NULL);
    }
    if (rc) return rc;
    const char *store = db_filename(db);
    rc = lookup(store, period_id, unit_id, now, 0, version);
    if (rc != DV_ENOTFOUND) return rc;
    int64_t *ids = NULL;
    size_t n = 0;
    if ((rc = read_set(db, period_id, &ids, &n))) return rc;
    struct assigned_set tmp = {.ids = ids, .n = n};
    int yes = has_id(&tmp, unit_id);
    store_set(store, period_id, now, ids, n);
    if (version) *version = now;
    return yes;
}

int report_assigned_cached(const char *store, int64_t period_id, int64_t unit_id, int64_t *version)
{
    return lookup(store, period_id, unit_id, 0, 1, version);
}
