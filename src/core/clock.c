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

int clock_vn_year(void)
{
    int y, m, d;
    clock_civil_from_days(clock_vn_day((long long)time(NULL)), &y, &m, &d);
    return y;
}

int clock_parse_iso_utc(const char *iso, long long *t)
{
    int y, mo, d, h, mi, s = 0;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5) return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return -1;
    *t = (long long)clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

void clock_iso_utc(long long t, char out[21])
{
    long long day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    long sec = (long)(t - day * 86400);
    int y, m, d;
    clock_civil_from_days((long)day, &y, &m, &d);
    snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
             (unsigned)(sec / 3600) % 100u, (unsigned)(sec / 60 % 60), (unsigned)(sec % 60));
}

long long clock_vn_instant(int y, int m, int d, int hh, int mm)
{
    return (long long)clock_days_from_civil(y, m, 1) * 86400 + (long long)(d - 1) * 86400 + hh * 3600 + mm * 60 -
           DV_VN_OFFSET_S;
}

int clock_vn_date_of_iso(const char *iso, char out[11])
{
    long long t;
    if (clock_parse_iso_utc(iso, &t) != 0) return -1;
    clock_vn_date(t, out);
    return 0;
}

int clock_vn_datetime_text(const char *iso, char out[17])
{
    long long t;
    if (clock_parse_iso_utc(iso, &t) != 0) return -1;
    long long local = t + DV_VN_OFFSET_S;
    long long day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    long sec = (long)(local - day * 86400);
    int y, m, d;
    clock_civil_from_days((long)day, &y, &m, &d);
    snprintf(out, 17, "%02u/%02u/%04u %02u:%02u", (unsigned)d % 100u, (unsigned)m % 100u, (unsigned)y % 10000u,
             (unsigned)(sec / 3600) % 100u, (unsigned)(sec / 60 % 60));
    return 0;
}
