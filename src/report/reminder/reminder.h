/* reminder.h - e-mail reminders of reports due soon or overdue: ONE DIGEST per recipient
 * per day, never one mail per event.
 *
 * On day T (Vietnam date), an item is one expected unit (report/expected.h) of one period
 * whose report is not sent (no row, draft, or returned for correction) and whose deadline D
 * satisfies T - REMINDER_OVERDUE_DAYS <= D <= T + days_before ("due soon": 0..days_before
 * days left; "overdue": D < T). The recipients of an item are the enabled users with role
 * officer or staff whose unit (users.unit_id) is the item's unit; a recipient's digest lists
 * all their items (regime, period, unit, deadline dd/mm/yyyy, days left or overdue) and the
 * link to /reports. Users without a valid e-mail address are skipped (logged).
 *
 * At most once per (user, day): before sending, a digest is claimed by inserting its
 * reminder_log row in a transaction with the re-check that decides it (INSERT OR IGNORE:
 * a second run, another process or the serve thread finds it and sends nothing); the
 * transaction commits before the SMTP exchange (no write lock is held over the network)
 * and the claim is deleted again when sending fails, so a later run retries. */
#ifndef DV_REMINDER_H
#define DV_REMINDER_H

#include "core/arena.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define REMINDER_OVERDUE_DAYS 60 /* overdue items are recalled this many days after the deadline */

struct reminder_item {
    int64_t regime_id, period_id, unit_id;
    const char *regime_name;
    const char *period_label;
    const char *unit_name;
    char deadline[11];   /* ISO */
    long days_left;      /* deadline - today; negative = overdue by -days_left days */
    const char *status;  /* "none", "draft" or "returned" */
};

struct reminder_digest {
    int64_t user_id;
    const char *username;
    const char *full_name;
    const char *email;   /* NULL or invalid = skipped */
    const char *lang;    /* "vi" / "en" */
    int already_sent;    /* a reminder_log row exists for today */
    struct reminder_item *items; /* by deadline, then regime, period, unit */
    size_t nitems;
    int64_t scope_unit_id; /* the recipient's scope: what other areas' items are about */
    const char *extra;   /* what other areas add (reminder_extra_add), or NULL */
};

/* A small public hook for other areas' overdue items in the same digest (the citizens'
 * petitions past a deadline, the directives' escalated tasks): called when a digest is
 * composed, in the recipient's language, with the recipient's scope unit; appends lines
 * ending in "\n" to out, or nothing. A staff account with no report due gets a digest of
 * these items alone when there are any. */
#include "core/buf.h"
typedef void (*reminder_extra_fn)(dv_db *db, dv_arena *a, int64_t unit_id, const char *today, const char *base_url,
                                  dv_buf *out);
/* At start-up (an area's *_routes_register); at most 8. */
void reminder_extra_add(reminder_extra_fn fn);

/* The digests of day today (ISO) with days_before days of notice, by username.
 * Strings and arrays live in the arena. */
int reminder_plan(dv_db *db, dv_arena *a, const char *today, int days_before, struct reminder_digest **out,
                  size_t *n);

/* The text of one digest (subject one line; body lines end in "\n"), in the calling
 * thread's language. base_url: absolute prefix without a trailing '/'. */
void reminder_digest_text(const struct reminder_digest *d, const char *today, const char *base_url,
                          char **subject, char **body, dv_arena *a);

struct reminder_stats {
    int recipients;      /* digests planned */
    int sent;
    int already;         /* already sent today */
    int no_email;        /* skipped: no valid address */
    int failed;          /* the SMTP server refused or was unreachable */
    int items;           /* items in the digests sent (or planned, for a dry run) */
};

/* Plans and sends the digests of day today (NULL = today in Vietnam). dry_run: sends and
 * writes nothing. plan_out (may be NULL): one line per digest and item, for the CLI. */
int reminder_run(dv_db *db, const char *today, int days_before, int dry_run, FILE *plan_out,
                 struct reminder_stats *st);

/* The serve-time thread: a run REMINDER_FIRST_DELAY_S after start, then every hour.
 * stop() wakes it and joins; both are idempotent. */
#define REMINDER_FIRST_DELAY_S 300
#define REMINDER_INTERVAL_S 3600
int reminder_thread_start(void);
void reminder_thread_stop(void);

/* ---- the store (reminder_store.c) ---- */
struct reminder_period {
    int64_t period_id, regime_id;
    const char *regime_name;
    const char *period_label;
};
/* Periods having a deadline row in [from, to] (ISO, inclusive), of regimes in force on today. */
int reminder_store_periods(dv_db *db, dv_arena *a, const char *from, const char *to, const char *today,
                           struct reminder_period **out, size_t *n);
/* The report status of (period, unit): "none" when there is no row. */
int reminder_store_report_status(dv_db *db, int64_t period_id, int64_t unit_id, char status[16]);
struct reminder_user {
    int64_t id;
    const char *username, *full_name, *email, *lang;
    int64_t scope_unit_id; /* what the other areas' items are about (reminder_extra_add) */
};
/* Enabled officers and staff working in unit_id. */
int reminder_store_unit_users(dv_db *db, dv_arena *a, int64_t unit_id, struct reminder_user **out, size_t *n);
/* Every active staff account: those who may get a digest of other areas' items alone. */
int reminder_store_staff(dv_db *db, dv_arena *a, struct reminder_user **out, size_t *n);
/* 1 when a reminder_log row exists for (user, day), 0 when not, or DV_E*. */
int reminder_store_logged(dv_db *db, int64_t user_id, const char *day);
/* Inside a transaction: claim (user, day); 1 claimed, 0 already there, or DV_E*. */
int reminder_store_claim(dv_db *db, int64_t user_id, const char *day, int items);
/* Drops a claim after a failed send (own transaction). */
int reminder_store_unclaim(dv_db *db, int64_t user_id, const char *day);

#endif
