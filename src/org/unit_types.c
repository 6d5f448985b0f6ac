/* unit_types.c - the kinds of unit in the political system, with their display labels. */
#include "org/unit.h"

#include "core/i18n.h"

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
