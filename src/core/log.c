/* log.c - one line per event on stderr, written with a single fputs so threads don't
 * interleave; untrusted text is escaped (log_escape) so one event stays one line. */
#include "core/log.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

static int quiet_info;

void log_set_quiet(int quiet)
{
    quiet_info = quiet;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return len;
}

/* Valid UTF-8 that a terminal or viewer still takes as control: C1 (U+0080-U+009F), the
 * line and paragraph separators (U+2028, U+2029), the bidirectional embeddings, overrides
 * and isolates (U+202A-U+202E, U+2066-U+2069). */
static int utf8_is_control(const unsigned char *s, size_t len)
{
    if (len == 2) return s[0] == 0xC2 && s[1] <= 0x9F;
    if (len != 3 || s[0] != 0xE2) return 0;
    if (s[1] == 0x80) return s[2] >= 0xA8 && s[2] <= 0xAE;
    return s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9;
}

/* The escaped form of the byte c alone (not part of a multibyte sequence) into piece. */
static size_t escape_byte(unsigned char c, enum log_esc_mode mode, char *piece)
{
    static const char hex[] = "0123456789abcdef";
    int backslashed = (c == '\\' && mode != LOG_ESC_TEXT) || (c == '"' && mode == LOG_ESC_QUOTED);
    int plain = c >= 0x20 && c < 0x7F && !(mode == LOG_ESC_WORD && (c == ' ' || c == '"'));
    piece[0] = '\\';
    if (backslashed) {
        piece[1] = (char)c;
        return 2;
    }
    if (plain) {
        piece[0] = (char)c;
        return 1;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
        piece[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        return 2;
    }
    piece[1] = 'x';
    piece[2] = hex[c >> 4];
    piece[3] = hex[c & 15];
    return 4;
}

size_t log_escape(char *dst, size_t cap, const char *s, enum log_esc_mode mode)
{
    if (!s) s = "-";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), out = 0;
    for (size_t i = 0; i < n;) {
        char piece[16];
        size_t plen = 0, take = 1;
        size_t ulen = p[i] >= 0x80 ? utf8_len(p + i, n - i) : 0;
        if (ulen && !utf8_is_control(p + i, ulen)) {
            memcpy(piece, p + i, ulen);
            plen = take = ulen;
        } else if (ulen) { /* a valid sequence that must not reach a terminal raw */
            for (size_t k = 0; k < ulen; k++) plen += escape_byte(p[i + k], LOG_ESC_TEXT, piece + plen);
            take = ulen;
        } else {
            plen = escape_byte(p[i], mode, piece);
        }
        int last = i + take == n;
        if (out + plen + (last ? 0 : 3) + 1 > cap) {
            if (out + 4 <= cap) memcpy(dst + out, "...", 3), out += 3;
            break;
        }
        memcpy(dst + out, piece, plen);
        out += plen;
        i += take;
    }
    dst[out] = '\0';
    return out;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
    char msg[2048], esc[4096], line[4200], ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    vsnprintf(msg, sizeof msg, fmt, ap);
    log_escape(esc, sizeof esc, msg, LOG_ESC_TEXT);
    snprintf(line, sizeof line, "%s %s %s\n", ts, level, esc);
    fputs(line, stderr);
}

#define LOG_FN(name, level, skip)                   \
    void name(const char *fmt, ...)                 \
    {                                               \
        if (skip) return;                           \
        va_list ap;                                 \
        va_start(ap, fmt);                          \
        log_line(level, fmt, ap);                   \
        va_end(ap);                                 \
    }

LOG_FN(log_info, "info", quiet_info)
LOG_FN(log_warn, "warn", 0)
LOG_FN(log_error, "error", 0)
