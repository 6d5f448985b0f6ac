/* public_format.c - dates for readers (Vietnam time) and for feeds, absolute URLs. */
#include "portal/public.h"

#include "core/clock.h"
#include "core/config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int parse_iso(const char *s, time_t *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (!s || sscanf(s, "%4d-%2d-%2d%*c%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) < 3) return -1;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = se};
    *out = timegm(&tm);
    return 0;
}

void public_date_vn(char out[17], const char *iso)
{
    time_t t;
    struct tm tm;
    out[0] = '\0';
    if (parse_iso(iso, &t)) return;
    t += DV_VN_OFFSET_S;
    gmtime_r(&t, &tm);
    strftime(out, 17, "%d/%m/%Y %H:%M", &tm);
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
