/* category.h - the portal's categories as editors manage them (the desk's category page):
 * the full list with what the public list leaves out (position, hidden, how many articles),
 * and the writes: create, rename / change the slug, move up or down, hide (only when empty)
 * or show again. Each write is one transaction with its audit row, and drops the cached
 * public pages (every page shows the category menu). Readers never see a hidden category:
 * it is off the menu, its page and feeds answer 404 and the desk form does not offer it. */
#ifndef DV_CATEGORY_H
#define DV_CATEGORY_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"
#include "portal/article.h"

#include <stddef.h>
#include <stdint.h>

#define CATEGORY_NAME_MAX 100
#define CATEGORY_SLUG_MAX 80
#define CATEGORY_MAX 500     /* a menu, not a taxonomy: category_move orders at most this many */

struct category_row {
    struct term t;
    int hidden;
    int64_t articles;        /* articles in it, whatever their status */
};

/* Every category, hidden ones too, in menu order. */
int category_list_all(dv_db *db, dv_arena *a, struct category_row **out, size_t *n);
/* 1 when slug is 1..CATEGORY_SLUG_MAX of [a-z0-9] in words joined by single hyphens. */
int category_slug_valid(const char *slug);
/* name: cleaned, non-empty. slug NULL or "" = from the name. DV_EDENIED (not an editor),
 * DV_EINVAL (bad slug), DV_ECONFLICT (slug taken), DV_ENOTFOUND. */
int category_create(dv_db *db, const struct dv_user *actor, const char *name, const char *slug, int64_t *id_out);
int category_update(dv_db *db, const struct dv_user *actor, int64_t id, const char *name, const char *slug);
/* Swap with the neighbour above (dir < 0) or below (dir > 0); at an end nothing changes. */
int category_move(dv_db *db, const struct dv_user *actor, int64_t id, int dir);
/* Hiding a category that holds articles: DV_ECONFLICT. */
int category_set_hidden(dv_db *db, const struct dv_user *actor, int64_t id, int hidden);

#endif
