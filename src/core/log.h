/* log.h - timestamped lines on stderr; the access log has its own stream. */
#ifndef DV_LOG_H
#define DV_LOG_H

#include <stdio.h>

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet); /* drop info lines (CLI commands) */

#endif
