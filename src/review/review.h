/* review.h - inspection and supervision (kiểm tra, giám sát): annual plans, inspections with
 * their decision, team, subjects, findings, conclusion notice and recommendations (each a task
 * of src/directive/task.h, source_kind 'inspection').
 *
 * Rules (QĐ 331-QĐ/TW of 2025, made settings where the law gives a number):
 *   - the period inspected lies within the last REVIEW_MAX_YEARS years before the decision;
 *   - the legal maximum length counts calendar days from the day the team starts: the
 *     setting of the level (province 45, the level directly above the grassroots 20),
 *     extendable once by at most one third of it (rounded down: 15 and 6 days);
 *   - status goes planned → decided → in_progress → draft → concluded → closed, one step at a
 *     time, forward only; "closed" (follow-up closed) only when every recommendation's task
 *     has a confirmed completion (a conclusion without recommendations closes at once).
 * Dates are ISO "YYYY-MM-DD". Strings returned live in the arena. */
#ifndef DV_REVIEW_H
#define DV_REVIEW_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define REVIEW_MAX_YEARS 5
#define REVIEW_DAYS_PROVINCE 45   /* defaults when the settings are unset */
#define REVIEW_DAYS_UPPER 20

enum insp_status { IS_PLANNED, IS_DECIDED, IS_IN_PROGRESS, IS_DRAFT, IS_CONCLUDED, IS_CLOSED, IS_COUNT };

const char *insp_status_code(enum insp_status s);   /* "planned", … "closed" */
const char *insp_status_label(enum insp_status s);  /* translated */
int insp_status_parse(const char *code, enum insp_status *out); /* 0 / DV_EINVAL */
/* May an inspection go from `from` to `to`? Only the next step forward. 1/0. */
int insp_status_can_move(enum insp_status from, enum insp_status to);

/* ---- legal length ---- */
/* The most days an extension may add to a length of base days (one third, rounded down). */
int review_extension_max(int base_days);
/* 0 when extension_days is allowed on base_days (0 ≤ ext ≤ one third), else DV_EINVAL. */
int review_extension_check(int base_days, int extension_days);
/* The last day allowed: started_on + base + extension - 1 (day 1 is the start), into out[11]. */
void review_last_day(const char *started_on, int base_days, int extension_days, char out[11]);
/* Past the legal length on `date` while not concluded (ended_on NULL/"" or after it)? 1/0. */
int review_is_overdue(const char *started_on, int base_days, int extension_days, const char *ended_on,
                      const char *date);
/* The period covered must end on or before the decision date and start no earlier than
 * REVIEW_MAX_YEARS years before it (same day and month). 0 / DV_EINVAL. */
int review_period_check(const char *from, const char *to, const char *decision_date);
/* May the follow-up be closed: concluded, and n_done == n_total. 1/0. */
int review_can_close(enum insp_status st, size_t n_total, size_t n_done);

/* The legal length of a level ("province" / "upper") from the settings. */
int review_base_days(dv_db *db, const char *level);

/* ---- records ---- */
struct insp_plan {
    int64_t id, unit_id;
    int year;
    const char *title, *unit_name;
};
struct insp_plan_item {
    int64_t id, plan_id, subject_unit_id;
    const char *kind, *subject_name, *content, *period_from, *period_to;
    int month;
    int64_t inspection_id;         /* the inspection made from it, 0 none */
    const char *inspection_status; /* its status code, NULL none */
};
struct inspection {
    int64_t id, unit_id, plan_item_id;
    const char *unit_name, *kind, *level, *title, *content, *period_from, *period_to, *status;
    int64_t decision_number;
    const char *decision_series, *decision_date, *started_on;
    int extension_days;
    const char *extension_reason, *ended_on;
    int64_t conclusion_number;
    const char *conclusion_series, *conclusion_text, *closed_on;
};
struct insp_member { int64_t id; const char *role, *name, *position; };
struct insp_subject { int64_t unit_id; const char *name; };
struct insp_finding { int64_t id; const char *text, *file_name; size_t file_size; };
struct insp_rec {
    int64_t id, lead_unit_id, task_id, inspection_id;
    const char *text, *lead_name, *deadline, *task_state; /* tasks.state */
};

/* ---- writes: one transaction each, with its audit row (actor NULL = the command line) ---- */
int review_plan_create(dv_db *db, const struct dv_user *actor, int64_t unit_id, int year, const char *title,
                       int64_t *id_out); /* DV_ECONFLICT: the unit has that year's plan */
struct insp_plan_item_input {
    const char *kind, *content, *period_from, *period_to;
    int64_t subject_unit_id;
    int month;
};
int review_plan_item_add(dv_db *db, const struct dv_user *actor, int64_t plan_id, const struct insp_plan_item_input *in,
                         int64_t *id_out);
struct inspection_input {
    int64_t unit_id, plan_item_id;
    const char *kind, *level, *title, *content, *period_from, *period_to;
    const int64_t *subjects;
    size_t nsubjects;
};
int review_inspection_create(dv_db *db, const struct dv_user *actor, const struct inspection_input *in,
                             int64_t *id_out);
/* The decision: numbered in the issuer's QĐ series (doc_counters) on the decision date;
 * checks the period against that date. planned → decided. DV_EINVAL, DV_ECONFLICT (not planned). */
int review_inspection_decide(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date,
                             const char *series, int64_t *number_out);
/* decided → in_progress on started_on (on or after the decision). */
int review_inspection_start(dv_db *db, const struct dv_user *actor, int64_t id, const char *started_on);
/* in_progress/draft: extension of `days` (checked against the level's setting), with a reason. */
int review_inspection_extend(dv_db *db, const struct dv_user *actor, int64_t id, int days, const char *reason);
/* in_progress → draft with the draft conclusion text. */
int review_inspection_draft(dv_db *db, const struct dv_user *actor, int64_t id, const char *text);
/* draft → concluded: the notice numbered (TB) on date. */
int review_inspection_conclude(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date,
                               const char *series, int64_t *number_out);
/* concluded → closed on date when review_can_close. DV_ECONFLICT otherwise. */
int review_inspection_close(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date);
int review_member_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *role, const char *name,
                      const char *position);
int review_finding_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *text, const char *file_name,
                       const char *mime, const void *file, size_t len);
/* A recommendation and its task (assigned by the inspecting unit to lead_unit, today, due
 * deadline) in one transaction. Only concluded. */
int review_rec_add(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *text,
                   int64_t lead_unit_id, const char *deadline, int64_t *task_out);

/* ---- reads ---- */
int review_plan_get(dv_db *db, dv_arena *a, int64_t id, struct insp_plan *out);
int review_plans_list(dv_db *db, dv_arena *a, struct insp_plan **out, size_t *n);
int review_plan_items(dv_db *db, dv_arena *a, int64_t plan_id, struct insp_plan_item **out, size_t *n);
int review_plan_item_get(dv_db *db, dv_arena *a, int64_t item_id, struct insp_plan_item *out);
int review_inspection_get(dv_db *db, dv_arena *a, int64_t id, struct inspection *out);
int review_inspections_list(dv_db *db, dv_arena *a, struct inspection **out, size_t *n);
int review_members(dv_db *db, dv_arena *a, int64_t id, struct insp_member **out, size_t *n);
int review_subjects(dv_db *db, dv_arena *a, int64_t id, struct insp_subject **out, size_t *n);
int review_findings(dv_db *db, dv_arena *a, int64_t id, struct insp_finding **out, size_t *n);
int review_finding_file(dv_db *db, dv_arena *a, int64_t inspection_id, int64_t finding_id, const char **name,
                        const char **mime, const void **data, size_t *len);
int review_recs(dv_db *db, dv_arena *a, int64_t id, struct insp_rec **out, size_t *n);

/* The board of one year: plan items vs inspections made from them and concluded; inspections
 * past their legal length today; recommendations overdue today (task deadline passed, not confirmed). */
struct review_board {
    long planned, started, concluded, closed;
    struct inspection *late;    /* past the legal length */
    size_t nlate;
    struct insp_rec *overdue;   /* task not confirmed, deadline before today */
    size_t noverdue;
};
int review_board_load(dv_db *db, dv_arena *a, int year, const char *today, struct review_board *out);

#endif
