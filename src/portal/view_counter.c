/* view_counter.c - article view counts kept in memory and written to articles.view_count
 * in one transaction at most every 10 seconds (by the first request after the interval)
 * and at shutdown, so that reading an article never writes to SQLite.
 *
 * A small open-addressing hash map (article id → stored, pending) behind one mutex. A page
 * shows stored + pending. The map only grows with articles actually read. */
#include "portal/public.h"

#include "core/err.h"
#include "core/log.h"
#include "db/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLUSH_INTERVAL_S 10

struct slot {
    int64_t id;       /* 0 = empty */
    int64_t stored;   /* what the database holds, as far as we know */
    int64_t pending;  /* views not written yet */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static size_t cap, used;
static time_t last_flush;

static size_t slot_of(const struct slot *tab, size_t n, int64_t id)
{
    size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (n - 1);
    while (tab[i].id && tab[i].id != id) i = (i + 1) & (n - 1);
    return i;
}

static void grow(void)
{
    size_t ncap = cap ? cap * 2 : 256;
    struct slot *n = xcalloc(ncap, sizeof *n);
    for (size_t i = 0; i < cap; i++)
        if (slots[i].id) n[slot_of(n, ncap, slots[i].id)] = slots[i];
    free(slots);
    slots = n;
    cap = ncap;
}

int64_t view_counter_hit(int64_t id, int64_t stored_hint)
{
    if (id <= 0) return stored_hint > 0 ? stored_hint : 0;
    pthread_mutex_lock(&mu);
    if (!last_flush) last_flush = time(NULL);
    if ((used + 1) * 4 > cap * 3) grow();
    struct slot *s = &slots[slot_of(slots, cap, id)];
    if (!s->id) {
        s->id = id;
        used++;
    }
    if (stored_hint > s->stored) s->stored = stored_hint;
    s->pending++;
    int64_t total = s->stored + s->pending;
    pthread_mutex_unlock(&mu);
    return total;
}

int view_counter_maybe_flush(dv_db *db, int force)
{
    if (db_read_only()) return 0; /* a replica counts in memory only */
    time_t now = time(NULL);
    pthread_mutex_lock(&mu);
    if (!force && (!last_flush || now - last_flush < FLUSH_INTERVAL_S)) {
        pthread_mutex_unlock(&mu);
        return 0;
    }
    last_flush = now;
    size_t n = 0;
    for (size_t i = 0; i < cap; i++) n += slots[i].id && slots[i].pending;
    if (!n) {
        pthread_mutex_unlock(&mu);
        return 0;
    }
    int64_t *ids = xmalloc(n * sizeof *ids), *counts = xmalloc(n * sizeof *counts);
    size_t k = 0;
    for (size_t i = 0; i < cap; i++) {
        if (!slots[i].id || !slots[i].pending) continue;
        ids[k] = slots[i].id;
        counts[k++] = slots[i].pending;
        slots[i].stored += slots[i].pending; /* taken back below if the write fails */
        slots[i].pending = 0;
    }
    pthread_mutex_unlock(&mu);

    int rc = public_views_add(db, ids, counts, n);
    if (rc) {
        log_warn("portal: could not write %zu view counts; keeping them for the next try", n);
        pthread_mutex_lock(&mu);
        for (size_t j = 0; cap && j < n; j++) {
            struct slot *s = &slots[slot_of(slots, cap, ids[j])];
            if (s->id != ids[j]) continue;
            s->stored -= counts[j];
            s->pending += counts[j];
        }
        pthread_mutex_unlock(&mu);
    }
    free(ids);
    free(counts);
    return rc ? rc : (int)n;
}

void view_counter_free_all(void)
{
    pthread_mutex_lock(&mu);
    free(slots);
    slots = NULL;
    cap = used = 0;
    last_flush = 0;
    pthread_mutex_unlock(&mu);
}
