/* reminder.c - e-mail reminders of reports due soon or overdue (see reminder.h): the plan
 * (who gets which items today), the digest text, sending through portal/mail.h's libcurl
 * SMTP sender with a once-per-day claim in reminder_log, and the hourly serve thread. */
#include "report/reminder/reminder.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "mail/mail.h"
#include "report/completeness/expected.h"
#include "report/period.h"
#include "text/text.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pair {
    const struct reminder_user *user;
    struct reminder_item item;
};

static int cmp_pair(const void *pa, const void *pb)
{
    const struct pair *a = pa, *b = pb;
    int c = strcmp(a->user->username, b->user->username);
    if (c) return c;
    if ((c = strcmp(a->item.deadline, b->item.deadline))) return c;
    if ((c = text_collate(a->item.regime_name, b->item.regime_name))) return c;
    if (a->item.period_id != b->item.period_id) return a->item.period_id < b->item.period_id ? -1 : 1;
    if ((c = text_collate(a->item.unit_name, b->item.unit_name))) return c;
    return a->item.unit_id < b->item.unit_id ? -1 : a->item.unit_id > b->item.unit_id;
}

static int add_extra_digests(dv_db *db, dv_arena *a, const char *today, struct reminder_digest **dig, size_t *n);

int reminder_plan(dv_db *db, dv_arena *a, const char *today, int days_before, struct reminder_digest **out,
                  size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!date_valid(today) || days_before < 0) return DV_EINVAL;
    char from[11], to[11];
    date_add_days(today, -REMINDER_OVERDUE_DAYS, from);
    date_add_days(today, days_before, to);
    struct reminder_period *periods;
    size_t np;
    int rc = reminder_store_periods(db, a, from, to, today, &periods, &np);
    if (rc) return rc;

    struct pair *pairs = NULL;
    size_t npairs = 0, cap = 0;
    for (size_t i = 0; i < np && rc == DV_OK; i++) {
        struct expected_unit *eu;
        size_t ne;
        if ((rc = expected_units(db, a, periods[i].period_id, &eu, &ne)) != 0) break;
        for (size_t j = 0; j < ne && rc == DV_OK; j++) {
            const char *dl = eu[j].deadline;
            if (!dl[0] || strcmp(dl, from) < 0 || strcmp(dl, to) > 0) continue;
            char status[16];
            if ((rc = reminder_store_report_status(db, periods[i].period_id, eu[j].unit_id, status)) != 0) break;
            if (strcmp(status, "none") && strcmp(status, "draft") && strcmp(status, "returned")) continue;
            struct reminder_user *users;
            size_t nu;
            if ((rc = reminder_store_unit_users(db, a, eu[j].unit_id, &users, &nu)) != 0) break;
            for (size_t k = 0; k < nu; k++) {
                pairs = xgrow(pairs, npairs, &cap, sizeof *pairs);
                struct pair *p = &pairs[npairs++];
                p->user = &users[k];
                struct reminder_item *it = &p->item;
                it->regime_id = periods[i].regime_id;
                it->period_id = periods[i].period_id;
                it->unit_id = eu[j].unit_id;
                it->regime_name = periods[i].regime_name;
                it->period_label = periods[i].period_label;
                it->unit_name = eu[j].name;
                snprintf(it->deadline, sizeof it->deadline, "%s", dl);
                it->days_left = date_diff_days(today, dl);
                it->status = arena_strdup(a, status);
            }
        }
    }
    if (rc) {
        free(pairs);
        return rc;
    }
    if (npairs) qsort(pairs, npairs, sizeof *pairs, cmp_pair);

    size_t ndig = 0;
    for (size_t i = 0; i < npairs; i++)
        if (i == 0 || pairs[i].user->id != pairs[i - 1].user->id) ndig++;
    struct reminder_digest *dig = ndig ? arena_alloc(a, ndig * sizeof *dig) : NULL;
    size_t d = 0;
    for (size_t i = 0; i < npairs;) {
        size_t j = i;
        while (j < npairs && pairs[j].user->id == pairs[i].user->id) j++;
        struct reminder_digest *g = &dig[d++];
        const struct reminder_user *u = pairs[i].user;
        g->user_id = u->id;
        g->username = u->username;
        g->full_name = u->full_name;
        g->email = u->email;
        g->lang = u->lang;
        g->scope_unit_id = u->scope_unit_id;
        g->nitems = j - i;
        g->items = arena_alloc(a, g->nitems * sizeof *g->items);
        for (size_t k = i; k < j; k++) g->items[k - i] = pairs[k].item;
        int logged = reminder_store_logged(db, u->id, today);
        if (logged < 0) {
            free(pairs);
            return logged;
        }
        g->already_sent = logged;
        i = j;
    }
    free(pairs);
    rc = add_extra_digests(db, a, today, &dig, &ndig);
    *out = dig;
    *n = ndig;
    return rc;
}

/* "3 days left" / "due today" / "overdue by 2 days", translated. */
static void days_text(dv_buf *b, long days_left)
{
    if (days_left > 0) buf_printf(b, _("%ld days left"), days_left);
    else if (days_left == 0) buf_puts(b, _("due today"));
    else buf_printf(b, _("overdue by %ld days"), -days_left);
}

void reminder_digest_text(const struct reminder_digest *d, const char *today, const char *base_url,
                          char **subject, char **body, dv_arena *a)
{
    size_t overdue = 0;
    for (size_t i = 0; i < d->nitems; i++)
        if (d->items[i].days_left < 0) overdue++;
    char today_vn[11];
    date_to_vn(today, today_vn);
    dv_buf s = DV_BUF_INIT;
    if (d->nitems) buf_printf(&s, _("Reports to send: %zu (%zu overdue) as of %s"), d->nitems, overdue, today_vn);
    else buf_printf(&s, _("Work to follow up as of %s"), today_vn);
    *subject = arena_strdup(a, buf_cstr(&s));
    buf_free(&s);

    dv_buf b = DV_BUF_INIT;
    buf_printf(&b, _("Dear %s,"), d->full_name);
    buf_puts(&b, "\n\n");
    if (d->nitems) {
        buf_printf(&b, _("As of %s, these reports of your unit are due soon or overdue and have not been sent:"),
                   today_vn);
        buf_puts(&b, "\n\n");
    }
    for (size_t i = 0; i < d->nitems; i++) {
        const struct reminder_item *it = &d->items[i];
        char dl[11];
        date_to_vn(it->deadline, dl);
        buf_printf(&b, "%zu. %s - %s\n", i + 1, it->regime_name, it->period_label);
        buf_printf(&b, "   %s: %s\n", _("Unit"), it->unit_name);
        buf_printf(&b, "   %s: %s (", _("Deadline"), dl);
        days_text(&b, it->days_left);
        buf_puts(&b, ")\n");
        if (!strcmp(it->status, "returned")) buf_printf(&b, "   %s\n", _("Returned for correction: see the reviewer's comment."));
        else if (!strcmp(it->status, "draft")) buf_printf(&b, "   %s\n", _("A draft is saved but not submitted."));
        buf_puts(&b, "\n");
    }
    if (d->nitems) buf_printf(&b, "%s\n%s/reports\n\n", _("Enter and submit your reports at:"), base_url);
    if (d->extra && *d->extra) buf_printf(&b, "%s\n", d->extra);
    buf_puts(&b, "-- \n");
    buf_printf(&b, "%s\n", config_portal_name());
    buf_printf(&b, "%s\n", _("You receive at most one reminder a day while reports of your unit are due soon or overdue."));
    *body = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
}

static void print_plan(FILE *f, const struct reminder_digest *d)
{
    fprintf(f, "%s <%s>: %zu item(s)%s%s\n", d->username, d->email && *d->email ? d->email : "-", d->nitems,
            d->already_sent ? " [already sent today]" : "",
            mail_address_ok(d->email) ? "" : " [skipped: no e-mail address]");
    for (size_t i = 0; i < d->nitems; i++) {
        const struct reminder_item *it = &d->items[i];
        char dl[11];
        date_to_vn(it->deadline, dl);
        fprintf(f, "  - %s | %s | %s | %s | %+ld %s\n", it->regime_name, it->period_label, it->unit_name, dl,
                it->days_left, it->status);
    }
}

/* ---- other areas' items (reminder_extra_add) ---- */

static reminder_extra_fn extras[8];
static size_t nextras;

void reminder_extra_add(reminder_extra_fn fn)
{
    for (size_t i = 0; i < nextras; i++)
        if (extras[i] == fn) return;
    if (fn && nextras < sizeof extras / sizeof *extras) extras[nextras++] = fn;
}

static const char *extra_text(dv_db *db, dv_arena *a, const struct reminder_digest *d, const char *day)
{
    if (!nextras) return NULL;
    int64_t unit = d->scope_unit_id ? d->scope_unit_id : d->nitems ? d->items[0].unit_id : 0;
    if (!unit) return NULL;
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < nextras; i++) extras[i](db, a, unit, day, config_base_url(), &b);
    const char *s = b.len ? arena_strdup(a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return s;
}

/* Staff accounts without a report due whose scope has other areas' items (escalated tasks,
 * overdue petitions): one digest each, appended to *dig (*n grows). */
static int add_extra_digests(dv_db *db, dv_arena *a, const char *today, struct reminder_digest **dig, size_t *n)
{
    if (!nextras) return DV_OK;
    struct reminder_user *staff;
    size_t ns;
    int rc = reminder_store_staff(db, a, &staff, &ns);
    if (rc) return rc;
    struct reminder_digest *out = NULL;
    size_t cap = 0, k = 0;
    for (size_t i = 0; i < *n; i++) {
        out = arena_grow(a, out, k, &cap, sizeof *out);
        out[k++] = (*dig)[i];
    }
    for (size_t i = 0; i < ns; i++) {
        int has = 0;
        for (size_t j = 0; j < *n && !has; j++) has = (*dig)[j].user_id == staff[i].id;
        if (has) continue;
        struct reminder_digest g = {.user_id = staff[i].id, .username = staff[i].username,
                                    .full_name = staff[i].full_name, .email = staff[i].email,
                                    .lang = staff[i].lang, .scope_unit_id = staff[i].scope_unit_id};
        if (!extra_text(db, a, &g, today)) continue;
        int logged = reminder_store_logged(db, g.user_id, today);
        if (logged < 0) return logged;
        g.already_sent = logged;
        out = arena_grow(a, out, k, &cap, sizeof *out);
        out[k++] = g;
    }
    *dig = out;
    *n = k;
    return DV_OK;
}

int reminder_run(dv_db *db, const char *today, int days_before, int dry_run, FILE *plan_out,
                 struct reminder_stats *st)
{
    memset(st, 0, sizeof *st);
    char day[11];
    if (today) snprintf(day, sizeof day, "%s", today);
    else clock_vn_today(day);
    dv_arena *a = arena_new();
    struct reminder_digest *dig;
    size_t n;
    int rc = reminder_plan(db, a, day, days_before, &dig, &n);
    if (rc) {
        arena_free(a);
        return rc;
    }
    st->recipients = (int)n;
    char *prev_lang = xstrdup(i18n_lang());
    for (size_t i = 0; i < n; i++) {
        const struct reminder_digest *d = &dig[i];
        if (plan_out) print_plan(plan_out, d);
        if (!mail_address_ok(d->email)) {
            st->no_email++;
            log_warn("reminder: %s has no valid e-mail address; %zu item(s) not sent", d->username, d->nitems);
            continue;
        }
        if (d->already_sent) {
            st->already++;
            continue;
        }
        if (dry_run) {
            st->items += (int)d->nitems;
            continue;
        }
        /* claim (user, day): the decision and its record in one transaction */
        if ((rc = db_begin(db)) != 0) break;
        int claimed = reminder_store_claim(db, d->user_id, day, (int)d->nitems);
        if (claimed < 0 || db_commit(db)) {
            db_rollback(db);
            rc = claimed < 0 ? claimed : DV_EDB;
            break;
        }
        if (!claimed) {
            st->already++;
            continue;
        }
        i18n_use(d->lang);
        char *subject, *body;
        struct reminder_digest with = *d;
        with.extra = extra_text(db, a, d, day);
        reminder_digest_text(&with, day, config_base_url(), &subject, &body, a);
        i18n_use(prev_lang);
        struct mail_plain_msg m = {
            .from_name = config_portal_name(), .from = config_mail_from(), .to = d->email,
            .subject = subject, .body = body, .date = time(NULL),
        };
        dv_buf msg = DV_BUF_INIT;
        int mrc = mail_compose_plain(&m, &msg);
        if (mrc == DV_OK) mrc = mail_send(config_smtp_url(), m.from, m.to, buf_cstr(&msg), strlen(buf_cstr(&msg)));
        buf_free(&msg);
        if (mrc != DV_OK) {
            st->failed++;
            log_warn("reminder: sending the digest to %s failed (%s); it will be retried", d->username,
                     dv_strerror(mrc));
            reminder_store_unclaim(db, d->user_id, day);
            continue;
        }
        st->sent++;
        st->items += (int)d->nitems;
    }
    free(prev_lang);
    arena_free(a);
    return rc;
}

/* ---- the serve thread ---- */

static pthread_mutex_t th_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t th_cv;
static pthread_t th;
static int th_running, th_stop;

static void *reminder_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "dv-reminder"); /* top -H, perf */
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    next.tv_sec += REMINDER_FIRST_DELAY_S;
    pthread_mutex_lock(&th_mu);
    for (;;) {
        while (!th_stop) {
            int w = pthread_cond_timedwait(&th_cv, &th_mu, &next);
            if (w == ETIMEDOUT) break;
        }
        if (th_stop) break;
        pthread_mutex_unlock(&th_mu);
        dv_db *db = db_thread();
        struct reminder_stats st;
        int rc = db ? reminder_run(db, NULL, config_remind_days_before(), 0, NULL, &st) : DV_EDB;
        if (rc) log_warn("reminder: the run failed: %s", dv_strerror(rc));
        else if (st.recipients)
            log_info("reminder: %d digest(s) sent, %d already sent today, %d without address, %d failed",
                     st.sent, st.already, st.no_email, st.failed);
        clock_gettime(CLOCK_MONOTONIC, &next);
        next.tv_sec += REMINDER_INTERVAL_S;
        pthread_mutex_lock(&th_mu);
    }
    pthread_mutex_unlock(&th_mu);
    return NULL;
}

int reminder_thread_start(void)
{
    pthread_mutex_lock(&th_mu);
    if (th_running) {
        pthread_mutex_unlock(&th_mu);
        return DV_OK;
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&th_cv, &ca);
    pthread_condattr_destroy(&ca);
    th_stop = 0;
    int rc = pthread_create(&th, NULL, reminder_main, NULL);
    if (rc == 0) th_running = 1;
    else pthread_cond_destroy(&th_cv);
    pthread_mutex_unlock(&th_mu);
    if (rc) {
        log_error("reminder: cannot start the reminder thread");
        return DV_EIO;
    }
    return DV_OK;
}

void reminder_thread_stop(void)
{
    pthread_mutex_lock(&th_mu);
    if (!th_running) {
        pthread_mutex_unlock(&th_mu);
        return;
    }
    th_stop = 1;
    pthread_cond_signal(&th_cv);
    pthread_mutex_unlock(&th_mu);
    pthread_join(th, NULL);
    pthread_mutex_lock(&th_mu);
    th_running = 0;
    pthread_cond_destroy(&th_cv);
    pthread_mutex_unlock(&th_mu);
}
