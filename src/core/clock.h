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

#endif
