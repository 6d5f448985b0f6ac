/* temp_store.h - a unit test's real SQLite store in a temporary directory of its own: made
 * (and migrated) by TEMP_STORE_OPEN, its files and directory removed by TEMP_STORE_REMOVE
 * once the connection is closed. For fixtures with char dir[], char path[] and dv_db *db.
 * With DANVAN_TEST_PG=DIR (the socket directory of scripts/pg-tmp.sh's cluster) the store is
 * a fresh PostgreSQL database there instead, and path its URL; REMOVE drops it. */
#ifndef DV_TEST_TEMP_STORE_H
#define DV_TEST_TEMP_STORE_H

#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs one statement on the test cluster's maintenance database. 0 or -1. */
static inline int temp_store_pg_admin(const char *sql)
{
    char url[256];
    snprintf(url, sizeof url, "postgresql:///postgres?host=%s&user=postgres", getenv("DANVAN_TEST_PG"));
    struct db_options o = {.path = url};
    dv_db *admin = NULL;
    if (db_open(&o, &admin) != 0) return -1;
    int rc = db_exec_script(admin, sql);
    db_close(admin);
    return rc ? -1 : 0;
}

/* The name of a test database in its URL (postgresql:///NAME?…). */
static inline void temp_store_pg_name(const char *url, char *name, size_t cap)
{
    const char *s = url + strlen("postgresql:///");
    size_t n = strcspn(s, "?");
    snprintf(name, cap, "%.*s", (int)n, s);
}

/* /tmp/dv-test-NAME-XXXXXX/db (or a database on DANVAN_TEST_PG), opened into *db; migrated
 * when migrate. 0 or -1. */
static inline int temp_store_open(char *dir, size_t dircap, char *path, size_t pathcap, const char *name, int migrate,
                                  dv_db **db)
{
    snprintf(dir, dircap, "/tmp/dv-test-%s-XXXXXX", name);
    if (!mkdtemp(dir)) return -1;
    snprintf(path, pathcap, "%s/db", dir);
    const char *pg = getenv("DANVAN_TEST_PG");
    if (pg && *pg) {
        static int seq;
        char sql[96];
        int n = snprintf(path, pathcap, "postgresql:///u%d_%d?host=%s&user=postgres", (int)getpid(), ++seq, pg);
        if (n < 0 || (size_t)n >= pathcap) return -1;
        snprintf(sql, sizeof sql, "CREATE DATABASE u%d_%d", (int)getpid(), seq);
        if (temp_store_pg_admin(sql)) return -1;
    }
    struct db_options o = {.path = path, .busy_ms = 1000};
    if (db_open(&o, db) != 0) return -1;
    return migrate && db_migrate(*db) != 0 ? -1 : 0;
}

/* The store's file, its WAL and shared-memory files, then the directory. */
static inline void temp_store_remove(const char *dir, const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    if (!strncmp(path, "postgresql:", 11)) {
        char name[64], sql[128];
        temp_store_pg_name(path, name, sizeof name);
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
        temp_store_pg_admin(sql);
        rmdir(dir);
        return;
    }
    char p[512];
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* 1 when the fixture's store is PostgreSQL (tests that add triggers say them in its dialect). */
#define TEMP_STORE_IS_PG(f) (strncmp((f)->path, "postgresql:", 11) == 0)

#define TEMP_STORE_OPEN(f, name, migrate) \
    temp_store_open((f)->dir, sizeof (f)->dir, (f)->path, sizeof (f)->path, (name), (migrate), &(f)->db)
#define TEMP_STORE_REMOVE(f) temp_store_remove((f)->dir, (f)->path)

#endif
