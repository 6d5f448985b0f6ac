/* completeness.c - completeness, timeliness and indicator pivots of a regime over a
 * subtree, computed live from the tables (see completeness.h for the definitions); the
 * indicator pivot is pivot.c. */
#include "report/completeness/completeness.h"
#include "report/completeness/completeness_internal.h"

#include "core/clock.h"
#include "core/buf.h"
#include "db/store_util.h"
#include "core/err.h"
#include "core/i18n.h"
#include "org/unit.h"
#include "report/completeness/expected.h"
#include "text/text.h"
#include "report/period.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *compl_status_code(enum compl_status s)
{
    switch (s) {
    case CS_ON_TIME: return "on_time";
    case CS_LATE: return "late";
    case CS_RETURNED: return "returned";
    case CS_MISSING: return "missing";
    case CS_NOT_DUE: return "not_due";
    case CS_NONE: break;
    }
    return "";
}

const char *compl_status_label(enum compl_status s)
{
    switch (s) {
    case CS_ON_TIME: return _("✓ On time");
    case CS_LATE: return _("◔ Late");
    case CS_RETURNED: return _("↩ Returned");
    case CS_MISSING: return _("✗ Missing");
    case CS_NOT_DUE: return _("… Not yet due");
    case CS_NONE: break;
    }
    return "";
}

static double rate(long part, const struct compl_counts *c)
{
    long due = c->expected - c->not_due;
    if (due <= 0 || part <= 0) return 0;
    if (part >= due) return 100.0; /* cannot happen by construction; the cap is the definition */
    return 100.0 * (double)part / (double)due;
}

double compl_received_rate(const struct compl_counts *c) { return rate(c->received, c); }
double compl_on_time_rate(const struct compl_counts *c) { return rate(c->on_time, c); }

void compl_counts_add(struct compl_counts *to, const struct compl_counts *c)
{
    to->expected += c->expected;
    to->received += c->received;
    to->on_time += c->on_time;
    to->late += c->late;
    to->missing += c->missing;
    to->returned += c->returned;
    to->not_due += c->not_due;
    to->approved += c->approved;
}

/* The Vietnam (UTC+7) date of an ISO UTC timestamp "YYYY-MM-DDTHH:MM:SS…", into out[11]. */
static int vn_date_of(const char *ts, char out[11])
{
    if (clock_vn_date_of_iso(ts, out) == 0) return 0;
    /* a bare date "YYYY-MM-DD" is already a Vietnam day */
    if (!ts || strlen(ts) < 10) return DV_EINVAL;
    memcpy(out, ts, 10);
    out[10] = 0;
    return date_valid(out) ? 0 : DV_EINVAL;
}

static enum compl_status classify(const struct compl_report *r, const char *deadline, const char *today,
                                  int *approved)
{
    *approved = 0;
    int sent = r && r->status &&
               (!strcmp(r->status, "submitted") || !strcmp(r->status, "approved") || !strcmp(r->status, "returned"));
    if (!sent) return strcmp(today, deadline) > 0 ? CS_MISSING : CS_NOT_DUE;
    if (!strcmp(r->status, "returned")) return CS_RETURNED;
    *approved = !strcmp(r->status, "approved");
    char d[11];
    const char *ts = r->first_submitted_at ? r->first_submitted_at : r->submitted_at;
    if (vn_date_of(ts, d) != 0) return CS_LATE; /* no time on record: on time cannot be shown */
    return strcmp(d, deadline) <= 0 ? CS_ON_TIME : CS_LATE;
}

static void count_status(struct compl_counts *c, enum compl_status s, int approved)
{
    c->expected++;
    switch (s) {
    case CS_ON_TIME: c->on_time++; c->received++; break;
    case CS_LATE: c->late++; c->received++; break;
    case CS_RETURNED: c->returned++; c->received++; break;
    case CS_MISSING: c->missing++; break;
    case CS_NOT_DUE: c->not_due++; break;
    case CS_NONE: c->expected--; break;
    }
    if (approved) c->approved++;
}

int compl_node_cmp(const void *x, const void *y)
{
    const struct compl_node *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

const struct compl_node *compl_node_find(const struct compl_node *v, size_t n, int64_t id)
{
    if (!n) return NULL;
    struct compl_node key = {.id = id};
    return bsearch(&key, v, n, sizeof *v, compl_node_cmp);
}

static int report_cmp(const void *x, const void *y)
{
    const struct compl_report *a = x, *b = y;
    return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

/* The row unit of a node: the root for the root, else its ancestor at depth 1. */
static int64_t top_of(const struct compl_node *v, size_t n, const struct compl_node *x)
{
    for (int guard = 0; x && x->depth > 1 && guard < 70; guard++) x = compl_node_find(v, n, x->parent_id);
    return x ? x->id : 0;
}

struct rowvec {
    struct compl_row *v;
    size_t n, cap;
};

static struct compl_row *row_get(dv_arena *a, struct rowvec *rv, const struct compl_node *x, size_t nperiods)
{
    for (size_t i = 0; i < rv->n; i++)
        if (rv->v[i].unit_id == x->id) return &rv->v[i];
    rv->v = arena_grow(a, rv->v, rv->n, &rv->cap, sizeof *rv->v);
    struct compl_row *r = &rv->v[rv->n++];
    r->unit_id = x->id;
    r->code = x->code;
    r->name = x->name;
    r->type = x->type;
    r->is_root = x->depth == 0;
    r->cells = arena_alloc(a, (nperiods ? nperiods : 1) * sizeof *r->cells);
    return r;
}

static int row_order(const void *x, const void *y)
{
    const struct compl_row *a = x, *b = y;
    if (a->is_root != b->is_root) return b->is_root - a->is_root;
    int c = unit_type_group(a->type) - unit_type_group(b->type); /* bodies, then communes */
    if (c) return c;
    c = text_collate(a->name, b->name);
    if (c) return c;
    return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

static int level_cmp(const void *x, const void *y)
{
    const struct compl_level *a = x, *b = y;
    return strcmp(a->type, b->type);
}

static struct compl_counts *level_counts(dv_arena *a, struct compl_result *out, size_t *cap, const char *type,
                                         size_t j)
{
    for (size_t i = 0; i < out->nlevels; i++)
        if (!strcmp(out->levels[i].type, type)) return &out->levels[i].counts[j];
    out->levels = arena_grow(a, out->levels, out->nlevels, cap, sizeof *out->levels);
    struct compl_level *l = &out->levels[out->nlevels++];
    l->type = arena_strdup(a, type);
    l->counts = arena_alloc(a, (out->nperiods ? out->nperiods : 1) * sizeof *l->counts);
    return &l->counts[j];
}

int completeness_compute(dv_db *db, dv_arena *a, int64_t regime_id, const struct compl_period *periods,
                         size_t nperiods, int64_t root_id, const char *today, struct compl_result *out)
{
    memset(out, 0, sizeof *out);
    char today_buf[11];
    if (!today) {
        clock_vn_today(today_buf);
        today = today_buf;
    }
    out->periods = periods;
    out->nperiods = nperiods;
    out->totals = arena_alloc(a, (nperiods ? nperiods : 1) * sizeof *out->totals);
    struct rowvec rv = {0};
    size_t levcap = 0;
    int rc;
    for (size_t j = 0; j < nperiods; j++) {
        const struct compl_period *p = &periods[j];
        struct compl_node *nodes;
        size_t nn;
        if ((rc = compl_store_tree_at(db, a, root_id, p->close_end, &nodes, &nn)) != 0) return rc;
        if (nn) qsort(nodes, nn, sizeof *nodes, compl_node_cmp);
        struct expected_unit *ex;
        size_t nex;
        if ((rc = expected_units(db, a, p->id, &ex, &nex)) != 0) return rc;
        struct compl_report *reps;
        size_t nrep;
        if ((rc = compl_store_reports(db, a, regime_id, p->id, &reps, &nrep)) != 0) return rc;

        /* rows: the depth-1 units of this period's tree (and the root) */
        for (size_t i = 0; i < nn; i++) {
            const struct compl_node *x = &nodes[i];
            if (x->depth > 1) {
                if (x->depth == 2) {
                    const struct compl_node *par = compl_node_find(nodes, nn, x->parent_id);
                    if (par) row_get(a, &rv, par, nperiods)->has_children = 1;
                }
                continue;
            }
            struct compl_row *r = row_get(a, &rv, x, nperiods);
            r->cells[j].in_tree = 1;
        }
        for (size_t i = 0; i < nn; i++) {
            const struct compl_node *x = &nodes[i];
            const struct expected_unit *e = expected_find(ex, nex, x->id);
            if (!e) continue;
            struct compl_report key = {.unit_id = x->id};
            const struct compl_report *rep = nrep ? bsearch(&key, reps, nrep, sizeof *reps, report_cmp) : NULL;
            const char *deadline = e->deadline[0] ? e->deadline : p->close_end;
            int approved;
            enum compl_status s = classify(rep, deadline, today, &approved);
            count_status(&out->totals[j], s, approved);
            count_status(level_counts(a, out, &levcap, x->type ? x->type : "", j), s, approved);
            int64_t top = top_of(nodes, nn, x);
            const struct compl_node *tn = compl_node_find(nodes, nn, top);
            if (!tn) continue;
            struct compl_row *r = row_get(a, &rv, tn, nperiods);
            count_status(&r->cells[j].sub, s, approved);
            if (x->depth <= 1) { /* the row unit itself */
                struct compl_cell *c = &r->cells[j];
                c->status = s;
                c->approved = approved;
                c->deadline = arena_strdup(a, deadline);
                c->first_submitted_at = rep ? rep->first_submitted_at : NULL;
                c->report_id = rep ? rep->id : 0;
            }
        }
        compl_counts_add(&out->grand, &out->totals[j]);
    }
    /* keep the rows that had something expected in some chosen period */
    size_t k = 0;
    for (size_t i = 0; i < rv.n; i++) {
        struct compl_row *r = &rv.v[i];
        memset(&r->total, 0, sizeof r->total);
        for (size_t j = 0; j < nperiods; j++) compl_counts_add(&r->total, &r->cells[j].sub);
        if (r->total.expected > 0) rv.v[k++] = *r;
    }
    if (k) qsort(rv.v, k, sizeof *rv.v, row_order);
    for (size_t i = 0; i < out->nlevels; i++)
        for (size_t j = 0; j < nperiods; j++) compl_counts_add(&out->levels[i].total, &out->levels[i].counts[j]);
    if (out->nlevels) qsort(out->levels, out->nlevels, sizeof *out->levels, level_cmp);
    out->rows = rv.v;
    out->nrows = k;
    return 0;
}

/* ---- the province × year table ---- */

struct ind_ix {
    int64_t id;
    size_t ix;
};

static int ind_ix_cmp(const void *x, const void *y)
{
    const struct ind_ix *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int year_row_cmp(const void *x, const void *y)
{
    const struct year_row *a = x, *b = y;
    int c = text_collate(a->name, b->name);
    if (c) return c;
    return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

/* One period's contribution to the year table: per row unit (top), its counts and sums.
 * Kept in a process-wide cache while settings.reporting_version and the period's counter (0007)
 * and the Vietnam date stay the same; malloc'd, immutable once cached. */
struct ypart_row {
    int64_t top;
    char *code, *name;
    struct compl_counts c;
    double *sums;
};
struct ypart {
    char *db;
    int64_t regime, period, root, version, pversion;
    char today[11];
    int settled;                  /* every deadline had passed on today: holds for later days */
    size_t nind;
    int64_t *ind_ids;
    struct ypart_row *rows;
    size_t n;
};

#define YCACHE_MAX 8192               /* entries */
#define YCACHE_MAX_BYTES (64u << 20)  /* about; when either is reached the cache starts over */
static pthread_mutex_t ycache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct ypart **ycache;
static size_t ycache_n, ycache_cap, ycache_bytes;

static size_t ypart_bytes(const struct ypart *p)
{
    return sizeof *p + p->n * (sizeof *p->rows + 64 + p->nind * sizeof(double)) + p->nind * sizeof(int64_t);
}

static void ypart_free(struct ypart *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->rows[i].code);
        free(p->rows[i].name);
        free(p->rows[i].sums);
    }
    free(p->rows);
    free(p->ind_ids);
    free(p->db);
    free(p);
}

/* The cached entry's slot for a key, or -1. Caller holds ycache_mu. */
static long ycache_slot(const char *db, int64_t regime, int64_t period, int64_t root, const char *today)
{
    for (size_t i = 0; i < ycache_n; i++) {
        const struct ypart *p = ycache[i];
        if (p->period == period && p->regime == regime && p->root == root && !strcmp(p->today, today) &&
            !strcmp(p->db, db))
            return (long)i;
    }
    return -1;
}

static int ypart_fresh(const struct ypart *p, int64_t version, int64_t pversion, const struct compl_choice *inds,
                       size_t ni)
{
    if (p->version != version || p->pversion != pversion || p->nind != ni) return 0;
    for (size_t i = 0; i < ni; i++)
        if (p->ind_ids[i] != inds[i].id) return 0;
    return 1;
}

static void ycache_put(struct ypart *np)
{
    pthread_mutex_lock(&ycache_mu);
    long k = ycache_slot(np->db, np->regime, np->period, np->root, np->today);
    if (k >= 0) {
        ycache_bytes -= ypart_bytes(ycache[k]);
        ypart_free(ycache[k]);
        ycache[k] = np;
    } else {
        if (ycache_n >= YCACHE_MAX || ycache_bytes + ypart_bytes(np) > YCACHE_MAX_BYTES) { /* bounded */
            for (size_t i = 0; i < ycache_n; i++) ypart_free(ycache[i]);
            ycache_n = 0;
            ycache_bytes = 0;
        }
        ycache = xgrow(ycache, ycache_n, &ycache_cap, sizeof *ycache);
        ycache[ycache_n++] = np;
    }
    ycache_bytes += ypart_bytes(np);
    pthread_mutex_unlock(&ycache_mu);
}

void completeness_cache_drop(void)
{
    pthread_mutex_lock(&ycache_mu);
    for (size_t i = 0; i < ycache_n; i++) ypart_free(ycache[i]);
    free(ycache);
    ycache = NULL;
    ycache_n = ycache_cap = ycache_bytes = 0;
    pthread_mutex_unlock(&ycache_mu);
}

/* The output rows, found by unit id through a small open-addressing table. */
struct yout {
    dv_arena *a;
    struct year_table *out;
    struct year_row *rows;
    size_t nrows, cap;
    long *slots;     /* hash → row index + 1, 0 = empty */
    size_t nslots;
};

static struct year_row *yout_row(struct yout *o, int64_t id, const char *code, const char *name)
{
    size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (o->nslots - 1);
    for (size_t probe = 0; probe < o->nslots; probe++, h = (h + 1) & (o->nslots - 1)) {
        long v = o->slots[h];
        if (v && o->rows[v - 1].unit_id == id) return &o->rows[v - 1];
        if (!v) {
            o->rows = arena_grow(o->a, o->rows, o->nrows, &o->cap, sizeof *o->rows);
            struct year_row *r = &o->rows[o->nrows];
            r->unit_id = id;
            r->code = arena_strdup(o->a, code);
            r->name = arena_strdup(o->a, name);
            r->years = arena_alloc(o->a, o->out->nyears * sizeof *r->years);
            size_t ni = o->out->nindicators ? o->out->nindicators : 1;
            for (size_t q = 0; q < o->out->nyears; q++) r->years[q].sums = arena_alloc(o->a, ni * sizeof(double));
            o->slots[h] = (long)++o->nrows;
            return r;
        }
    }
    return NULL; /* the table is full: cannot happen (nslots > 2 × rows kept) */
}

static void yout_fold(struct yout *o, const struct ypart *p, size_t y)
{
    for (size_t i = 0; i < p->n; i++) {
        const struct ypart_row *pr = &p->rows[i];
        struct year_row *r = yout_row(o, pr->top, pr->code, pr->name);
        if (!r) continue;
        compl_counts_add(&r->years[y].c, &pr->c);
        for (size_t k = 0; k < p->nind; k++) r->years[y].sums[k] += pr->sums[k];
    }
}

struct ytab {
    dv_arena *a;
    size_t ni;
    struct ypart_row *rows;   /* arena, while computing one period */
    size_t nrows, cap;
    int forest;
    const struct compl_node *nodes;
    size_t nn;
    long *rowix;              /* per node: the row of its top, -1 until known */
};

/* The row of a node: its depth-0 ancestor (forest), or its depth-1 ancestor under a root
 * (the root itself is its own row); -1 when the chain is broken. */
static long ytab_row(struct ytab *t, const struct compl_node *x)
{
    int stop = t->forest ? 0 : 1;
    for (int guard = 0; x && x->depth > stop && guard < 70; guard++) x = compl_node_find(t->nodes, t->nn, x->parent_id);
    if (!x) return -1;
    size_t ti = (size_t)(x - t->nodes);
    if (t->rowix[ti] >= 0) return t->rowix[ti];
    t->rows = arena_grow(t->a, t->rows, t->nrows, &t->cap, sizeof *t->rows);
    struct ypart_row *r = &t->rows[t->nrows];
    r->top = x->id;
    r->code = (char *)x->code;
    r->name = (char *)x->name;
    r->sums = arena_alloc(t->a, (t->ni ? t->ni : 1) * sizeof(double));
    return t->rowix[ti] = (long)t->nrows++;
}

/* Computes one period's contribution into a malloc'd ypart (not yet cached). */
static int ypart_compute(dv_db *db, dv_arena *a, int64_t regime_id, int64_t root_id,
                         const struct compl_year_period *per, const char *today, const struct compl_choice *inds,
                         size_t ni, const struct ind_ix *ixs, struct ypart **out)
{
    int rc;
    struct compl_node *nodes;
    size_t nn;
    rc = root_id ? compl_store_tree_at(db, a, root_id, per->close_end, &nodes, &nn)
                 : compl_store_forest_at(db, a, per->close_end, &nodes, &nn);
    if (rc) return rc;
    if (nn) qsort(nodes, nn, sizeof *nodes, compl_node_cmp);
    struct ytab t = {.a = a, .ni = ni, .forest = root_id == 0, .nodes = nodes, .nn = nn};
    t.rowix = arena_alloc(a, (nn ? nn : 1) * sizeof *t.rowix);
    for (size_t i = 0; i < nn; i++) t.rowix[i] = -1;
    struct expected_unit *ex;
    size_t nex;
    if ((rc = expected_units(db, a, per->id, &ex, &nex)) != 0) return rc;
    struct compl_report *reps;
    size_t nrep;
    if ((rc = compl_store_reports(db, a, regime_id, per->id, &reps, &nrep)) != 0) return rc;
    struct compl_sum *sums;
    size_t ns;
    if ((rc = compl_store_sums(db, a, per->id, &sums, &ns)) != 0) return rc;
    int settled = strcmp(today, per->close_end) > 0;
    for (size_t i = 0; i < nex; i++) {
        const struct compl_node *x = compl_node_find(nodes, nn, ex[i].unit_id);
        if (!x) continue;
        long ri = ytab_row(&t, x);
        if (ri < 0) continue;
        struct compl_report key = {.unit_id = x->id};
        const struct compl_report *rep = nrep ? bsearch(&key, reps, nrep, sizeof *reps, report_cmp) : NULL;
        const char *deadline = ex[i].deadline[0] ? ex[i].deadline : per->close_end;
        if (strcmp(today, deadline) <= 0) settled = 0;
        int approved;
        enum compl_status s = classify(rep, deadline, today, &approved);
        count_status(&t.rows[ri].c, s, approved);
    }
    for (size_t i = 0; i < ns; i++) {
        const struct compl_node *x = compl_node_find(nodes, nn, sums[i].unit_id);
        if (!x) continue;
        struct ind_ix key = {.id = sums[i].indicator_id};
        const struct ind_ix *ix = ni ? bsearch(&key, ixs, ni, sizeof *ixs, ind_ix_cmp) : NULL;
        if (!ix) continue;
        long ri = ytab_row(&t, x);
        if (ri < 0) continue;
        t.rows[ri].sums[ix->ix] += sums[i].total;
    }
    struct ypart *p = xcalloc(1, sizeof *p);
    p->regime = regime_id;
    p->period = per->id;
    p->root = root_id;
    snprintf(p->today, sizeof p->today, "%s", today);
    p->settled = settled;
    p->nind = ni;
    p->ind_ids = xcalloc(ni ? ni : 1, sizeof *p->ind_ids);
    for (size_t i = 0; i < ni; i++) p->ind_ids[i] = inds[i].id;
    p->n = t.nrows;
    p->rows = xcalloc(t.nrows ? t.nrows : 1, sizeof *p->rows);
    for (size_t i = 0; i < t.nrows; i++) {
        p->rows[i] = t.rows[i];
        p->rows[i].code = xstrdup(t.rows[i].code ? t.rows[i].code : "");
        p->rows[i].name = xstrdup(t.rows[i].name ? t.rows[i].name : "");
        p->rows[i].sums = xcalloc(ni ? ni : 1, sizeof(double));
        if (ni) memcpy(p->rows[i].sums, t.rows[i].sums, ni * sizeof(double));
    }
    *out = p;
    return 0;
}

/* ---- the tallies in the store (0018_compl_tallies.sql) ----
 * A ypart's rows as one blob: "YTL1", nind, n (uint32), nind indicator ids (int64), then per
 * row: top (int64), the eight counts (int64), nind sums (double), code and name (uint16
 * length + bytes). Native byte order: the blob is a cache of this build's computation, read
 * back by the same kind of machine; a blob that does not parse is a miss. */
#define TALLY_MAGIC 0x314C5459u /* "YTL1" */

static void put_u32(dv_buf *b, uint32_t v) { buf_append(b, &v, sizeof v); }
static void put_i64(dv_buf *b, int64_t v) { buf_append(b, &v, sizeof v); }
static void put_str(dv_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    uint16_t l = (uint16_t)(n > 65535 ? 65535 : n);
    buf_append(b, &l, sizeof l);
    buf_append(b, s ? s : "", l);
}

static void tally_encode(const struct ypart *p, dv_buf *b)
{
    put_u32(b, TALLY_MAGIC);
    put_u32(b, (uint32_t)p->nind);
    put_u32(b, (uint32_t)p->n);
    for (size_t k = 0; k < p->nind; k++) put_i64(b, p->ind_ids[k]);
    for (size_t i = 0; i < p->n; i++) {
        const struct ypart_row *r = &p->rows[i];
        put_i64(b, r->top);
        const long c[8] = {r->c.expected, r->c.received, r->c.on_time, r->c.late,
                           r->c.missing, r->c.returned, r->c.not_due, r->c.approved};
        for (int k = 0; k < 8; k++) put_i64(b, c[k]);
        if (p->nind) buf_append(b, r->sums, p->nind * sizeof(double));
        put_str(b, r->code);
        put_str(b, r->name);
    }
}

struct rd {
    const unsigned char *p, *end;
    int bad;
};
static void rd_take(struct rd *r, void *to, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        memset(to, 0, n);
        return;
    }
    memcpy(to, r->p, n);
    r->p += n;
}
static char *rd_str(struct rd *r)
{
    uint16_t l = 0;
    rd_take(r, &l, sizeof l);
    if (r->bad || (size_t)(r->end - r->p) < l) {
        r->bad = 1;
        return xstrdup("");
    }
    char *s = xstrndup((const char *)r->p, l);
    r->p += l;
    return s;
}

/* The stored tally as a malloc'd ypart, or NULL when it does not parse or its indicators
 * are not these. */
static struct ypart *tally_decode(const struct compl_tally *t, const struct compl_choice *inds, size_t ni)
{
    struct rd r = {t->blob, (const unsigned char *)t->blob + t->len, 0};
    uint32_t magic, nind, n;
    rd_take(&r, &magic, sizeof magic);
    rd_take(&r, &nind, sizeof nind);
    rd_take(&r, &n, sizeof n);
    if (r.bad || magic != TALLY_MAGIC || nind != ni || n > t->len) return NULL;
    struct ypart *p = xcalloc(1, sizeof *p);
    p->nind = ni;
    p->ind_ids = xcalloc(ni ? ni : 1, sizeof *p->ind_ids);
    for (size_t k = 0; k < ni; k++) {
        rd_take(&r, &p->ind_ids[k], sizeof(int64_t));
        if (p->ind_ids[k] != inds[k].id) r.bad = 1;
    }
    p->rows = xcalloc(n ? n : 1, sizeof *p->rows);
    for (size_t i = 0; i < n && !r.bad; i++) {
        struct ypart_row *w = &p->rows[i];
        p->n = i + 1;
        rd_take(&r, &w->top, sizeof w->top);
        int64_t c[8];
        rd_take(&r, c, sizeof c);
        w->c = (struct compl_counts){c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]};
        w->sums = xcalloc(ni ? ni : 1, sizeof(double));
        if (ni) rd_take(&r, w->sums, ni * sizeof(double));
        w->code = rd_str(&r);
        w->name = rd_str(&r);
    }
    if (r.bad || r.p != r.end) {
        ypart_free(p);
        return NULL;
    }
    return p;
}

/* Whether a stored tally answers for today under these counters. */
static int tally_fresh(const struct compl_tally *t, int64_t version, int64_t pversion, const char *today)
{
    if (t->version != version || t->pversion != pversion || !t->computed_on) return 0;
    int c = strcmp(today, t->computed_on);
    return c == 0 || (c > 0 && t->settled);
}

static const struct compl_tally *tally_find(const struct compl_tally *ts, size_t n, int64_t period)
{
    for (size_t i = 0; i < n; i++)
        if (ts[i].period_id == period) return &ts[i];
    return NULL;
}

/* The computed ypart as a tally to store, its blob in a. */
static struct compl_tally tally_of(dv_arena *a, const struct ypart *p)
{
    dv_buf b = DV_BUF_INIT;
    tally_encode(p, &b);
    void *blob = arena_alloc(a, b.len ? b.len : 1);
    if (b.len) memcpy(blob, b.data, b.len);
    struct compl_tally t = {p->period, p->version, p->pversion, arena_strdup(a, p->today), p->settled, blob, b.len};
    buf_free(&b);
    return t;
}

/* Writes the periods computed by this call, in one short transaction of their own. Not when
 * the caller is inside a transaction (it may be reading a snapshot older than the counters
 * it saw), and not an error when the store is busy: a later call writes them then. */
static void tallies_save(dv_db *db, int64_t regime_id, int64_t root_id, const struct compl_tally *ts, size_t n)
{
    if (!n || db_in_transaction(db)) return;
    if (db_begin(db)) return;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = compl_store_tally_put(db, regime_id, root_id, &ts[i]);
    if (rc == 0 && db_commit(db) == 0) return;
    db_rollback(db);
}

int completeness_year_table(dv_db *db, dv_arena *a, int64_t regime_id, int64_t root_id, int from_year, int to_year,
                            const char *today, struct year_table *out)
{
    memset(out, 0, sizeof *out);
    if (to_year < from_year || to_year - from_year > 200) return DV_EINVAL;
    char today_buf[11];
    if (!today) {
        clock_vn_today(today_buf);
        today = today_buf;
    }
    int rc;
    int64_t version = 0;
    if ((rc = compl_store_version(db, &version)) != 0) return rc; /* read before the data */
    out->from_year = from_year;
    out->nyears = (size_t)(to_year - from_year + 1);
    if ((rc = compl_store_indicators(db, a, regime_id, &out->indicators, &out->nindicators)) != 0) return rc;
    size_t ni = out->nindicators;
    struct ind_ix *ixs = arena_alloc(a, (ni ? ni : 1) * sizeof *ixs);
    for (size_t i = 0; i < ni; i++) ixs[i] = (struct ind_ix){out->indicators[i].id, i};
    if (ni) qsort(ixs, ni, sizeof *ixs, ind_ix_cmp);
    struct compl_year_period *ps;
    size_t np;
    if ((rc = compl_store_periods_years(db, a, regime_id, from_year, to_year, &ps, &np)) != 0) return rc;

    const char *dbname = db_filename(db);
    if (!dbname) dbname = "";
    struct yout o = {.a = a, .out = out, .nslots = 16384};
    o.slots = arena_alloc(a, o.nslots * sizeof *o.slots);
    struct compl_tally *stored = NULL; /* read at the first period missing from memory */
    size_t nstored = 0;
    int stored_read = 0;
    struct compl_tally *fresh = arena_alloc(a, (np ? np : 1) * sizeof *fresh); /* computed here: to store */
    size_t nfresh = 0;
    for (size_t j = 0; j < np; j++) {
        size_t y = (size_t)(ps[j].year - from_year);
        int hit = 0;
        pthread_mutex_lock(&ycache_mu);
        long k = ycache_slot(dbname, regime_id, ps[j].id, root_id, today);
        if (k >= 0 && ypart_fresh(ycache[k], version, ps[j].version, out->indicators, ni)) {
            yout_fold(&o, ycache[k], y);
            hit = 1;
        }
        pthread_mutex_unlock(&ycache_mu);
        if (hit) continue;
        if (!stored_read) {
            stored_read = 1;
            if (compl_store_tallies(db, a, regime_id, root_id, &stored, &nstored) != 0) nstored = 0;
        }
        const struct compl_tally *st = tally_find(stored, nstored, ps[j].id);
        struct ypart *p = st && tally_fresh(st, version, ps[j].version, today) ? tally_decode(st, out->indicators, ni)
                                                                             : NULL;
        int computed = !p;
        if (p) {
            p->regime = regime_id;
            p->period = ps[j].id;
            p->root = root_id;
            snprintf(p->today, sizeof p->today, "%s", today);
            p->settled = st->settled;
        } else {
            if ((rc = ypart_compute(db, a, regime_id, root_id, &ps[j], today, out->indicators, ni, ixs, &p)) != 0)
                return rc;
        }
        p->version = version;
        p->pversion = ps[j].version;
        p->db = xstrdup(dbname);
        if (computed) fresh[nfresh++] = tally_of(a, p);
        yout_fold(&o, p, y);
        ycache_put(p); /* p belongs to the cache from here on */
    }
    tallies_save(db, regime_id, root_id, fresh, nfresh);
    if (o.nrows) qsort(o.rows, o.nrows, sizeof *o.rows, year_row_cmp);
    out->rows = o.rows;
    out->nrows = o.nrows;
    return 0;
}
