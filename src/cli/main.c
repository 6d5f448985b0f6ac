/* main.c - the danvan binary: picks the subcommand. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"init", cmd_init, "create or upgrade the database"},
    {"serve", cmd_serve, "serve the web application"},
    {"demo", cmd_demo, "create a demo province and serve it"},
    {"import-units", cmd_import_units, "import the national table of provinces and communes"},
    {"user", cmd_user, "manage accounts: add, passwd, list, disable, enable"},
    {"backup", cmd_backup, "copy the live database to a file"},
    {"copy", cmd_copy, "move a SQLite store into PostgreSQL, counts compared"},
    {"remind", cmd_remind, "e-mail today's digests of reports due soon or overdue"},
    {"routes", cmd_routes, "list every route: method, pattern, flags, handler, file:line"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: danvan COMMAND [OPTIONS]\n\n"
                 "danvan runs the mass mobilization work of a province's political system.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'danvan COMMAND --help' for a command's options; 'danvan --version'.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("danvan %s\n", DANVAN_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "danvan: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
