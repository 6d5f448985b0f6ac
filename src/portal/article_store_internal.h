/* article_store_internal.h - what the article store files share (not for handlers). */
#ifndef DV_ARTICLE_STORE_INTERNAL_H
#define DV_ARTICLE_STORE_INTERNAL_H

#include "portal/article.h"

/* Now, as "YYYY-MM-DDTHH:MM:SSZ". */
void article_now_iso(char out[21]);
/* Inside the write's transaction: the article_history row (from the article re-read) and
 * the audit row (actor NULL: the scheduler). */
int article_record(dv_db *db, const struct dv_user *actor, int64_t id, const char *action, const char *comment,
                   const struct article *before);

#endif
