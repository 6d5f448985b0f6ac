/* dialogue_commit.c - a dialogue's commitment as a task of the directives area
 * (directive/task.h, source kind "dialogue"): the task (lead unit, deadline, assigned by the
 * dialogue's unit) and the commitment that names it, in one transaction. */
#include "citizen/dialogue.h"

#include "core/err.h"
#include "db/store_util.h"
#include "directive/task.h"

#include <string.h>

int dialogue_commitment_with_task(dv_db *db, const struct dv_user *actor, const struct dialogue *d, const char *text,
                                  int64_t unit_id, const char *due, int64_t *id_out)
{
    *id_out = 0;
    if (!text || !*text || !due) return DV_EINVAL;
    char title[240];
    size_t n = strlen(text);
    if (n >= sizeof title) { /* cut on a character boundary */
        n = sizeof title - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    memcpy(title, text, n);
    title[n] = 0;
    struct task_input in = {0};
    in.actor = actor;
    in.title = title;
    in.description = d->topic;
    in.assigner_unit_id = d->unit_id;
    in.lead_unit_id = unit_id;
    in.product_kind = "activity";
    in.deadline = due;
    if (db_begin(db)) return DV_EDB;
    int64_t task_id = 0;
    int rc = task_create_tx(db, &in, TASK_SOURCE_DIALOGUE, d->id, &task_id);
    if (rc == DV_OK) rc = dialogue_commitment_add(db, actor, d->id, text, unit_id, due, task_id, id_out);
    return rstore_tx_end(db, rc);
}
