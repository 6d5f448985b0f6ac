/* cmd_copy.c - danvan copy --from FILE.db --to postgresql://…: moves a province that outgrew
 * SQLite into PostgreSQL (db_copy: one transaction, row counts compared at the end). The
 * destination is migrated first and must hold no units or users yet. */
#include "cli/cli.h"
#include "db/db_copy.h"

#include "core/log.h"

#include <stdio.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: danvan copy --from FILE.db --to postgresql:///DBNAME?host=/run/postgresql\n\n"
    "Copy a SQLite store into an empty PostgreSQL database (created and migrated here), in one\n"
    "transaction, and compare every table's row count. Stop the servers using FILE.db first.";

int cmd_copy(int argc, char **argv)
{
    struct dv_config cfg;
    const char *from = NULL, *to = NULL;
    struct cli_opt extra[] = {{"from", 1, &from}, {"to", 1, &to}, {NULL, 0, NULL}};
    int i = cli_parse(argc, argv, &cfg, extra, USAGE);
    if (i < 0) return i == -2 ? 0 : 2;
    if (!from || !to) {
        fprintf(stderr, "danvan: copy needs --from FILE.db and --to postgresql://…\n\n%s\n", USAGE);
        return 2;
    }
    if (access(from, R_OK) != 0) {
        fprintf(stderr, "danvan: copy: cannot read %s\n", from);
        return 1;
    }
    struct db_options fo = {.path = from, .busy_ms = 5000}, to_opt = {.path = to, .busy_ms = 5000};
    dv_db *src = NULL, *dst = NULL;
    int rc = db_open(&fo, &src);
    if (rc == 0) rc = db_migrate(src); /* the same schema version as the binary's */
    if (rc == 0) rc = db_open(&to_opt, &dst);
    if (rc == 0) rc = db_migrate(dst);
    if (rc == 0) rc = db_copy(src, dst, stdout);
    if (rc == 0) printf("copied %s to %s: every table has the same number of rows\n", from, to);
    else fprintf(stderr, "danvan: copy failed\n");
    db_close(src);
    db_close(dst);
    db_copy_release();
    return rc ? 1 : 0;
}
