/* portal_version.h - noticing that another process changed what public pages show.
 *
 * Triggers (migration 0006) bump settings.portal_version on every change a reader could
 * see. Each process remembers the value its page cache reflects ("seen"). Public requests
 * call portal_version_poll(), which reads the counter at most once a second and drops
 * every cached page when it moved. This process's own writes keep their exact
 * invalidation (portal_changed): they run between portal_write_begin and
 * portal_write_commit, which take the counter's new value as seen when nothing else moved
 * it in between. A writer that skips them is still correct: its change costs a full drop. */
#ifndef DV_PORTAL_VERSION_H
#define DV_PORTAL_VERSION_H

#include "db/db.h"

#include <stdint.h>

#define PORTAL_VERSION_POLL_SECONDS 1

struct portal_write {
    int64_t before;  /* the counter at the start of the transaction; -1 unknown */
};

/* The store's counter (0 when the row is missing). 0 or DV_EDB. */
int portal_version_read(dv_db *db, int64_t *v);
/* Inside a write transaction (after db_begin), before its first write. */
void portal_write_begin(dv_db *db, struct portal_write *w);
/* Commits the transaction begun with portal_write_begin (db_commit's result). */
int portal_write_commit(dv_db *db, const struct portal_write *w);
/* On public requests: at most every PORTAL_VERSION_POLL_SECONDS, portal_version_check. */
void portal_version_poll(dv_db *db);
/* Reads the counter now; a value this process has not seen drops every cached page.
 * Returns 1 when it dropped them. */
int portal_version_check(dv_db *db);

#endif
