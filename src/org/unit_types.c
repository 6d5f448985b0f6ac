/* unit_types.c - the kinds of unit in the political system, with their display labels. */
#include "org/unit.h"

#include "core/buf.h"
#include "core/i18n.h"
#include "text/text.h"

#include <stdlib.h>

#include <string.h>

const struct unit_type unit_types[] = {
    {"province", N_("Province / centrally-run city")},
    {"commune", N_("Commune")},
    {"ward", N_("Ward")},
    {"special_zone", N_("Special zone")},
    {"party_committee", N_("Party committee")},
    {"party_board", N_("Party standing board")},
    {"party_commission", N_("Party commission")},
    {"peoples_council", N_("People's Council")},
    {"peoples_committee", N_("People's Committee")},
    {"department", N_("Department")},
    {"fatherland_front", N_("Fatherland Front committee")},
    {"sociopolitical_org", N_("Socio-political organisation")},
    {"agency", N_("Agency")},
};
const size_t unit_type_count = sizeof unit_types / sizeof *unit_types;

const char *const unit_type_codes[] = {
    "province", "commune", "ward", "special_zone", "party_committee", "party_board",
    "party_commission", "peoples_council", "peoples_committee", "department",
    "fatherland_front", "sociopolitical_org", "agency", NULL,
};

const char *unit_type_label(const char *code)
{
    for (size_t i = 0; code && i < unit_type_count; i++)
        if (strcmp(unit_types[i].code, code) == 0) return _(unit_types[i].label);
    return code ? code : "";
}

/* Bodies (Party committees, People's Committees, the Front, departments …) come before
 * the territorial units under the same parent, as the tree shows them. */
int unit_type_group(const char *code)
{
    static const char *const territorial[] = {"province", "commune", "ward", "special_zone"};
    for (size_t i = 0; code && i < sizeof territorial / sizeof *territorial; i++)
        if (strcmp(code, territorial[i]) == 0) return 1;
    return 0;
}

struct unit_sort_item {
    int group;
    char *key;
    int64_t id;
    size_t ix;
};

static int sort_item_cmp(const void *x, const void *y)
{
    const struct unit_sort_item *a = x, *b = y;
    if (a->group != b->group) return a->group - b->group;
    int c = strcmp(a->key, b->key);
    if (c) return c;
    return (a->id > b->id) - (a->id < b->id);
}

void unit_order(size_t *order, size_t n, const char *(*type_of)(const void *items, size_t i),
                   const char *(*name_of)(const void *items, size_t i), int64_t (*id_of)(const void *items, size_t i),
                   const void *items)
{
    struct unit_sort_item *v = xmalloc((n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        const char *name = name_of(items, i);
        v[i].group = type_of ? unit_type_group(type_of(items, i)) : 0;
        v[i].key = text_collate_key(name ? name : "");
        if (!v[i].key) v[i].key = strdup(name ? name : "");
        v[i].id = id_of(items, i);
        v[i].ix = i;
    }
    if (n > 1) qsort(v, n, sizeof *v, sort_item_cmp);
    for (size_t i = 0; i < n; i++) {
        order[i] = v[i].ix;
        free(v[i].key);
    }
    free(v);
}

static const char *unit_type_at(const void *items, size_t i)
{
    return ((const struct unit *)items)[i].type;
}

static const char *unit_name_at(const void *items, size_t i)
{
    return ((const struct unit *)items)[i].name;
}

static int64_t unit_id_at(const void *items, size_t i)
{
    return ((const struct unit *)items)[i].id;
}

void unit_sort(struct unit *units, size_t n)
{
    if (n < 2) return;
    size_t *order = xmalloc(n * sizeof *order);
    unit_order(order, n, unit_type_at, unit_name_at, unit_id_at, units);
    struct unit *copy = xmalloc(n * sizeof *copy);
    for (size_t i = 0; i < n; i++) copy[i] = units[order[i]];
    memcpy(units, copy, n * sizeof *copy);
    free(copy);
    free(order);
}
