/* access_log.c - one line per answered request: address, user, method, path, status, bytes, time. */
#include "http/internal.h"

#include "core/log.h"
#include "org/user.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static FILE *log_file;
static int log_owned;

void access_log_open(const char *where)
{
    if (!where || strcmp(where, "off") == 0) {
        log_file = NULL;
    } else if (strcmp(where, "-") == 0) {
        log_file = stderr;
    } else {
        log_file = fopen(where, "a");
        if (!log_file) log_error("http: cannot open access log %s", where);
        log_owned = log_file != NULL;
    }
}

void access_log_close(void)
{
    if (log_owned && log_file) fclose(log_file);
    log_file = NULL;
    log_owned = 0;
}

void access_log_write(const dv_req *r, size_t bytes)
{
    if (!log_file) return;
    char ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    double ms = (double)(now_us() - r->started_us) / 1000.0;
    char line[1024];
    snprintf(line, sizeof line, "%s access %s %s %s %.200s %d %zu %.2fms\n", ts, r->remote_addr,
             r->user ? r->user->username : "-", r->method, r->path, r->status, bytes, ms);
    fputs(line, log_file);
    if (log_file != stderr) fflush(log_file);
}
