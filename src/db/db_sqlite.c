/* db_sqlite.c - the SQLite backend of db.h: WAL, foreign keys, busy timeout, statement cache
 * (db.c dispatches to it for a database setting that is a file path). */
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

static const char *sq_filename(dv_db *db);
static void sq_rollback(dv_db *db);

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
    snprintf(path, sizeof path, "%s-wal", sq_filename(db));
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
    if (db_fault_injected(DB_FAULT_FSYNC)) return DV_EIO;
    if (fdatasync(db->wal_fd) != 0) {
        log_error("db: fdatasync of the WAL failed: %s", strerror(errno));
        db_unavailable_note();
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
        db_unavailable_note();
        return DV_EIO;
    }
    atomic_store(&sync_broken, 0);
    log_info("db: the WAL syncs again: writes resume");
    return DV_OK;
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
    case SQLITE_NOMEM: db_unavailable_note(); break;
    default: break;
    }
    return rc;
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

static const struct db_ops sqlite_ops;

int db_sqlite_open(const struct db_options *opt, dv_db **out)
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
    db->ops = &sqlite_ops;
    db->conn = conn;
    db->wal_fd = -1;
    db->sync_commits = opt->sync_full;
    sqlite3_wal_hook(conn, on_wal_commit, db);
    *out = db;
    return DV_OK;
}

static void sq_close(dv_db *db)
{
    if (!db) return;
    for (size_t i = 0; i < STMT_CACHE_SLOTS; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->conn);
    if (db->wal_fd >= 0) close(db->wal_fd);
    free(db);
}

static const char *sq_errmsg(dv_db *db)
{
    return sqlite3_errmsg(db->conn);
}

struct sqlite3 *db_sqlite_conn(dv_db *db)
{
    return db->conn;
}


static int sq_in_transaction(dv_db *db)
{
    return !sqlite3_get_autocommit(db->conn);
}

static const char *sq_filename(dv_db *db)
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

static int sq_begin(dv_db *db)
{
    if (db->sync_commits && sync_recovered(db) != DV_OK) return DV_EIO;
    pthread_mutex_lock(&write_lock);
    db->holds_write_lock = 1;
    int rc = run_cached(db, "BEGIN IMMEDIATE");
    if (rc) release_write_lock(db);
    return rc;
}

static int sq_begin_read(dv_db *db)
{
    return run_cached(db, "BEGIN");
}

static void sq_end_read(dv_db *db)
{
    if (!sqlite3_get_autocommit(db->conn)) run_cached(db, "COMMIT");
}

static int sq_commit_unsynced(dv_db *db, int *sync_needed)
{
    db->sync_pending = 0;
    int rc = db_fault_injected(DB_FAULT_COMMIT) ? DV_EDB : run_cached(db, "COMMIT");
    if (rc) sq_rollback(db); /* a failed COMMIT leaves nothing half-done, nor the lock held */
    *sync_needed = !rc && db->sync_pending;
    db->sync_pending = 0;
    release_write_lock(db);
    return rc;
}

static int sq_sync(dv_db *db)
{
    return sync_wal(db); /* an error: committed, but not known to be on disk */
}


static void sq_rollback(dv_db *db)
{
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    release_write_lock(db);
}

static dv_stmt *sq_prepare(dv_db *db, const char *sql)
{
    struct dv_stmt *s = db_cache_slot(db, sql);
    if (!s) return NULL;
    if (s->sql == sql) return s;
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

static void sq_bind_int(dv_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(st->st, idx, v);
}

static void sq_bind_double(dv_stmt *st, int idx, double v)
{
    sqlite3_bind_double(st->st, idx, v);
}

static void sq_bind_text(dv_stmt *st, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, idx);
}


static void sq_bind_blob(dv_stmt *st, int idx, const void *p, size_t n)
{
    if (p)
        sqlite3_bind_blob64(st->st, idx, p, (sqlite3_uint64)n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, idx);
}

static int sq_step(dv_stmt *st)
{
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW) return DB_ROW;
    if (rc == SQLITE_DONE) return DB_DONE;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return DV_ECONFLICT;
    note_sqlite_rc(rc);
    log_error("db: step failed (%d): %s\n  in: %s", rc, sqlite3_errmsg(st->db->conn), st->sql);
    return DV_EDB;
}

static void sq_done(dv_stmt *st)
{
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
}

static int64_t sq_col_int(dv_stmt *st, int col)
{
    return sqlite3_column_int64(st->st, col);
}

static const char *sq_col_text(dv_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->st, col);
}

static int sq_col_is_null(dv_stmt *st, int col)
{
    return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

static const void *sq_col_blob(dv_stmt *st, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(st->st, col);
    *len = (size_t)sqlite3_column_bytes(st->st, col);
    return p;
}


static int sq_exec_script(dv_db *db, const char *sql)
{
    return pragma(db->conn, sql);
}

static int64_t sq_last_id(dv_db *db)
{
    return sqlite3_last_insert_rowid(db->conn);
}

static int sq_changes(dv_db *db)
{
    return sqlite3_changes(db->conn);
}

static int sq_backup(dv_db *db, const char *dest_path)
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

static const struct db_ops sqlite_ops = {
    .close = sq_close, .errmsg = sq_errmsg, .filename = sq_filename, .begin = sq_begin,
    .begin_read = sq_begin_read, .end_read = sq_end_read, .commit_unsynced = sq_commit_unsynced,
    .sync = sq_sync, .rollback = sq_rollback, .in_transaction = sq_in_transaction,
    .prepare = sq_prepare, .bind_int = sq_bind_int, .bind_double = sq_bind_double,
    .bind_text = sq_bind_text, .bind_blob = sq_bind_blob, .step = sq_step, .done = sq_done,
    .col_int = sq_col_int, .col_text = sq_col_text, .col_is_null = sq_col_is_null,
    .col_blob = sq_col_blob, .exec_script = sq_exec_script, .last_id = sq_last_id,
    .changes = sq_changes, .backup = sq_backup, .migrate = db_sqlite_migrate,
};
