/* task.h - tasks (nhiệm vụ), the shared currency of follow-up: what a document, an inspection,
 * a conference or a dialogue asks of a unit, with its deadlines, cascades and completions,
 * and the status of a task computed for ANY date from its dated history (never typed).
 *
 * Other areas make tasks from their records with task_create_from(); everything else about a
 * task (assignment pages, cascades, completions, the follow-up board) lives in src/directive/.
 *
 * Status as of a date D (the Government's four groups, QĐ 42/2014/QĐ-TTg, plus returned):
 *   - D before assigned_on: TS_NONE (the task did not exist yet);
 *   - the deadline in force on D: deadline_original, then each change whose changed_on <= D,
 *     in order of changed_on (task_deadline_as_of);
 *   - done: a completion confirmed on or before D (decided_on <= D). It is TS_DONE_ON_TIME
 *     when its submitted_on is on or before the deadline in force on submitted_on, else
 *     TS_DONE_LATE (an extension granted after the work was done does not make it on time);
 *   - returned: the latest completion submitted on or before D was returned on or before D
 *     and nothing was submitted again since: TS_RETURNED;
 *   - otherwise not done (a submission awaiting its decision counts as not done):
 *     TS_OPEN_WITHIN when D <= the deadline in force on D, else TS_OPEN_OVERDUE.
 *   - overdue age on D: days from the deadline in force on D to D (0 unless not done or
 *     returned and past the deadline); a task escalates to the parent unit's staff when that
 *     age reaches settings.directive_escalate_days.
 * Dates are ISO "YYYY-MM-DD" (Vietnam calendar days). Strings returned live in the arena. */
#ifndef DV_TASK_H
#define DV_TASK_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct dv_user;

enum task_status {
    TS_NONE = 0,       /* not assigned yet on that date */
    TS_DONE_ON_TIME,   /* hoàn thành đúng hạn */
    TS_DONE_LATE,      /* hoàn thành quá hạn */
    TS_OPEN_WITHIN,    /* chưa hoàn thành, trong hạn */
    TS_OPEN_OVERDUE,   /* chưa hoàn thành, quá hạn */
    TS_RETURNED,       /* completion returned by the assigning unit */
    TS_COUNT
};

const char *task_status_code(enum task_status s);   /* "on_time", "late", "within", "overdue", "returned", "none" */
const char *task_status_label(enum task_status s);  /* translated */
int task_status_parse(const char *code, enum task_status *out); /* 0 / DV_EINVAL */

/* ---- what a new task needs (also the JSON API's and the assignment form's result) ---- */
struct task_input {
    const struct dv_user *actor;   /* who creates it (NULL = command line / demo) */
    const char *title;
    const char *description;       /* "" or NULL = none */
    int64_t assigner_unit_id;      /* confirms or returns completions */
    int64_t lead_unit_id;          /* chủ trì */
    const int64_t *coordinators;   /* phối hợp units, may be NULL */
    size_t n_coordinators;
    int64_t responsible_user_id;   /* 0 = none */
    const char *responsible_name;  /* free text when no account; NULL = "" */
    const char *product_kind;      /* "document", "session", "report", "activity" */
    const char *priority;          /* "low", "normal", "high", "urgent" (NULL = normal) */
    const char *assigned_on;       /* ISO; NULL = today */
    const char *deadline;          /* ISO, on or after assigned_on */
    int64_t parent_id;             /* cascaded from this task (0 = none) */
};

/* Source kinds a task may come from. */
#define TASK_SOURCE_DOCUMENT   "document"
#define TASK_SOURCE_INSPECTION "inspection"
#define TASK_SOURCE_CONFERENCE "conference"
#define TASK_SOURCE_DIALOGUE   "dialogue"

/* Creates a task from another area's record (source_kind above, source_id that record's id)
 * in its own transaction with its audit row. A parent's lead unit must contain the child's
 * lead unit (a cascade goes down one's own subtree). 0, DV_EINVAL (a field wrong: no title,
 * bad kind, deadline before assignment, unknown unit), DV_EDB. */
int task_create_from(dv_db *db, dv_arena *a, const struct task_input *in,
                     const char *source_kind, int64_t source_id, int64_t *id_out);
/* The same, inside a transaction the caller holds (for areas that create several at once). */
int task_create_tx(dv_db *db, const struct task_input *in, const char *source_kind,
                   int64_t source_id, int64_t *id_out);

/* ---- status: the dated history one task's status is computed from ---- */
struct task_deadline_step {
    char changed_on[11];           /* in force from this day */
    char deadline[11];             /* the new deadline */
};
struct task_completion_step {
    char submitted_on[11];
    char decided_on[11];           /* "" while pending */
    char decision;                 /* 'p' pending, 'c' confirmed, 'r' returned */
};
struct task_timeline {
    char assigned_on[11];
    char deadline_original[11];
    const struct task_deadline_step *changes;    /* ordered by changed_on, then id */
    size_t n_changes;
    const struct task_completion_step *steps;    /* ordered by submitted_on, then id */
    size_t n_steps;
};

/* Pure functions over a timeline (no store): */
const char *task_deadline_as_of(const struct task_timeline *t, const char *date); /* into t's storage */
enum task_status task_status_as_of(const struct task_timeline *t, const char *date);
/* Days past the deadline in force on date while not done (0 when within, done or TS_NONE). */
int task_overdue_days(const struct task_timeline *t, const char *date);
/* Submitted and awaiting a decision on date. 1/0. */
int task_pending_as_of(const struct task_timeline *t, const char *date);
/* Overdue by at least escalate_days on date. 1/0. */
int task_escalated_as_of(const struct task_timeline *t, const char *date, int escalate_days);

/* Reads one task's timeline from the store. DV_ENOTFOUND, DV_EDB. */
int task_timeline_load(dv_db *db, dv_arena *a, int64_t task_id, struct task_timeline *out);
/* task_timeline_load + task_status_as_of. */
int task_status_of(dv_db *db, dv_arena *a, int64_t task_id, const char *date, enum task_status *out);

/* Counts in the four groups plus returned (and all tasks that existed on the date). */
struct task_tally {
    long n[TS_COUNT];              /* indexed by enum task_status; n[TS_NONE] unused */
    long total;                    /* on_time + late + within + overdue + returned */
    long escalated;                /* overdue (or returned and past due) by escalate_days or more */
    long overdue_age_sum;          /* sum of overdue days of the not-done tasks past due */
    long overdue_age_max;
};
void task_tally_add(struct task_tally *t, enum task_status s, int overdue_days, int escalate_days);
void task_tally_merge(struct task_tally *into, const struct task_tally *from);
/* Done (on time + late) out of total, 0..100; 0 when total is 0. */
double task_tally_done_rate(const struct task_tally *t);

/* settings.directive_escalate_days (15 when unset or unreadable). */
int task_escalate_days(dv_db *db);
#define TASK_ESCALATE_MAX 365
/* Sets it (1..TASK_ESCALATE_MAX) in a transaction with its audit row; the boards and the
 * digests use the new value at once. 0, DV_EINVAL, DV_EDB. */
int task_escalate_days_set(dv_db *db, const struct dv_user *actor, const char *ip, int days);

#endif
