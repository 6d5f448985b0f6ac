/* citizen_demo.h - the citizens' part of the demo data (citizen_demo.c). */
#ifndef DV_CITIZEN_DEMO_H
#define DV_CITIZEN_DEMO_H

#include "db/db.h"

/* Petitions in every state, dialogues (held with results, upcoming, one late), reception
 * days of the last months and Dân vận khéo models with photos. After the accounts exist
 * (bdv, xa1). 0 or DV_E*. */
int citizen_demo_load(dv_db *db);

#endif
