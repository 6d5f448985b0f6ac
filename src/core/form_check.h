/* form_check.h - the value checks behind form.c, one per kind of input; internal to
 * form.c and its tests. Each returns 1 if s passes, 0 if not. */
#ifndef DV_FORM_CHECK_H
#define DV_FORM_CHECK_H

/* A decimal integer: optional sign, digits only, within long long. */
int form_parse_ll(const char *s, long long *out);

/* A practical address check: one '@', local part 1..64 bytes, a dotted domain, no
 * spaces, control characters or RFC 5322 specials, at most 254 bytes. */
int form_email_ok(const char *s);

/* [a-z0-9._-], 3..32 bytes, starting with a letter. */
int form_username_ok(const char *s);

#endif
