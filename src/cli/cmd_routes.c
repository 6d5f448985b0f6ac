/* cmd_routes.c - `danvan routes`: every route the server answers, in the router's match
 * order (method, pattern, flags, handler, file:line, who may), without opening a database. */
#include "cli/cli.h"

#include "http/http.h"

#include <stdio.h>
#include <string.h>

/* "src/org/unit_routes.c" out of __FILE__, which the build may give absolute or relative. */
static const char *route_file(const char *file)
{
    const char *best = strncmp(file, "src/", 4) == 0 ? file : NULL;
    for (const char *p = strstr(file, "/src/"); p; p = strstr(p + 1, "/src/")) best = p + 1;
    return best ? best : file;
}

static void route_flags(unsigned flags, char *out, size_t n)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{ROUTE_PUBLIC, "public"}, {ROUTE_NO_CSRF, "no-csrf"}, {ROUTE_SLOW, "slow"}};
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((flags & names[i].bit) && len + strlen(names[i].name) + 2 < n)
            len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", names[i].name);
    if (!len) snprintf(out, n, "-");
}

int cmd_routes(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: danvan routes\n\n"
               "Print every route in the order the router matches them: method, pattern, flags,\n"
               "handler, the file:line declaring it, and who may use it. Opens no database.\n");
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "danvan: routes: takes no arguments (see 'danvan routes --help')\n");
        return 2;
    }
    app_routes();
    printf("%-6s %-44s %-20s %-36s %-48s %s\n", "METHOD", "PATTERN", "FLAGS", "HANDLER", "FILE:LINE", "ACCESS");
    for (size_t i = 0; i < router_count(); i++) {
        const struct dv_route *r = router_at(i);
        char flags[64], where[512];
        route_flags(r->flags, flags, sizeof flags);
        snprintf(where, sizeof where, "%s:%d", route_file(r->file ? r->file : "?"), r->line);
        printf("%-6s %-44s %-20s %-36s %-48s %s\n", r->method, r->pattern, flags,
               r->handler_name ? r->handler_name : "?", where, route_access(r));
    }
    router_clear();
    return 0;
}
