/* report_status.c - a report's status: its stored code, its label for people, parsing a
 * code, and whether entry may still change it. */
#include "report/report.h"

#include "core/i18n.h"

#include <string.h>

static const char *const status_codes[] = {"none", "draft", "submitted", "approved", "returned"};

const char *report_status_code(enum report_status s)
{
    return (unsigned)s < 5 ? status_codes[s] : "none";
}

const char *report_status_label(enum report_status s)
{
    switch (s) {
    case REPORT_DRAFT: return _("Draft");
    case REPORT_SUBMITTED: return _("Submitted");
    case REPORT_APPROVED: return _("Approved");
    case REPORT_RETURNED: return _("Returned");
    default: return _("Not started");
    }
}

enum report_status report_status_parse(const char *code)
{
    if (code)
        for (int i = 1; i < 5; i++)
            if (!strcmp(code, status_codes[i])) return (enum report_status)i;
    return REPORT_NONE;
}

int report_status_editable(enum report_status s)
{
    return s == REPORT_NONE || s == REPORT_DRAFT || s == REPORT_RETURNED;
}
