/* period.h - reporting periods as pure arithmetic: frequencies, the default data closing
 * window of a period (the Vietnamese convention), labels, and ISO date helpers. No SQL.
 *
 * Default windows (inclusive ISO dates), for year Y:
 *   month M:        15th of month M-1 .. 14th of M   (January: Y-1-12-15 .. Y-01-14)
 *   quarter Q:      15th of the month before the quarter .. 14th of its last month
 *                   (Q1: Y-1-12-15 .. Y-03-14; Q2: Y-03-15 .. Y-06-14; …)
 *   half (6 months, seq 1):        Y-1-12-15 .. Y-06-14
 *   nine_months (seq 1):           Y-1-12-15 .. Y-09-14
 *   year (seq 1):                  Y-1-12-15 .. Y-12-14
 *   thematic, adhoc: no default window (set by hand).
 * All dates are "YYYY-MM-DD" strings in char[11] buffers; comparing them with strcmp
 * orders them by date. */
#ifndef DV_PERIOD_H
#define DV_PERIOD_H

#include <stddef.h>

enum period_freq {
    FREQ_MONTH,
    FREQ_QUARTER,
    FREQ_HALF,        /* 6 tháng (first half year) */
    FREQ_NINE_MONTHS, /* 9 tháng */
    FREQ_YEAR,
    FREQ_THEMATIC,    /* chuyên đề: a set window */
    FREQ_ADHOC,       /* đột xuất */
};

/* The codes stored in regimes.frequency, in enum order, NULL-terminated (an input_field
 * choices list): "month","quarter","half","nine_months","year","thematic","adhoc". */
extern const char *const period_freq_codes[];
const char *period_freq_code(enum period_freq f);
int period_freq_parse(const char *code, enum period_freq *out); /* 0 or DV_EINVAL */
const char *period_freq_label(enum period_freq f);              /* translated ("Quarterly") */

/* Periods per year with a default window: 12, 4, 1, 1, 1; 0 for thematic and adhoc. */
int period_per_year(enum period_freq f);

/* The default data closing window of period seq (1-based) of year. 0, or DV_EINVAL for a
 * seq out of range, a year outside 1900..9998 or a frequency without default windows. */
int period_default_window(enum period_freq f, int year, int seq, char start[11], char end[11]);

/* The label in the calling thread's language (i18n_use): "Tháng 3 năm 2025" / "March 2025",
 * "Quý I năm 2025" / "Quarter I 2025", "6 tháng đầu năm 2025" / "First 6 months of 2025",
 * "9 tháng năm 2025" / "9 months of 2025", "Năm 2025" / "Year 2025"; thematic and adhoc:
 * "Chuyên đề 2 năm 2025" / "Thematic 2, 2025", "Đột xuất 1 năm 2025" / "Ad hoc 1, 2025".
 * Returns 0, DV_EINVAL (bad seq) or DV_ETOOBIG (cap too small; out is still terminated). */
int period_label(enum period_freq f, int year, int seq, char *out, size_t cap);
/* The same always in Vietnamese, without the catalogue (what periods.label stores). */
int period_label_vi(enum period_freq f, int year, int seq, char *out, size_t cap);
/* Roman numeral of a quarter 1..4 ("I".."IV"), "" otherwise. */
const char *period_roman(int q);

/* ---- ISO date helpers (proleptic Gregorian) ---- */

/* Is s exactly a valid "YYYY-MM-DD" (year 1000..9999, real day incl. leap years)? 1/0. */
int date_valid(const char *s);
/* Split a valid ISO date: 0 or DV_EINVAL. */
int date_parse(const char *s, int *y, int *m, int *d);
/* Format y-m-d into out (assumes a valid date). */
void date_format(int y, int m, int d, char out[11]);
int date_is_leap(int year);
int date_days_in_month(int year, int month);
/* out = s + days (days may be negative). 0 or DV_EINVAL. out may alias s. */
int date_add_days(const char *s, int days, char out[11]);
/* <0, 0, >0 like strcmp (valid ISO dates compare as strings). */
int date_cmp(const char *a, const char *b);
/* b - a in days (a, b valid ISO dates; 0 for an invalid one). */
long date_diff_days(const char *a, const char *b);
/* Days since 1970-01-01 of a valid date, and back. */
long date_to_days(int y, int m, int d);
void date_from_days(long days, char out[11]);
/* "dd/mm/yyyy" for display, from a valid ISO date (else a copy of s, truncated). */
void date_to_vn(const char *iso, char out[11]);

#endif
