/* portal_changed.c - change notification and shutdown of the public portal (portal.h):
 * the store calls portal_changed() after a commit readers may see; it drops exactly the
 * cached pages that show the article, and every list page. */
#include "portal/portal.h"

#include "db/db.h"
#include "portal/public.h"

void portal_changed(int64_t article_id)
{
    page_cache_invalidate(article_id);
}

void portal_shutdown(void)
{
    dv_db *db = db_thread();
    if (db) view_counter_maybe_flush(db, 1);
    view_counter_free_all();
    page_cache_free_all();
}
