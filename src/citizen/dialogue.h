/* dialogue.h - leaders' dialogues with citizens (đối thoại) and Party secretaries' reception
 * days (tiếp công dân), in SQL in dialogue_store.c. A dialogue is announced on the portal
 * at least DIALOGUE_NOTICE_DAYS ahead; its questions, commitments (each made a task of the
 * directives area when it is there) and results are published within DIALOGUE_RESULT_DAYS.
 * Reception days count against a monthly minimum: citizen.reception_min_province for units
 * of the province level, citizen.reception_min_commune for communes and what lies under them. */
#ifndef DV_CITIZEN_DIALOGUE_H
#define DV_CITIZEN_DIALOGUE_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define DIALOGUE_NOTICE_DAYS 7
#define DIALOGUE_RESULT_DAYS 10

struct dialogue_input {
    int64_t unit_id;
    const char *leader, *topic, *place, *held_on, *held_time, *participants;
    const char *announced_on; /* ISO; NULL = today (the 7 days are counted from it) */
};

struct dialogue {
    int64_t id, unit_id;
    const char *unit_name, *leader, *topic, *place, *held_on, *held_time, *participants, *questions, *results,
        *announced_on, *results_on;
    int late;                  /* results published after 10 days, or still missing after them */
    int held;                  /* held_on <= today */
};

struct commitment {
    int64_t id, unit_id, task_id;
    const char *text, *unit_name, *due;
};

/* DV_EINVAL bad input; DV_ETOOBIG (sic: too late) when held_on is sooner than 7 days from today. */
int dialogue_create(dv_db *db, const struct dv_user *actor, const struct dialogue_input *in, int64_t *id_out);
/* The questions raised and the results; DV_ECONFLICT before the dialogue is held. */
/* on: the day they are published (ISO), NULL = today. */
int dialogue_results(dv_db *db, const struct dv_user *actor, int64_t id, const char *questions, const char *results,
                     const char *on);
int dialogue_commitment_add(dv_db *db, const struct dv_user *actor, int64_t dialogue_id, const char *text,
                            int64_t unit_id, const char *due, int64_t task_id, int64_t *id_out);
/* The commitment made a task of the directives area (dialogue_commit.c), both in one
 * transaction: DV_EINVAL as task_create_from (a deadline before today, an unknown unit). */
int dialogue_commitment_with_task(dv_db *db, const struct dv_user *actor, const struct dialogue *d, const char *text,
                                  int64_t unit_id, const char *due, int64_t *id_out);
int dialogue_get(dv_db *db, dv_arena *a, int64_t id, struct dialogue *out);
/* Dialogues of units in root's subtree (0: all), newest first. */
int dialogue_list(dv_db *db, dv_arena *a, int64_t root, struct dialogue **out, size_t *n);
int dialogue_commitments(dv_db *db, dv_arena *a, int64_t id, struct commitment **out, size_t *n);
/* Dialogues held in [from, to] by units of unit_id's subtree. */
int dialogue_count_held(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n);

struct reception_input {
    int64_t unit_id;
    const char *secretary, *day, *place, *notes;
    int citizens;
};
struct reception {
    int64_t id, unit_id;
    const char *unit_name, *secretary, *day, *place, *notes;
    int citizens;
};
int reception_create(dv_db *db, const struct dv_user *actor, const struct reception_input *in, int64_t *id_out);
/* Reception days of units in root's subtree (0: all) in [from, to], by day. */
int reception_list(dv_db *db, dv_arena *a, int64_t root, const char *from, const char *to, struct reception **out,
                   size_t *n);
/* Per unit of root's subtree (0: the operator's province) that is a Party committee or a
 * commune: its reception days in [from, to] and whether it is of the commune level. */
struct reception_tally {
    int64_t unit_id;
    const char *unit_name;
    int commune_level;
    int days;
};
int reception_tallies(dv_db *db, dv_arena *a, int64_t root, const char *from, const char *to,
                      struct reception_tally **out, size_t *n);

#endif
