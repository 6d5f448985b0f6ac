/* dissem_demo.h - the demo's cadres and dissemination sessions (dissem_demo.c), and the
 * pre-fill sources bound to the demo yearly regime's indicators. */
#ifndef DV_DEMO_DISSEM_DEMO_H
#define DV_DEMO_DISSEM_DEMO_H

#include "db/db.h"

#include <stdint.h>

/* After the units, accounts and regimes (and the registry's documents, when loaded): most
 * units of the province have a cadre, a few none; sessions of 23-QĐ/TW by the old
 * provinces' commissions in 2021 and of the province's plan by the communes in the current
 * half-year. 0 or DV_E*. */
int dissem_demo_load(dv_db *db, int64_t province_id, int64_t x1, int64_t x2);

/* dissem_demo_store.c: 0 when none. */
int64_t dissem_demo_unit(dv_db *db, const char *code);
int64_t dissem_demo_document(dv_db *db, const char *code);
int64_t dissem_demo_regime(dv_db *db, const char *code);

#endif
