/* db_sqlite.c - the SQLite backend of db.h: WAL, foreign keys, busy timeout, statement cache. */
#include "db/db.h"
#include "db/db_internal.h"
#include "db/fts_vi.h"
#include "text/text.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STMT_CACHE_SLOTS 256 /* power of two; open addressing keyed by SQL address */

struct dv_stmt {
    sqlite3_stmt *st;
    dv_db *db;
    const char *sql;
};

struct dv_db {
    sqlite3 *conn;
    int holds_write_lock;   /* this connection is inside db_begin … db_commit/db_rollback */
    int sync_commits;       /* DANVAN_SYNC=full: each commit is on disk before it returns */
    int sync_pending;       /* committed inside db_begin … db_commit, WAL not yet synced */
    int sync_failed;        /* the last sync failed: the commit may not survive a power cut */
    int wal_fd;             /* the WAL file, opened at the first sync; -1 before */
    void (*checkpoint_notify)(int frames); /* db_checkpoint.c, or NULL: checkpoint here */
    struct dv_stmt cache[STMT_CACHE_SLOTS];
    size_t cached;
};

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

/* Marks this thread's failure as temporary when SQLite's code says so; returns rc. */
static int note_sqlite_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM: unavailable = 1; break;
    default: break;
    }
    return rc;
}

/* An injected fault stands for an I/O error: the same answer as a real one. */
static int injected(enum db_fault_kind kind)
{
    if (!db_fault(kind)) return 0;
    unavailable = 1;
    return 1;
}

static int pragma(sqlite3 *conn, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(conn, sql, NULL, NULL, &err) != SQLITE_OK) {
        log_error("db: %s: %s", sql, err ? err : "?");
        sqlite3_free(err);
        return DV_EDB;
    }
    return DV_OK;
}

/* Process-wide SQLite settings, before the first connection initialises the library:
 * memory statistics off, since they take a global mutex on every allocation. */
static void sqlite_global_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Durable commits without holding the write lock through the fsync. With synchronous=FULL
 * SQLite fsyncs the WAL inside COMMIT, while it (and this process's write mutex) is still
 * held: every writer queues behind the disk. Here the connection runs synchronous=NORMAL,
 * and a commit's caller fsyncs the WAL itself once the lock is released, before the commit
 * is reported done; the next writer's work overlaps that fsync, and an fsync covers every
 * frame written before it, so concurrent commits share them. A commit is on disk when
 * db_commit returns, exactly as with FULL: the frames are in the WAL, which is synced; the
 * WAL is reset only after a checkpoint has copied them into the synced database file
 * (NORMAL syncs both around a checkpoint, and the new WAL header on a reset). One thing is
 * weaker than FULL: for the millisecond of the fsync, other connections may already read
 * the commit; a power cut then would take back something another user saw, never
 * something a caller was told was saved. */
static int open_wal(dv_db *db)
{
    char path[4096];
    snprintf(path, sizeof path, "%s-wal", db_filename(db));
    db->wal_fd = open(path, O_RDWR | O_CLOEXEC);
    if (db->wal_fd < 0) {
        log_error("db: cannot open %s to sync it: %s", path, strerror(errno));
        return DV_EIO;
    }
    return DV_OK;
}

/* Needs no exclusive use of the connection once the WAL is open (an fdatasync of a file
 * descriptor set once): the group commit syncs while the next batch runs on it. */
static int sync_once(dv_db *db)
{
    if (injected(DB_FAULT_FSYNC)) return DV_EIO;
    if (fdatasync(db->wal_fd) != 0) {
        log_error("db: fdatasync of the WAL failed: %s", strerror(errno));
        unavailable = 1;
        return DV_EIO;
    }
    return DV_OK;
}

/* The commit is already visible to every reader when its WAL is synced: a failed fsync is
 * tried once more before the commit is reported failed, so that a passing fault does not tell
 * the user "not saved" about a row everyone can see. When both fail the store is marked
 * broken: every later write is refused (503) until an fsync succeeds again (db_begin tries),
 * so nothing more is acknowledged that may not be on disk. */
static atomic_int sync_broken;

static int sync_wal(dv_db *db)
{
    if (db->wal_fd < 0 && open_wal(db)) return DV_EIO;
    if (sync_once(db) == DV_OK) return DV_OK;
    if (sync_once(db) == DV_OK) {
        log_warn("db: fdatasync of the WAL succeeded on its second attempt");
        return DV_OK;
    }
    atomic_store(&sync_broken, 1);
    log_error("db: the WAL cannot be synced: writes are refused until it can");
    return DV_EIO;
}

/* While the store is marked broken: 0 once an fsync succeeds again, else DV_EIO. */
static int sync_recovered(dv_db *db)
{
    if (!atomic_load(&sync_broken)) return DV_OK;
    if ((db->wal_fd < 0 && open_wal(db)) || sync_once(db) != DV_OK) {
        unavailable = 1;
        return DV_EIO;
    }
    atomic_store(&sync_broken, 0);
    log_info("db: the WAL syncs again: writes resume");
    return DV_OK;
}

/* SQLite calls this after every commit, its own locks released (ours maybe not). */
static int on_wal_commit(void *ctx, sqlite3 *conn, const char *schema, int frames)
{
    dv_db *db = ctx;
    if (db->sync_commits) {
        if (db->holds_write_lock) db->sync_pending = 1; /* db_commit syncs after unlocking */
        else db->sync_failed = sync_wal(db) != DV_OK;   /* a single statement's own commit */
        if (db->wal_fd < 0) open_wal(db);               /* now, while the connection is ours */
    }
    if (db->checkpoint_notify) db->checkpoint_notify(frames);
    else if (frames >= 1000) sqlite3_wal_checkpoint(conn, schema); /* SQLite's default */
    return SQLITE_OK;
}

void db_set_checkpoint_notify(dv_db *db, void (*notify)(int frames))
{
    db->checkpoint_notify = notify;
}

/* COLLATE vi: Vietnamese order (text_collate_key), for ORDER BY over unit names. */
static int collate_vi(void *arg, int na, const void *a, int nb, const void *b)
{
    (void)arg;
    char *sa = xmalloc((size_t)na + 1), *sb = xmalloc((size_t)nb + 1);
    memcpy(sa, a, (size_t)na);
    sa[na] = 0;
    memcpy(sb, b, (size_t)nb);
    sb[nb] = 0;
    int c = text_collate(sa, sb);
    free(sa);
    free(sb);
    return c;
}

/* vi_key(text): the Vietnamese sort key of a name, for paths that sort a tree. */
static void fn_vi_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    char *k = s ? text_collate_key(s) : NULL;
    if (!k) {
        sqlite3_result_text(ctx, s ? s : "", -1, SQLITE_TRANSIENT);
        return;
    }
    sqlite3_result_text(ctx, k, -1, free);
}

int db_open(const struct db_options *opt, dv_db **out)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_global_config);
    *out = NULL;
    sqlite3 *conn = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(opt->path, &conn, flags, NULL) != SQLITE_OK) {
        log_error("db: cannot open %s: %s", opt->path, conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close(conn);
        return DV_EDB;
    }
    sqlite3_busy_timeout(conn, opt->busy_ms > 0 ? opt->busy_ms : 5000);
    sqlite3_extended_result_codes(conn, 1);
    if (pragma(conn, "PRAGMA journal_mode=WAL") ||
        pragma(conn, "PRAGMA foreign_keys=ON") ||
        pragma(conn, "PRAGMA synchronous=NORMAL") || /* FULL's sync is done by sync_wal() */
        pragma(conn, "PRAGMA temp_store=MEMORY") ||
        pragma(conn, "PRAGMA mmap_size=0") ||
        fts_vi_register(conn) ||
        sqlite3_create_collation_v2(conn, "vi", SQLITE_UTF8, NULL, collate_vi, NULL) != SQLITE_OK ||
        sqlite3_create_function(conn, "vi_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_vi_key, NULL,
                                NULL) != SQLITE_OK) {
        sqlite3_close(conn);
        return DV_EDB;
    }
    dv_db *db = xcalloc(1, sizeof *db);
    db->conn = conn;
    db->wal_fd = -1;
    db->sync_commits = opt->sync_full;
    sqlite3_wal_hook(conn, on_wal_commit, db);
    *out = db;
    return DV_OK;
}

void db_close(dv_db *db)
{
    if (!db) return;
    for (size_t i = 0; i < STMT_CACHE_SLOTS; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->conn);
    if (db->wal_fd >= 0) close(db->wal_fd);
    free(db);
}

const char *db_errmsg(dv_db *db)
{
    return sqlite3_errmsg(db->conn);
}

struct sqlite3 *db_sqlite_conn(dv_db *db)
{
    return db->conn;
}

int db_writing(dv_db *db)
{
    return db->holds_write_lock;
}

int db_in_transaction(dv_db *db)
{
    return !sqlite3_get_autocommit(db->conn);
}

const char *db_filename(dv_db *db)
{
    const char *f = sqlite3_db_filename(db->conn, "main");
    return f ? f : "";
}

/* A transaction statement from the statement cache (sqlite3_exec would parse it each time). */
static int run_cached(dv_db *db, const char *sql)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    int rc = db_exec(st);
    if (rc) log_error("db: %s: %s", sql, sqlite3_errmsg(db->conn));
    return rc ? DV_EDB : DV_OK;
}

/* Writers of this process queue on one mutex before BEGIN IMMEDIATE: SQLite allows one
 * writer at a time anyway, and waiting here is FIFO-ish and immediate, where SQLite's busy
 * handler sleeps in steps of up to 100 ms and makes the tail latency under concurrent
 * submissions. Other processes still meet the busy timeout. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

static void release_write_lock(dv_db *db)
{
    if (!db->holds_write_lock) return;
    db->holds_write_lock = 0;
    pthread_mutex_unlock(&write_lock);
}

int db_begin(dv_db *db)
{
    if (db->holds_write_lock) {
        log_error("db: db_begin inside a transaction");
        return DV_EDB;
    }
    db_fault_check_request();
    if (db->sync_commits && sync_recovered(db) != DV_OK) return DV_EIO;
    pthread_mutex_lock(&write_lock);
    db->holds_write_lock = 1;
    int rc = run_cached(db, "BEGIN IMMEDIATE");
    if (rc) release_write_lock(db);
    return rc;
}

int db_begin_read(dv_db *db)
{
    return run_cached(db, "BEGIN");
}

void db_end_read(dv_db *db)
{
    if (!sqlite3_get_autocommit(db->conn)) run_cached(db, "COMMIT");
}

int db_commit_unsynced(dv_db *db, int *sync_needed)
{
    db->sync_pending = 0;
    int rc = injected(DB_FAULT_COMMIT) ? DV_EDB : run_cached(db, "COMMIT");
    if (rc) db_rollback(db); /* a failed COMMIT leaves nothing half-done, nor the lock held */
    *sync_needed = !rc && db->sync_pending;
    db->sync_pending = 0;
    release_write_lock(db);
    return rc;
}

int db_sync(dv_db *db)
{
    return sync_wal(db); /* an error: committed, but not known to be on disk */
}

int db_commit(dv_db *db)
{
    int sync_needed = 0;
    int rc = db_commit_unsynced(db, &sync_needed);
    return rc ? rc : sync_needed ? db_sync(db) : DV_OK;
}

void db_rollback(dv_db *db)
{
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    release_write_lock(db);
}

static size_t slot_of(const char *sql)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 7) & (STMT_CACHE_SLOTS - 1);
}

dv_stmt *db_prepare(dv_db *db, const char *sql)
{
    if (injected(DB_FAULT_PREPARE)) return NULL;
    size_t i = slot_of(sql);
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++, i = (i + 1) & (STMT_CACHE_SLOTS - 1)) {
        struct dv_stmt *s = &db->cache[i];
        if (s->sql == sql) return s;
        if (s->sql == NULL) {
            if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
                note_sqlite_rc(sqlite3_errcode(db->conn));
                log_error("db: prepare failed: %s\n  in: %s", sqlite3_errmsg(db->conn), sql);
                s->st = NULL;
                return NULL;
            }
            s->sql = sql;
            s->db = db;
            db->cached++;
            return s;
        }
    }
    log_error("db: statement cache full");
    return NULL;
}

void db_bind_int(dv_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(st->st, idx, v);
}

void db_bind_double(dv_stmt *st, int idx, double v)
{
    sqlite3_bind_double(st->st, idx, v);
}

void db_bind_text(dv_stmt *st, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, idx);
}

void db_bind_null(dv_stmt *st, int idx)
{
    sqlite3_bind_null(st->st, idx);
}

void db_bind_blob(dv_stmt *st, int idx, const void *p, size_t n)
{
    if (p)
        sqlite3_bind_blob64(st->st, idx, p, (sqlite3_uint64)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, idx);
}

int db_step(dv_stmt *st)
{
    if (injected(DB_FAULT_STEP)) return DV_EDB;
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW) return DB_ROW;
    if (rc == SQLITE_DONE) return DB_DONE;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return DV_ECONFLICT;
    note_sqlite_rc(rc);
    log_error("db: step failed (%d): %s\n  in: %s", rc, sqlite3_errmsg(st->db->conn), st->sql);
    return DV_EDB;
}

void db_done(dv_stmt *st)
{
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
}

int64_t db_col_int(dv_stmt *st, int col)
{
    return sqlite3_column_int64(st->st, col);
}

const char *db_col_text(dv_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->st, col);
}

int db_col_is_null(dv_stmt *st, int col)
{
    return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

const void *db_col_blob(dv_stmt *st, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(st->st, col);
    *len = (size_t)sqlite3_column_bytes(st->st, col);
    return p;
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

int db_exec_script(dv_db *db, const char *sql)
{
    return pragma(db->conn, sql);
}

int64_t db_last_id(dv_db *db)
{
    return sqlite3_last_insert_rowid(db->conn);
}

int db_changes(dv_db *db)
{
    return sqlite3_changes(db->conn);
}

int db_backup(dv_db *db, const char *dest_path)
{
    sqlite3 *dest = NULL;
    if (sqlite3_open(dest_path, &dest) != SQLITE_OK) {
        log_error("backup: cannot open %s: %s", dest_path, dest ? sqlite3_errmsg(dest) : "?");
        sqlite3_close(dest);
        return DV_EIO;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->conn, "main");
    if (!b) {
        log_error("backup: %s", sqlite3_errmsg(dest));
        sqlite3_close(dest);
        return DV_EDB;
    }
    int rc;
    /* Copy in steps so writers are not blocked for the whole copy. */
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(5);
    sqlite3_backup_finish(b);
    int ok = rc == SQLITE_DONE && sqlite3_errcode(dest) == SQLITE_OK;
    if (!ok) log_error("backup: %s", sqlite3_errmsg(dest));
    sqlite3_close(dest);
    return ok ? DV_OK : DV_EDB;
}
