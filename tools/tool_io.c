/* tool_io.c - growable strings and file reading/writing for the build-time tools
 * (tool_io.h). Only libc. */
#include "tool_io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void die_oom(void)
{
    fprintf(stderr, "%s: out of memory\n", tool_name);
    exit(1);
}

void sb_add(sbuf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) die_oom();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void sb_puts(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) die_oom();
    if ((size_t)n < sizeof small) {
        sb_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) die_oom();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_add(b, big, (size_t)n);
    free(big);
}

int read_whole(const char *path, sbuf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sb_add(out, chunk, n);
    int bad = ferror(f);
    int err = errno;
    fclose(f);
    if (bad) {
        errno = err ? err : EIO;
        return -1;
    }
    if (!out->p) sb_add(out, "", 0);
    return 0;
}

int write_if_changed(const char *path, const sbuf *data)
{
    sbuf old = {0};
    int same = read_whole(path, &old) == 0 && old.len == data->len && memcmp(old.p, data->p, old.len) == 0;
    free(old.p);
    if (same) return 0;
    sbuf tmp = {0};
    sb_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp.p, "wb");
    int ok = f && fwrite(data->p, 1, data->len, f) == data->len;
    if (f && fclose(f) != 0) ok = 0;
    if (ok && rename(tmp.p, path) != 0) ok = 0;
    if (!ok) {
        perror(path);
        unlink(tmp.p);
    }
    free(tmp.p);
    return ok ? 0 : -1;
}
