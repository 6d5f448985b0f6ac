/* cmd_remind.c - `danvan remind`: send today's e-mail reminder digests (report/reminder.h),
 * for cron; --dry-run prints the plan and sends nothing; --date runs as on another day. */
#include "cli/cli.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "report/period.h"
#include "report/reminder/reminder.h"

#include <stdio.h>

int cmd_remind(int argc, char **argv)
{
    struct dv_config cfg;
    const char *dry_run = NULL, *date = NULL;
    struct cli_opt extra[] = {{"dry-run", 0, &dry_run}, {"date", 1, &date}, {NULL, 0, NULL}};
    int i = cli_parse(argc, argv, &cfg, extra,
                      "usage: danvan remind [--db FILE] [--dry-run] [--date YYYY-MM-DD]\n\n"
                      "E-mail one digest per recipient of the reports due within remind_days days\n"
                      "(DANVAN_REMIND_DAYS, default 3) or overdue, at most once a day. --dry-run prints\n"
                      "the plan and sends nothing; --date runs as on that day (Vietnam date).");
    if (i < 0) return i == -2 ? 0 : 2;
    if (date && !date_valid(date)) {
        fprintf(stderr, "danvan: remind: --date needs YYYY-MM-DD, not '%s'\n", date);
        return 2;
    }
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    char day[11];
    if (date) snprintf(day, sizeof day, "%s", date);
    else clock_vn_today(day);
    app_routes(); /* the areas register what they add to the digests (reminder_extra_add) */
    struct reminder_stats st;
    printf("reminders for %s (%d days before a deadline, and overdue)%s\n", day, cfg.remind_days_before,
           dry_run ? ": dry run, nothing is sent" : "");
    int rc = reminder_run(db, day, cfg.remind_days_before, dry_run != NULL, stdout, &st);
    if (rc) fprintf(stderr, "danvan: remind: %s\n", dv_strerror(rc));
    else if (dry_run)
        printf("%d recipient(s): %d would get a digest (%d item(s)), %d already sent today, %d without e-mail address\n",
               st.recipients, st.recipients - st.already - st.no_email, st.items, st.already, st.no_email);
    else
        printf("%d recipient(s): %d digest(s) sent (%d item(s)), %d already sent today, %d without e-mail address, %d failed\n",
               st.recipients, st.sent, st.items, st.already, st.no_email, st.failed);
    db_thread_close_all();
    return rc || st.failed ? 1 : 0;
}
