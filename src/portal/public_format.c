/* public_format.c - dates for readers (Vietnam time) and for feeds, absolute URLs. */
#include "portal/public.h"

#include "core/clock.h"
#include "core/config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* An ISO UTC timestamp, or a bare date (its midnight UTC). */
static int parse_iso(const char *s, time_t *out)
{
    long long t;
    int y, mo, d;
    if (clock_parse_iso_utc(s, &t) == 0) {
        *out = (time_t)t;
        return 0;
    }
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    *out = (time_t)((long long)clock_days_from_civil(y, mo, d) * 86400);
    return 0;
}

void public_date_vn(char out[17], const char *iso)
{
    if (clock_vn_datetime_text(iso, out) != 0) out[0] = '\0';
}

void public_date_rfc822(char out[32], const char *iso)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t;
    struct tm tm;
    if (parse_iso(iso, &t)) t = 0;
    gmtime_r(&t, &tm);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7], tm.tm_mday,
             months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    memcpy(out, tmp, 31);
    out[31] = '\0';
}

void public_date_rfc3339(char out[21], const char *iso)
{
    time_t t;
    struct tm tm;
    if (parse_iso(iso, &t)) t = 0;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *public_abs_url(dv_arena *a, const char *path)
{
    return arena_printf(a, "%s%s", config_base_url(), path);
}
