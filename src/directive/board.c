/* board.c - the follow-up board's computation (board.h): the tasks' histories held in memory
 * per directive_version and per scope (the nation, a subtree, a document), per-unit tallies
 * kept per date within each, rolled up through today's unit tree. */
#include "directive/board.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "org/unit.h"
#include "org/unit_tree.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit_tally {
    int64_t unit_id;
    struct task_tally t;
};

#define SETS 8
#define SLOTS 24

struct slot {
    char as_of[11];
    int escalate_days;
    unsigned long used;        /* for replacing the least recently used */
    struct unit_tally *units;  /* by unit_id */
    size_t n;
};

/* The tasks of one scope: every task (root 0), a subtree's (root > 0), or one document's. */
struct set {
    int64_t root_id;
    int64_t document_id;
    unsigned long used;
    int loaded;
    struct board_data data;
    struct slot slots[SLOTS];
};

static struct {
    pthread_mutex_t mu;
    int64_t version;           /* directive_version the sets were read at */
    int64_t units_version;     /* and units_version with today's date: the subtrees' extent */
    char today[11];
    char file[512];            /* the store the data came from */
    struct set sets[SETS];
    unsigned long clock;
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void set_clear(struct set *e)
{
    for (int i = 0; i < SLOTS; i++) free(e->slots[i].units);
    board_data_free(&e->data);
    memset(e, 0, sizeof *e);
}

static void sets_clear(int subtrees_only)
{
    for (int i = 0; i < SETS; i++)
        if (!subtrees_only || (cache.sets[i].root_id && !cache.sets[i].document_id)) set_clear(&cache.sets[i]);
}

void board_cache_clear(void)
{
    pthread_mutex_lock(&cache.mu);
    sets_clear(0);
    cache.version = -1;
    pthread_mutex_unlock(&cache.mu);
}

/* Under the lock: drop what the store's counters say is stale. */
static int check_versions(dv_db *db)
{
    int64_t v = 0, uv = 0;
    if (db_counter_get(db, "directive_version", &v) < 0) return DV_EDB;
    if (db_counter_get(db, "units_version", &uv) < 0) uv = 0;
    char today[11];
    clock_vn_today(today);
    const char *file = db_filename(db) ? db_filename(db) : "";
    if (v != cache.version || strcmp(file, cache.file)) sets_clear(0);
    else if (uv != cache.units_version || strcmp(today, cache.today)) sets_clear(1);
    cache.version = v;
    cache.units_version = uv;
    snprintf(cache.today, sizeof cache.today, "%s", today);
    snprintf(cache.file, sizeof cache.file, "%s", file);
    return DV_OK;
}

/* root and every unit under it in today's tree (malloc'd). */
static int64_t *subtree_units(const struct unit_tree *tree, int64_t root, size_t *n)
{
    size_t cap = 256, k = 0;
    int64_t *u = xrealloc(NULL, cap * sizeof *u);
    u[k++] = root;
    for (size_t i = 0; i < k; i++) {
        size_t nk = 0;
        const struct unit *const *kids = unit_tree_children(tree, u[i], &nk);
        for (size_t j = 0; j < nk; j++) {
            if (k == cap) u = xrealloc(u, (cap *= 2) * sizeof *u);
            u[k++] = kids[j]->id;
        }
    }
    *n = k;
    return u;
}

/* Under the lock: the loaded set that holds every task a board of (root, document) needs,
 * loading the narrowest one when none does. */
static int set_get(dv_db *db, const struct unit_tree *tree, int64_t root_id, int64_t document_id, struct set **out)
{
    struct set *lru = &cache.sets[0];
    for (int i = 0; i < SETS; i++) {
        struct set *e = &cache.sets[i];
        int covers = e->loaded && e->document_id == document_id &&
                     (document_id || !e->root_id || e->root_id == root_id ||
                      (root_id && unit_tree_contains(tree, e->root_id, root_id)));
        if (covers) {
            e->used = ++cache.clock;
            *out = e;
            return DV_OK;
        }
        if (!e->loaded) lru = e;
        else if (lru->loaded && e->used < lru->used) lru = e;
    }
    set_clear(lru);
    size_t nu = 0;
    int64_t *units = root_id && !document_id ? subtree_units(tree, root_id, &nu) : NULL;
    int rc = board_store_load(db, units, nu, document_id, &lru->data);
    free(units);
    if (rc) return rc;
    lru->root_id = document_id ? 0 : root_id;
    lru->document_id = document_id;
    lru->loaded = 1;
    lru->used = ++cache.clock;
    *out = lru;
    return DV_OK;
}

static int cmp_unit(const void *a, const void *b)
{
    int64_t x = ((const struct unit_tally *)a)->unit_id, y = ((const struct unit_tally *)b)->unit_id;
    return x < y ? -1 : x > y;
}

/* The status of a plain task on day D: task_status_as_of's rules on day numbers (no
 * deadline change, at most the confirmed completion mirrored on the row). */
static enum task_status plain_status(const struct board_task *t, int32_t day, int *overdue)
{
    *overdue = 0;
    if (!day || day < t->assigned) return TS_NONE;
    if (t->done && t->confirmed && t->confirmed <= day) return t->done <= t->deadline ? TS_DONE_ON_TIME : TS_DONE_LATE;
    if (day <= t->deadline) return TS_OPEN_WITHIN;
    *overdue = day - t->deadline;
    return TS_OPEN_OVERDUE;
}

/* A slot's per-unit tallies while they are counted. */
struct fill {
    struct slot *s;
    int32_t day;
    struct unit_tally *u;
    size_t n, cap;
    int64_t last;
};

static void fill_add(struct fill *f, int64_t unit_id, enum task_status st, int od)
{
    /* the scans come grouped by unit mostly: add to the last row when it is the same */
    if (!f->n || f->last != unit_id) {
        if (f->n == f->cap) f->u = xrealloc(f->u, (f->cap = f->cap ? f->cap * 2 : 1024) * sizeof *f->u);
        memset(&f->u[f->n], 0, sizeof f->u[f->n]);
        f->u[f->n++].unit_id = f->last = unit_id;
    }
    task_tally_add(&f->u[f->n - 1].t, st, od, f->s->escalate_days);
}

/* Per-unit tallies of the set's tasks as of each slot's date, in one pass over the tasks
 * (merged by unit afterwards). */
static void slots_fill(const struct set *e, struct slot *const *ss, size_t ns)
{
    const struct board_data *d = &e->data;
    struct fill *f = xcalloc(ns + 1, sizeof *f);
    for (size_t k = 0; k < ns; k++) f[k] = (struct fill){ss[k], board_day(ss[k]->as_of), NULL, 0, 0, -1};
    for (size_t i = 0; i < d->n; i++) {
        const struct board_task *bt = &d->tasks[i];
        if (bt->cx < 0) {
            for (size_t k = 0; k < ns; k++) {
                int od;
                enum task_status st = plain_status(bt, f[k].day, &od);
                if (st != TS_NONE) fill_add(&f[k], bt->lead_unit_id, st, od);
            }
            continue;
        }
        const struct board_cx *c = &d->cx[bt->cx];
        struct task_timeline tl;
        memcpy(tl.assigned_on, c->assigned_on, 11);
        memcpy(tl.deadline_original, c->deadline_original, 11);
        tl.changes = c->ch_n ? &d->changes[c->ch_off] : NULL;
        tl.n_changes = c->ch_n;
        tl.steps = c->st_n ? &d->steps[c->st_off] : NULL;
        tl.n_steps = c->st_n;
        for (size_t k = 0; k < ns; k++) {
            enum task_status st = task_status_as_of(&tl, f[k].s->as_of);
            if (st != TS_NONE) fill_add(&f[k], bt->lead_unit_id, st, task_overdue_days(&tl, f[k].s->as_of));
        }
    }
    for (size_t k = 0; k < ns; k++) {
        struct unit_tally *u = f[k].u;
        size_t n = f[k].n, m = 0;
        if (n) qsort(u, n, sizeof *u, cmp_unit);
        for (size_t i = 0; i < n; i++) {
            if (m && u[m - 1].unit_id == u[i].unit_id) task_tally_merge(&u[m - 1].t, &u[i].t);
            else u[m++] = u[i];
        }
        f[k].s->units = xrealloc(u, (m + 1) * sizeof *u); /* non-NULL: a filled slot */
        f[k].s->n = m;
    }
    free(f);
}

/* The slot of (as_of, escalate_days) in e, or a cleared one taken for it (units NULL: to
 * fill); keep (n of them) are not taken. */
static struct slot *slot_find(struct set *e, const char *as_of, int escalate_days, struct slot *const *keep, size_t nkeep)
{
    struct slot *lru = NULL;
    for (int i = 0; i < SLOTS; i++) {
        struct slot *s = &e->slots[i];
        if ((s->units || s->as_of[0]) && !strcmp(s->as_of, as_of) && s->escalate_days == escalate_days) {
            s->used = ++cache.clock;
            return s;
        }
        int kept = 0;
        for (size_t k = 0; k < nkeep; k++) kept |= keep[k] == s;
        if (!kept && (!lru || s->used < lru->used)) lru = s;
    }
    free(lru->units);
    memset(lru, 0, sizeof *lru);
    memcpy(lru->as_of, as_of, 10);
    lru->escalate_days = escalate_days;
    lru->used = ++cache.clock;
    return lru;
}

static struct slot *slot_get(struct set *e, const char *as_of, int escalate_days)
{
    struct slot *s = slot_find(e, as_of, escalate_days, NULL, 0);
    if (!s->units) slots_fill(e, &s, 1);
    return s;
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
    struct set *e = NULL;
    rc = check_versions(db);
    if (rc == DV_OK) rc = set_get(db, tree, root_id, document_id, &e);
    if (rc == DV_OK) {
        struct slot *s = slot_get(e, as_of, out->escalate_days);
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
    (void)a;
    memset(out, 0, n * sizeof *out);
    if (n > SLOTS / 2) return DV_EINVAL;
    const struct unit_tree *tree = unit_tree_get(db);
    if (!tree) return DV_EDB;
    int esc = task_escalate_days(db);
    pthread_mutex_lock(&cache.mu);
    struct set *e = NULL;
    int rc = check_versions(db);
    if (rc == DV_OK) rc = set_get(db, tree, root_id, document_id, &e);
    if (rc == DV_OK) {
        struct slot *ss[SLOTS], *todo[SLOTS];
        size_t nt = 0;
        for (size_t i = 0; i < n; i++) {
            ss[i] = slot_find(e, dates[i], esc, ss, i);
            int queued = 0;
            for (size_t k = 0; k < nt; k++) queued |= todo[k] == ss[i];
            if (!ss[i]->units && !queued) todo[nt++] = ss[i];
        }
        if (nt) slots_fill(e, todo, nt); /* one pass for every date not counted yet */
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < ss[i]->n; k++) {
                const struct unit_tally *u = &ss[i]->units[k];
                /* as board_compute: units of root's subtree in today's tree */
                int in = root_id ? u->unit_id == root_id || unit_tree_contains(tree, root_id, u->unit_id)
                                 : unit_tree_find(tree, u->unit_id) != NULL;
                if (in) task_tally_merge(&out[i], &u->t);
            }
    }
    pthread_mutex_unlock(&cache.mu);
    return rc;
}
