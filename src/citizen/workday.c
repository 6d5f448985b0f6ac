/* workday.c - working-day arithmetic over a holiday calendar (workday.h). */
#include "citizen/workday.h"

#include "core/clock.h"

#include <stdio.h>

static int in_sorted(const long *v, size_t n, long x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] == x) return 1;
        if (v[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* 1970-01-01 was a Thursday: day % 7 == 2 is Saturday, 3 is Sunday. */
static int is_weekend(long day)
{
    long w = ((day % 7) + 7) % 7;
    return w == 2 || w == 3;
}

int workday_is_working(const struct work_cal *c, long day)
{
    if (is_weekend(day)) return c && in_sorted(c->workdays, c->nworkdays, day);
    return !(c && in_sorted(c->holidays, c->nholidays, day));
}

long workday_add(const struct work_cal *c, long day, int n)
{
    while (n > 0) {
        day++;
        if (workday_is_working(c, day)) n--;
    }
    return day;
}

int workday_between(const struct work_cal *c, long from, long to)
{
    int n = 0;
    for (long d = from + 1; d <= to; d++) n += workday_is_working(c, d);
    return n;
}

int workday_parse(const char *iso, long *day)
{
    int y, m, d;
    char extra;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
    long n = clock_days_from_civil(y, m, d);
    int yy, mm, dd;
    clock_civil_from_days(n, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d) return -1;
    *day = n;
    return 0;
}

int workday_add_iso(const struct work_cal *c, const char *iso, int n, char out[11])
{
    long day;
    if (workday_parse(iso, &day)) return -1;
    int y, m, d;
    clock_civil_from_days(workday_add(c, day, n), &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}
