/* embedded.h - static files and SQL migrations compiled into the binary by tools/embed. */
#ifndef DV_EMBEDDED_H
#define DV_EMBEDDED_H

#include <stddef.h>

/* One file of static/, served under a fingerprinted path so it can be cached forever. */
struct dv_static_file {
    const char *name;                /* "app.css": the file's basename */
    const char *path;                /* "/static/app.1a2b3c4d.css": first 8 hex of the hash */
    const unsigned char *data;       /* the bytes (followed by a NUL not counted in len) */
    size_t len;
    const char *etag;                /* "\"1a2b3c4d5e6f7a8b\"": FNV-1a 64 of the content */
    const char *content_type;        /* by extension, e.g. "text/css; charset=utf-8" */
};

extern const struct dv_static_file dv_static_files[]; /* sorted by name */
extern const size_t dv_static_count;

/* One file of src/db/migrations/. */
struct dv_migration {
    const char *name; /* "0001_core.sql": the file's basename */
    const char *sql;  /* NUL-terminated */
};

extern const struct dv_migration dv_migrations[]; /* sorted by name: apply in this order */
extern const size_t dv_migration_count;
/* The same for PostgreSQL, from src/db/migrations_pg/ (db_pg_migrate.c). */
extern const struct dv_migration dv_pg_migrations[];
extern const size_t dv_pg_migration_count;

#endif
