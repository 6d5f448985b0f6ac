/* citizen.h - what the rest of the program calls of the citizens' area: route registration. */
#ifndef DV_CITIZEN_H
#define DV_CITIZEN_H

/* Registers the citizens' routes, menu entries, flash messages, audit kinds and the
 * pre-fill sources of its counts (src/citizen/citizen_routes.c). */
void citizen_routes_register(void);

/* The pre-fill sources of report indicators (citizen_prefill.c): called by the above. */
void citizen_prefill_register(void);
/* The overdue petitions in the reminder digests (citizen_reminder.c): called by the above. */
void citizen_reminder_register(void);

#endif
