/* decimal.c - reading and writing numbers the way people write them (see decimal.h). */
#include "text/decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum dec_lang dec_lang_of(const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? DEC_EN : DEC_VI;
}

/* Which separator a single '.' or ',' followed by exactly three digits is (decimal.h). */
static char ambiguous_grouping(char sep, int integer, enum dec_lang lang)
{
    if (integer) return sep;
    if (lang == DEC_VI) return sep == '.' ? sep : 0;
    if (lang == DEC_EN) return sep == ',' ? sep : 0;
    return 0;
}

/* Choose the decimal and grouping separators of s: with both '.' and ',' the later one is
 * the decimal separator and the other groups; several of one kind group; a single one is
 * decimal unless ambiguous_grouping says it groups. -1 when s holds anything else. */
static int separators(const char *s, int integer, enum dec_lang lang, char *dec, char *grp)
{
    int ndot = 0, ncomma = 0;
    const char *lastdot = NULL, *lastcomma = NULL;
    for (const char *p = s; *p; p++) {
        if (*p == '.') ndot++, lastdot = p;
        else if (*p == ',') ncomma++, lastcomma = p;
        else if (*p < '0' || *p > '9') return -1;
    }
    *dec = *grp = 0;
    if (ndot && ncomma) {
        *dec = lastdot > lastcomma ? '.' : ',';
        *grp = *dec == '.' ? ',' : '.';
        if ((*dec == '.' ? ndot : ncomma) != 1) return -1;
    } else if (ndot + ncomma > 1) {
        *grp = ndot ? '.' : ',';
    } else if (ndot + ncomma == 1) {
        const char *sep = ndot ? lastdot : lastcomma;
        size_t before = (size_t)(sep - s);
        if (strlen(sep + 1) == 3 && before >= 1 && before <= 3 && s[0] != '0')
            *grp = ambiguous_grouping(*sep, integer, lang);
        if (!*grp) *dec = *sep;
    }
    return 0;
}

int dec_parse(const char *s, int integer, enum dec_lang lang, double *out)
{
    int neg = 0;
    if (!s) return -1;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    size_t len = strlen(s);
    char dec, grp;
    if (len == 0 || len > 40 || separators(s, integer, lang, &dec, &grp) != 0) return -1;
    char buf[48];
    size_t k = 0;
    int in_group = 0, seen_grp = 0, int_digits = 0, frac_digits = 0, in_frac = 0;
    for (const char *p = s; *p; p++) {
        if (grp && *p == grp) {
            if (in_frac) return -1;
            if (seen_grp ? in_group != 3 : (in_group < 1 || in_group > 3)) return -1;
            seen_grp = 1;
            in_group = 0;
            continue;
        }
        if (dec && *p == dec) {
            if ((seen_grp && in_group != 3) || int_digits == 0) return -1;
            in_frac = 1;
            buf[k++] = '.';
            continue;
        }
        buf[k++] = *p;
        if (in_frac) frac_digits++;
        else int_digits++, in_group++;
    }
    if (!in_frac && seen_grp && in_group != 3) return -1;
    if (int_digits == 0 || (in_frac && frac_digits == 0) || (integer && in_frac)) return -1;
    buf[k] = 0;
    double v = strtod(buf, NULL);
    if (!isfinite(v)) return -1;
    *out = neg ? -v : v;
    return 0;
}

void dec_format(char *out, size_t cap, double num, int decimals, int trim, enum dec_lang lang)
{
    char raw[400];
    if (cap == 0) return;
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(num));
    char *dot = strchr(raw, '.');
    if (dot && trim) {
        size_t n = strlen(raw);
        while (n && raw[n - 1] == '0') raw[--n] = 0;
        if (raw[n - 1] == '.') raw[--n] = 0, dot = NULL;
    }
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    int neg = num < 0 && strspn(raw, "0.") != strlen(raw); /* no "-0" */
    char gsep = lang == DEC_VI ? '.' : lang == DEC_EN ? ',' : 0;
    size_t k = 0;
    if (neg && k + 1 < cap) out[k++] = '-';
    for (size_t i = 0; i < intlen && k + 2 < cap; i++) {
        if (gsep && i && (intlen - i) % 3 == 0) out[k++] = gsep;
        out[k++] = raw[i];
    }
    if (dot && k + 1 < cap) {
        out[k++] = lang == DEC_VI ? ',' : '.';
        for (const char *p = dot + 1; *p && k + 1 < cap; p++) out[k++] = *p;
    }
    out[k] = 0;
}

void dec_format_exact(char *out, size_t cap, double num)
{
    if (cap == 0) return;
    snprintf(out, cap, "%.15g", num);
    for (char *p = out; *p; p++)
        if (*p == '.') *p = ',';
}
