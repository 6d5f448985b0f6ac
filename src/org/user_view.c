/* user_view.c - small helpers shared by the account, sign-in and audit handlers: dates
 * for people in Vietnam. */
#include "org/user_view.h"
#include "core/clock.h"

#include "core/i18n.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *time_local(dv_arena *a, const char *iso)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5) return "";
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
    time_t t = timegm(&tm) + DV_VN_OFFSET_S;
    struct tm lt;
    gmtime_r(&t, &lt);
    char out[32];
    strftime(out, sizeof out, "%d/%m/%Y %H:%M", &lt);
    return arena_strdup(a, out);
}

const char *date_local(dv_arena *a, const char *iso)
{
    char out[11];
    text_date_format(out, iso);
    return arena_strdup(a, out);
}
