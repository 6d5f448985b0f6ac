/* log.h - timestamped lines on stderr; the access log has its own stream. */
#ifndef DV_LOG_H
#define DV_LOG_H

#include <stddef.h>
#include <stdio.h>

/* Every line is one event: the message is escaped (log_escape, LOG_ESC_TEXT) before it is
 * written, so text from a request can neither start a forged line nor reach a terminal as
 * an escape sequence. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet); /* drop info lines (CLI commands) */

/* How log_escape writes untrusted text. In every mode control characters (C0, DEL, C1),
 * Unicode line separators and bidirectional overrides, and bytes that are not valid UTF-8
 * become \xhh per byte (\n \r \t as themselves escaped); valid UTF-8 (Vietnamese) stays.
 * LOG_ESC_WORD is for a space-separated field: space, '"' and '\' become \x20 \x22 \\.
 * LOG_ESC_QUOTED is for the inside of "...": '"' and '\' become \" and \\. */
enum log_esc_mode { LOG_ESC_TEXT, LOG_ESC_WORD, LOG_ESC_QUOTED };

/* Writes s escaped into dst (always NUL-terminated, cap >= 4); text that does not fit ends
 * in "...". Returns the length written. NULL is written as "-". */
size_t log_escape(char *dst, size_t cap, const char *s, enum log_esc_mode mode);

#endif
