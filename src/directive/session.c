/* session.c - the domain of dissemination sessions that needs no store: the participant
 * groups and forms with their labels, the attendance rate as people read it, and the checks
 * of a session's fields. */
#include "directive/session_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "text/decimal.h"

#include <math.h>
#include <string.h>

const char *const dissem_group_codes[] = {"party", "civil", "other", NULL};
static const char *const group_labels[] = {N_("Party members"), N_("Cadres and civil servants"), N_("Others")};
const char *const dissem_form_codes[] = {"in_person", "online", NULL};

const char *dissem_group_label(enum dissem_group g)
{
    return (int)g >= 0 && g < SG_N ? _(group_labels[g]) : "";
}

const char *dissem_form_label(const char *code)
{
    if (code && !strcmp(code, "online")) return _("Online, with bridge points");
    return _("In person");
}

double dissem_rate(long long attended, long long expected)
{
    if (expected <= 0) return 0;
    return round(10000.0 * (double)attended / (double)expected) / 100.0;
}

const char *dissem_rate_text(dv_arena *a, long long attended, long long expected, const char *lang)
{
    enum dec_lang l = dec_lang_of(lang);
    char t[32], e[32], p[32];
    dec_format(t, sizeof t, (double)attended, 0, 1, l);
    dec_format(e, sizeof e, (double)expected, 0, 1, l);
    if (expected <= 0) return arena_printf(a, "%s/%s", t, e);
    dec_format(p, sizeof p, dissem_rate(attended, expected), 2, 0, l);
    return arena_printf(a, "%s/%s = %s%%", t, e, p);
}

static int blank(const char *s)
{
    return !s || !*s;
}

int dissem_input_check(const struct dissem_input *in)
{
    if (blank(in->document_title) || blank(in->held_on) || strlen(in->held_on) != 10 || blank(in->place))
        return DV_EINVAL;
    if (blank(in->form) || (strcmp(in->form, "in_person") && strcmp(in->form, "online"))) return DV_EINVAL;
    if (!strcmp(in->form, "online") && in->npoints == 0) return DV_EINVAL;
    if (in->npoints > DISSEM_LIST_MAX || in->nabsentees > DISSEM_LIST_MAX) return DV_EINVAL;
    for (int g = 0; g < SG_N; g++) {
        const struct dissem_count *c = &in->groups[g];
        if (c->recorded && (c->expected < 0 || c->attended < 0 || c->attended > c->expected)) return DV_EINVAL;
    }
    for (size_t i = 0; i < in->npoints; i++)
        if (blank(in->points[i])) return DV_EINVAL;
    for (size_t i = 0; i < in->nabsentees; i++)
        if (blank(in->absentees[i].full_name)) return DV_EINVAL;
    return 0;
}
