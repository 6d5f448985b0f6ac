/* session_task.h - a dissemination session as the evidence of the unit's dissemination
 * task (session_task.c): the task is submitted as done on the session's date, for the
 * assigning unit to confirm or return. */
#ifndef DV_DIRECTIVE_SESSION_TASK_H
#define DV_DIRECTIVE_SESSION_TASK_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stdint.h>

/* Is task_id one of unit_id's open dissemination tasks (dissem_open_tasks)? 1/0, <0. */
int dissem_task_is_open(dv_db *db, dv_arena *a, int64_t unit_id, int64_t task_id);
/* Submits task_id as done on held_on with session_id as its evidence: 0 or DV_E*. */
int dissem_task_complete(dv_db *db, const struct dv_user *actor, int64_t task_id, int64_t session_id,
                         const char *held_on);

#endif
