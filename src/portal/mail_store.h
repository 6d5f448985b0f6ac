/* mail_store.h - the mail_sends log behind the per-address rate limit of "send this
 * article": a send is reserved (limit checked and row written in one transaction) before
 * the SMTP exchange and released again when that fails. */
#ifndef DV_MAIL_STORE_H
#define DV_MAIL_STORE_H

#include "db/db.h"

#include <stdint.h>

struct mail_limit {
    int short_max;       /* sends per short window … */
    int short_window_s;  /* … of this many seconds */
    int day_max;         /* sends per 24 hours */
};

/* Check ip's sends against lim and, when under it, log this one, in one transaction.
 * 0 and *id_out; DV_EBUSY when over the limit (nothing written); DV_EDB. */
int mail_store_reserve(dv_db *db, const struct mail_limit *lim, const char *ip, const char *recipient,
                       int64_t article_id, int64_t now, int64_t *id_out);
/* Forget a reserved send whose SMTP exchange failed, so it does not count. */
int mail_store_release(dv_db *db, int64_t id);

#endif
