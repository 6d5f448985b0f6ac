/* review_demo.h - the demo's inspections, the seed article's review conference and the
 * ten-year summary report (review_demo.c). */
#ifndef DV_REVIEW_DEMO_H
#define DV_REVIEW_DEMO_H

#include "db/db.h"

/* After the units, users and regimes: 0 or DV_E*. */
int review_demo_load(dv_db *db);

#endif
