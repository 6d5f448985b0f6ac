/* pivot.c - an indicator's values over a subtree, summed up the unit hierarchy (the
 * pivot_compute of completeness.h). */
#include "report/completeness/completeness.h"
#include "report/completeness/completeness_internal.h"

#include "core/buf.h"
#include "core/err.h"
#include "db/store_util.h"
#include "org/unit.h"
#include "report/period.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct prow {
    int64_t id, parent_id;
    const char *code, *name, *type;
    double *own, *sub;
    int *has_own, *has_sub;
    int has_children, any_own, visited;
};

struct prowvec {
    struct prow *v;
    size_t n, cap;
    size_t np;
};

static struct prow *prow_get(dv_arena *a, struct prowvec *pv, const struct compl_node *x)
{
    for (size_t i = 0; i < pv->n; i++)
        if (pv->v[i].id == x->id) return &pv->v[i];
    pv->v = arena_grow(a, pv->v, pv->n, &pv->cap, sizeof *pv->v);
    struct prow *r = &pv->v[pv->n++];
    r->id = x->id;
    size_t np = pv->np ? pv->np : 1;
    r->own = arena_alloc(a, np * sizeof *r->own);
    r->sub = arena_alloc(a, np * sizeof *r->sub);
    r->has_own = arena_alloc(a, np * sizeof *r->has_own);
    r->has_sub = arena_alloc(a, np * sizeof *r->has_sub);
    return r;
}

static int value_cmp(const void *x, const void *y)
{
    const struct compl_value *a = x, *b = y;
    return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

struct pivot_build {
    dv_arena *a;
    struct prowvec *pv;
    struct pivot_row *out;
    size_t n, cap;
};

static void pivot_push(struct pivot_build *b, struct pivot_row r)
{
    b->out = arena_grow(b->a, b->out, b->n, &b->cap, sizeof *b->out);
    b->out[b->n++] = r;
}

static int prow_name_cmp(const void *x, const void *y)
{
    const struct prow *const *a = x, *const *b = y;
    int c = unit_type_group((*a)->type) - unit_type_group((*b)->type);
    if (c) return c;
    c = text_collate((*a)->name, (*b)->name);
    if (c) return c;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

static void pivot_walk(struct pivot_build *b, struct prow *r, int depth)
{
    if (r->visited || depth > 64) return;
    r->visited = 1;
    size_t np = b->pv->np;
    struct pivot_row o = {.unit_id = r->id, .code = r->code, .name = r->name, .depth = depth,
                          .is_parent = r->has_children};
    o.values = arena_alloc(b->a, (np ? np : 1) * sizeof *o.values);
    o.has = arena_alloc(b->a, (np ? np : 1) * sizeof *o.has);
    for (size_t j = 0; j < np; j++) {
        o.values[j] = r->has_children ? r->sub[j] : r->own[j];
        o.has[j] = r->has_children ? r->has_sub[j] : r->has_own[j];
        o.total += o.values[j];
    }
    pivot_push(b, o);
    if (r->has_children && r->any_own) {
        struct pivot_row w = {.unit_id = r->id, .code = r->code, .name = r->name, .depth = depth + 1, .is_own = 1};
        w.values = arena_alloc(b->a, (np ? np : 1) * sizeof *w.values);
        w.has = arena_alloc(b->a, (np ? np : 1) * sizeof *w.has);
        for (size_t j = 0; j < np; j++) {
            w.values[j] = r->own[j];
            w.has[j] = r->has_own[j];
            w.total += w.values[j];
        }
        pivot_push(b, w);
    }
    size_t nk = 0;
    for (size_t i = 0; i < b->pv->n; i++)
        if (b->pv->v[i].parent_id == r->id && !b->pv->v[i].visited) nk++;
    if (!nk) return;
    struct prow **kids = arena_alloc(b->a, nk * sizeof *kids);
    size_t k = 0;
    for (size_t i = 0; i < b->pv->n; i++)
        if (b->pv->v[i].parent_id == r->id && !b->pv->v[i].visited) kids[k++] = &b->pv->v[i];
    qsort(kids, nk, sizeof *kids, prow_name_cmp);
    for (size_t i = 0; i < nk; i++) pivot_walk(b, kids[i], depth + 1);
}

int pivot_compute(dv_db *db, dv_arena *a, int64_t indicator_id, int64_t option_id,
                  const struct compl_period *periods, size_t nperiods, int64_t root_id,
                  struct pivot_result *out)
{
    memset(out, 0, sizeof *out);
    out->periods = periods;
    out->nperiods = nperiods;
    struct prowvec pv = {.np = nperiods};
    int rc;
    for (size_t j = 0; j < nperiods; j++) {
        struct compl_node *nodes;
        size_t nn;
        if ((rc = compl_store_tree_at(db, a, root_id, periods[j].close_end, &nodes, &nn)) != 0) return rc;
        if (nn) qsort(nodes, nn, sizeof *nodes, compl_node_cmp);
        struct compl_value *vals;
        size_t nv;
        if ((rc = compl_store_values(db, a, periods[j].id, indicator_id, option_id, &vals, &nv)) != 0) return rc;
        if (nv) qsort(vals, nv, sizeof *vals, value_cmp);
        /* every unit of this period's tree gets a row; the latest period places it. Rows are
         * named by index: prow_get may move the vector as it grows (a tree of more than 64
         * units), and a pointer kept across that would update a stale copy. */
        size_t *byidx = arena_alloc(a, (nn ? nn : 1) * sizeof *byidx);
        for (size_t i = 0; i < nn; i++) {
            struct prow *r = prow_get(a, &pv, &nodes[i]);
            r->parent_id = nodes[i].parent_id;
            r->code = nodes[i].code;
            r->name = nodes[i].name;
            r->type = nodes[i].type;
            byidx[i] = (size_t)(r - pv.v);
        }
        for (size_t i = 0; i < nn; i++) {
            if (nodes[i].depth == 0) continue;
            const struct compl_node *par = compl_node_find(nodes, nn, nodes[i].parent_id);
            if (par) pv.v[byidx[par - nodes]].has_children = 1;
        }
        for (size_t i = 0; i < nv; i++) {
            const struct compl_node *x = compl_node_find(nodes, nn, vals[i].unit_id);
            if (!x) continue; /* not in the subtree on close_end */
            struct prow *r = &pv.v[byidx[x - nodes]];
            r->own[j] += vals[i].num;
            r->has_own[j] = 1;
            r->any_own = 1;
            const struct compl_node *up = compl_node_find(nodes, nn, x->parent_id);
            for (int guard = 0; up && x->depth > 0 && guard < 70; guard++) {
                struct prow *u = &pv.v[byidx[up - nodes]];
                u->sub[j] += vals[i].num;
                u->has_sub[j] = 1;
                if (up->depth == 0) break;
                up = compl_node_find(nodes, nn, up->parent_id);
            }
        }
    }
    struct pivot_build b = {.a = a, .pv = &pv};
    for (size_t i = 0; i < pv.n; i++)
        if (pv.v[i].id == root_id) pivot_walk(&b, &pv.v[i], 0);
    out->rows = b.out;
    out->nrows = b.n;
    return 0;
}

