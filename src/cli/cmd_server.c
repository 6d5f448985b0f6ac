/* cmd_server.c - the commands that open the store: init, serve, demo, backup. */
#include "cli/cli.h"

#include "core/err.h"
#include "core/log.h"
#include "org/org.h"
#include "org/unit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_init(int argc, char **argv)
{
    struct dv_config cfg;
    int i = cli_parse(argc, argv, &cfg, NULL, "usage: danvan init [--db FILE]\n\nCreate the database, or apply the migrations it lacks.");
    if (i < 0) return i == -2 ? 0 : 2;
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    char version[128];
    db_schema_version(db, version, sizeof version);
    printf("database %s is ready (schema %s)\n", cfg.db, version);
    db_thread_close_all();
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    struct dv_config cfg;
    int i = cli_parse(argc, argv, &cfg, NULL, "usage: danvan serve [--db FILE] [--listen HOST:PORT]\n\nServe the web application until SIGTERM or SIGINT.");
    if (i < 0) return i == -2 ? 0 : 2;
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    return app_serve(&cfg);
}

/* The national table: --datadir, else the source tree's data/, else the installed copy. */
static const char *units_table_path(const struct dv_config *cfg, char *buf, size_t cap)
{
    const char *dirs[] = {cfg->data_dir, DANVAN_DATADIR_SOURCE, "/usr/local/share/danvan"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        if (!dirs[i][0]) continue;
        snprintf(buf, cap, "%s/vn-admin-units-2025.tsv", dirs[i]);
        if (access(buf, R_OK) == 0) return buf;
    }
    return NULL;
}

static void print_demo_logins(void)
{
    printf("\nDemo logins (user / password):\n");
    for (size_t i = 0; i < demo_login_count; i++)
        printf("  %-10s %-20s %s\n", demo_logins[i].username, demo_logins[i].password, demo_logins[i].what);
    printf("\n");
}

int cmd_demo(int argc, char **argv)
{
    struct dv_config cfg;
    const char *no_serve = NULL;
    struct cli_opt extra[] = {{"no-serve", 0, &no_serve}, {NULL, 0, NULL}};
    int i = cli_parse(argc, argv, &cfg, extra,
                      "usage: danvan demo [--db FILE] [--listen HOST:PORT] [--no-serve]\n\n"
                      "Create the demo province (once) and serve it; --no-serve only loads the data.");
    if (i < 0) return i == -2 ? 0 : 2;
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    char path[1024], err[512] = "";
    const char *tsv = units_table_path(&cfg, path, sizeof path);
    if (!tsv) {
        fprintf(stderr, "danvan: cannot find vn-admin-units-2025.tsv (set --config datadir or DANVAN_DATADIR)\n");
        return 1;
    }
    int rc = demo_load(db, tsv, err, sizeof err);
    if (rc == DV_ECONFLICT) printf("demo data already present in %s\n", cfg.db);
    else if (rc) {
        fprintf(stderr, "danvan: demo: %s\n", err);
        return 1;
    } else printf("demo province created in %s\n", cfg.db);
    print_demo_logins();
    fflush(stdout);
    if (no_serve) {
        db_thread_close_all();
        return 0;
    }
    return app_serve(&cfg);
}

int cmd_import_units(int argc, char **argv)
{
    struct dv_config cfg;
    int i = cli_parse(argc, argv, &cfg, NULL,
                      "usage: danvan import-units [--db FILE] FILE\n\n"
                      "Import the national table of provinces and communes (TSV with the columns\n"
                      "province_code, province_name, commune_code, commune_name). Running it again\n"
                      "changes nothing; a bad row stops the import with its line number and nothing\n"
                      "is imported.");
    if (i < 0) return i == -2 ? 0 : 2;
    if (i >= argc) {
        fprintf(stderr, "danvan: import-units needs a FILE\n");
        return 2;
    }
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    char err[512] = "";
    struct unit_import_counts counts;
    int rc = unit_import_tsv(db, argv[i], isatty(2), &counts, err, sizeof err);
    if (rc) fprintf(stderr, "danvan: import-units: %s\n", err);
    else printf("%ld created, %ld updated, %ld unchanged\n", counts.created, counts.updated, counts.unchanged);
    db_thread_close_all();
    return rc ? 1 : 0;
}

int cmd_backup(int argc, char **argv)
{
    struct dv_config cfg;
    int i = cli_parse(argc, argv, &cfg, NULL,
                      "usage: danvan backup [--db FILE] OUT\n\n"
                      "Copy the database to OUT with SQLite's online backup API; safe while serving.");
    if (i < 0) return i == -2 ? 0 : 2;
    if (i >= argc) {
        fprintf(stderr, "danvan: backup needs an OUT file\n");
        return 2;
    }
    if (access(argv[i], F_OK) == 0) {
        fprintf(stderr, "danvan: backup: %s exists; not overwriting it\n", argv[i]);
        return 1;
    }
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    int rc = db_backup(db, argv[i]);
    if (rc == 0) printf("backed up %s to %s\n", cfg.db, argv[i]);
    db_thread_close_all();
    return rc ? 1 : 0;
}
