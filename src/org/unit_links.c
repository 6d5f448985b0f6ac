/* unit_links.c - the registry of links other areas add to a unit's page (unit_links.h). */
#include "org/unit_links.h"

#define LINKS_MAX 32

static const struct unit_page_link *links[LINKS_MAX];
static size_t nlinks;

void unit_page_link_add(const struct unit_page_link *l, size_t n)
{
    for (size_t i = 0; i < n && nlinks < LINKS_MAX; i++) {
        int known = 0; /* registering again (tests) keeps one copy */
        for (size_t k = 0; k < nlinks; k++) known |= links[k] == &l[i];
        if (known) continue;
        size_t at = nlinks++;
        while (at > 0 && links[at - 1]->order > l[i].order) {
            links[at] = links[at - 1];
            at--;
        }
        links[at] = &l[i];
    }
}

size_t unit_page_link_count(void)
{
    return nlinks;
}

const struct unit_page_link *unit_page_link_at(size_t i)
{
    return i < nlinks ? links[i] : NULL;
}
