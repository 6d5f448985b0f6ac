/* citizen_internal.h - what the citizens' area's own files share: the petition columns its
 * stores read, and the change notice that stamps the public pages' cache. */
#ifndef DV_CITIZEN_INTERNAL_H
#define DV_CITIZEN_INTERNAL_H

#include "core/arena.h"
#include "db/db.h"

#define PETITION_COLS                                                                                   \
    "p.id, p.code, p.status, p.category_id, c.name, c.code, p.commune_id, cu.name, p.assigned_unit_id, " \
    "au.name, p.content, p.summary, p.name, p.email, p.phone, p.anonymous, p.received_at, "              \
    "p.received_day, p.notice_due, p.transfer_due, p.answer_due, p.noticed_on, p.closed_on, d.code, "    \
    "p.transferred_to, p.refusal_reason, p.answer, p.drafted_by, p.approved_by, p.published_at, "        \
    "p.updated_at "
#define PETITION_FROM                                                                                    \
    "FROM petitions p JOIN petition_categories c ON c.id = p.category_id "                               \
    "JOIN units cu ON cu.id = p.commune_id LEFT JOIN units au ON au.id = p.assigned_unit_id "             \
    "LEFT JOIN petitions d ON d.id = p.duplicate_of "


/* Fills a struct petition from a row of PETITION_COLS. */
void petition_fill_row(dv_arena *a, dv_stmt *st, void *item);
/* After a committed petition write: the public pages' cache starts again. */
void petition_changed(void);

#endif
