/* portal.h - what the rest of the program calls of the public portal: route registration,
 * change notification (for the page cache) and shutdown. */
#ifndef DV_PORTAL_H
#define DV_PORTAL_H

#include <stdint.h>

/* Registers the public pages: /, /chuyen-muc/:slug, /the/:slug, /bai-viet/:slug, its print
 * view, /gioi-thieu, /en/about, the feeds and the sitemaps (src/portal/public_routes.c). */
void public_routes_register(void);

/* Call after any committed change that readers may see: an article created, edited,
 * published, returned, archived (its id), or categories/tags/settings changed (id 0).
 * Drops the cached pages of that article, every page that lists or links it, and every
 * list page (home, categories, tags, feeds, sitemaps); other articles' pages stay cached.
 * id 0 drops everything. Cheap; safe from any thread, inside or outside a transaction
 * (a render that began before the call is never stored). */
void portal_changed(int64_t article_id);

/* At shutdown, after the server stopped and before the database connections close:
 * writes the pending view counts, frees the page cache. */
void portal_shutdown(void);

#endif
