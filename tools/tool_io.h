/* tool_io.h - what the build-time tools (tools/tplc.c, tools/embed.c) share: growable
 * strings, reading a whole file, and replacing an output file only when it changes. Only
 * libc: these run at build time, before the library exists. */
#ifndef DV_TOOL_IO_H
#define DV_TOOL_IO_H

#include <stddef.h>

/* Each tool defines its name, the prefix of its messages ("tplc", "embed"). */
extern const char tool_name[];

/* A growable string, always NUL-terminated once something was added; {0} is empty. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

/* Reports "NAME: out of memory" and exits with status 1. */
void die_oom(void);

void sb_add(sbuf *b, const void *s, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends the whole file at path to out (out->p is non-NULL afterwards, even for an empty
 * file). -1 with errno set when it cannot be read; nothing is reported. */
int read_whole(const char *path, sbuf *out);

/* Writes data to path through a temporary file and rename(), unless it is already there.
 * -1 after reporting the error. */
int write_if_changed(const char *path, const sbuf *data);

#endif
