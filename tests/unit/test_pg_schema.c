/* test_pg_schema.c - the two schemas stay in step: a SQLite store migrated by
 * src/db/migrations/ and a PostgreSQL store migrated by src/db/migrations_pg/ have the same
 * tables, columns (types mapped: INTEGER → bigint, TEXT → text, BLOB → bytea, REAL → double
 * precision; NOT NULL; the primary key), indexes (name, table, unique, columns, partial),
 * foreign keys, number of CHECK constraints per table, and triggers (search's own aside: its
 * tables, article_search, document_search and petition_search, differ by design and
 * test_search and the HTTP tests check both). Runs where DANVAN_TEST_PG names a
 * cluster (scripts/run-tests.sh's PostgreSQL pass); skipped elsewhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db/db.h"
#include "temp_store.h"

struct store {
    char dir[64], path[128];
    dv_db *db;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rows of a query (its first ncol columns), one line each, joined by '|', sorted. */
static char *rows_n(dv_db *db, const char *sql, int ncol)
{
    dv_stmt *st = db_prepare(db, sql);
    assert_non_null(st);
    char **lines = NULL;
    size_t n = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        dv_buf l = DV_BUF_INIT;
        const char *v;
        for (int c = 0; c < ncol; c++) {
            v = db_col_text(st, c);
            if (c) buf_putc(&l, '|');
            buf_puts(&l, v ? v : "");
        }
        lines = realloc(lines, (n + 1) * sizeof *lines);
        lines[n++] = buf_detach(&l);
    }
    assert_int_equal(rc, DB_DONE);
    db_done(st);
    qsort(lines, n, sizeof *lines, cmp_str);
    dv_buf all = DV_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_puts(&all, lines[i] ? lines[i] : "");
        buf_putc(&all, '\n');
        free(lines[i]);
    }
    free(lines);
    char *s = buf_detach(&all);
    return s ? s : calloc(1, 1);
}

/* Tables both schemas share: not SQLite's FTS5 shadow tables, nor search's. */
#define NOT_SEARCH(c) c " NOT LIKE 'article_search%' AND " c " NOT LIKE 'document_search%' AND " \
                   c " NOT LIKE 'petition_search%'"
#define SQ_TABLES "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " \
                  "AND " NOT_SEARCH("name") " AND name <> 'schema_migrations'"
#define PG_TABLES "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' " \
                  "AND table_type = 'BASE TABLE' AND " NOT_SEARCH("table_name") " " \
                  "AND table_name <> 'schema_migrations'"

static const char *SQ_COLUMNS =
    "SELECT m.name, c.name, CASE upper(c.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text' "
    " WHEN 'BLOB' THEN 'bytea' WHEN 'REAL' THEN 'double precision' ELSE lower(c.type) END, "
    " CASE WHEN c.\"notnull\" OR c.pk > 0 THEN 'NO' ELSE 'YES' END, c.pk > 0 "
    "FROM (" SQ_TABLES ") m, pragma_table_info(m.name) c";
static const char *PG_COLUMNS =
    "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, "
    " CASE WHEN EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN "
    "  information_schema.table_constraints t ON t.constraint_name = k.constraint_name "
    "  AND t.table_name = k.table_name WHERE t.constraint_type = 'PRIMARY KEY' "
    "  AND k.table_name = c.table_name AND k.column_name = c.column_name) THEN 1 ELSE 0 END "
    "FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name IN (" PG_TABLES ")";

/* Named indexes (not the ones a PRIMARY KEY or UNIQUE constraint makes, whose names differ):
 * table, name, unique, columns, partial. */
static const char *SQ_INDEXES =
    "SELECT m.name, i.name, i.\"unique\", (SELECT group_concat(name, ',') FROM "
    " (SELECT ii.name FROM pragma_index_info(i.name) ii ORDER BY ii.seqno)), i.partial "
    "FROM (" SQ_TABLES ") m, pragma_index_list(m.name) i WHERE i.origin = 'c'";
static const char *PG_INDEXES =
    "SELECT t.relname, ic.relname, CASE WHEN x.indisunique THEN 1 ELSE 0 END, "
    " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) "
    "   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), "
    " CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END "
    "FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
    "JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE ns.nspname = 'public' "
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
    " AND t.relname IN (" PG_TABLES ")";

static const char *SQ_FKS =
    "SELECT m.name, f.\"from\", f.\"table\", COALESCE(f.\"to\", 'id'), lower(f.on_delete) "
    "FROM (" SQ_TABLES ") m, pragma_foreign_key_list(m.name) f";
static const char *PG_FKS =
    "SELECT t.relname, a.attname, rt.relname, ra.attname, CASE c.confdeltype WHEN 'c' THEN 'cascade' "
    " WHEN 'n' THEN 'set null' WHEN 'r' THEN 'restrict' WHEN 'd' THEN 'set default' ELSE 'no action' END "
    "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid "
    "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1] "
    "JOIN pg_attribute ra ON ra.attrelid = rt.oid AND ra.attnum = c.confkey[1] "
    "WHERE c.contype = 'f' AND t.relname IN (" PG_TABLES ")";

static const char *SQ_TRIGGERS =
    "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND " NOT_SEARCH("name");
static const char *PG_TRIGGERS =
    "SELECT DISTINCT trigger_name, event_object_table FROM information_schema.triggers "
    "WHERE trigger_schema = 'public' AND " NOT_SEARCH("trigger_name") " "
    "AND trigger_name NOT LIKE 'dv_notify%'";

/* CHECK constraints per table: the word CHECK in SQLite's CREATE TABLE text. */
static const char *SQ_CHECKS_SQL = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN (" SQ_TABLES ")";
static const char *PG_CHECKS =
    "SELECT t.relname, count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
    "WHERE c.contype = 'c' AND t.relname IN (" PG_TABLES ") GROUP BY t.relname";

static char *sqlite_checks(dv_db *db)
{
    dv_stmt *st = db_prepare(db, SQ_CHECKS_SQL);
    assert_non_null(st);
    char *lines[256];
    size_t n = 0;
    while (db_step(st) == DB_ROW && n < 256) {
        const char *sql = db_col_text(st, 1);
        int k = 0;
        for (const char *p = sql; (p = strstr(p, "CHECK")) != NULL; p += 5) k++;
        if (!k) continue;
        char buf[160];
        snprintf(buf, sizeof buf, "%s|%d", db_col_text(st, 0), k);
        lines[n++] = strdup(buf);
    }
    db_done(st);
    qsort(lines, n, sizeof *lines, cmp_str);
    dv_buf all = DV_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        buf_puts(&all, lines[i]);
        buf_putc(&all, '\n');
        free(lines[i]);
    }
    char *s = buf_detach(&all);
    return s ? s : calloc(1, 1);
}

static void same(const char *what, char *sq, char *pg)
{
    size_t lines = 0;
    for (const char *c = sq; *c; c++) lines += *c == '\n';
    if (getenv("DANVAN_TEST_VERBOSE")) fprintf(stderr, "%s: %zu lines alike\n", what, lines);
    assert_true(lines >= 10); /* each listing holds the schema's dozens of rows */
    if (strcmp(sq, pg) != 0) {
        fprintf(stderr, "%s differ.\n--- SQLite\n%s--- PostgreSQL\n%s", what, sq, pg);
        fail_msg("the PostgreSQL schema (src/db/migrations_pg/) is not SQLite's: %s", what);
    }
    free(sq);
    free(pg);
}

/* The columns a query selects: its commas before FROM at depth 0, plus one. */
static int ncol_of(const char *sql)
{
    int depth = 0, n = 1;
    for (const char *p = sql + 6; *p; p++) {
        if (*p == '(') depth++;
        else if (*p == ')') depth--;
        else if (depth == 0 && *p == ',') n++;
        else if (depth == 0 && !strncmp(p, " FROM ", 6)) break;
    }
    return n;
}

static void test_schemas_match(void **state)
{
    (void)state;
    const char *pg = getenv("DANVAN_TEST_PG");
    if (!pg || !*pg) skip();
    struct store q = {0}, p = {0};
    setenv("DANVAN_TEST_PG", "", 1); /* this one on SQLite */
    assert_int_equal(temp_store_open(q.dir, sizeof q.dir, q.path, sizeof q.path, "schema-sq", 1, &q.db), 0);
    setenv("DANVAN_TEST_PG", pg, 1);
    assert_int_equal(temp_store_open(p.dir, sizeof p.dir, p.path, sizeof p.path, "schema-pg", 1, &p.db), 0);

#define rows(db, sql) rows_n(db, sql, ncol_of(sql))
    char *tq = rows(q.db, SQ_TABLES), *tp = rows(p.db, PG_TABLES);
    assert_true(strlen(tq) > 100); /* the schema is there: some thirty tables */
    same("tables", tq, tp);
    same("columns (table|column|type|nullable|primary key)", rows(q.db, SQ_COLUMNS), rows(p.db, PG_COLUMNS));
    same("indexes (table|name|unique|columns|partial)", rows(q.db, SQ_INDEXES), rows(p.db, PG_INDEXES));
    same("foreign keys (table|column|references|column|on delete)", rows(q.db, SQ_FKS), rows(p.db, PG_FKS));
    same("CHECK constraints per table", sqlite_checks(q.db), rows_n(p.db, PG_CHECKS, 2));
    same("triggers (name|table)", rows(q.db, SQ_TRIGGERS), rows(p.db, PG_TRIGGERS));

    db_close(q.db);
    temp_store_remove(q.dir, q.path);
    db_close(p.db);
    temp_store_remove(p.dir, p.path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schemas_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
