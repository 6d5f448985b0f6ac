/* db.h - the one storage interface: connections, transactions, prepared statements.
 *
 * Handlers never see this; the *_store.c files of each area do. SQL uses numbered
 * parameters (?1, ?2 …) so that the same text can be rewritten to PostgreSQL's $1.
 * Statements are cached per connection, keyed by the address of the SQL string, so
 * pass string literals (or other strings that live as long as the process). */
#ifndef DV_DB_H
#define DV_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct dv_db dv_db;
typedef struct dv_stmt dv_stmt;

enum { DB_ROW = 1, DB_DONE = 0 };

struct db_options {
    const char *path;  /* SQLite file */
    int busy_ms;       /* wait this long for a lock; default 5000 */
    int sync_full;     /* PRAGMA synchronous=FULL instead of NORMAL */
};

int db_open(const struct db_options *opt, dv_db **out);
void db_close(dv_db *db);
const char *db_errmsg(dv_db *db);
/* The database's file name (identifies the store across connections); a PostgreSQL
 * store's connection string. */
const char *db_filename(dv_db *db);
/* 1 on the PostgreSQL backend: for the few stores whose SQL cannot be the same on both
 * (search: FTS5 there, tsvector here). Anything else must be portable SQL. */
int db_is_postgres(dv_db *db);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE). */
int db_begin(dv_db *db);
int db_begin_read(dv_db *db);
int db_commit(dv_db *db);             /* with DANVAN_SYNC=full: on disk when it returns */
/* The two halves of db_commit, for a caller that lets the next writer start before the
 * fsync (report_save's group commit): commit and unlock, then, if *sync_needed, make it
 * durable with db_sync (which may run while another thread uses the connection). */
int db_commit_unsynced(dv_db *db, int *sync_needed);
int db_sync(dv_db *db);
void db_rollback(dv_db *db);
void db_end_read(dv_db *db);          /* ends db_begin_read's transaction */
int db_writing(dv_db *db);            /* 1 between db_begin and db_commit/db_rollback */
/* A savepoint inside db_begin's transaction (one level): what follows can be undone alone
 * with db_savepoint_rollback, which leaves the transaction usable even after a failed
 * statement (PostgreSQL aborts the whole transaction otherwise). 0 or DV_EDB. */
int db_savepoint(dv_db *db);
int db_savepoint_release(dv_db *db);
int db_savepoint_rollback(dv_db *db);
int db_in_transaction(dv_db *db);     /* 0 once SQLite has rolled an open transaction back */

/* Prepared statements: prepare → bind → step until DB_DONE → db_done.
 * db_prepare returns NULL on a syntax error (logged with the SQL). */
dv_stmt *db_prepare(dv_db *db, const char *sql);
void db_bind_int(dv_stmt *st, int idx, int64_t v);
void db_bind_double(dv_stmt *st, int idx, double v);
void db_bind_text(dv_stmt *st, int idx, const char *s); /* NULL binds NULL */
void db_bind_null(dv_stmt *st, int idx);
void db_bind_blob(dv_stmt *st, int idx, const void *p, size_t n); /* copied */
int db_step(dv_stmt *st);            /* DB_ROW, DB_DONE or DV_EDB / DV_ECONFLICT */
void db_done(dv_stmt *st);           /* reset and clear bindings; the statement stays cached */
int64_t db_col_int(dv_stmt *st, int col);
const char *db_col_text(dv_stmt *st, int col); /* NULL for SQL NULL; valid until next step */
int db_col_is_null(dv_stmt *st, int col);
/* A BLOB column: its bytes (valid until next step) and length; NULL for SQL NULL. */
const void *db_col_blob(dv_stmt *st, int col, size_t *len);

/* One-shot helpers for statements without result rows. */
int db_exec(dv_stmt *st);            /* step to completion, then db_done; 0 or DV_E* */
int db_exec_script(dv_db *db, const char *sql); /* several statements, no parameters */
/* An INSERT … RETURNING id run to completion: *id the first column of its first row (0 when
 * it gave none, e.g. ON CONFLICT DO NOTHING). 0 or DV_E*. The portable way to learn the id of
 * a new row (SQLite ≥ 3.35 and PostgreSQL). */
int db_exec_id(dv_stmt *st, int64_t *id);
/* Deprecated: SQLite's last_insert_rowid(), PostgreSQL's lastval() (which a trigger that
 * inserts into a table with an identity would move). Use … RETURNING id with db_exec_id. */
int64_t db_last_id(dv_db *db);
int db_changes(dv_db *db);
/* 1 when the last store failure on this thread was the store unable to write or read for
 * now (disk full, an I/O error, a failed fsync, the file busy): a request should answer 503
 * "try again", not 500. Cleared by db_unavailable_reset() (the dispatcher, per request). */
int db_unavailable(void);
void db_unavailable_reset(void);
void db_unavailable_note(void); /* another thread's store failure answers this thread's request */

/* Read-only mode: the store takes no writes, a PostgreSQL hot standby (a streaming replica
 * made with pg_basebackup) or a server whose transactions are read-only.
 * db_detect_read_only asks the store once (at start-up) and remembers the answer for the
 * process; db_read_only() is that answer (0 on SQLite). A server in this mode applies no
 * migration, starts no background writer and answers every state-changing request 503 with
 * a page that says so (http/dispatch.c). */
int db_detect_read_only(dv_db *db);
int db_read_only(void);

/* Schema: apply the embedded migrations not yet applied, each in its own transaction. */
int db_migrate(dv_db *db);

/* A setting made once per database (settings_store.c): stores value under key unless the
 * key has one, then copies the stored value into out: DV_OK or DV_EDB. */
int db_setting_keep(dv_db *db, const char *key, const char *value, char *out, size_t cap);

/* A change counter of the settings table (db_counter.c): DV_OK, or DV_ENOTFOUND with *out 0
 * when the key has no row. */
int db_counter_get(dv_db *db, const char *key, int64_t *out);
int db_schema_version(dv_db *db, char *name_out, int name_cap);

/* Cross-process invalidation (db_listen.c): a number that moves when another process may
 * have committed a change to a change counter, an account or a session (PostgreSQL's
 * LISTEN/NOTIFY); always 0 on SQLite. A cache that rechecks its counter at most every few
 * seconds rechecks at once when the epoch it last checked at has moved. The server starts
 * the listener (a no-op on SQLite) and stops it before closing the connections. */
uint64_t db_change_epoch(void);
int db_listen_start(const struct db_options *opt);
void db_listen_stop(void);

/* Copy the live database to a file with SQLite's online backup API (safe while serving). */
int db_backup(dv_db *db, const char *dest_path);

/* The calling thread's connection, opened on first use with db_thread_config's options.
 * Connections live until db_thread_close_all() at shutdown. */
void db_thread_config(const struct db_options *opt);
dv_db *db_thread(void);
/* One more connection to db_thread()'s store, for one thread that does all of a kind of
 * write (report_save's group commit): it keeps its page cache, where the calling threads'
 * connections find theirs reset by every other commit. NULL when db is not a connection
 * db_thread() handed out (a store opened apart, as in unit tests). */
dv_db *db_thread_writer(dv_db *db);
void db_thread_close_all(void);
/* While the server runs, WAL checkpoints happen on a thread of their own (db_checkpoint.c):
 * the connections db_thread() has opened and opens from then on stop checkpointing in their
 * commits. Start it before the threads that use db_thread(); stop it before closing them. */
int db_thread_start_checkpointer(void);
void db_checkpointer_stop(void);

#endif
