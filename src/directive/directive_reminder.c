/* directive_reminder.c - the directives' lines in the daily reminder digests
 * (report/reminder/reminder.h's reminder_extra_add): the tasks of the units below the
 * recipient's unit that are overdue by the escalation days (settings.directive_escalate_days)
 * and so escalate to its staff, at most ten by deadline, and the link to the follow-up board. */
#include "directive/directive_pages.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "directive/directive.h"
#include "directive/task.h"
#include "report/reminder/reminder.h"
#include "text/text.h"

#include <stdio.h>

#define MAX_LINES 10

/* today less days, ISO; 0 when today does not parse. */
static int days_before(const char *today, int days, char out[11])
{
    int y, m, d;
    if (text_date_parse(today, &y, &m, &d) != 0) return -1;
    clock_civil_from_days(clock_days_from_civil(y, m, d) - days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}

static void escalated_lines(dv_db *db, dv_arena *a, int64_t unit_id, const char *today, const char *base_url,
                            dv_buf *out)
{
    int days = task_escalate_days(db);
    char cutoff[11];
    struct task *rows = NULL;
    size_t n = 0;
    if (days_before(today, days, cutoff) || task_list_escalated(db, a, unit_id, cutoff, MAX_LINES + 1, &rows, &n) || !n)
        return;
    buf_printf(out, _("Tasks overdue by %d days or more, escalated to you:"), days);
    buf_puts(out, "\n");
    for (size_t i = 0; i < n && i < MAX_LINES; i++) {
        const struct task *t = &rows[i];
        buf_printf(out, "- %s · %s · %s %s · %s/tasks/%lld\n", t->title, t->lead_name, _("due"),
                   text_date_dmy(a, t->deadline), base_url, (long long)t->id);
    }
    if (n > MAX_LINES) buf_printf(out, "%s\n", _("… and more on the follow-up board."));
    buf_printf(out, "%s/tasks/board?unit=%lld\n", base_url, (long long)unit_id);
}

void directive_reminder_register(void)
{
    reminder_extra_add(escalated_lines);
}
