/* html.c - the escapers compiled templates call, one per HTML context (see html.h). */
#include "core/html.h"

#include <string.h>
#include <strings.h>

/* The entity for a byte that must be escaped in text and quoted attributes, or NULL. */
static const char *html_entity(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

/* Appends s, escaping the five HTML-significant characters; other bytes (UTF-8) pass. */
static void html_escape(dv_buf *out, const char *s)
{
    for (;;) {
        size_t plain = strcspn(s, "&<>\"'");
        buf_append(out, s, plain);
        s += plain;
        if (!*s) return;
        buf_puts(out, html_entity((unsigned char)*s));
        s++;
    }
}

void html_text(dv_buf *out, const char *s)
{
    if (s) html_escape(out, s);
}

void html_attr(dv_buf *out, const char *s)
{
    if (s) html_escape(out, s);
}

/* Browsers strip leading C0 controls and spaces from a URL before parsing it. */
static const char *url_skip_leading(const char *s)
{
    while (*s && (unsigned char)*s <= 0x20) s++;
    return s;
}

/* Browsers drop tab, CR and LF anywhere in a URL. */
static int url_is_ignored(char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

/* "//host", "/\host", "\\host" (also with tabs or newlines between): another site. */
static int url_is_protocol_relative(const char *s)
{
    int slashes = 0;
    for (; *s && slashes < 2; s++) {
        if (url_is_ignored(*s)) continue;
        if (*s != '/' && *s != '\\') return 0;
        slashes++;
    }
    return slashes == 2;
}

/* Whether the scheme s[0..n) is one we allow; any control char or space makes it unsafe. */
static int url_scheme_allowed(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f) return 0;
    if (n == 4 && strncasecmp(s, "http", 4) == 0) return 1;
    if (n == 5 && strncasecmp(s, "https", 5) == 0) return 1;
    if (n == 6 && strncasecmp(s, "mailto", 6) == 0) return 1;
    return 0;
}

int html_url_is_safe(const char *s)
{
    if (!s) return 0;
    s = url_skip_leading(s);
    if (url_is_protocol_relative(s)) return 0;
    size_t n = strcspn(s, ":/?#");
    if (s[n] != ':') return 1; /* no scheme: a relative URL */
    return url_scheme_allowed(s, n);
}

void html_url(dv_buf *out, const char *s)
{
    if (!s) return;
    if (html_url_is_safe(s))
        html_escape(out, s);
    else
        buf_putc(out, '#');
}

/* RFC 3986 unreserved characters, the only ones html_urlpart leaves as they are. */
static int url_is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

void html_urlpart(dv_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (url_is_unreserved(*p)) {
            buf_putc(out, (char)*p);
            continue;
        }
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        buf_append(out, enc, sizeof enc);
    }
}

void html_int(dv_buf *out, long long v)
{
    char digits[24];
    char *p = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    buf_append(out, p, (size_t)(digits + sizeof digits - p));
}

void html_raw(dv_buf *out, dv_html h)
{
    if (h.s) buf_puts(out, h.s);
}
