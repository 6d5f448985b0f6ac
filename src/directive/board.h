/* board.h - the follow-up board (bảng theo dõi): for a unit's subtree and a date, the tasks
 * led by each child unit (and by the unit itself) counted in the Government's four groups
 * plus returned, with overdue age and escalations; and the same totals over time.
 *
 * Speed: the tasks' dated histories are held in memory in compact form (board.c), loaded
 * per settings.directive_version (the triggers of 0019 move it with every change) and per
 * scope: a province's board loads only the tasks led inside its subtree (by the index on
 * the lead unit), the nation's every task, a document's board only that document's tasks.
 * Each (date, document) asked for keeps its per-unit tallies, so a board is a roll-up of
 * per-unit counts through today's tree. Status follows task_status_as_of() of task.h: the
 * tasks with a deadline change or a return go through it, the others through the same
 * rules on day numbers (a test compares both). */
#ifndef DV_DIRECTIVE_BOARD_H
#define DV_DIRECTIVE_BOARD_H

#include "core/arena.h"
#include "db/db.h"
#include "directive/task.h"

#include <stddef.h>
#include <stdint.h>

struct board_row {
    int64_t unit_id;
    const char *name;
    int own;                   /* the root's own tasks (not its children's) */
    int has_children;          /* a drill-down link makes sense */
    struct task_tally tally;   /* the unit's whole subtree (own row: the root alone) */
};

struct board {
    int64_t root_id;           /* 0 = the whole tree */
    const char *as_of;
    int64_t document_id;       /* 0 = every source */
    int escalate_days;
    struct task_tally total;
    struct board_row *rows;    /* own row first, then children in unit order */
    size_t n;
};

/* The board of root_id (0 = every root) as of as_of (ISO), for the tasks of one document
 * (document_id > 0) or all. 0 / DV_EDB. */
int board_compute(dv_db *db, dv_arena *a, int64_t root_id, const char *as_of, int64_t document_id,
                  struct board *out);
/* The subtree total of root_id on each of n dates (for the chart). */
int board_series(dv_db *db, dv_arena *a, int64_t root_id, const char *const *dates, size_t n,
                 int64_t document_id, struct task_tally *out);
/* Forget the cache (tests; after bulk loads in the same process it reloads by itself). */
void board_cache_clear(void);

/* ---- the rows board.c loads (board_store.c) ----
 * A task is held as day numbers (days since 1970) read from the covering index tasks_lead;
 * a task with a deadline change or a returned completion is "complex" (cx >= 0) and keeps
 * the full timeline task_status_as_of() reads. The plain ones are computed by the same
 * rules on the day numbers (board.c). Invariant relied on: tasks.deadline is the original
 * deadline unless task_deadline_changes has a row for the task (task_store keeps it). */
struct board_task {
    int64_t lead_unit_id;
    int32_t assigned, deadline, done, confirmed;  /* 0 = NULL */
    int32_t cx;                                   /* -1, or an index into board_data.cx */
};
struct board_cx {
    char assigned_on[11], deadline_original[11];
    uint32_t ch_off, st_off;   /* into the pools below */
    uint16_t ch_n, st_n;
};
struct board_data {
    struct board_task *tasks; size_t n;
    struct board_cx *cx; size_t n_cx;
    struct task_deadline_step *changes; size_t n_changes;
    struct task_completion_step *steps; size_t n_steps;
};
/* Loads the tasks led by units[0..n_units) (every task when units is NULL), or, when
 * document_id > 0, every task of that document (units ignored). malloc'd arrays in *out
 * (board_data_free). 0 / DV_EDB. */
int board_store_load(dv_db *db, const int64_t *units, size_t n_units, int64_t document_id, struct board_data *out);
void board_data_free(struct board_data *d);
/* Days since 1970 of an ISO date, 0 for NULL or anything else. */
int32_t board_day(const char *iso);

#endif
