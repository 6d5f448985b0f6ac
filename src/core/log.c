/* log.c - one line per event on stderr, written with a single fputs so threads don't interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <time.h>

static int quiet_info;

void log_set_quiet(int quiet)
{
    quiet_info = quiet;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
    char msg[2048], line[2200], ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    vsnprintf(msg, sizeof msg, fmt, ap);
    snprintf(line, sizeof line, "%s %s %s\n", ts, level, msg);
    fputs(line, stderr);
}

#define LOG_FN(name, level, skip)                   \
    void name(const char *fmt, ...)                 \
    {                                               \
        if (skip) return;                           \
        va_list ap;                                 \
        va_start(ap, fmt);                          \
        log_line(level, fmt, ap);                   \
        va_end(ap);                                 \
    }

LOG_FN(log_info, "info", quiet_info)
LOG_FN(log_warn, "warn", 0)
LOG_FN(log_error, "error", 0)
