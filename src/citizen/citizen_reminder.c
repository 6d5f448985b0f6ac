/* citizen_reminder.c - the citizens' lines in the daily reminder digests
 * (report/reminder/reminder.h's reminder_extra_add): the open petitions of the recipient's
 * unit subtree past a deadline (notice of receipt or answer), at most ten by code, and the
 * link to the list of them. */
#include "citizen/citizen.h"

#include "citizen/petition.h"
#include "core/i18n.h"
#include "report/reminder/reminder.h"
#include "text/text.h"

#define MAX_LINES 10

static void overdue_lines(dv_db *db, dv_arena *a, int64_t unit_id, const char *today, const char *base_url, dv_buf *out)
{
    struct petition_filter f = {unit_id, -1, 0, 1, 1, today, MAX_LINES, 0};
    struct petition_row *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    if (petition_list(db, a, &f, &rows, &n) || petition_count_overdue(db, unit_id, today, &total) || !total) return;
    buf_printf(out, _("Petitions past their deadline: %lld"), (long long)total);
    buf_puts(out, "\n");
    for (size_t i = 0; i < n; i++) {
        const struct petition_row *r = &rows[i];
        buf_printf(out, "- %s · %s · %s %s%s\n", r->code, r->category_name, _("answer due by"),
                   text_date_dmy(a, r->answer_due), r->overdue_notice ? _(" (receipt not acknowledged)") : "");
    }
    buf_printf(out, "%s/citizen/petitions?overdue=1\n", base_url);
}

void citizen_reminder_register(void)
{
    reminder_extra_add(overdue_lines);
}
