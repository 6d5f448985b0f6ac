/* temp_store.h - a unit test's real SQLite store in a temporary directory of its own: made
 * (and migrated) by TEMP_STORE_OPEN, its files and directory removed by TEMP_STORE_REMOVE
 * once the connection is closed. For fixtures with char dir[], char path[] and dv_db *db. */
#ifndef DV_TEST_TEMP_STORE_H
#define DV_TEST_TEMP_STORE_H

#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* /tmp/dv-test-NAME-XXXXXX/db, opened into *db; migrated when migrate. 0 or -1. */
static inline int temp_store_open(char *dir, size_t dircap, char *path, size_t pathcap, const char *name, int migrate,
                                  dv_db **db)
{
    snprintf(dir, dircap, "/tmp/dv-test-%s-XXXXXX", name);
    if (!mkdtemp(dir)) return -1;
    snprintf(path, pathcap, "%s/db", dir);
    struct db_options o = {.path = path, .busy_ms = 1000};
    if (db_open(&o, db) != 0) return -1;
    return migrate && db_migrate(*db) != 0 ? -1 : 0;
}

/* The store's file, its WAL and shared-memory files, then the directory. */
static inline void temp_store_remove(const char *dir, const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    char p[512];
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

#define TEMP_STORE_OPEN(f, name, migrate) \
    temp_store_open((f)->dir, sizeof (f)->dir, (f)->path, sizeof (f)->path, (name), (migrate), &(f)->db)
#define TEMP_STORE_REMOVE(f) temp_store_remove((f)->dir, (f)->path)

#endif
