/* db_copy.h - moving a province's SQLite store into PostgreSQL (danvan copy). */
#ifndef DV_DB_COPY_H
#define DV_DB_COPY_H

#include "db/db.h"

#include <stdio.h>

/* Copies every table of from (SQLite) into to (PostgreSQL, migrated and empty) in one
 * transaction, then compares each table's row count; progress lines go to report (or NULL).
 * 0, DV_ECONFLICT (to is not empty), DV_EINVAL (wrong kinds of store), DV_EDB (a failure or
 * a count that differs: named on stderr). */
int db_copy(dv_db *from, dv_db *to, FILE *report);
/* Frees the SQL db_copy made; call once both connections are closed. */
void db_copy_release(void);

#endif
