/* db.c - db.h's functions: the backend is chosen by the database setting alone (a
 * postgresql:// URL selects db_pg.c, a file path db_sqlite.c); the rest dispatch to it. */
#include "db/db.h"
#include "db/db_internal.h"

#include "core/err.h"
#include "core/log.h"

#include <string.h>

int db_is_pg(const char *path)
{
    if (!path) return 0;
    return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11) ||
           (!strchr(path, '/') && strstr(path, "dbname=") != NULL);
}

int db_open(const struct db_options *opt, dv_db **out)
{
    return db_is_pg(opt->path) ? db_pg_open(opt, out) : db_sqlite_open(opt, out);
}

void db_close(dv_db *db)
{
    if (db) db->ops->close(db);
}

const char *db_errmsg(dv_db *db) { return db->ops->errmsg(db); }
const char *db_filename(dv_db *db) { return db->ops->filename(db); }
int db_begin_read(dv_db *db) { return db->ops->begin_read(db); }
void db_end_read(dv_db *db) { db->ops->end_read(db); }
int db_sync(dv_db *db) { return db->ops->sync(db); }
void db_rollback(dv_db *db) { db->ops->rollback(db); }
int db_writing(dv_db *db) { return db->holds_write_lock; }
int db_is_postgres(dv_db *db) { return db->pg != NULL; }
int db_savepoint(dv_db *db) { return db->ops->exec_script(db, "SAVEPOINT dv_save"); }
int db_savepoint_release(dv_db *db) { return db->ops->exec_script(db, "RELEASE SAVEPOINT dv_save"); }

int db_savepoint_rollback(dv_db *db)
{
    int rc = db->ops->exec_script(db, "ROLLBACK TO SAVEPOINT dv_save");
    return rc ? rc : db->ops->exec_script(db, "RELEASE SAVEPOINT dv_save");
}
int db_in_transaction(dv_db *db) { return db->ops->in_transaction(db); }
int db_exec_script(dv_db *db, const char *sql) { return db->ops->exec_script(db, sql); }
int64_t db_last_id(dv_db *db) { return db->ops->last_id(db); }
int db_changes(dv_db *db) { return db->ops->changes(db); }
int db_backup(dv_db *db, const char *dest_path) { return db->ops->backup(db, dest_path); }
int db_migrate(dv_db *db) { return db->ops->migrate(db); }

/* ---- "unavailable": the store cannot write or read for now (db_unavailable) ---- */

static _Thread_local int unavailable;

int db_unavailable(void)
{
    return unavailable;
}

void db_unavailable_reset(void)
{
    unavailable = 0;
}

void db_unavailable_note(void)
{
    unavailable = 1;
}

/* An injected fault stands for an I/O error: the same answer as a real one. */
int db_fault_injected(enum db_fault_kind kind)
{
    if (!db_fault(kind)) return 0;
    unavailable = 1;
    return 1;
}

int db_begin(dv_db *db)
{
    if (db->holds_write_lock) {
        log_error("db: db_begin inside a transaction");
        return DV_EDB;
    }
    db_fault_check_request();
    return db->ops->begin(db);
}

int db_commit_unsynced(dv_db *db, int *sync_needed)
{
    return db->ops->commit_unsynced(db, sync_needed);
}

int db_commit(dv_db *db)
{
    int sync_needed = 0;
    int rc = db_commit_unsynced(db, &sync_needed);
    return rc ? rc : sync_needed ? db_sync(db) : DV_OK;
}

static size_t slot_of(const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 7) & (STMT_CACHE_SLOTS - 1);
}

struct dv_stmt *db_cache_slot(dv_db *db, const char *sql)
{
    size_t i = slot_of(sql);
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++, i = (i + 1) & (STMT_CACHE_SLOTS - 1)) {
        struct dv_stmt *s = &db->cache[i];
        if (s->sql == sql || s->sql == NULL) return s;
    }
    log_error("db: statement cache full");
    return NULL;
}

dv_stmt *db_prepare(dv_db *db, const char *sql)
{
    if (db_fault_injected(DB_FAULT_PREPARE)) return NULL;
    return db->ops->prepare(db, sql);
}

void db_bind_int(dv_stmt *st, int idx, int64_t v) { st->db->ops->bind_int(st, idx, v); }
void db_bind_double(dv_stmt *st, int idx, double v) { st->db->ops->bind_double(st, idx, v); }
void db_bind_text(dv_stmt *st, int idx, const char *s) { st->db->ops->bind_text(st, idx, s); }
void db_bind_null(dv_stmt *st, int idx) { st->db->ops->bind_text(st, idx, NULL); }
void db_bind_blob(dv_stmt *st, int idx, const void *p, size_t n) { st->db->ops->bind_blob(st, idx, p, n); }

int db_step(dv_stmt *st)
{
    if (db_fault_injected(DB_FAULT_STEP)) return DV_EDB;
    return st->db->ops->step(st);
}

void db_done(dv_stmt *st) { st->db->ops->done(st); }
int64_t db_col_int(dv_stmt *st, int col) { return st->db->ops->col_int(st, col); }
const char *db_col_text(dv_stmt *st, int col) { return st->db->ops->col_text(st, col); }
int db_col_is_null(dv_stmt *st, int col) { return st->db->ops->col_is_null(st, col); }
const void *db_col_blob(dv_stmt *st, int col, size_t *len) { return st->db->ops->col_blob(st, col, len); }

int db_exec_id(dv_stmt *st, int64_t *id)
{
    *id = 0;
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        while ((rc = db_step(st)) == DB_ROW) {}
    }
    db_done(st);
    if (rc == DB_DONE && st->db->sync_failed) {
        st->db->sync_failed = 0;
        rc = DV_EIO;
    }
    return rc;
}

int db_exec(dv_stmt *st)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {}
    db_done(st);
    if (rc == DB_DONE && st->db->sync_failed) { /* its own commit is not known to be on disk */
        st->db->sync_failed = 0;
        rc = DV_EIO;
    }
    return rc;
}

/* ---- read-only mode (db.h) ---- */

static int read_only;

int db_detect_read_only(dv_db *db)
{
    if (!db_is_postgres(db)) return read_only = 0;
    dv_stmt *st =
        db_prepare(db, "SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on'");
    if (!st) return read_only;
    if (db_step(st) == DB_ROW) {
        const char *v = db_col_text(st, 0);
        read_only = v && (v[0] == 't' || v[0] == '1');
    }
    db_done(st);
    return read_only;
}

int db_read_only(void)
{
    return read_only;
}
