/* arena.c - chained blocks; large requests get a block of their own. */
#include "core/arena.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 8192

struct block {
    struct block *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
};

struct cleanup {
    struct cleanup *next;
    void (*fn)(void *ctx);
    void *ctx;
};

struct dv_arena {
    struct block *head;
    struct cleanup *cleanups;
};

dv_arena *arena_new(void)
{
    return xcalloc(1, sizeof(dv_arena));
}

void arena_on_free(dv_arena *a, void (*fn)(void *ctx), void *ctx)
{
    struct cleanup *c = arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->ctx = ctx;
    c->next = a->cleanups;
    a->cleanups = c;
}

void arena_free(dv_arena *a)
{
    if (!a) return;
    for (struct cleanup *c = a->cleanups; c; c = c->next) c->fn(c->ctx); /* newest first */
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(dv_arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    struct block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof(struct block) + cap);
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(dv_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(dv_arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(dv_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_grow(dv_arena *a, void *p, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap) return p;
    size_t nc = *cap ? *cap * 2 : 16;
    void *q = arena_alloc(a, nc * sz);
    if (p && n) memcpy(q, p, n * sz);
    *cap = nc;
    return q;
}
