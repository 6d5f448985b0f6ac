/* arena.h - a bump allocator freed all at once: one per request, one per CLI command. */
#ifndef DV_ARENA_H
#define DV_ARENA_H

#include <stddef.h>

typedef struct dv_arena dv_arena;

dv_arena *arena_new(void);
void arena_free(dv_arena *a);
void *arena_alloc(dv_arena *a, size_t n);   /* zeroed, aligned for any type */
/* The one growable array on an arena: returns p itself while n < *cap, else a copy of its
 * n elements of sz bytes with room for twice as many (16 at first; arenas never free).
 * Use:  v = arena_grow(a, v, n, &cap, sizeof *v);  v[n++] = x; */
void *arena_grow(dv_arena *a, void *p, size_t n, size_t *cap, size_t sz);
char *arena_strdup(dv_arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(dv_arena *a, const char *s, size_t n);
/* fn(ctx) runs when the arena is freed (before its memory goes), newest registration first. */
void arena_on_free(dv_arena *a, void (*fn)(void *ctx), void *ctx);
char *arena_printf(dv_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
