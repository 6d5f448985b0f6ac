/* db_copy.c - moves a whole SQLite store into an empty, migrated PostgreSQL store (danvan
 * copy): every table both schemas share, row by row in one transaction with triggers and
 * reference checks off (session_replication_role = replica: the rows are already
 * consistent, and the version counters come over in settings), identities moved past the
 * largest id, the search indexes (articles, documents, petitions) rebuilt, then each table's
 * row count compared. */
#include "db/db.h"
#include "db/db_copy.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TABLES 256
#define MAX_COLS 64

static const char *SQL_PG_TABLES =
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
    "AND table_name NOT IN ('schema_migrations', 'article_search', 'document_search', 'petition_search') "
    "ORDER BY table_name";
static const char *SQL_PG_COLUMNS =
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
    "AND table_name = ?1 ORDER BY ordinal_position";
static const char *SQL_SQ_HAS_COLUMN = "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2";
static const char *SQL_PG_EMPTY = "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM users)";
static const char *SQL_PG_IDENTITY =
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?1 "
    "AND is_identity = 'YES'";

struct table {
    char *name;
    char *cols[MAX_COLS];
    int bytea[MAX_COLS];
    int ncol;
    char *select_sql, *insert_sql, *count_sql; /* live until the connections close */
};

struct copy {
    dv_db *from, *to;
    struct table t[MAX_TABLES];
    int n;
};

/* SQL built here: the statement caches know statements by address, so these live until
 * db_copy_release(), after both connections are closed. */
static char **strings;
static size_t nstrings;

static char *keep(struct copy *c, char *s)
{
    (void)c;
    strings = xrealloc(strings, (nstrings + 1) * sizeof *strings);
    strings[nstrings++] = s;
    return s;
}

void db_copy_release(void)
{
    for (size_t i = 0; i < nstrings; i++) free(strings[i]);
    free(strings);
    strings = NULL;
    nstrings = 0;
}

static int sqlite_has(struct copy *c, const char *table, const char *col)
{
    dv_stmt *st = db_prepare(c->from, SQL_SQ_HAS_COLUMN);
    if (!st) return 0;
    db_bind_text(st, 1, table);
    db_bind_text(st, 2, col);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_ROW;
}

/* The columns of t that both stores have, and the statements that move its rows. */
static int plan_table(struct copy *c, struct table *t)
{
    dv_stmt *st = db_prepare(c->to, SQL_PG_COLUMNS);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, t->name);
    while (db_step(st) == DB_ROW && t->ncol < MAX_COLS) {
        const char *col = db_col_text(st, 0);
        if (!sqlite_has(c, t->name, col)) continue;
        t->bytea[t->ncol] = !strcmp(db_col_text(st, 1), "bytea");
        t->cols[t->ncol++] = xstrdup(col);
    }
    db_done(st);
    if (!t->ncol) return DV_OK; /* not in the SQLite store: nothing to move */
    dv_buf sel = DV_BUF_INIT, ins = DV_BUF_INIT;
    buf_puts(&sel, "SELECT ");
    buf_printf(&ins, "INSERT INTO %s (", t->name);
    for (int i = 0; i < t->ncol; i++) {
        buf_printf(&sel, "%s\"%s\"", i ? ", " : "", t->cols[i]);
        buf_printf(&ins, "%s\"%s\"", i ? ", " : "", t->cols[i]);
    }
    buf_printf(&sel, " FROM \"%s\"", t->name);
    buf_puts(&ins, ") VALUES (");
    for (int i = 0; i < t->ncol; i++) buf_printf(&ins, "%s?%d", i ? ", " : "", i + 1);
    buf_puts(&ins, ")");
    t->select_sql = keep(c, buf_detach(&sel));
    t->insert_sql = keep(c, buf_detach(&ins));
    dv_buf cnt = DV_BUF_INIT;
    buf_printf(&cnt, "SELECT count(*) FROM \"%s\"", t->name);
    t->count_sql = keep(c, buf_detach(&cnt));
    return DV_OK;
}

static int plan(struct copy *c)
{
    dv_stmt *st = db_prepare(c->to, SQL_PG_TABLES);
    if (!st) return DV_EDB;
    while (db_step(st) == DB_ROW && c->n < MAX_TABLES) c->t[c->n++].name = xstrdup(db_col_text(st, 0));
    db_done(st);
    for (int i = 0; i < c->n; i++)
        if (plan_table(c, &c->t[i])) return DV_EDB;
    return DV_OK;
}

/* Every row of one table; *rows how many. */
static int move_rows(struct copy *c, struct table *t, long *rows)
{
    *rows = 0;
    dv_stmt *src = db_prepare(c->from, t->select_sql), *dst = db_prepare(c->to, t->insert_sql);
    if (!src || !dst) return DV_EDB;
    int rc;
    while ((rc = db_step(src)) == DB_ROW) {
        for (int i = 0; i < t->ncol; i++) {
            if (db_col_is_null(src, i)) db_bind_null(dst, i + 1);
            else if (t->bytea[i]) {
                size_t len;
                const void *p = db_col_blob(src, i, &len);
                db_bind_blob(dst, i + 1, p ? p : "", len);
            } else db_bind_text(dst, i + 1, db_col_text(src, i));
        }
        int w = db_exec(dst);
        if (w) {
            log_error("copy: %s: %s", t->name, db_errmsg(c->to));
            db_done(src);
            return w;
        }
        ++*rows;
    }
    db_done(src);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

/* Identities continue after the largest id copied. */
static int move_identity(struct copy *c, struct table *t)
{
    dv_stmt *st = db_prepare(c->to, SQL_PG_IDENTITY);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, t->name);
    char col[64] = "";
    if (db_step(st) == DB_ROW) snprintf(col, sizeof col, "%s", db_col_text(st, 0));
    db_done(st);
    if (!*col) return DV_OK;
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT max(\"%s\") FROM \"%s\"), 0) + 1, false)",
             t->name, col, col, t->name);
    return db_exec_script(c->to, sql);
}

static int64_t count_of(dv_db *db, const char *sql)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return -1;
    int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
    db_done(st);
    return n;
}

static int run(struct copy *c, FILE *report)
{
    if (count_of(c->to, SQL_PG_EMPTY) != 0) {
        log_error("copy: the PostgreSQL store already holds units or users; copy needs an empty one");
        return DV_ECONFLICT;
    }
    int rc = plan(c);
    if (rc) return rc;
    if ((rc = db_begin(c->to)) != 0) return rc;
    rc = db_exec_script(c->to, "SET LOCAL session_replication_role = replica; DELETE FROM settings");
    /* what the migrations seeded (petition categories, the work calendar) comes from the file */
    for (int i = 0; rc == DV_OK && i < c->n; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "DELETE FROM %s", c->t[i].name);
        if (c->t[i].ncol) rc = db_exec_script(c->to, sql);
    }
    if (rc == DV_OK) rc = db_begin_read(c->from);
    for (int i = 0; rc == DV_OK && i < c->n; i++) {
        if (!c->t[i].ncol) continue;
        long rows;
        rc = move_rows(c, &c->t[i], &rows);
        if (rc == DV_OK) rc = move_identity(c, &c->t[i]);
        if (rc == DV_OK && report) fprintf(report, "copy: %-24s %ld rows\n", c->t[i].name, rows);
    }
    if (rc == DV_OK)
        rc = db_exec_script(c->to, "INSERT INTO article_search(id, doc, nt, nl, nb) "
                                   "SELECT id, article_search_doc(title, lead, body_md), vi_ntokens(title), "
                                   "vi_ntokens(lead), vi_ntokens(body_md) FROM articles WHERE status = 'published'; "
                                   "INSERT INTO document_search(rowid, code, title, summary, body) "
                                   "SELECT d.id, d.code, d.title, d.summary, COALESCE((SELECT f.text FROM "
                                   "document_files f WHERE f.document_id = d.id), '') FROM documents d; "
                                   "INSERT INTO petition_search(rowid, doc) SELECT id, setweight(vi_words(summary), "
                                   "'A') || setweight(vi_words(answer), 'B') FROM petitions WHERE status = 'published'");
    db_end_read(c->from);
    if (rc) {
        db_rollback(c->to);
        return rc;
    }
    return db_commit(c->to);
}

/* Each table's count, in both stores, once committed. */
static int compare(struct copy *c, FILE *report)
{
    int bad = 0;
    for (int i = 0; i < c->n; i++) {
        if (!c->t[i].ncol) continue;
        int64_t a = count_of(c->from, c->t[i].count_sql), b = count_of(c->to, c->t[i].count_sql);
        if (a != b) {
            bad++;
            fprintf(stderr, "copy: %s: %lld rows in SQLite, %lld in PostgreSQL\n", c->t[i].name, (long long)a,
                    (long long)b);
        }
    }
    if (report) fprintf(report, "copy: %d tables compared, %d differ\n", c->n, bad);
    return bad ? DV_EDB : DV_OK;
}

int db_copy(dv_db *from, dv_db *to, FILE *report)
{
    if (db_is_postgres(from) || !db_is_postgres(to)) {
        log_error("copy: from a SQLite file to a PostgreSQL store only");
        return DV_EINVAL;
    }
    struct copy *c = xcalloc(1, sizeof *c);
    c->from = from;
    c->to = to;
    int rc = run(c, report);
    if (rc == DV_OK) rc = compare(c, report);
    for (int i = 0; i < c->n; i++) {
        free(c->t[i].name);
        for (int k = 0; k < c->t[i].ncol; k++) free(c->t[i].cols[k]);
    }
    free(c);
    return rc;
}
