/* clock.c - local time (UTC+7) and calendar day counts (see clock.h). */
#include "core/clock.h"

#include <stdio.h>

long clock_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void clock_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp + (mp < 10 ? 3 : -9));
    *y = (int)(yy + (*m <= 2));
}

long clock_vn_day(long long t)
{
    long long s = t + DV_VN_OFFSET_S;
    return (long)(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

void clock_vn_date(long long t, char out[11])
{
    int y, m, d;
    clock_civil_from_days(clock_vn_day(t), &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

void clock_vn_today(char out[11])
{
    clock_vn_date((long long)time(NULL), out);
}
