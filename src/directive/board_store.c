/* board_store.c - the bulk reads of the follow-up board: every task with what its status on
 * any date needs (board.h), in three ordered scans (tasks, deadline changes, completions of
 * tasks that were ever returned; the others' confirmed completion is mirrored on the row). */
#include "directive/board.h"

#include "core/buf.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SQL_TASKS =
    "SELECT id, lead_unit_id, CASE WHEN source_kind = 'document' THEN COALESCE(source_id, 0) ELSE 0 END,"
    " assigned_on, deadline_original, done_on, confirmed_on,"
    " EXISTS (SELECT 1 FROM task_completions c WHERE c.task_id = tasks.id AND c.decision = 'returned')"
    " FROM tasks ORDER BY id";
static const char *SQL_CHANGES =
    "SELECT task_id, changed_on, new_deadline FROM task_deadline_changes ORDER BY task_id, changed_on, id";
static const char *SQL_RETURNED =
    "SELECT c.task_id, c.submitted_on, COALESCE(c.decided_on, ''), c.decision FROM task_completions c"
    " WHERE c.task_id IN (SELECT task_id FROM task_completions WHERE decision = 'returned')"
    " ORDER BY c.task_id, c.submitted_on, c.id";

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

static struct board_task *find(struct board_data *d, int64_t id)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->tasks[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < d->n && d->tasks[lo].id == id ? &d->tasks[lo] : NULL;
}

static int load_tasks(dv_db *db, struct board_data *d, unsigned char **returned)
{
    dv_stmt *st = db_prepare(db, SQL_TASKS);
    if (!st) return DV_EDB;
    size_t cap = 0, scap = 0, rcap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        d->tasks = grow(d->tasks, d->n, &cap, sizeof *d->tasks);
        *returned = grow(*returned, d->n, &rcap, 1);
        struct board_task *t = &d->tasks[d->n];
        memset(t, 0, sizeof *t);
        t->id = db_col_int(st, 0);
        t->lead_unit_id = db_col_int(st, 1);
        t->document_id = db_col_int(st, 2);
        copy10(t->assigned_on, db_col_text(st, 3));
        copy10(t->deadline_original, db_col_text(st, 4));
        (*returned)[d->n] = (unsigned char)db_col_int(st, 7);
        if (!db_col_is_null(st, 5) && !(*returned)[d->n]) {
            d->steps = grow(d->steps, d->n_steps, &scap, sizeof *d->steps);
            struct task_completion_step *s = &d->steps[d->n_steps];
            copy10(s->submitted_on, db_col_text(st, 5));
            copy10(s->decided_on, db_col_text(st, 6));
            s->decision = 'c';
            t->st_off = (uint32_t)d->n_steps++;
            t->st_n = 1;
        }
        d->n++;
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

static int load_changes(dv_db *db, struct board_data *d)
{
    dv_stmt *st = db_prepare(db, SQL_CHANGES);
    if (!st) return DV_EDB;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct board_task *t = find(d, db_col_int(st, 0));
        if (!t) continue;
        d->changes = grow(d->changes, d->n_changes, &cap, sizeof *d->changes);
        struct task_deadline_step *c = &d->changes[d->n_changes];
        copy10(c->changed_on, db_col_text(st, 1));
        copy10(c->deadline, db_col_text(st, 2));
        if (!t->ch_n) t->ch_off = (uint32_t)d->n_changes;
        t->ch_n++;
        d->n_changes++;
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

static int load_returned(dv_db *db, struct board_data *d)
{
    dv_stmt *st = db_prepare(db, SQL_RETURNED);
    if (!st) return DV_EDB;
    size_t cap = d->n_steps;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct board_task *t = find(d, db_col_int(st, 0));
        if (!t) continue;
        d->steps = grow(d->steps, d->n_steps, &cap, sizeof *d->steps);
        struct task_completion_step *s = &d->steps[d->n_steps];
        copy10(s->submitted_on, db_col_text(st, 1));
        copy10(s->decided_on, db_col_text(st, 2));
        const char *dec = db_col_text(st, 3);
        s->decision = dec && dec[0] == 'c' ? 'c' : dec && dec[0] == 'r' ? 'r' : 'p';
        if (!t->st_n) t->st_off = (uint32_t)d->n_steps;
        t->st_n++;
        d->n_steps++;
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

int board_store_load(dv_db *db, struct board_data *out)
{
    memset(out, 0, sizeof *out);
    unsigned char *returned = NULL;
    int rc = db_begin_read(db);
    if (rc) return rc;
    rc = load_tasks(db, out, &returned);
    if (rc == DV_OK) rc = load_changes(db, out);
    if (rc == DV_OK) rc = load_returned(db, out);
    db_end_read(db);
    free(returned);
    if (rc) board_data_free(out);
    return rc;
}

void board_data_free(struct board_data *d)
{
    free(d->tasks);
    free(d->changes);
    free(d->steps);
    memset(d, 0, sizeof *d);
}
