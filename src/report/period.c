/* period.c - period arithmetic: frequencies, default data closing windows (Vietnamese
 * convention), labels and ISO date helpers. Pure functions, no SQL (see period.h). */
#include "report/period.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const period_freq_codes[] = {"month", "quarter", "half", "nine_months",
                                         "year",  "thematic", "adhoc", NULL};

static const char *const freq_labels[] = {N_("Monthly"),  N_("Quarterly"), N_("6-month"),
                                          N_("9-month"),  N_("Annual"),    N_("Thematic"),
                                          N_("Ad hoc")};

const char *period_freq_code(enum period_freq f)
{
    if ((int)f < 0 || f > FREQ_ADHOC)
        return "";
    return period_freq_codes[f];
}

int period_freq_parse(const char *code, enum period_freq *out)
{
    if (!code)
        return DV_EINVAL;
    for (int i = 0; period_freq_codes[i]; i++)
        if (strcmp(code, period_freq_codes[i]) == 0) {
            *out = (enum period_freq)i;
            return 0;
        }
    return DV_EINVAL;
}

const char *period_freq_label(enum period_freq f)
{
    if ((int)f < 0 || f > FREQ_ADHOC)
        return "";
    return _(freq_labels[f]);
}

int period_per_year(enum period_freq f)
{
    switch (f) {
    case FREQ_MONTH: return 12;
    case FREQ_QUARTER: return 4;
    case FREQ_HALF:
    case FREQ_NINE_MONTHS:
    case FREQ_YEAR: return 1;
    default: return 0;
    }
}

/* ---- dates ---- */

int date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

int date_parse(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return DV_EINVAL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return DV_EINVAL;
    int yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int mm = (s[5] - '0') * 10 + (s[6] - '0');
    int dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (yy < 1000 || mm < 1 || mm > 12 || dd < 1 || dd > date_days_in_month(yy, mm))
        return DV_EINVAL;
    if (y) *y = yy;
    if (m) *m = mm;
    if (d) *d = dd;
    return 0;
}

int date_valid(const char *s)
{
    return date_parse(s, NULL, NULL, NULL) == 0;
}

void date_format(int y, int m, int d, char out[11])
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

long date_to_days(int y, int m, int d)
{
    return clock_days_from_civil(y, m, d);
}

void date_from_days(long z, char out[11])
{
    int y, m, d;
    clock_civil_from_days(z, &y, &m, &d);
    date_format(y, m, d, out);
}

int date_add_days(const char *s, int days, char out[11])
{
    int y, m, d;
    if (date_parse(s, &y, &m, &d))
        return DV_EINVAL;
    date_from_days(date_to_days(y, m, d) + days, out);
    return 0;
}

int date_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

long date_diff_days(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    if (date_parse(a, &ya, &ma, &da) || date_parse(b, &yb, &mb, &db))
        return 0;
    return date_to_days(yb, mb, db) - date_to_days(ya, ma, da);
}

void date_to_vn(const char *iso, char out[11])
{
    int y, m, d;
    if (date_parse(iso, &y, &m, &d) == 0)
        snprintf(out, 11, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u, (unsigned)y % 10000u);
    else
        snprintf(out, 11, "%s", iso ? iso : "");
}

/* ---- windows ---- */

int period_default_window(enum period_freq f, int year, int seq, char start[11], char end[11])
{
    int n = period_per_year(f);
    if (n == 0 || seq < 1 || seq > n || year < 1900 || year > 9998)
        return DV_EINVAL;
    int last; /* the month whose 14th ends the window */
    int first; /* the month after the one whose 15th starts it (1 = starts 15/12 of Y-1) */
    switch (f) {
    case FREQ_MONTH: first = seq; last = seq; break;
    case FREQ_QUARTER: first = 3 * seq - 2; last = 3 * seq; break;
    case FREQ_HALF: first = 1; last = 6; break;
    case FREQ_NINE_MONTHS: first = 1; last = 9; break;
    default: first = 1; last = 12; break;
    }
    if (first == 1)
        date_format(year - 1, 12, 15, start);
    else
        date_format(year, first - 1, 15, start);
    date_format(year, last, 14, end);
    return 0;
}

const char *period_roman(int q)
{
    static const char *const r[] = {"I", "II", "III", "IV"};
    return q >= 1 && q <= 4 ? r[q - 1] : "";
}

/* One msgid per month so that Vietnamese can say "Tháng 3 năm %d". */
static const char *const month_formats[] = {
    N_("January %d"), N_("February %d"), N_("March %d"),     N_("April %d"),
    N_("May %d"),     N_("June %d"),     N_("July %d"),      N_("August %d"),
    N_("September %d"), N_("October %d"), N_("November %d"), N_("December %d")};

int period_label(enum period_freq f, int year, int seq, char *out, size_t cap)
{
    if (!out || cap == 0)
        return DV_ETOOBIG;
    out[0] = 0;
    int n = period_per_year(f);
    if (seq < 1 || (n && seq > n) || (int)f < 0 || f > FREQ_ADHOC)
        return DV_EINVAL;
    int w;
    switch (f) {
    case FREQ_MONTH:
        w = snprintf(out, cap, _(month_formats[seq - 1]), year);
        break;
    case FREQ_QUARTER:
        w = snprintf(out, cap, _("Quarter %s %d"), period_roman(seq), year);
        break;
    case FREQ_HALF:
        w = snprintf(out, cap, _("First 6 months of %d"), year);
        break;
    case FREQ_NINE_MONTHS:
        w = snprintf(out, cap, _("9 months of %d"), year);
        break;
    case FREQ_YEAR:
        w = snprintf(out, cap, _("Year %d"), year);
        break;
    case FREQ_THEMATIC:
        w = snprintf(out, cap, _("Thematic %d, %d"), seq, year);
        break;
    default:
        w = snprintf(out, cap, _("Ad hoc %d, %d"), seq, year);
        break;
    }
    return w < 0 || (size_t)w >= cap ? DV_ETOOBIG : 0;
}

/* Built in rather than looked up, so that what the store keeps never depends on an
 * installed catalogue; po/vi.po translates period_label's msgids to the same words. */
int period_label_vi(enum period_freq f, int year, int seq, char *out, size_t cap)
{
    if (!out || cap == 0)
        return DV_ETOOBIG;
    out[0] = 0;
    int n = period_per_year(f);
    if (seq < 1 || (n && seq > n) || (int)f < 0 || f > FREQ_ADHOC)
        return DV_EINVAL;
    int w;
    switch (f) {
    case FREQ_MONTH: w = snprintf(out, cap, "Tháng %d năm %d", seq, year); break;
    case FREQ_QUARTER: w = snprintf(out, cap, "Quý %s năm %d", period_roman(seq), year); break;
    case FREQ_HALF: w = snprintf(out, cap, "6 tháng đầu năm %d", year); break;
    case FREQ_NINE_MONTHS: w = snprintf(out, cap, "9 tháng năm %d", year); break;
    case FREQ_YEAR: w = snprintf(out, cap, "Năm %d", year); break;
    case FREQ_THEMATIC: w = snprintf(out, cap, "Chuyên đề %d năm %d", seq, year); break;
    default: w = snprintf(out, cap, "Đột xuất %d năm %d", seq, year); break;
    }
    return w < 0 || (size_t)w >= cap ? DV_ETOOBIG : 0;
}
