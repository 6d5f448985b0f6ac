/* board.c - the follow-up board's computation (board.h): the tasks' histories held in memory
 * per directive_version, per-unit tallies kept per (date, document), rolled up through
 * today's unit tree. */
#include "directive/board.h"

#include "core/err.h"
#include "org/unit.h"
#include "org/unit_tree.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct unit_tally {
    int64_t unit_id;
    struct task_tally t;
};

#define SLOTS 48

struct slot {
    char as_of[11];
    int64_t document_id;
    int escalate_days;
    unsigned long used;        /* for replacing the least recently used */
    struct unit_tally *units;  /* by unit_id */
    size_t n;
};

static struct {
    pthread_mutex_t mu;
    int loaded;
    int64_t version;
    struct board_data data;
    struct slot slots[SLOTS];
    unsigned long clock;
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void slots_clear(void)
{
    for (int i = 0; i < SLOTS; i++) {
        free(cache.slots[i].units);
        memset(&cache.slots[i], 0, sizeof cache.slots[i]);
    }
}

void board_cache_clear(void)
{
    pthread_mutex_lock(&cache.mu);
    slots_clear();
    board_data_free(&cache.data);
    cache.loaded = 0;
    pthread_mutex_unlock(&cache.mu);
}

/* Under the lock: the data of the store's current version. */
static int ensure_loaded(dv_db *db)
{
    int64_t v = 0;
    if (db_counter_get(db, "directive_version", &v) < 0) return DV_EDB;
    if (cache.loaded && v == cache.version) return DV_OK;
    slots_clear();
    board_data_free(&cache.data);
    cache.loaded = 0;
    int rc = board_store_load(db, &cache.data);
    if (rc) return rc;
    cache.loaded = 1;
    cache.version = v;
    return DV_OK;
}

static int cmp_unit(const void *a, const void *b)
{
    int64_t x = ((const struct unit_tally *)a)->unit_id, y = ((const struct unit_tally *)b)->unit_id;
    return x < y ? -1 : x > y;
}

/* Per-unit tallies of every task as of the slot's date (tasks are by id, so units are sorted
 * afterwards and merged). */
static void slot_fill(struct slot *s)
{
    const struct board_data *d = &cache.data;
    struct unit_tally *u = malloc((d->n + 1) * sizeof *u);
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        const struct board_task *bt = &d->tasks[i];
        if (s->document_id && bt->document_id != s->document_id) continue;
        struct task_timeline tl;
        memcpy(tl.assigned_on, bt->assigned_on, 11);
        memcpy(tl.deadline_original, bt->deadline_original, 11);
        tl.changes = bt->ch_n ? &d->changes[bt->ch_off] : NULL;
        tl.n_changes = bt->ch_n;
        tl.steps = bt->st_n ? &d->steps[bt->st_off] : NULL;
        tl.n_steps = bt->st_n;
        enum task_status st = task_status_as_of(&tl, s->as_of);
        if (st == TS_NONE) continue;
        memset(&u[n], 0, sizeof u[n]);
        u[n].unit_id = bt->lead_unit_id;
        task_tally_add(&u[n].t, st, task_overdue_days(&tl, s->as_of), s->escalate_days);
        n++;
    }
    qsort(u, n, sizeof *u, cmp_unit);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && u[k - 1].unit_id == u[i].unit_id) task_tally_merge(&u[k - 1].t, &u[i].t);
        else u[k++] = u[i];
    }
    s->units = u;
    s->n = k;
}

static struct slot *slot_get(const char *as_of, int64_t document_id, int escalate_days)
{
    struct slot *lru = &cache.slots[0];
    for (int i = 0; i < SLOTS; i++) {
        struct slot *s = &cache.slots[i];
        if (s->units && !strcmp(s->as_of, as_of) && s->document_id == document_id &&
            s->escalate_days == escalate_days) {
            s->used = ++cache.clock;
            return s;
        }
        if (s->used < lru->used) lru = s;
    }
    free(lru->units);
    memset(lru, 0, sizeof *lru);
    memcpy(lru->as_of, as_of, 10);
    lru->document_id = document_id;
    lru->escalate_days = escalate_days;
    lru->used = ++cache.clock;
    slot_fill(lru);
    return lru;
}

/* The index in rows of the row unit_id counts in: its ancestor that is a child of root, or
 * the own row (0) for root itself; -1 when it is outside root's subtree today. */
static long row_of(const struct unit_tree *tree, int64_t root_id, int64_t unit_id, const int64_t *row_units,
                   size_t nrows)
{
    if (root_id && unit_id == root_id) return 0;
    const struct unit *u = unit_tree_find(tree, unit_id);
    for (int guard = 0; u && guard < 64; guard++) {
        if (u->parent_id == root_id) {
            for (size_t i = 1; i < nrows; i++)
                if (row_units[i] == u->id) return (long)i;
            return -1;
        }
        if (!u->parent_id) return -1;
        u = unit_tree_find(tree, u->parent_id);
    }
    return -1;
}

static int rows_init(dv_db *db, dv_arena *a, const struct unit_tree *tree, int64_t root_id, struct board *out)
{
    const struct unit *const *kids = NULL;
    struct unit *roots = NULL;
    size_t nk = 0;
    if (root_id) kids = unit_tree_children(tree, root_id, &nk);
    else if (unit_store_roots(db, a, &roots, &nk) != DV_OK) return DV_EDB;
    out->rows = arena_alloc(a, (nk + 1) * sizeof *out->rows);
    out->n = 1;
    const struct unit *root = root_id ? unit_tree_find(tree, root_id) : NULL;
    out->rows[0] = (struct board_row){root_id, root ? root->name : "", 1, 0, {{0}, 0, 0, 0, 0}};
    for (size_t i = 0; i < nk; i++) {
        const struct unit *k = root_id ? kids[i] : &roots[i];
        size_t nn = 0;
        unit_tree_children(tree, k->id, &nn);
        out->rows[out->n++] = (struct board_row){k->id, k->name, 0, nn > 0, {{0}, 0, 0, 0, 0}};
    }
    return DV_OK;
}

int board_compute(dv_db *db, dv_arena *a, int64_t root_id, const char *as_of, int64_t document_id,
                  struct board *out)
{
    memset(out, 0, sizeof *out);
    out->root_id = root_id;
    out->as_of = arena_strdup(a, as_of);
    out->document_id = document_id;
    out->escalate_days = task_escalate_days(db);
    const struct unit_tree *tree = unit_tree_get(db);
    if (!tree) return DV_EDB;
    int rc = rows_init(db, a, tree, root_id, out);
    if (rc) return rc;
    int64_t *row_units = arena_alloc(a, out->n * sizeof *row_units);
    for (size_t i = 0; i < out->n; i++) row_units[i] = out->rows[i].unit_id;
    pthread_mutex_lock(&cache.mu);
    rc = ensure_loaded(db);
    if (rc == DV_OK) {
        struct slot *s = slot_get(as_of, document_id, out->escalate_days);
        for (size_t i = 0; i < s->n; i++) {
            long r = row_of(tree, root_id, s->units[i].unit_id, row_units, out->n);
            if (r < 0) continue;
            task_tally_merge(&out->rows[r].tally, &s->units[i].t);
            task_tally_merge(&out->total, &s->units[i].t);
        }
    }
    pthread_mutex_unlock(&cache.mu);
    return rc;
}

int board_series(dv_db *db, dv_arena *a, int64_t root_id, const char *const *dates, size_t n,
                 int64_t document_id, struct task_tally *out)
{
    for (size_t i = 0; i < n; i++) {
        struct board b;
        int rc = board_compute(db, a, root_id, dates[i], document_id, &b);
        if (rc) return rc;
        out[i] = b.total;
    }
    return DV_OK;
}
