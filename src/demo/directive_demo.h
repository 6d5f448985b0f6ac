/* directive_demo.h - the demo's documents and tasks: the real chain 290-QĐ/TW → 1406-QĐ/TU →
 * each body's and commune's concretizing documents, then 23-QĐ/TW replacing 290 with the
 * province's plan for it and its tasks (see directive_demo.c). */
#ifndef DV_DIRECTIVE_DEMO_H
#define DV_DIRECTIVE_DEMO_H

#include "db/db.h"

#include <stdint.h>

/* province: the demo province; btv, bdv: its Standing Board and Mass Mobilization Commission.
 * Deterministic. 0 or DV_E*. */
int directive_demo_load(dv_db *db, int64_t province, int64_t btv, int64_t bdv);

#endif
