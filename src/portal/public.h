/* public.h - the parts of the public portal that its own files share: the page cache, the
 * in-memory view counter, the read queries the public pages need beyond article.h, and
 * the feed/sitemap writers. Nothing outside src/portal includes this. */
#ifndef DV_PORTAL_PUBLIC_H
#define DV_PORTAL_PUBLIC_H

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "portal/article.h"

#include <stddef.h>
#include <stdint.h>

/* --- page cache (page_cache.c) ---
 * Rendered public pages by key (language + path + normalised query). Bounded by entry
 * count and bytes; least recently used entries go first. A page may hold one splice point
 * (the view-count line): it is stored as head + tail and the caller puts the live value
 * between them. Each entry remembers the article ids it shows (the article itself and
 * the related ones) and whether it is a list page, for exact invalidation. */
#define PAGE_CACHE_MAX_ENTRIES 2000
#define PAGE_CACHE_MAX_BYTES (64u * 1024 * 1024)
#define PAGE_CACHE_MAX_DEPS 16

struct page_entry_info {
    int is_list;                 /* home, category, tag, feed, sitemap: dropped on any change */
    int64_t deps[PAGE_CACHE_MAX_DEPS]; /* article ids shown; deps[0] = the page's own article */
    size_t ndeps;
    int64_t view_article;        /* > 0: the splice point shows this article's view count */
    int64_t view_base;           /* its stored view count when rendered */
};

struct page_hit {
    char etag[40];               /* "\"…\"" with the quotes */
    const char *content_type;    /* static string */
    int64_t view_article, view_base;
    size_t splice_at;            /* (size_t)-1: none */
};

/* The generation changes on every invalidation: take it before rendering and pass it to
 * page_cache_put, which then refuses to store a page rendered from older data. */
uint64_t page_cache_generation(void);
/* On a hit: fills hit, appends the head to out, then fill(ctx, hit) (when the page has a
 * splice point; fill may be NULL), then the tail. Returns 1 on a hit, 0 on a miss. */
typedef const char *(*page_splice_fn)(void *ctx, const struct page_hit *hit);
int page_cache_get(const char *key, dv_buf *out, struct page_hit *hit, page_splice_fn fill, void *ctx);
/* A hit as what a response is made of, nothing copied: a page without a splice point as its
 * prebuilt response (*pre), one with a splice point as its bytes (*body, head + tail, split
 * at hit->splice_at). Each holds a reference for the caller (res_prebuilt / res_body_spliced
 * take it over; else prebuilt_release / body_release). 1 on a hit, 0 on a miss. */
struct dv_prebuilt;
struct dv_body;
int page_cache_get_response(const char *key, struct page_hit *hit, struct dv_prebuilt **pre,
                            struct dv_body **body);
/* A page with a splice point also keeps, for the current second, a prebuilt response with
 * the splice text filled in (the view count): page_cache_get_response hands it out as *pre
 * (the caller still counts the view) until the clock moves on. page_cache_set_live gives the
 * cache its own reference to p, for the entry of key while its ETag is still etag. */
void page_cache_set_live(const char *key, const char *etag, struct dv_prebuilt *p);
/* The Cache-Control of every cached page: browsers may keep it but revalidate (ETag). */
#define PAGE_CACHE_CONTROL "public, no-cache"
/* Stores body (with the splice point at splice_at, or (size_t)-1 for none, the splice text
 * itself NOT included: body = head + tail). Fills etag. Returns 1 stored, 0 not. */
int page_cache_put(const char *key, uint64_t generation, const char *content_type, const char *body,
                   size_t len, size_t splice_at, const struct page_entry_info *info, char etag[40]);
/* The ETag of bytes (head + tail), the same the cache gives. */
void page_cache_etag(const char *body, size_t len, char etag[40]);
void page_cache_invalidate(int64_t article_id); /* 0 = everything */
void page_cache_free_all(void);
size_t page_cache_count(void);
size_t page_cache_bytes(void);
void page_cache_set_limits(size_t max_entries, size_t max_bytes); /* tests */

/* --- view counter (view_counter.c) --- */
/* Counts one view; returns stored + pending. stored_hint is the article's view_count as
 * read from the database (-1 if unknown); the counter keeps the larger. */
int64_t view_counter_hit(int64_t article_id, int64_t stored_hint);
/* Writes pending counts in one transaction if `force` or 10 s have passed since the last
 * flush. Returns the number of articles written, or a negative DV_E* code. */
int view_counter_maybe_flush(dv_db *db, int force);
void view_counter_free_all(void);

/* --- read queries (public_store.c) --- */
struct sitemap_url {
    const char *path;       /* "/bai-viet/slug" (already URL-safe) */
    const char *lastmod;    /* ISO UTC or NULL */
};
/* Articles, categories, tags and static pages, in a stable order, [offset, offset+limit). */
int public_sitemap_count(dv_db *db, size_t *total);
int public_sitemap_urls(dv_db *db, dv_arena *a, size_t offset, size_t limit, struct sitemap_url **out, size_t *n);
/* The newest change (ISO UTC, or NULL) of each of the nfiles sitemap files of per_file URLs. */
int public_sitemap_lastmods(dv_db *db, dv_arena *a, size_t per_file, size_t nfiles, const char ***out);
/* Adds each pending (article id, views) in one transaction. */
int public_views_add(dv_db *db, const int64_t *ids, const int64_t *counts, size_t n);

/* --- feeds and sitemaps (public_feed.c), written with libxml2's xmlTextWriter --- */
struct feed_info {
    const char *title;      /* channel title */
    const char *self_path;  /* "/feed/rss.xml" */
    const char *html_path;  /* "/" or "/chuyen-muc/slug" */
    const char *description;
};
int feed_write_rss(dv_buf *out, const struct feed_info *f, const struct article *items, size_t n);
int feed_write_atom(dv_buf *out, const struct feed_info *f, const struct article *items, size_t n);
/* The sitemap index naming nfiles files /sitemap-1.xml … */
int sitemap_write_index(dv_buf *out, size_t nfiles, const char *const *lastmods); /* lastmods may be NULL */
int sitemap_write_urls(dv_buf *out, const struct sitemap_url *urls, size_t n);
/* How many files of at most per_file URLs total URLs need (at least 1). */
size_t sitemap_file_count(size_t total, size_t per_file);
#define SITEMAP_PER_FILE 2000

/* --- formatting (public_format.c) --- */
/* "28/05/2020 08:30" in Vietnam time (UTC+7, no DST) from ISO UTC; "" if unparseable. */
void public_date_vn(char out[17], const char *iso_utc);
/* RFC 822 ("Thu, 28 May 2020 01:30:00 +0000") and RFC 3339 ("2020-05-28T01:30:00Z"). */
void public_date_rfc822(char out[32], const char *iso_utc);
void public_date_rfc3339(char out[21], const char *iso_utc);
/* base_url + path, in the arena. */
const char *public_abs_url(dv_arena *a, const char *path);

#endif
