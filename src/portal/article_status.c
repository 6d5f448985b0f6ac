/* article_status.c - the workflow states of an article: codes stored in the database and
 * the labels shown to editors. */
#include "portal/article.h"

#include "core/err.h"
#include "core/i18n.h"

#include <string.h>

static const struct {
    const char *code;
    const char *label;
} statuses[] = {
    [ART_DRAFT] = {"draft", N_("Draft")},
    [ART_PENDING] = {"pending", N_("Pending review")},
    [ART_PUBLISHED] = {"published", N_("Published on the portal")},
    [ART_ARCHIVED] = {"archived", N_("Archived")},
};
#define NSTATUS (sizeof statuses / sizeof *statuses)

const char *article_status_code(enum article_status s)
{
    return (size_t)s < NSTATUS ? statuses[s].code : "draft";
}

const char *article_status_label(enum article_status s)
{
    return (size_t)s < NSTATUS ? _(statuses[s].label) : "";
}

int article_status_parse(const char *code, enum article_status *out)
{
    for (size_t i = 0; code && i < NSTATUS; i++) {
        if (strcmp(code, statuses[i].code) == 0) {
            *out = (enum article_status)i;
            return 0;
        }
    }
    return DV_EINVAL;
}
