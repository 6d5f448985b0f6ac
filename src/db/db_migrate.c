/* db_migrate.c - applies the migrations embedded from src/db/migrations/, in name order. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/embedded.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static const char *SQL_CREATE_LEDGER =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))";
static const char *SQL_IS_APPLIED = "SELECT 1 FROM schema_migrations WHERE name = ?1";
static const char *SQL_RECORD = "INSERT INTO schema_migrations(name) VALUES (?1)";
static const char *SQL_FK_CHECK = "PRAGMA foreign_key_check";
static const char *SQL_LAST = "SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1";

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

/* Migrations run with foreign keys off (so a table can be rebuilt, as SQLite's ALTER TABLE
 * procedure requires); before each commits, every reference must still hold. */
static int foreign_keys_hold(dv_db *db)
{
    dv_stmt *st = db_prepare(db, SQL_FK_CHECK);
    if (!st) return DV_EDB;
    int rc = db_step(st);
    if (rc == DB_ROW) log_error("db: migration leaves a broken reference in table %s", db_col_text(st, 0));
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

static int apply_one(dv_db *db, const struct dv_migration *m)
{
    int rc = db_begin(db);
    if (rc) return rc;
    int applied = 0;
    rc = is_applied(db, m->name, &applied);
    if (rc == DV_OK && !applied) {
        log_info("db: applying migration %s", m->name);
        rc = db_exec_script(db, m->sql);
        if (rc == DV_OK) rc = foreign_keys_hold(db);
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

int db_sqlite_migrate(dv_db *db)
{
    int rc = db_exec_script(db, SQL_CREATE_LEDGER);
    if (rc == DV_OK) rc = db_exec_script(db, "PRAGMA foreign_keys=OFF");
    for (size_t i = 0; rc == DV_OK && i < dv_migration_count; i++)
        rc = apply_one(db, &dv_migrations[i]);
    int on = db_exec_script(db, "PRAGMA foreign_keys=ON");
    return rc ? rc : on;
}

int db_schema_version(dv_db *db, char *name_out, int name_cap)
{
    dv_stmt *st = db_prepare(db, SQL_LAST);
    if (!st) return DV_EDB;
    int rc = db_step(st);
    if (rc == DB_ROW) snprintf(name_out, (size_t)name_cap, "%s", db_col_text(st, 0));
    else if (rc == DB_DONE) snprintf(name_out, (size_t)name_cap, "none");
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}
