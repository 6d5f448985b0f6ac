/* db_pg.c - the PostgreSQL backend of db.h (libpq), chosen by a postgresql:// database setting.
 *
 * - One connection per thread, as with SQLite (db_thread.c); a statement is rewritten once
 *   per SQL string (?N → $N, char( → chr(, see db_pg_sql.c) and prepared on the server the
 *   first time it runs, with the parameter types left to the server to infer; where it cannot
 *   (a parameter that only meets another parameter), it is prepared again with the types of
 *   the values bound (int8, float8, text, bytea; a NULL as text, then as int8). Results come
 *   whole, in text format.
 * - db_begin is BEGIN plus a transaction-scoped advisory lock: the code was written for
 *   SQLite's single writer (read, check, then write in one transaction), and every danvan
 *   process on the database keeps that rule. Readers never wait for it.
 * - A failed statement aborts the transaction in PostgreSQL: db_in_transaction() then says
 *   0, as SQLite's does after it rolled back by itself, and callers roll back (the group
 *   commit takes that save out and runs the batch again).
 * - Errors: class 23 (unique, foreign key, check, not null) → DV_ECONFLICT, others DV_EDB.
 * - Durability is the server's (synchronous_commit=on): a commit is on disk when COMMIT
 *   returns, so db_sync has nothing left to do. */
#include "db/db.h"
#include "db/db_internal.h"
#include "db/db_pg.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OID_INT8 20
#define OID_TEXT 25
#define OID_FLOAT8 701
#define OID_BYTEA 17
#define MAX_VARIANTS 4
#define WRITER_LOCK 0x64616e76616eLL /* "danvan": the one writer, across processes */

struct pg_conn {
    PGconn *c;
    char *conninfo;
    char err[512];
    int changes;
    int reading;                /* inside db_begin_read */
    unsigned next_name;         /* server-side statement names s1, s2, … */
};

struct variant {
    Oid types[DB_PG_MAX_PARAMS];
    char name[16];
    int failed;                 /* the server could not prepare it */
    int type_error;             /* … because of the parameters' types */
    char *why;                  /* its message */
};

struct pg_stmt {
    char *sql;                  /* rewritten for PostgreSQL */
    int nparams;
    char *vals[DB_PG_MAX_PARAMS];
    int lens[DB_PG_MAX_PARAMS];
    int fmts[DB_PG_MAX_PARAMS];
    Oid bound[DB_PG_MAX_PARAMS]; /* the type of each value bound (0: NULL) */
    struct variant v[MAX_VARIANTS];
    int nv;
    PGresult *res;
    int row, nrows;
    unsigned char **blobs;      /* bytea columns decoded this row */
    size_t *bloblens;
};

static void set_err(struct pg_conn *p, const char *msg)
{
    snprintf(p->err, sizeof p->err, "%s", msg ? msg : "?");
    size_t n = strlen(p->err);
    while (n && (p->err[n - 1] == '\n' || p->err[n - 1] == ' ')) p->err[--n] = 0;
}

/* A statement without parameters or results (BEGIN, COMMIT, SET, a script). */
static int simple(dv_db *db, const char *sql)
{
    PGresult *r = PQexec(db->pg->c, sql);
    ExecStatusType s = PQresultStatus(r);
    int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
    if (!ok) {
        set_err(db->pg, PQresultErrorMessage(r));
        log_error("db: %s: %s", sql, db->pg->err);
    }
    PQclear(r);
    return ok ? DV_OK : DV_EDB;
}

static void pg_close(dv_db *db)
{
    for (size_t i = 0; i < STMT_CACHE_SLOTS; i++) {
        struct pg_stmt *s = db->cache[i].pg;
        if (!s) continue;
        PQclear(s->res);
        for (int k = 0; k < DB_PG_MAX_PARAMS; k++) free(s->vals[k]);
        for (int k = 0; k < s->nv; k++) free(s->v[k].why);
        if (s->blobs) {
            for (int k = 0; s->res && k < PQnfields(s->res); k++) PQfreemem(s->blobs[k]);
        }
        free(s->blobs);
        free(s->bloblens);
        free(s->sql);
        free(s);
    }
    PQfinish(db->pg->c);
    free(db->pg->conninfo);
    free(db->pg);
    free(db);
}

static const char *pg_errmsg(dv_db *db)
{
    return db->pg->err[0] ? db->pg->err : PQerrorMessage(db->pg->c);
}

static const char *pg_filename(dv_db *db)
{
    return db->pg->conninfo;
}

static int pg_begin(dv_db *db)
{
    if (simple(db, "BEGIN")) return DV_EDB;
    db->holds_write_lock = 1;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%lld)", (long long)WRITER_LOCK);
    if (simple(db, sql)) {
        simple(db, "ROLLBACK");
        db->holds_write_lock = 0;
        return DV_EDB;
    }
    return DV_OK;
}

static int pg_begin_read(dv_db *db)
{
    if (PQtransactionStatus(db->pg->c) != PQTRANS_IDLE) return DV_EDB;
    int rc = simple(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    db->pg->reading = rc == DV_OK;
    return rc;
}

static void pg_end_read(dv_db *db)
{
    if (PQtransactionStatus(db->pg->c) != PQTRANS_IDLE) simple(db, "COMMIT");
    db->pg->reading = 0;
}

static void pg_rollback(dv_db *db)
{
    if (PQtransactionStatus(db->pg->c) != PQTRANS_IDLE) simple(db, "ROLLBACK");
    db->holds_write_lock = 0;
    db->pg->reading = 0;
}

static int pg_commit_unsynced(dv_db *db, int *sync_needed)
{
    *sync_needed = 0;
    int rc = DV_OK;
    if (db_fault_injected(DB_FAULT_COMMIT) || PQtransactionStatus(db->pg->c) != PQTRANS_INTRANS) rc = DV_EDB;
    else rc = simple(db, "COMMIT");
    if (rc) pg_rollback(db);
    db->holds_write_lock = 0;
    return rc;
}

static int pg_sync(dv_db *db)
{
    (void)db;
    return DV_OK; /* synchronous_commit=on: COMMIT returned after the WAL was flushed */
}

static int pg_in_transaction(dv_db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(db->pg->c);
    return t == PQTRANS_INTRANS || t == PQTRANS_ACTIVE;
}

static dv_stmt *pg_prepare(dv_db *db, const char *sql)
{
    struct dv_stmt *s = db_cache_slot(db, sql);
    if (!s) return NULL;
    if (s->sql == sql) return s;
    int nparams = 0;
    char *text = db_pg_sql_rewrite(sql, &nparams);
    if (!text || nparams > DB_PG_MAX_PARAMS) {
        log_error("db: cannot rewrite for PostgreSQL (%d parameters)\n  in: %s", nparams, sql);
        free(text);
        return NULL;
    }
    struct pg_stmt *p = xcalloc(1, sizeof *p);
    p->sql = text;
    p->nparams = nparams;
    s->pg = p;
    s->sql = sql;
    s->db = db;
    db->cached++;
    return s;
}

static void set_param(dv_stmt *st, int idx, Oid type, const char *v, int len, int fmt)
{
    struct pg_stmt *p = st->pg;
    if (idx < 1 || idx > DB_PG_MAX_PARAMS) return;
    int i = idx - 1;
    free(p->vals[i]);
    p->vals[i] = NULL;
    p->lens[i] = 0;
    p->fmts[i] = fmt;
    p->bound[i] = type;
    if (!v) return;
    p->vals[i] = xmalloc((size_t)len + 1);
    memcpy(p->vals[i], v, (size_t)len);
    p->vals[i][len] = 0;
    p->lens[i] = len;
}

static void pg_bind_int(dv_stmt *st, int idx, int64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    set_param(st, idx, OID_INT8, b, n, 0);
}

static void pg_bind_double(dv_stmt *st, int idx, double v)
{
    char b[40];
    int n = snprintf(b, sizeof b, "%.17g", v);
    set_param(st, idx, OID_FLOAT8, b, n, 0);
}

static void pg_bind_text(dv_stmt *st, int idx, const char *s)
{
    set_param(st, idx, OID_TEXT, s, s ? (int)strlen(s) : 0, 0);
}

static void pg_bind_blob(dv_stmt *st, int idx, const void *v, size_t n)
{
    set_param(st, idx, OID_BYTEA, v ? v : "", v ? (int)n : 0, 1);
    if (!v) set_param(st, idx, OID_BYTEA, NULL, 0, 1);
}

static void free_blobs(struct pg_stmt *p)
{
    if (!p->blobs) return;
    int nf = p->res ? PQnfields(p->res) : 0;
    for (int k = 0; k < nf; k++) {
        PQfreemem(p->blobs[k]);
        p->blobs[k] = NULL;
    }
}

static int is_type_error(const char *state)
{
    /* indeterminate_datatype, datatype_mismatch, undefined_function, ambiguous_function */
    return state && (!strcmp(state, "42P18") || !strcmp(state, "42P08") || !strcmp(state, "42804") ||
                     !strcmp(state, "42883") || !strcmp(state, "42725"));
}

/* The server-side statement for these types, prepared once; NULL if the server refused. */
static struct variant *variant_for(dv_db *db, struct pg_stmt *p, const Oid *types, int *type_error)
{
    *type_error = 0;
    for (int i = 0; i < p->nv; i++)
        if (!memcmp(p->v[i].types, types, sizeof(Oid) * (size_t)p->nparams)) {
            if (p->v[i].failed) set_err(db->pg, p->v[i].why);
            *type_error = p->v[i].type_error;
            return p->v[i].failed ? NULL : &p->v[i];
        }
    struct variant *v = p->nv < MAX_VARIANTS ? &p->v[p->nv++] : &p->v[MAX_VARIANTS - 1];
    free(v->why);
    memset(v, 0, sizeof *v);
    memcpy(v->types, types, sizeof(Oid) * (size_t)p->nparams);
    snprintf(v->name, sizeof v->name, "s%u", ++db->pg->next_name);
    /* a failed PREPARE would abort the caller's transaction: try it inside a savepoint */
    int in_tx = PQtransactionStatus(db->pg->c) == PQTRANS_INTRANS;
    if (in_tx) PQclear(PQexec(db->pg->c, "SAVEPOINT dv_prepare"));
    PGresult *r = PQprepare(db->pg->c, v->name, p->sql, p->nparams, v->types);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (in_tx) PQclear(PQexec(db->pg->c, ok ? "RELEASE SAVEPOINT dv_prepare" : "ROLLBACK TO SAVEPOINT dv_prepare"));
    if (!ok) {
        v->failed = 1;
        v->why = xstrdup(PQresultErrorMessage(r));
        v->type_error = *type_error = is_type_error(PQresultErrorField(r, PG_DIAG_SQLSTATE));
        set_err(db->pg, v->why);
        PQclear(r);
        return NULL;
    }
    PQclear(r);
    return v;
}

static int run(dv_stmt *st)
{
    dv_db *db = st->db;
    struct pg_stmt *p = st->pg;
    Oid unknown[DB_PG_MAX_PARAMS] = {0}, typed[DB_PG_MAX_PARAMS], null_int[DB_PG_MAX_PARAMS];
    size_t size = sizeof(Oid) * (size_t)p->nparams;
    for (int i = 0; i < p->nparams; i++) {
        unknown[i] = p->fmts[i] ? OID_BYTEA : 0; /* a binary value needs its type */
        typed[i] = p->bound[i] ? p->bound[i] : OID_TEXT;
        /* a NULL says nothing of its type: where text did not fit, it is an id (RID0) */
        null_int[i] = !p->vals[i] && !p->fmts[i] ? OID_INT8 : typed[i];
    }
    int type_error = 0;
    struct variant *v = variant_for(db, p, unknown, &type_error);
    if (!v && type_error && memcmp(unknown, typed, size)) v = variant_for(db, p, typed, &type_error);
    if (!v && type_error && memcmp(typed, null_int, size)) v = variant_for(db, p, null_int, &type_error);
    if (!v) {
        log_error("db: prepare failed: %s\n  in: %s", db->pg->err, p->sql);
        return DV_EDB;
    }
    const char *vals[DB_PG_MAX_PARAMS];
    for (int i = 0; i < p->nparams; i++) vals[i] = p->vals[i];
    p->res = PQexecPrepared(db->pg->c, v->name, p->nparams, vals, p->lens, p->fmts, 0);
    ExecStatusType s = PQresultStatus(p->res);
    if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
        p->nrows = PQntuples(p->res);
        p->row = -1;
        const char *ct = PQcmdTuples(p->res);
        db->pg->changes = ct && *ct ? atoi(ct) : 0;
        int nf = PQnfields(p->res);
        p->blobs = xrealloc(p->blobs, sizeof *p->blobs * (size_t)(nf ? nf : 1));
        p->bloblens = xrealloc(p->bloblens, sizeof *p->bloblens * (size_t)(nf ? nf : 1));
        memset(p->blobs, 0, sizeof *p->blobs * (size_t)(nf ? nf : 1));
        return DV_OK;
    }
    const char *st_field = PQresultErrorField(p->res, PG_DIAG_SQLSTATE);
    char state[8];
    snprintf(state, sizeof state, "%s", st_field ? st_field : "?");
    set_err(db->pg, PQresultErrorMessage(p->res));
    PQclear(p->res);
    p->res = NULL;
    if (!strncmp(state, "23", 2)) return DV_ECONFLICT;
    if (!strcmp(state, "25006")) db_unavailable_note(); /* a write on a replica: 503, not 500 */
    log_error("db: step failed (%s): %s\n  in: %s", state, db->pg->err, p->sql);
    return DV_EDB;
}

static int pg_step(dv_stmt *st)
{
    struct pg_stmt *p = st->pg;
    if (!p->res) {
        int rc = run(st);
        if (rc) return rc;
    }
    free_blobs(p);
    if (p->row + 1 < p->nrows) {
        p->row++;
        return DB_ROW;
    }
    p->row = p->nrows;
    return DB_DONE;
}

static void pg_done(dv_stmt *st)
{
    struct pg_stmt *p = st->pg;
    free_blobs(p);
    PQclear(p->res);
    p->res = NULL;
    for (int i = 0; i < DB_PG_MAX_PARAMS; i++) {
        free(p->vals[i]);
        p->vals[i] = NULL;
        p->lens[i] = p->fmts[i] = 0;
        p->bound[i] = 0;
    }
}

static int valid_cell(struct pg_stmt *p, int col)
{
    return p->res && p->row >= 0 && p->row < p->nrows && col >= 0 && col < PQnfields(p->res);
}

static int pg_col_is_null(dv_stmt *st, int col)
{
    struct pg_stmt *p = st->pg;
    return !valid_cell(p, col) || PQgetisnull(p->res, p->row, col);
}

static const char *pg_col_text(dv_stmt *st, int col)
{
    struct pg_stmt *p = st->pg;
    if (pg_col_is_null(st, col)) return NULL;
    return PQgetvalue(p->res, p->row, col);
}

static int64_t pg_col_int(dv_stmt *st, int col)
{
    const char *s = pg_col_text(st, col);
    if (!s) return 0;
    if (s[0] == 't' && !s[1]) return 1; /* a boolean */
    if (s[0] == 'f' && !s[1]) return 0;
    if (strchr(s, '.') || strchr(s, 'e')) return (int64_t)strtod(s, NULL);
    return strtoll(s, NULL, 10);
}

static const void *pg_col_blob(dv_stmt *st, int col, size_t *len)
{
    struct pg_stmt *p = st->pg;
    *len = 0;
    if (pg_col_is_null(st, col)) return NULL;
    const char *s = PQgetvalue(p->res, p->row, col);
    if (PQftype(p->res, col) != OID_BYTEA) { /* text read as bytes, as SQLite allows */
        *len = (size_t)PQgetlength(p->res, p->row, col);
        return s;
    }
    if (!p->blobs[col]) p->blobs[col] = PQunescapeBytea((const unsigned char *)s, &p->bloblens[col]);
    *len = p->bloblens[col];
    return p->blobs[col];
}

static int pg_exec_script(dv_db *db, const char *sql)
{
    return simple(db, sql);
}

static int64_t pg_last_id(dv_db *db)
{
    PGresult *r = PQexec(db->pg->c, "SELECT lastval()");
    int64_t id = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return id;
}

static int pg_changes(dv_db *db)
{
    return db->pg->changes;
}

static int pg_backup(dv_db *db, const char *dest)
{
    (void)dest;
    log_error("backup: %s is PostgreSQL: use pg_dump or pg_basebackup", db->pg->conninfo);
    return DV_EINVAL;
}

static const struct db_ops pg_ops = {
    .close = pg_close, .errmsg = pg_errmsg, .filename = pg_filename, .begin = pg_begin,
    .begin_read = pg_begin_read, .end_read = pg_end_read, .commit_unsynced = pg_commit_unsynced,
    .sync = pg_sync, .rollback = pg_rollback, .in_transaction = pg_in_transaction,
    .prepare = pg_prepare, .bind_int = pg_bind_int, .bind_double = pg_bind_double,
    .bind_text = pg_bind_text, .bind_blob = pg_bind_blob, .step = pg_step, .done = pg_done,
    .col_int = pg_col_int, .col_text = pg_col_text, .col_is_null = pg_col_is_null,
    .col_blob = pg_col_blob, .exec_script = pg_exec_script, .last_id = pg_last_id,
    .changes = pg_changes, .backup = pg_backup, .migrate = db_pg_migrate,
};

static void on_notice(void *arg, const PGresult *r)
{
    (void)arg;
    (void)r; /* NOTICEs (e.g. "relation already exists, skipping") are not errors */
}

int db_pg_open(const struct db_options *opt, dv_db **out)
{
    *out = NULL;
    PGconn *c = PQconnectdb(opt->path);
    if (PQstatus(c) != CONNECTION_OK) {
        log_error("db: cannot connect to PostgreSQL: %s", PQerrorMessage(c));
        PQfinish(c);
        return DV_EDB;
    }
    PQsetNoticeReceiver(c, on_notice, NULL);
    dv_db *db = xcalloc(1, sizeof *db);
    db->ops = &pg_ops;
    db->wal_fd = -1;
    db->pg = xcalloc(1, sizeof *db->pg);
    db->pg->c = c;
    db->pg->conninfo = xstrdup(opt->path);
    char sql[128];
    snprintf(sql, sizeof sql, "SET lock_timeout = %d; SET client_min_messages = warning",
             opt->busy_ms > 0 ? opt->busy_ms * 6 : 30000);
    if (simple(db, sql) || simple(db, "SET TIME ZONE 'UTC'")) {
        pg_close(db);
        return DV_EDB;
    }
    *out = db;
    return DV_OK;
}


void *db_pg_native(dv_db *db)
{
    return db && db->pg ? db->pg->c : NULL;
}
