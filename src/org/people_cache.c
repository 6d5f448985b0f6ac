/* people_cache.c - the people of a unit (its page's list) kept in memory for a few seconds.
 *
 * The unit page read them with one SELECT per view: with that read gone, a signed-in unit
 * page needs no SQL at all (the unit and its ancestors come from the unit tree, the session
 * from session_cache.c), which also spares the file-lock system calls that begin every
 * read transaction. Account writes of this process clear it with the session cache
 * (session_cache_clear() calls people_cache_clear()); another process's change (the CLI) is
 * seen within SESSION_RECHECK_S seconds, as for sessions. The same generation counter as in
 * session_cache.c keeps a read that raced a clear from being kept. */
#include "org/session_store.h"
#include "org/user_store.h"

#include "core/buf.h"
#include "core/err.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512u /* direct-mapped by unit id */

struct slot {
    int64_t unit_id, checked_at;
    struct dv_arena *a; /* owns rows and their strings */
    struct user_record *rows;
    size_t n;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots[SLOTS];
static uint64_t generation;

static void slot_free(struct slot *s)
{
    if (!s) return;
    arena_free(s->a);
    free(s);
}

static const char *dup_in(dv_arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static struct user_record *rows_copy(dv_arena *a, const struct user_record *from, size_t n)
{
    struct user_record *to = arena_alloc(a, (n + 1) * sizeof *to);
    for (size_t i = 0; i < n; i++) {
        to[i] = from[i];
        to[i].u.username = dup_in(a, from[i].u.username);
        to[i].u.full_name = dup_in(a, from[i].u.full_name);
        to[i].u.email = dup_in(a, from[i].u.email);
        to[i].u.lang = dup_in(a, from[i].u.lang);
        to[i].phone = dup_in(a, from[i].phone);
        to[i].position = dup_in(a, from[i].position);
        to[i].unit_name = dup_in(a, from[i].unit_name);
        to[i].created_at = dup_in(a, from[i].created_at);
    }
    return to;
}

/* A copy in a of the kept rows if fresh (1), else 0; *gen = the generation now. */
static int lookup(dv_arena *a, int64_t unit_id, int64_t now, uint64_t *gen, struct user_record **out, size_t *n)
{
    int hit = 0;
    pthread_mutex_lock(&mu);
    *gen = generation;
    const struct slot *s = slots[(uint64_t)unit_id % SLOTS];
    if (s && s->unit_id == unit_id && now >= s->checked_at && now - s->checked_at < SESSION_RECHECK_S) {
        *out = rows_copy(a, s->rows, s->n);
        *n = s->n;
        hit = 1;
    }
    pthread_mutex_unlock(&mu);
    return hit;
}

static void keep(int64_t unit_id, const struct user_record *rows, size_t n, int64_t now, uint64_t gen)
{
    struct slot *s = xcalloc(1, sizeof *s);
    s->unit_id = unit_id;
    s->checked_at = now;
    s->a = arena_new();
    s->rows = rows_copy(s->a, rows, n);
    s->n = n;
    pthread_mutex_lock(&mu);
    if (gen == generation) {
        unsigned i = (unsigned)((uint64_t)unit_id % SLOTS);
        slot_free(slots[i]);
        slots[i] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&mu);
    slot_free(s);
}

int user_list_unit_cached(dv_db *db, dv_arena *a, int64_t unit_id, int64_t now, struct user_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    uint64_t gen;
    if (lookup(a, unit_id, now, &gen, out, n)) return DV_OK;
    int rc = user_list_unit(db, a, unit_id, out, n);
    if (rc == DV_OK) keep(unit_id, *out, *n, now, gen);
    return rc;
}

void people_cache_clear(void)
{
    pthread_mutex_lock(&mu);
    generation++;
    for (unsigned i = 0; i < SLOTS; i++) {
        slot_free(slots[i]);
        slots[i] = NULL;
    }
    pthread_mutex_unlock(&mu);
}
