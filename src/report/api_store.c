/* api_store.c - the look-ups of the write API (api_write.c) that no other store has: a
 * regime's period by year and sequence ("2025-11" for November 2025 of a monthly regime). */
#include "report/api_write.h"

#include "core/err.h"

int api_store_period_find(dv_db *db, int64_t regime_id, int year, int seq, int64_t *id_out)
{
    *id_out = 0;
    dv_stmt *st = db_prepare(db, "SELECT id FROM periods WHERE regime_id = ?1 AND year = ?2 AND seq = ?3");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, year);
    db_bind_int(st, 3, seq);
    int rc = db_step(st);
    if (rc == DB_ROW) *id_out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
