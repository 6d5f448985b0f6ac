/* review_rules.c - the pure rules of inspections (review.h): status steps, the legal length
 * and its extension (QĐ 331-QĐ/TW 2025), the five-year period, when a follow-up may close. */
#include "review/review.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>

static const char *const status_codes[IS_COUNT] = {"planned", "decided", "in_progress", "draft", "concluded",
                                                   "closed"};
static const char *const status_labels[IS_COUNT] = {N_("Planned"), N_("Decided"), N_("In progress"),
                                                    N_("Draft conclusion"), N_("Concluded"),
                                                    N_("Follow-up closed")};

const char *insp_status_code(enum insp_status s)
{
    return s < IS_COUNT ? status_codes[s] : "planned";
}

const char *insp_status_label(enum insp_status s)
{
    return _(s < IS_COUNT ? status_labels[s] : status_labels[0]);
}

int insp_status_parse(const char *code, enum insp_status *out)
{
    for (int i = 0; code && i < IS_COUNT; i++)
        if (strcmp(code, status_codes[i]) == 0) {
            *out = (enum insp_status)i;
            return DV_OK;
        }
    return DV_EINVAL;
}

int insp_status_can_move(enum insp_status from, enum insp_status to)
{
    return from < IS_CLOSED && to == from + 1;
}

int review_extension_max(int base_days)
{
    return base_days > 0 ? base_days / 3 : 0;
}

int review_extension_check(int base_days, int extension_days)
{
    if (base_days <= 0 || extension_days < 0 || extension_days > review_extension_max(base_days))
        return DV_EINVAL;
    return DV_OK;
}

static long iso_days(const char *iso)
{
    int y, m, d;
    if (!iso || strlen(iso) != 10 || text_date_parse(iso, &y, &m, &d)) return -1000000;
    return clock_days_from_civil(y, m, d);
}

void review_last_day(const char *started_on, int base_days, int extension_days, char out[11])
{
    int y, m, d;
    char tmp[16];
    clock_civil_from_days(iso_days(started_on) + base_days + extension_days - 1, &y, &m, &d);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    memcpy(out, tmp, 11);
    out[10] = 0;
}

int review_is_overdue(const char *started_on, int base_days, int extension_days, const char *ended_on,
                      const char *date)
{
    if (!started_on || !*started_on) return 0;
    long last = iso_days(started_on) + base_days + extension_days - 1;
    long on = ended_on && *ended_on && strcmp(ended_on, date) <= 0 ? iso_days(ended_on) : iso_days(date);
    return on > last;
}

int review_period_check(const char *from, const char *to, const char *decision_date)
{
    int fy, fm, fd, ty, tm, td, y, m, d;
    if (!from || !to || !decision_date || text_date_parse(from, &fy, &fm, &fd) ||
        text_date_parse(to, &ty, &tm, &td) || text_date_parse(decision_date, &y, &m, &d))
        return DV_EINVAL;
    if (strcmp(from, to) > 0 || strcmp(to, decision_date) > 0) return DV_EINVAL;
    char earliest[16];
    if (m == 2 && d == 29) d = 28; /* five years back from 29/02 is 28/02 */
    snprintf(earliest, sizeof earliest, "%04d-%02d-%02d", (y - REVIEW_MAX_YEARS) % 10000, m % 100, d % 100);
    return strcmp(from, earliest) >= 0 ? DV_OK : DV_EINVAL;
}

int review_can_close(enum insp_status st, size_t n_total, size_t n_done)
{
    return st == IS_CONCLUDED && n_done == n_total;
}

int review_base_days(dv_db *db, const char *level)
{
    int upper = level && strcmp(level, "upper") == 0;
    int64_t v = 0;
    if (db_counter_get(db, upper ? "review_max_days_upper" : "review_max_days_province", &v) != DV_OK || v <= 0 ||
        v > 365)
        return upper ? REVIEW_DAYS_UPPER : REVIEW_DAYS_PROVINCE;
    return (int)v;
}
