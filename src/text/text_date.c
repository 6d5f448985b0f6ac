/* text_date.c - calendar dates: parse dd/mm/yyyy and ISO yyyy-mm-dd, print dd/mm/yyyy. */
#include "text/text.h"
#include "core/err.h"

#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : days[m - 1];
}

static int valid_date(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Read between min and max decimal digits from *p into *v; advances *p. */
static int read_digits(const char **p, int min, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
        x = x * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min) return 0;
    *p += n;
    *v = x;
    return 1;
}

static int expect(const char **p, char c)
{
    if (**p != c) return 0;
    (*p)++;
    return 1;
}

/* Parse s as ISO "yyyy-mm-dd"; *rest points after it. */
static int parse_iso(const char *s, const char **rest, int *y, int *m, int *d)
{
    const char *p = s;
    if (!read_digits(&p, 4, 4, y) || !expect(&p, '-') || !read_digits(&p, 2, 2, m) ||
        !expect(&p, '-') || !read_digits(&p, 2, 2, d))
        return 0;
    *rest = p;
    return 1;
}

/* Parse s as "d/m/yyyy" with one or two digits for day and month. */
static int parse_vn(const char *s, const char **rest, int *y, int *m, int *d)
{
    const char *p = s;
    if (!read_digits(&p, 1, 2, d) || !expect(&p, '/') || !read_digits(&p, 1, 2, m) ||
        !expect(&p, '/') || !read_digits(&p, 4, 4, y))
        return 0;
    *rest = p;
    return 1;
}

int text_date_parse(const char *s, int *y, int *m, int *d)
{
    int yy, mm, dd;
    const char *rest = NULL;
    if (!s) return DV_EINVAL;
    if (!parse_iso(s, &rest, &yy, &mm, &dd) && !parse_vn(s, &rest, &yy, &mm, &dd))
        return DV_EINVAL;
    if (*rest != '\0' || !valid_date(yy, mm, dd)) return DV_EINVAL;
    *y = yy;
    *m = mm;
    *d = dd;
    return DV_OK;
}

/* Write v as exactly width decimal digits, zero-padded (v fits: validated). */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10) out[i] = (char)('0' + v % 10);
}

void text_date_format(char out[11], const char *iso)
{
    int y, m, d;
    const char *rest = NULL;
    out[0] = '\0';
    if (!iso || !parse_iso(iso, &rest, &y, &m, &d)) return;
    if ((*rest != '\0' && *rest != ' ' && *rest != 'T') || !valid_date(y, m, d)) return;
    put_digits(out, d, 2);
    out[2] = '/';
    put_digits(out + 3, m, 2);
    out[5] = '/';
    put_digits(out + 6, y, 4);
    out[10] = '\0';
}

const char *text_date_dmy(dv_arena *a, const char *iso)
{
    if (!iso || !*iso) return NULL;
    char *out = arena_alloc(a, 11);
    text_date_format(out, iso);
    return out;
}
