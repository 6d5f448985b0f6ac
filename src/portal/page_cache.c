/* page_cache.c - rendered public pages in memory: a hash table with an LRU list, bounded by
 * entries and bytes, strong ETags, and exact invalidation by article id (see public.h).
 *
 * One mutex guards everything. A page without a splice point also keeps a prebuilt response
 * (http.h: body and headers built once, queued as it is by every I/O thread): a hit hands
 * out a reference to it and copies nothing. A page with a splice point (the article's view
 * count) keeps one for the current second with the count filled in, so that the count
 * shown moves at most once a second while every view is still counted. The generation counter closes the race between a render that
 * read the database before a change and the invalidation of that change: put() refuses
 * pages rendered under an older generation. */
#include "portal/public.h"

#include "http/http.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NBUCKETS 4096u

struct entry {
    char *key;
    uint32_t hash;
    dv_body *body;                 /* shared with the responses sending it */
    size_t len, splice_at;
    const char *content_type;
    char etag[40];
    dv_prebuilt *pre;              /* NULL for a page with a splice point */
    dv_prebuilt *live;             /* with a splice point: filled in during second live_at */
    time_t live_at;
    struct page_entry_info info;
    struct entry *hnext;           /* bucket chain */
    struct entry *prev, *next;     /* LRU: head = most recent */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[NBUCKETS];
static struct entry *lru_head, *lru_tail;
static size_t count, bytes;
static size_t max_entries = PAGE_CACHE_MAX_ENTRIES, max_bytes = PAGE_CACHE_MAX_BYTES;
static uint64_t generation = 1;

static uint32_t hash_key(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static size_t entry_size(const struct entry *e)
{
    return e->len * 2 + strlen(e->key) + sizeof *e; /* the (pre or live) response holds a copy */
}

static void lru_unlink(struct entry *e)
{
    if (e->prev) e->prev->next = e->next;
    else lru_head = e->next;
    if (e->next) e->next->prev = e->prev;
    else lru_tail = e->prev;
    e->prev = e->next = NULL;
}

static void lru_push_front(struct entry *e)
{
    e->prev = NULL;
    e->next = lru_head;
    if (lru_head) lru_head->prev = e;
    lru_head = e;
    if (!lru_tail) lru_tail = e;
}

static struct entry *find(const char *key, uint32_t h)
{
    for (struct entry *e = buckets[h % NBUCKETS]; e; e = e->hnext)
        if (e->hash == h && strcmp(e->key, key) == 0) return e;
    return NULL;
}

static void drop(struct entry *e)
{
    struct entry **pp = &buckets[e->hash % NBUCKETS];
    while (*pp != e) pp = &(*pp)->hnext;
    *pp = e->hnext;
    lru_unlink(e);
    count--;
    bytes -= entry_size(e);
    prebuilt_release(e->pre);
    prebuilt_release(e->live);
    free(e->key);
    body_release(e->body);
    free(e);
}

void page_cache_etag(const char *body, size_t len, char etag[40])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)body, len, NULL, 0);
    etag[0] = '"';
    sodium_bin2hex(etag + 1, 33, h, sizeof h);
    etag[33] = '"';
    etag[34] = '\0';
}

uint64_t page_cache_generation(void)
{
    pthread_mutex_lock(&mu);
    uint64_t g = generation;
    pthread_mutex_unlock(&mu);
    return g;
}

/* The entry of key, moved to the front of the LRU list, its facts in hit; under mu. */
static struct entry *hit_locked(const char *key, struct page_hit *hit)
{
    struct entry *e = find(key, hash_key(key));
    if (!e) return NULL;
    lru_unlink(e);
    lru_push_front(e);
    memcpy(hit->etag, e->etag, sizeof hit->etag);
    hit->content_type = e->content_type;
    hit->view_article = e->info.view_article;
    hit->view_base = e->info.view_base;
    hit->splice_at = e->splice_at;
    return e;
}

int page_cache_get(const char *key, dv_buf *out, struct page_hit *hit, page_splice_fn fill, void *ctx)
{
    pthread_mutex_lock(&mu);
    struct entry *e = hit_locked(key, hit);
    if (e && out) {
        const char *body = body_data(e->body);
        if (e->splice_at == (size_t)-1) {
            buf_append(out, body, e->len);
        } else {
            buf_append(out, body, e->splice_at);
            const char *mid = fill ? fill(ctx, hit) : NULL;
            if (mid) buf_puts(out, mid);
            buf_append(out, body + e->splice_at, e->len - e->splice_at);
        }
    }
    pthread_mutex_unlock(&mu);
    return e != NULL;
}

int page_cache_get_response(const char *key, struct page_hit *hit, dv_prebuilt **pre, dv_body **body)
{
    *pre = NULL;
    *body = NULL;
    pthread_mutex_lock(&mu);
    struct entry *e = hit_locked(key, hit);
    if (e && e->pre) {
        prebuilt_retain(e->pre);
        *pre = e->pre;
    } else if (e && e->live && e->live_at == time(NULL)) {
        prebuilt_retain(e->live);
        *pre = e->live;
    } else if (e) {
        body_retain(e->body);
        *body = e->body;
    }
    pthread_mutex_unlock(&mu);
    return e != NULL;
}

void page_cache_set_live(const char *key, const char *etag, dv_prebuilt *p)
{
    time_t now = time(NULL);
    pthread_mutex_lock(&mu);
    struct entry *e = find(key, hash_key(key));
    if (e && !e->pre && strcmp(e->etag, etag) == 0 && (!e->live || e->live_at != now)) {
        prebuilt_retain(p);
        prebuilt_release(e->live);
        e->live = p;
        e->live_at = now;
    }
    pthread_mutex_unlock(&mu);
}

static void evict_locked(void)
{
    while (lru_tail && (count > max_entries || bytes > max_bytes)) drop(lru_tail);
}

int page_cache_put(const char *key, uint64_t gen, const char *content_type, const char *body, size_t len,
                   size_t splice_at, const struct page_entry_info *info, char etag[40])
{
    page_cache_etag(body, len, etag);
    if (splice_at != (size_t)-1 && splice_at > len) return 0;
    if (len + strlen(key) + sizeof(struct entry) > max_bytes / 8) return 0; /* one page never fills the cache */
    struct entry *n = xcalloc(1, sizeof *n);
    n->key = xstrdup(key);
    n->hash = hash_key(key);
    n->body = body_new(body, len);
    n->len = len;
    n->splice_at = splice_at;
    n->content_type = content_type;
    memcpy(n->etag, etag, sizeof n->etag);
    if (splice_at == (size_t)-1) n->pre = prebuilt_new(body, len, content_type, PAGE_CACHE_CONTROL, etag);
    n->info = *info;
    if (n->info.ndeps > PAGE_CACHE_MAX_DEPS) n->info.ndeps = PAGE_CACHE_MAX_DEPS;

    pthread_mutex_lock(&mu);
    if (gen != generation) { /* the data changed while this page was rendered */
        pthread_mutex_unlock(&mu);
        prebuilt_release(n->pre);
        free(n->key);
        body_release(n->body);
        free(n);
        return 0;
    }
    struct entry *old = find(key, n->hash);
    if (old) drop(old);
    n->hnext = buckets[n->hash % NBUCKETS];
    buckets[n->hash % NBUCKETS] = n;
    lru_push_front(n);
    count++;
    bytes += entry_size(n);
    evict_locked();
    pthread_mutex_unlock(&mu);
    return 1;
}

static int shows(const struct entry *e, int64_t id)
{
    for (size_t i = 0; i < e->info.ndeps; i++)
        if (e->info.deps[i] == id) return 1;
    return 0;
}

void page_cache_invalidate(int64_t article_id)
{
    pthread_mutex_lock(&mu);
    generation++;
    for (struct entry *e = lru_head, *next; e; e = next) {
        next = e->next;
        if (article_id == 0 || e->info.is_list || shows(e, article_id)) drop(e);
    }
    pthread_mutex_unlock(&mu);
}

void page_cache_free_all(void)
{
    pthread_mutex_lock(&mu);
    generation++;
    while (lru_head) drop(lru_head);
    pthread_mutex_unlock(&mu);
}

size_t page_cache_count(void)
{
    pthread_mutex_lock(&mu);
    size_t n = count;
    pthread_mutex_unlock(&mu);
    return n;
}

size_t page_cache_bytes(void)
{
    pthread_mutex_lock(&mu);
    size_t n = bytes;
    pthread_mutex_unlock(&mu);
    return n;
}

void page_cache_set_limits(size_t entries, size_t nbytes)
{
    pthread_mutex_lock(&mu);
    max_entries = entries;
    max_bytes = nbytes;
    evict_locked();
    pthread_mutex_unlock(&mu);
}
