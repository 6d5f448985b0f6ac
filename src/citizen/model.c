/* model.c - the codes and labels of the Dân vận khéo registry and its status moves (model.h). */
#include "citizen/model.h"

#include "core/i18n.h"

#include <string.h>

const char *const model_kinds[] = {"model", "collective", "individual", NULL};
const char *const model_fields[] = {"economy", "culture", "defence", "politics", NULL};
const char *const model_statuses[] = {"registered", "implementing", "effective", "not_effective", NULL};

static const char *const kind_labels[] = {N_("Model"), N_("Exemplary collective"), N_("Exemplary individual")};
static const char *const field_labels[] = {N_("Economy"), N_("Culture and society"), N_("Defence and security"),
                                           N_("Building the political system")};
static const char *const status_labels[] = {N_("Registered"), N_("Being implemented"), N_("Effective"),
                                            N_("Not effective")};

static const char *label_of(const char *const *codes, const char *const *labels, const char *code)
{
    for (size_t i = 0; code && codes[i]; i++)
        if (!strcmp(codes[i], code)) return _(labels[i]);
    return code ? code : "";
}

const char *model_kind_label(const char *code)
{
    return label_of(model_kinds, kind_labels, code);
}

const char *model_field_label(const char *code)
{
    return label_of(model_fields, field_labels, code);
}

const char *model_status_label(const char *code)
{
    return label_of(model_statuses, status_labels, code);
}

int model_status_can_move(const char *from, const char *to)
{
    if (!from || !to) return 0;
    if (!strcmp(from, to)) return 1;
    if (!strcmp(from, "registered")) return !strcmp(to, "implementing");
    if (!strcmp(from, "implementing")) return !strcmp(to, "effective") || !strcmp(to, "not_effective");
    if (!strcmp(from, "not_effective")) return !strcmp(to, "implementing");
    return 0;
}
