/* db_pg_migrate.c - applies the migrations embedded from src/db/migrations_pg/ to a
 * PostgreSQL store, in name order, each in its own transaction under the writer lock (so two
 * servers starting together apply each one once). 0000_compat.sql defines the SQLite
 * functions the shared SQL uses; 0000_schema.sql is the schema of src/db/migrations/ up to
 * its last file when it was written; later files follow the SQLite ones, one for one.
 * tests/unit/test_pg_schema.c keeps the two schemas the same. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/embedded.h"
#include "core/err.h"
#include "core/log.h"

static const char *SQL_CREATE_LEDGER =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))";
static const char *SQL_IS_APPLIED = "SELECT 1 FROM schema_migrations WHERE name = ?1";
static const char *SQL_RECORD = "INSERT INTO schema_migrations(name) VALUES (?1)";

static int is_applied(dv_db *db, const char *name, int *applied)
{
    dv_stmt *st = db_prepare(db, SQL_IS_APPLIED);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, name);
    int rc = db_step(st);
    db_done(st);
    if (rc < 0) return rc;
    *applied = rc == DB_ROW;
    return DV_OK;
}

static int apply_one(dv_db *db, const struct dv_migration *m)
{
    int rc = db_begin(db);
    if (rc) return rc;
    int applied = 0;
    rc = is_applied(db, m->name, &applied);
    if (rc == DV_OK && !applied) {
        log_info("db: applying PostgreSQL migration %s", m->name);
        rc = db_exec_script(db, m->sql);
        if (rc == DV_OK) {
            dv_stmt *st = db_prepare(db, SQL_RECORD);
            if (!st) rc = DV_EDB;
            else {
                db_bind_text(st, 1, m->name);
                rc = db_exec(st);
            }
        }
    }
    if (rc == DV_OK) return db_commit(db);
    db_rollback(db);
    log_error("db: migration %s failed", m->name);
    return rc;
}

int db_pg_migrate(dv_db *db)
{
    /* the ledger itself, under the writer lock: two servers may start at once */
    int rc = db_begin(db);
    if (rc == DV_OK) rc = db_exec_script(db, SQL_CREATE_LEDGER);
    if (rc == DV_OK) rc = db_commit(db);
    else db_rollback(db);
    for (size_t i = 0; rc == DV_OK && i < dv_pg_migration_count; i++)
        rc = apply_one(db, &dv_pg_migrations[i]);
    return rc;
}
