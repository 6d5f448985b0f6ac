/* unit_tree.c - builds and serves the in-memory snapshot of today's open unit tree. */
#include "org/unit_tree.h"
#include "org/unit_internal.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RETIRE_SECONDS 30
#define STORE_CHECK_SECONDS 1

struct unit_tree {
    dv_arena *arena;
    struct unit *units;          /* open units, by folded name */
    size_t n;
    struct unit **by_id;         /* sorted by id, for lookups */
    size_t *first_child;         /* child index ranges into children[], per units[] entry */
    size_t *child_n;
    const struct unit **children;
    long day;                    /* Vietnam day number it was built for */
    int64_t store_version;       /* units_version when built */
    unsigned generation;         /* local generation when built */
    time_t store_checked;        /* last time units_version was read */
    uint64_t store_epoch;        /* db_change_epoch() then */
    time_t retired_at;
    struct unit_tree *next_retired;
    char *store;                 /* the database file it was read from */
    _Atomic(char *) *fragments;  /* UNIT_TREE_SLOTS per units[] entry */
};

static pthread_mutex_t tree_lock = PTHREAD_MUTEX_INITIALIZER;
static struct unit_tree *current;
static struct unit_tree *retired;
static atomic_uint generation;

static long vn_day(time_t now)
{
    return clock_vn_day((long long)now);
}

static int read_store_version(dv_db *db, int64_t *v)
{
    int rc = db_counter_get(db, "units_version", v);
    return rc == DV_ENOTFOUND ? DV_OK : rc;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = (*(struct unit *const *)a)->id, y = (*(struct unit *const *)b)->id;
    return (x > y) - (x < y);
}

static struct unit *find_in(const struct unit_tree *t, int64_t id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->by_id[mid]->id == id) return t->by_id[mid];
        if (t->by_id[mid]->id < id) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static int load_units(dv_db *db, struct unit_tree *t, const char *day)
{
    int rc = unit_store_open_units(db, t->arena, day, &t->units, &t->n);
    if (rc) return rc;
    unit_sort(t->units, t->n); /* children lists follow this order */
    return DV_OK;
}

/* Children lists in unit order (unit_sort: bodies first, Vietnamese collation): one counting pass, one filling pass. */
static void link_children(struct unit_tree *t)
{
    t->by_id = xmalloc((t->n + 1) * sizeof *t->by_id);
    for (size_t i = 0; i < t->n; i++) t->by_id[i] = &t->units[i];
    qsort(t->by_id, t->n, sizeof *t->by_id, cmp_id);
    t->first_child = xcalloc(t->n + 1, sizeof *t->first_child);
    t->child_n = xcalloc(t->n + 1, sizeof *t->child_n);
    t->children = xmalloc((t->n + 1) * sizeof *t->children);
    for (size_t i = 0; i < t->n; i++) {
        struct unit *p = t->units[i].parent_id ? find_in(t, t->units[i].parent_id) : NULL;
        if (p) p->child_count++;
    }
    size_t at = 0;
    for (size_t i = 0; i < t->n; i++) {
        t->first_child[i] = at;
        at += (size_t)t->units[i].child_count;
    }
    for (size_t i = 0; i < t->n; i++) {
        struct unit *p = t->units[i].parent_id ? find_in(t, t->units[i].parent_id) : NULL;
        if (!p) continue;
        size_t pi = (size_t)(p - t->units);
        t->children[t->first_child[pi] + t->child_n[pi]++] = &t->units[i];
    }
}

static void tree_free(struct unit_tree *t)
{
    for (size_t i = 0; t->fragments && i < t->n * UNIT_TREE_SLOTS; i++) free(atomic_load(&t->fragments[i]));
    free(t->fragments);
    free(t->units);
    free(t->by_id);
    free(t->first_child);
    free(t->child_n);
    free(t->children);
    arena_free(t->arena);
    free(t->store);
    free(t);
}

static struct unit_tree *tree_build(dv_db *db, time_t now, int64_t store_version, unsigned gen)
{
    struct unit_tree *t = xcalloc(1, sizeof *t);
    t->arena = arena_new();
    t->day = vn_day(now);
    t->store_version = store_version;
    t->generation = gen;
    t->store_checked = now;
    t->store_epoch = db_change_epoch();
    t->store = xstrdup(db_filename(db));
    char day[11];
    clock_vn_date((long long)now, day);
    if (load_units(db, t, day) != DV_OK) {
        tree_free(t);
        return NULL;
    }
    link_children(t);
    t->fragments = xcalloc(t->n * UNIT_TREE_SLOTS + 1, sizeof *t->fragments);
    return t;
}

static void retire(struct unit_tree *t, time_t now)
{
    if (!t) return;
    t->retired_at = now;
    t->next_retired = retired;
    retired = t;
    struct unit_tree **pp = &retired;
    while (*pp) {
        if (now - (*pp)->retired_at > RETIRE_SECONDS) {
            struct unit_tree *old = *pp;
            *pp = old->next_retired;
            tree_free(old);
        } else {
            pp = &(*pp)->next_retired;
        }
    }
}

static int is_fresh(dv_db *db, struct unit_tree *t, time_t now, unsigned gen)
{
    if (!t || t->generation != gen || t->day != vn_day(now)) return 0;
    if (strcmp(t->store, db_filename(db)) != 0) return 0; /* tests open several stores */
    uint64_t epoch = db_change_epoch(); /* another server's commit: check at once */
    if (now - t->store_checked < STORE_CHECK_SECONDS && epoch == t->store_epoch) return 1;
    int64_t v;
    if (read_store_version(db, &v) != DV_OK) return 1; /* keep serving what we have */
    t->store_checked = now;
    t->store_epoch = epoch;
    return v == t->store_version;
}

const struct unit_tree *unit_tree_get(dv_db *db)
{
    time_t now = time(NULL);
    unsigned gen = atomic_load(&generation);
    pthread_mutex_lock(&tree_lock);
    if (!is_fresh(db, current, now, gen)) {
        int64_t v = 0;
        struct unit_tree *t = read_store_version(db, &v) == DV_OK ? tree_build(db, now, v, gen) : NULL;
        if (t) {
            retire(current, now);
            current = t;
        } else {
            log_error("units: cannot build the unit tree snapshot");
        }
    }
    const struct unit_tree *t = current;
    pthread_mutex_unlock(&tree_lock);
    return t;
}

const struct unit *unit_tree_find(const struct unit_tree *t, int64_t id)
{
    return t ? find_in(t, id) : NULL;
}

const struct unit *const *unit_tree_children(const struct unit_tree *t, int64_t id, size_t *n)
{
    *n = 0;
    struct unit *u = t ? find_in(t, id) : NULL;
    if (!u) return NULL;
    size_t i = (size_t)(u - t->units);
    *n = t->child_n[i];
    return &t->children[t->first_child[i]];
}

int unit_tree_contains(const struct unit_tree *t, int64_t root_id, int64_t unit_id)
{
    const struct unit *u = unit_tree_find(t, unit_id);
    for (int hops = 0; u && hops < 64; hops++) {
        if (u->id == root_id) return 1;
        u = u->parent_id ? find_in(t, u->parent_id) : NULL;
    }
    return 0;
}

static _Atomic(char *) *fragment_slot(const struct unit_tree *t, int64_t id, int slot)
{
    struct unit *u = t && slot >= 0 && slot < UNIT_TREE_SLOTS ? find_in(t, id) : NULL;
    return u ? &t->fragments[(size_t)(u - t->units) * UNIT_TREE_SLOTS + (size_t)slot] : NULL;
}

const char *unit_tree_fragment(const struct unit_tree *t, int64_t id, int slot)
{
    _Atomic(char *) *p = fragment_slot(t, id, slot);
    return p ? atomic_load(p) : NULL;
}

const char *unit_tree_fragment_put(const struct unit_tree *t, int64_t id, int slot, char *html)
{
    _Atomic(char *) *p = fragment_slot(t, id, slot);
    if (!p) {
        free(html);
        return NULL;
    }
    char *expected = NULL;
    if (atomic_compare_exchange_strong(p, &expected, html)) return html;
    free(html); /* another thread rendered the same fragment first */
    return expected;
}

int unit_tree_commit(dv_db *db)
{
    int rc = unit_store_bump_version(db);
    if (rc < 0) return rc;
    rc = db_commit(db);
    atomic_fetch_add(&generation, 1);
    return rc;
}

void unit_tree_invalidate(void)
{
    atomic_fetch_add(&generation, 1);
}

void unit_tree_free_all(void)
{
    pthread_mutex_lock(&tree_lock);
    if (current) tree_free(current);
    current = NULL;
    while (retired) {
        struct unit_tree *t = retired;
        retired = t->next_retired;
        tree_free(t);
    }
    pthread_mutex_unlock(&tree_lock);
}
