/* report_demo.h - two years of generated reports for the demo province (see report_demo.c). */
#ifndef DV_REPORT_DEMO_H
#define DV_REPORT_DEMO_H

#include "db/db.h"

/* For every regime in the store (the demo regimes of regime_demo_load), the reports of the
 * expected units: every period of 2024 and 2025 whose deadline has passed (for the monthly
 * BC-DV-THANG: every period from the first whose close_end >= 2024-01-01 whose deadline has
 * passed, up to today; exactly three returned, one of them in March 2025 by a body of the
 * pre-merger provinces), and the current open period. Before 2025-07-01 the expected units
 * are the closed bodies of the old Tỉnh Cà Mau and Tỉnh Bạc Liêu, after it the new
 * province's bodies and communes. Deterministic (a PRNG seeded by period and unit): most on
 * time, some late, some missing, returned ones with a comment, most on-time ones approved.
 * Values obey the regime's rules. One transaction per period. 0 or DV_E*. */
int report_demo_load(dv_db *db);
/* The same as if today (ISO, Vietnam) were the given day. */
int report_demo_load_at(dv_db *db, const char *today);

#endif
