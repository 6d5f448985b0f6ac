/* citizen_prefill.c - the citizens' counts as pre-fill sources of report indicators
 * (report/prefill.h): petitions received and resolved, dialogues held, models registered
 * and recognised effective, per unit subtree and period; the counting is the stores' own. */
#include "citizen/citizen.h"

#include "citizen/dialogue.h"
#include "citizen/model.h"
#include "citizen/petition.h"
#include "core/err.h"
#include "core/i18n.h"
#include "report/prefill.h"
#include "text/text.h"

typedef int (*count_fn)(dv_db *db, int64_t unit, const char *from, const char *to, int64_t *n);

static int compute(count_fn fn, const char *what, dv_db *db, dv_arena *a, int64_t unit_id, const char *from,
                   const char *to, double *value, const char **derivation)
{
    int64_t n = 0;
    int rc = fn(db, unit_id, from, to, &n);
    if (rc) return rc;
    *value = (double)n;
    *derivation = arena_printf(a, "%lld %s %s–%s", (long long)n, _(what), text_date_dmy(a, from), text_date_dmy(a, to));
    return DV_OK;
}

#define SOURCE(name, fn, what)                                                                              \
    static int name(dv_db *db, dv_arena *a, int64_t unit_id, const char *from, const char *to, double *value, \
                    const char **derivation)                                                                \
    {                                                                                                       \
        return compute(fn, what, db, a, unit_id, from, to, value, derivation);                              \
    }

SOURCE(received, petition_count_received, N_("petitions received"))
SOURCE(resolved, petition_count_resolved, N_("petitions resolved"))
SOURCE(dialogues, dialogue_count_held, N_("dialogues held"))
SOURCE(models_registered, model_count_registered, N_("models registered"))
SOURCE(models_effective, model_count_effective, N_("models recognised effective"))

static const struct prefill_source sources[] = {
    {"citizen.petitions_received", N_("Petitions and feedback received"), received},
    {"citizen.petitions_resolved", N_("Petitions and feedback resolved"), resolved},
    {"citizen.dialogues", N_("Dialogues with citizens held"), dialogues},
    {"citizen.models_registered", N_("Dân vận khéo models registered"), models_registered},
    {"citizen.models_effective", N_("Dân vận khéo models recognised effective"), models_effective},
};

void citizen_prefill_register(void)
{
    report_prefill_add(sources, sizeof sources / sizeof *sources);
}
