/* buf.h - growable byte buffers and allocation helpers that abort on exhaustion. */
#ifndef DV_BUF_H
#define DV_BUF_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* The one growable heap array: returns p while n < *cap, else p reallocated with room for
 * twice as many elements of sz bytes (16 at first). The caller frees it.
 * Use:  v = xgrow(v, n, &cap, sizeof *v);  v[n++] = x; */
void *xgrow(void *p, size_t n, size_t *cap, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

typedef struct dv_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len; /* bytes used, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
} dv_buf;

#define DV_BUF_INIT {NULL, 0, 0}

void buf_reserve(dv_buf *b, size_t extra);
void buf_append(dv_buf *b, const void *p, size_t n);
void buf_puts(dv_buf *b, const char *s);
void buf_putc(dv_buf *b, char c);
void buf_printf(dv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(dv_buf *b, const char *fmt, va_list ap);
void buf_reset(dv_buf *b);         /* length 0, memory kept */
void buf_free(dv_buf *b);
char *buf_detach(dv_buf *b);       /* caller frees; buffer left empty */
const char *buf_cstr(const dv_buf *b); /* "" for an empty buffer */

#endif
