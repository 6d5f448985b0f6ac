/* db_counter.c - the change counters kept in the settings table (units_version,
 * reporting_version, regime_def_version, portal_version): triggers or writers bump them in
 * the writing transaction, and in-memory copies of the data compare them to know whether
 * they are still current, in this process or after another's write. */
#include "db/db.h"

#include "core/err.h"

int db_counter_get(dv_db *db, const char *key, int64_t *out)
{
    *out = 0;
    dv_stmt *st = db_prepare(db, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1");
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    int rc = db_step(st);
    if (rc == DB_ROW) *out = db_col_int(st, 0);
    db_done(st);
    if (rc < 0) return DV_EDB;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}
