/* portal_demo.h - the portal's part of the demo data. */
#ifndef DV_PORTAL_DEMO_H
#define DV_PORTAL_DEMO_H

#include "db/db.h"

/* The categories of the portal and a contributor account (congtac / demo-congtac-2025) in
 * the Provincial Party Committee Office. Called at the end of demo_load(). 0 or DV_E*. */
int portal_demo_load(dv_db *db);

#endif
