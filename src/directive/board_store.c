/* board_store.c - the bulk reads of the follow-up board (board.h): first the few tasks that
 * need their whole history (a deadline change, or a completion that was ever returned),
 * then the tasks of the scope from the covering index tasks_lead (every task, or those of
 * each unit of a subtree), or a document's tasks by tasks_source. The confirmed completion
 * of the others is mirrored on the task's row (done_on, confirmed_on). */
#include "directive/board.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLS "id, lead_unit_id, assigned_on, deadline, done_on, confirmed_on"
static const char *SQL_ALL = "SELECT " COLS " FROM tasks";
static const char *SQL_UNIT = "SELECT " COLS " FROM tasks WHERE lead_unit_id = ?1";
static const char *SQL_DOC = "SELECT " COLS " FROM tasks WHERE source_kind = 'document' AND source_id = ?1";
/* The histories: the first column the task, the second the order within it. A changed task's
 * original deadline is the first change's old deadline (by id: the order they were made). */
static const char *SQL_CHANGES =
    "SELECT c.task_id, c.id, c.changed_on, c.new_deadline, c.old_deadline FROM task_deadline_changes c";
static const char *SQL_CHANGES_UNIT =
    "SELECT c.task_id, c.id, c.changed_on, c.new_deadline, c.old_deadline FROM tasks t"
    " JOIN task_deadline_changes c ON c.task_id = t.id WHERE t.lead_unit_id = ?1";
static const char *SQL_RETURNED =
    "SELECT c.task_id, c.id, c.submitted_on, COALESCE(c.decided_on, ''), c.decision FROM task_completions c"
    " WHERE c.task_id IN (SELECT r.task_id FROM task_completions r WHERE r.decision = 'returned')";
static const char *SQL_RETURNED_UNIT =
    "SELECT c.task_id, c.id, c.submitted_on, COALESCE(c.decided_on, ''), c.decision FROM tasks t"
    " JOIN task_completions c ON c.task_id = t.id WHERE t.lead_unit_id = ?1"
    " AND EXISTS (SELECT 1 FROM task_completions r WHERE r.task_id = t.id AND r.decision = 'returned')";

int32_t board_day(const char *iso)
{
    if (!iso) return 0;
    int v[10];
    for (int i = 0; i < 10; i++) { /* in order: stops at a short string's terminator */
        if (i == 4 || i == 7) {
            if (iso[i] != '-') return 0;
            continue;
        }
        v[i] = iso[i] - '0';
        if (v[i] < 0 || v[i] > 9) return 0;
    }
    return (int32_t)clock_days_from_civil(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[5] * 10 + v[6], v[8] * 10 + v[9]);
}

static void *grow(void *p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 1024;
    return xrealloc(p, *cap * sz);
}

static void copy10(char out[11], const char *s)
{
    snprintf(out, 11, "%s", s ? s : "");
}

/* A row of the two history scans, before they are merged into board_data.cx. */
struct hrow {
    int64_t task_id, id;
    char a[11], b[11], c[11];    /* changed_on, new and old deadline; or submitted_on, decided_on, decision */
};

static int hrow_cmp(const void *x, const void *y)
{
    const struct hrow *p = x, *q = y;
    if (p->task_id != q->task_id) return p->task_id < q->task_id ? -1 : 1;
    int c = strcmp(p->a, q->a); /* changed_on / submitted_on, then id: the timeline's order */
    if (c) return c;
    return p->id < q->id ? -1 : p->id > q->id;
}

static int hist_rows(dv_stmt *st, struct hrow **out, size_t *n, size_t *cap)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        *out = grow(*out, *n, cap, sizeof **out);
        struct hrow *h = &(*out)[(*n)++];
        h->task_id = db_col_int(st, 0);
        h->id = db_col_int(st, 1);
        copy10(h->a, db_col_text(st, 2));
        copy10(h->b, db_col_text(st, 3));
        copy10(h->c, db_col_text(st, 4));
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

/* Every row of sql (units NULL), or of sql_unit for each unit; sorted. */
static int load_hist(dv_db *db, const char *sql, const char *sql_unit, const int64_t *units, size_t n_units,
                     struct hrow **out, size_t *n)
{
    size_t cap = 0;
    int rc = DV_OK;
    if (!units) {
        dv_stmt *st = db_prepare(db, sql);
        rc = st ? hist_rows(st, out, n, &cap) : DV_EDB;
    } else {
        for (size_t i = 0; i < n_units && rc == DV_OK; i++) {
            dv_stmt *st = db_prepare(db, sql_unit);
            if (!st) return DV_EDB;
            db_bind_int(st, 1, units[i]);
            rc = hist_rows(st, out, n, &cap);
        }
    }
    if (rc == DV_OK && *n) qsort(*out, *n, sizeof **out, hrow_cmp);
    return rc;
}

/* The tasks with a moved deadline or a returned completion, by id, with their pools. */
struct cx_index {
    int64_t *ids;
    unsigned char *returned;   /* its steps are its completions (else from the task's row) */
    size_t n;
};

static long cx_find(const struct cx_index *x, int64_t id)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < x->n && x->ids[lo] == id ? (long)lo : -1;
}

/* The histories of the scope's complex tasks (assigned_on and, for a task whose deadline
 * never moved, the original deadline are filled in from its row by scan_rows). */
static int load_complex(dv_db *db, const int64_t *units, size_t n_units, struct board_data *d, struct cx_index *x,
                        size_t *scap)
{
    struct hrow *ch = NULL, *rt = NULL;
    size_t nch = 0, nrt = 0;
    int rc = load_hist(db, SQL_CHANGES, SQL_CHANGES_UNIT, units, n_units, &ch, &nch);
    if (rc == DV_OK) rc = load_hist(db, SQL_RETURNED, SQL_RETURNED_UNIT, units, n_units, &rt, &nrt);
    if (rc == DV_OK) {
        size_t cap = nch + nrt + 1;
        x->ids = xrealloc(NULL, cap * sizeof *x->ids);
        x->returned = xcalloc(cap, 1);
        d->cx = xrealloc(NULL, cap * sizeof *d->cx);
        d->changes = xrealloc(NULL, (nch + 1) * sizeof *d->changes);
        *scap = nrt + 1024;
        d->steps = xrealloc(NULL, *scap * sizeof *d->steps);
        size_t i = 0, j = 0;
        while (i < nch || j < nrt) {
            int64_t id = i < nch && (j >= nrt || ch[i].task_id <= rt[j].task_id) ? ch[i].task_id : rt[j].task_id;
            struct board_cx *c = &d->cx[d->n_cx];
            memset(c, 0, sizeof *c);
            c->ch_off = (uint32_t)d->n_changes;
            int64_t first = 0;
            for (; i < nch && ch[i].task_id == id; i++, c->ch_n++) {
                if (!first || ch[i].id < first) {
                    first = ch[i].id;
                    memcpy(c->deadline_original, ch[i].c, 11);
                }
                memcpy(d->changes[d->n_changes].changed_on, ch[i].a, 11);
                memcpy(d->changes[d->n_changes++].deadline, ch[i].b, 11);
            }
            c->st_off = (uint32_t)d->n_steps;
            for (; j < nrt && rt[j].task_id == id; j++, c->st_n++) {
                struct task_completion_step *s = &d->steps[d->n_steps++];
                memcpy(s->submitted_on, rt[j].a, 11);
                memcpy(s->decided_on, rt[j].b, 11);
                s->decision = rt[j].c[0] == 'c' ? 'c' : rt[j].c[0] == 'r' ? 'r' : 'p';
            }
            x->returned[x->n] = c->st_n > 0;
            x->ids[x->n++] = id;
            d->n_cx++;
        }
    }
    free(ch);
    free(rt);
    return rc;
}

struct scan {
    struct board_data *d;
    const struct cx_index *x;
    size_t cap, scap;
};

/* The rows of one statement (bound by the caller). */
static int scan_rows(dv_stmt *st, struct scan *s)
{
    struct board_data *d = s->d;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        d->tasks = grow(d->tasks, d->n, &s->cap, sizeof *d->tasks);
        struct board_task *t = &d->tasks[d->n++];
        t->lead_unit_id = db_col_int(st, 1);
        t->assigned = board_day(db_col_text(st, 2));
        t->deadline = board_day(db_col_text(st, 3));
        t->done = board_day(db_col_text(st, 4));
        t->confirmed = board_day(db_col_text(st, 5));
        t->cx = (int32_t)cx_find(s->x, db_col_int(st, 0));
        if (t->cx < 0) continue;
        struct board_cx *c = &d->cx[t->cx];
        copy10(c->assigned_on, db_col_text(st, 2));
        if (!c->ch_n) copy10(c->deadline_original, db_col_text(st, 3)); /* never moved */
        if (s->x->returned[t->cx] || !t->done || c->st_n) continue;
        /* a moved deadline, never returned: its confirmed completion from the row */
        d->steps = grow(d->steps, d->n_steps, &s->scap, sizeof *d->steps);
        struct task_completion_step *p = &d->steps[d->n_steps];
        copy10(p->submitted_on, db_col_text(st, 4));
        copy10(p->decided_on, db_col_text(st, 5));
        p->decision = 'c';
        c->st_off = (uint32_t)d->n_steps++;
        c->st_n = 1;
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

static int load_tasks(dv_db *db, const int64_t *units, size_t n_units, int64_t document_id, struct scan *s)
{
    if (document_id > 0 || !units) {
        dv_stmt *st = db_prepare(db, document_id > 0 ? SQL_DOC : SQL_ALL);
        if (!st) return DV_EDB;
        if (document_id > 0) db_bind_int(st, 1, document_id);
        return scan_rows(st, s);
    }
    for (size_t i = 0; i < n_units; i++) {
        dv_stmt *st = db_prepare(db, SQL_UNIT);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, units[i]);
        int rc = scan_rows(st, s);
        if (rc) return rc;
    }
    return DV_OK;
}

int board_store_load(dv_db *db, const int64_t *units, size_t n_units, int64_t document_id, struct board_data *out)
{
    memset(out, 0, sizeof *out);
    struct cx_index x = {0};
    int rc = db_begin_read(db);
    if (rc) return rc;
    struct scan s = {.d = out, .x = &x};
    /* a document's tasks may be led anywhere: the histories of all (few) complex tasks */
    rc = load_complex(db, document_id > 0 ? NULL : units, n_units, out, &x, &s.scap);
    if (rc == DV_OK) rc = load_tasks(db, units, n_units, document_id, &s);
    db_end_read(db);
    free(x.ids);
    free(x.returned);
    if (rc) board_data_free(out);
    return rc;
}

void board_data_free(struct board_data *d)
{
    free(d->tasks);
    free(d->cx);
    free(d->changes);
    free(d->steps);
    memset(d, 0, sizeof *d);
}
