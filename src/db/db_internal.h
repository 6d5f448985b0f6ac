/* db_internal.h - what the files of src/db share and nothing else sees: the connection and
 * statement structs both backends fill, and the table of operations db.c dispatches to. */
#ifndef DV_DB_INTERNAL_H
#define DV_DB_INTERNAL_H

#include "db/db.h"

#include <stddef.h>

#define STMT_CACHE_SLOTS 256 /* power of two; open addressing keyed by SQL address */

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;
struct pg_stmt;

struct dv_stmt {
    dv_db *db;
    const char *sql;
    struct sqlite3_stmt *st; /* SQLite */
    struct pg_stmt *pg;      /* PostgreSQL (db_pg.c) */
};

/* What a backend does; db.c's public functions call through it. */
struct db_ops {
    void (*close)(dv_db *db);
    const char *(*errmsg)(dv_db *db);
    const char *(*filename)(dv_db *db);
    int (*begin)(dv_db *db);
    int (*begin_read)(dv_db *db);
    void (*end_read)(dv_db *db);
    int (*commit_unsynced)(dv_db *db, int *sync_needed);
    int (*sync)(dv_db *db);
    void (*rollback)(dv_db *db);
    int (*in_transaction)(dv_db *db);
    dv_stmt *(*prepare)(dv_db *db, const char *sql);
    void (*bind_int)(dv_stmt *st, int idx, int64_t v);
    void (*bind_double)(dv_stmt *st, int idx, double v);
    void (*bind_text)(dv_stmt *st, int idx, const char *s);
    void (*bind_blob)(dv_stmt *st, int idx, const void *p, size_t n);
    int (*step)(dv_stmt *st);
    void (*done)(dv_stmt *st);
    int64_t (*col_int)(dv_stmt *st, int col);
    const char *(*col_text)(dv_stmt *st, int col);
    int (*col_is_null)(dv_stmt *st, int col);
    const void *(*col_blob)(dv_stmt *st, int col, size_t *len);
    int (*exec_script)(dv_db *db, const char *sql);
    int64_t (*last_id)(dv_db *db);
    int (*changes)(dv_db *db);
    int (*backup)(dv_db *db, const char *dest);
    int (*migrate)(dv_db *db);
};

struct dv_db {
    const struct db_ops *ops;
    int holds_write_lock;   /* this connection is inside db_begin … db_commit/db_rollback */
    /* SQLite */
    struct sqlite3 *conn;
    int sync_commits;       /* DANVAN_SYNC=full: each commit is on disk before it returns */
    int sync_pending;       /* committed inside db_begin … db_commit, WAL not yet synced */
    int sync_failed;        /* the last sync failed: the commit may not survive a power cut */
    int wal_fd;             /* the WAL file, opened at the first sync; -1 before */
    void (*checkpoint_notify)(int frames); /* db_checkpoint.c, or NULL: checkpoint here */
    /* PostgreSQL */
    struct pg_conn *pg;
    struct dv_stmt cache[STMT_CACHE_SLOTS];
    size_t cached;
};

/* 1 when the database setting names PostgreSQL (postgresql://…, postgres://…, or a libpq
 * "key=value" string); anything else is an SQLite file path. */
int db_is_pg(const char *path);
int db_sqlite_open(const struct db_options *opt, dv_db **out);
int db_pg_open(const struct db_options *opt, dv_db **out);
int db_sqlite_migrate(dv_db *db);
int db_pg_migrate(dv_db *db);
/* The statement cache both backends share: the slot for sql (s->sql NULL: a new one). */
struct dv_stmt *db_cache_slot(dv_db *db, const char *sql);

struct sqlite3 *db_sqlite_conn(dv_db *db);
/* After each commit, notify(frames in the WAL) instead of checkpointing in the commit. */
void db_set_checkpoint_notify(dv_db *db, void (*notify)(int frames));
/* The connection leaves WAL checkpoints to the checkpointer thread (db_checkpoint.c). */
void db_checkpoint_hand_over(dv_db *db);
int db_checkpointer_start(const struct db_options *opt);
int db_checkpointer_running(void);

/* Fault injection (db_fault.c, tests only: -DDANVAN_FAULTS): 1 when this operation is to fail. */
enum db_fault_kind { DB_FAULT_PREPARE, DB_FAULT_STEP, DB_FAULT_COMMIT, DB_FAULT_FSYNC };
#ifdef DANVAN_FAULTS
int db_fault(enum db_fault_kind kind);
void db_fault_check_request(void); /* at db_begin: arms a fault the test asked for */
#else
#define db_fault(kind) ((void)(kind), 0)
#define db_fault_check_request() ((void)0)
#endif
/* db_fault, and when it fires the thread's failure counts as "store unavailable" (db.c). */
int db_fault_injected(enum db_fault_kind kind);

#endif
