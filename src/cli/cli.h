/* cli.h - the subcommands of the danvan binary and what they share. */
#ifndef DV_CLI_H
#define DV_CLI_H

#include "core/config.h"
#include "db/db.h"

/* Each subcommand takes the arguments after its name (argv[0] is the command name). */
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import_units(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_routes(int argc, char **argv);

/* Parse the options every command shares (--db, --listen, --config, --help) plus the
 * command's own; returns the index of the first operand, or -1 after printing an error,
 * or -2 when --help was printed. `extra` lists the command's own long options. */
struct cli_opt {
    const char *name;    /* "no-serve" */
    int has_arg;
    const char **value;  /* set to the argument, or to "1" for flags */
};
int cli_parse(int argc, char **argv, struct dv_config *cfg, const struct cli_opt *extra,
              const char *usage);

/* Open the store, migrate it and make sure the server secret exists; sets up i18n. */
int app_open(const struct dv_config *cfg, dv_db **out);
/* Register every area's routes and the session hook. */
void app_routes(void);
/* Serve until SIGTERM/SIGINT, then finish requests in flight and return 0. */
int app_serve(const struct dv_config *cfg);

#endif
