/* search_view.h - what templates/portal/search.html is given: the query, the page of hits
 * with their highlighted title and snippet already turned into safe HTML, and paging. */
#ifndef DV_PORTAL_SEARCH_VIEW_H
#define DV_PORTAL_SEARCH_VIEW_H

#include "core/html.h"
#include "portal/search.h"

#include <stddef.h>

struct search_item {
    const struct search_hit *hit;
    dv_html title;       /* escaped, with <mark> */
    dv_html snippet;
    char date[17];       /* "28/05/2020 08:30", Vietnam time; "" if none */
};

struct search_view {
    const char *q;       /* as typed (cleaned); NULL/"" before a search */
    int searched;        /* the query had something to search for */
    const struct search_item *items;
    size_t n;
    size_t total;
    size_t first;        /* 1-based rank of items[0] */
    size_t page, npages; /* 1-based */
};

#endif
