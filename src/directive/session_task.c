/* session_task.c - completing a unit's dissemination task with a session as its evidence
 * (session_task.h). */
#include "directive/session_task.h"

#include "core/i18n.h"
#include "directive/session.h"

int dissem_task_is_open(dv_db *db, dv_arena *a, int64_t unit_id, int64_t task_id)
{
    struct dissem_task *ts;
    size_t n;
    if (dissem_open_tasks(db, a, unit_id, &ts, &n)) return -1;
    for (size_t i = 0; i < n; i++)
        if (ts[i].id == task_id) return 1;
    return 0;
}

int dissem_task_complete(dv_db *db, const struct dv_user *actor, int64_t task_id, int64_t session_id,
                         const char *held_on)
{
    return dissem_task_submit(db, actor, NULL, task_id, session_id, held_on, _("Disseminated: the session is the evidence."));
}
