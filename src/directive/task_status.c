/* task_status.c - the status of a task on any date, computed from its dated history (the
 * rules are in task.h), and the tallies of the Government's four groups plus returned. */
#include "directive/task.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    enum task_status s;
    const char *code;
    const char *label;
} statuses[] = {
    {TS_NONE, "none", N_("Not assigned yet")},
    {TS_DONE_ON_TIME, "on_time", N_("Done on time")},
    {TS_DONE_LATE, "late", N_("Done late")},
    {TS_OPEN_WITHIN, "within", N_("Not done, within the deadline")},
    {TS_OPEN_OVERDUE, "overdue", N_("Not done, overdue")},
    {TS_RETURNED, "returned", N_("Returned")},
};

const char *task_status_code(enum task_status s)
{
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (statuses[i].s == s) return statuses[i].code;
    return "none";
}

const char *task_status_label(enum task_status s)
{
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (statuses[i].s == s) return _(statuses[i].label);
    return "";
}

int task_status_parse(const char *code, enum task_status *out)
{
    if (!code) return DV_EINVAL;
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (strcmp(statuses[i].code, code) == 0) {
            *out = statuses[i].s;
            return DV_OK;
        }
    return DV_EINVAL;
}

/* Days since 1970 of an ISO date ("YYYY-MM-DD"); 0 for anything else (never reached with
 * dates the store validated). */
static long iso_days(const char *iso)
{
    if (!iso || strlen(iso) < 10) return 0;
    int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
    return clock_days_from_civil(y, m, d);
}

const char *task_deadline_as_of(const struct task_timeline *t, const char *date)
{
    const char *dl = t->deadline_original;
    for (size_t i = 0; i < t->n_changes; i++)
        if (strcmp(t->changes[i].changed_on, date) <= 0) dl = t->changes[i].deadline;
    return dl;
}

/* The confirmed completion on date (decided on or before it), or NULL. */
static const struct task_completion_step *confirmed_by(const struct task_timeline *t, const char *date)
{
    for (size_t i = 0; i < t->n_steps; i++) {
        const struct task_completion_step *c = &t->steps[i];
        if (c->decision == 'c' && c->decided_on[0] && strcmp(c->decided_on, date) <= 0) return c;
    }
    return NULL;
}

/* The latest completion submitted on or before date, or NULL. */
static const struct task_completion_step *latest_by(const struct task_timeline *t, const char *date)
{
    const struct task_completion_step *last = NULL;
    for (size_t i = 0; i < t->n_steps; i++)
        if (strcmp(t->steps[i].submitted_on, date) <= 0) last = &t->steps[i];
    return last;
}

enum task_status task_status_as_of(const struct task_timeline *t, const char *date)
{
    if (!date || strcmp(date, t->assigned_on) < 0) return TS_NONE;
    const struct task_completion_step *c = confirmed_by(t, date);
    if (c) {
        const char *dl = task_deadline_as_of(t, c->submitted_on);
        return strcmp(c->submitted_on, dl) <= 0 ? TS_DONE_ON_TIME : TS_DONE_LATE;
    }
    const struct task_completion_step *l = latest_by(t, date);
    if (l && l->decision == 'r' && l->decided_on[0] && strcmp(l->decided_on, date) <= 0) return TS_RETURNED;
    return strcmp(date, task_deadline_as_of(t, date)) <= 0 ? TS_OPEN_WITHIN : TS_OPEN_OVERDUE;
}

int task_overdue_days(const struct task_timeline *t, const char *date)
{
    enum task_status s = task_status_as_of(t, date);
    if (s != TS_OPEN_OVERDUE && s != TS_RETURNED) return 0;
    long d = iso_days(date) - iso_days(task_deadline_as_of(t, date));
    return d > 0 ? (int)d : 0;
}

int task_pending_as_of(const struct task_timeline *t, const char *date)
{
    if (task_status_as_of(t, date) == TS_NONE || confirmed_by(t, date)) return 0;
    const struct task_completion_step *l = latest_by(t, date);
    if (!l) return 0;
    return l->decision == 'p' || !l->decided_on[0] || strcmp(l->decided_on, date) > 0;
}

int task_escalated_as_of(const struct task_timeline *t, const char *date, int escalate_days)
{
    int days = task_overdue_days(t, date);
    return days > 0 && days >= escalate_days;
}

void task_tally_add(struct task_tally *t, enum task_status s, int overdue_days, int escalate_days)
{
    if (s <= TS_NONE || s >= TS_COUNT) return;
    t->n[s]++;
    t->total++;
    if (overdue_days > 0) {
        t->overdue_age_sum += overdue_days;
        if (overdue_days > t->overdue_age_max) t->overdue_age_max = overdue_days;
        if (overdue_days >= escalate_days) t->escalated++;
    }
}

void task_tally_merge(struct task_tally *into, const struct task_tally *from)
{
    for (int i = 0; i < TS_COUNT; i++) into->n[i] += from->n[i];
    into->total += from->total;
    into->escalated += from->escalated;
    into->overdue_age_sum += from->overdue_age_sum;
    if (from->overdue_age_max > into->overdue_age_max) into->overdue_age_max = from->overdue_age_max;
}

double task_tally_done_rate(const struct task_tally *t)
{
    if (t->total <= 0) return 0;
    return 100.0 * (double)(t->n[TS_DONE_ON_TIME] + t->n[TS_DONE_LATE]) / (double)t->total;
}
