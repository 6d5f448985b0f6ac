/* unit_links.h - links other areas add to a unit's page (GET /units/:id): "this unit's
 * cadres", "its dissemination sessions", "its tasks" … registered at start-up, shown to the
 * users for whom visible() says yes, in increasing order. */
#ifndef DV_UNIT_LINKS_H
#define DV_UNIT_LINKS_H

#include "core/principal.h"

#include <stddef.h>

struct unit_page_link {
    const char *label;     /* msgid */
    const char *href_fmt;  /* with one %lld: the unit's id, e.g. "/units/%lld/cadres" */
    int order;
    int (*visible)(const struct dv_user *u);
};

void unit_page_link_add(const struct unit_page_link *links, size_t n);
size_t unit_page_link_count(void);
const struct unit_page_link *unit_page_link_at(size_t i); /* in order */

#endif
