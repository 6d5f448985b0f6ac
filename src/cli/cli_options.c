/* cli_options.c - the options every subcommand shares, and the config precedence. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPTS 24

static const char COMMON_HELP[] =
    "Common options:\n"
    "  --db FILE          SQLite database (env DANVAN_DB; default ./danvan.db)\n"
    "  --listen HOST:PORT address to serve on (env DANVAN_LISTEN; default 127.0.0.1:8080)\n"
    "  --config FILE      read settings from FILE (env DANVAN_CONFIG): key = value lines\n"
    "  --help             show this help\n";

int cli_parse(int argc, char **argv, struct dv_config *cfg, const struct cli_opt *extra,
              const char *usage)
{
    struct option opts[MAX_OPTS];
    int n = 0;
    opts[n++] = (struct option){"db", required_argument, NULL, 'd'};
    opts[n++] = (struct option){"listen", required_argument, NULL, 'l'};
    opts[n++] = (struct option){"config", required_argument, NULL, 'c'};
    opts[n++] = (struct option){"help", no_argument, NULL, 'h'};
    for (int i = 0; extra && extra[i].name && n < MAX_OPTS - 1; i++)
        opts[n++] = (struct option){extra[i].name, extra[i].has_arg, NULL, 1000 + i};
    opts[n] = (struct option){NULL, 0, NULL, 0};

    const char *db = NULL, *listen = NULL, *config = getenv("DANVAN_CONFIG");
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'd') db = optarg;
        else if (c == 'l') listen = optarg;
        else if (c == 'c') config = optarg;
        else if (c == 'h') {
            printf("%s\n%s", usage, COMMON_HELP);
            return -2;
        } else if (c >= 1000) {
            *extra[c - 1000].value = extra[c - 1000].has_arg ? optarg : "1";
        } else {
            fprintf(stderr, "%s\n%s", usage, COMMON_HELP);
            return -1;
        }
    }
    config_defaults(cfg);
    char err[512];
    if (config && *config && config_load_file(cfg, config, err, sizeof err)) {
        fprintf(stderr, "danvan: %s\n", err);
        return -1;
    }
    config_load_env(cfg);
    if ((db && config_set(cfg, "db", db, err, sizeof err)) ||
        (listen && config_set(cfg, "listen", listen, err, sizeof err))) {
        fprintf(stderr, "danvan: %s\n", err);
        return -1;
    }
    return optind;
}
