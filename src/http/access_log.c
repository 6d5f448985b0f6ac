/* access_log.c - one line per answered request:
 *   TIME access ADDRESS USER METHOD TARGET STATUS BYTES MSms "REFERER" "USER-AGENT"
 * TARGET is the path and query as received (still percent-encoded). Every field from the
 * request is escaped (log_escape): control characters, bytes that are not UTF-8, and the
 * separators (space in a bare field, '"' in a quoted one) cannot forge a line or a field. */
#include "http/internal.h"

#include "core/log.h"
#include "core/principal.h"

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

/* Appends " " and s escaped for a bare field (at most cap bytes of it). */
static void put_word(dv_buf *line, const char *s, size_t cap)
{
    char esc[2048];
    log_escape(esc, cap < sizeof esc ? cap : sizeof esc, s && *s ? s : "-", LOG_ESC_WORD);
    buf_putc(line, ' ');
    buf_puts(line, esc);
}

/* Appends " \"s\"" escaped for a quoted field ("-" when absent). */
static void put_quoted(dv_buf *line, const char *s, size_t cap)
{
    char esc[1024];
    log_escape(esc, cap < sizeof esc ? cap : sizeof esc, s ? s : "-", LOG_ESC_QUOTED);
    buf_puts(line, " \"");
    buf_puts(line, esc);
    buf_putc(line, '"');
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
    dv_buf line = DV_BUF_INIT;
    buf_printf(&line, "%s access", ts);
    put_word(&line, r->remote_addr, 64);
    put_word(&line, r->user ? r->user->username : NULL, 256);
    put_word(&line, r->method, 32);
    put_word(&line, r->target ? r->target : r->path, 2048);
    buf_printf(&line, " %d %zu %.2fms", r->status, bytes, ms);
    put_quoted(&line, req_header(r, "Referer"), 512);
    put_quoted(&line, req_header(r, "User-Agent"), 512);
    buf_putc(&line, '\n');
    fputs(buf_cstr(&line), log_file);
    if (log_file != stderr) fflush(log_file);
    buf_free(&line);
}
