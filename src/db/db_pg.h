/* db_pg.h - the PostgreSQL backend's own helpers (src/db only): SQL rewriting, the native
 * connection for LISTEN/NOTIFY, the schema migrations of src/db/migrations_pg/. */
#ifndef DV_DB_PG_H
#define DV_DB_PG_H

#include "db/db.h"

#define DB_PG_MAX_PARAMS 160

/* The SQL text for PostgreSQL (malloc'd), once per statement: ?N → $N (a bare ? takes the
 * next number), char( → chr(, outside string literals and quoted names; *nparams the
 * highest parameter number. NULL on an unterminated literal. */
char *db_pg_sql_rewrite(const char *sql, int *nparams);

/* The libpq PGconn of a PostgreSQL connection, NULL for SQLite. */
void *db_pg_native(dv_db *db);

#endif
