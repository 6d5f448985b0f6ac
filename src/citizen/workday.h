/* workday.h - working days: Monday to Friday, less the operator's holidays (Tết, public
 * holidays), plus the Saturdays or Sundays the Government makes working days in a swap.
 * Deadlines of petitions are counted in them (notice of receipt 10, transfer 5, the answer
 * per category). Days are day numbers since 1970-01-01 (core/clock.h). Pure functions over
 * a calendar the caller loads (citizen_calendar_load in petition.h). */
#ifndef DV_CITIZEN_WORKDAY_H
#define DV_CITIZEN_WORKDAY_H

#include <stddef.h>

struct work_cal {
    const long *holidays; /* sorted: weekdays off */
    size_t nholidays;
    const long *workdays; /* sorted: weekend days worked */
    size_t nworkdays;
};

/* 1 when day is a working day. */
int workday_is_working(const struct work_cal *c, long day);
/* The n-th working day after day (day itself not counted; n >= 1). n <= 0 gives day. */
long workday_add(const struct work_cal *c, long day, int n);
/* Working days in (from, to]: 0 when to <= from. */
int workday_between(const struct work_cal *c, long from, long to);
/* The same on ISO dates: out[11] = the n-th working day after iso. 0, or -1 for a bad date. */
int workday_add_iso(const struct work_cal *c, const char *iso, int n, char out[11]);
/* Day number of an ISO date "YYYY-MM-DD", or -1 when it is not one (LONG_MIN never). */
int workday_parse(const char *iso, long *day);

#endif
