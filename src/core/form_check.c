/* form_check.c - syntax checks for integers, email addresses and usernames. */
#include "core/form_check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EMAIL_MAX 254
#define EMAIL_LOCAL_MAX 64
#define USERNAME_MIN 3
#define USERNAME_MAX 32

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int form_parse_ll(const char *s, long long *out)
{
    const char *d = (*s == '-' || *s == '+') ? s + 1 : s;
    if (!is_digit(*d)) return 0;
    for (const char *p = d; *p; p++)
        if (!is_digit(*p)) return 0;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE) return 0;
    *out = v;
    return 1;
}

static int email_char_ok(unsigned char c)
{
    return c > 0x20 && c != 0x7F && !strchr("()<>[]\\,;:\"@", c);
}

/* Dot-separated non-empty parts of s[0..n) made of email_char_ok characters. */
static int dot_atoms_ok(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.') return 0;
        if (!email_char_ok((unsigned char)s[i])) return 0;
    }
    return 1;
}

int form_email_ok(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n > EMAIL_MAX || !at || strchr(at + 1, '@')) return 0;
    size_t local = (size_t)(at - s);
    const char *domain = at + 1;
    if (local == 0 || local > EMAIL_LOCAL_MAX || !strchr(domain, '.')) return 0;
    return dot_atoms_ok(s, local) && dot_atoms_ok(domain, strlen(domain));
}

int form_username_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < USERNAME_MIN || n > USERNAME_MAX || !(s[0] >= 'a' && s[0] <= 'z')) return 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}
