/* settings_store.c - values of the settings table that are made once per database and
 * kept (the CSRF key): the first writer's value wins. */
#include "db/db.h"

#include "core/err.h"

#include <stdio.h>

static const char *SQL_SETTING_PUT =
    "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING";
static const char *SQL_SETTING_GET = "SELECT value FROM settings WHERE key = ?1";

int db_setting_keep(dv_db *db, const char *key, const char *value, char *out, size_t cap)
{
    dv_stmt *st;
    if (!db_read_only()) { /* a replica reads the primary's value */
        st = db_prepare(db, SQL_SETTING_PUT);
        if (!st || db_begin(db)) return DV_EDB;
        db_bind_text(st, 1, key);
        db_bind_text(st, 2, value);
        if (db_exec(st) < 0 || db_commit(db)) {
            db_rollback(db);
            return DV_EDB;
        }
    }
    st = db_prepare(db, SQL_SETTING_GET);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    int rc = db_step(st);
    if (rc == DB_ROW) snprintf(out, cap, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}
