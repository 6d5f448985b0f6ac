/* clock.h - local time and calendar days, once: Vietnam is UTC+7 all year (no daylight
 * saving), and a calendar day is counted as days since 1970-01-01 (Howard Hinnant's
 * days_from_civil / civil_from_days, proleptic Gregorian). */
#ifndef DV_CLOCK_H
#define DV_CLOCK_H

#include <time.h>

#define DV_VN_OFFSET_S (7 * 3600) /* Asia/Ho_Chi_Minh */

/* Days since 1970-01-01 of a calendar date (negative before it). */
long clock_days_from_civil(int y, int m, int d);
/* The calendar date of a day count. */
void clock_civil_from_days(long days, int *y, int *m, int *d);
/* The Vietnam calendar day (days since 1970-01-01) of a UTC instant. */
long clock_vn_day(long long t);
/* The Vietnam date of a UTC instant as "YYYY-MM-DD". */
void clock_vn_date(long long t, char out[11]);
/* Today in Vietnam as "YYYY-MM-DD". */
void clock_vn_today(char out[11]);
/* This year in Vietnam. */
int clock_vn_year(void);

/* The instant (seconds since 1970, UTC) of an ISO UTC timestamp "YYYY-MM-DDTHH:MM[:SS]…"
 * (or SQLite's "YYYY-MM-DD HH:MM:SS").
 * 0, or -1 when it is not one. */
int clock_parse_iso_utc(const char *iso, long long *t);
/* An instant as ISO UTC "YYYY-MM-DDTHH:MM:SSZ". */
void clock_iso_utc(long long t, char out[21]);
/* The instant of a Vietnam wall-clock time (day may run past the month's end: it carries). */
long long clock_vn_instant(int y, int m, int d, int hh, int mm);
/* The Vietnam date "YYYY-MM-DD" of an ISO UTC timestamp. 0, or -1 when it is not one. */
int clock_vn_date_of_iso(const char *iso, char out[11]);
/* "dd/mm/yyyy HH:MM" in Vietnam time of an ISO UTC timestamp. 0, or -1 when it is not one. */
int clock_vn_datetime_text(const char *iso, char out[17]);

#endif
