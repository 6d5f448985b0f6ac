/* form.h - declared input validation (in the spirit of kcgi's keys): every HTML form and
 * JSON API lists its fields once, form_validate() checks them all and reports per field.
 *
 *   static const struct form_field fields[] = {
 *       {"name", FT_TEXT, 1, 1, 200, NULL},
 *       {"born", FT_DATE, 0, 0, 0, NULL},
 *   };
 *   struct form_value v[2];
 *   if (form_validate(fields, 2, get_post_arg, req, arena, v) > 0) re-render with errors;
 *
 * Errors are untranslated msgids: render them with form_error_text() (or _() when
 * error_arg is not used).
 */
#ifndef DV_FORM_H
#define DV_FORM_H

#include "core/arena.h"

#include <stddef.h>

enum form_type {
    FT_TEXT,      /* one line, text_clean()ed; min/max in code points */
    FT_MULTILINE, /* like FT_TEXT, "\n" and "\t" allowed */
    FT_INT,       /* decimal integer; min/max bound the value (both 0 = unbounded) */
    FT_DATE,      /* dd/mm/yyyy or yyyy-mm-dd; str = ISO, num = yyyymmdd */
    FT_EMAIL,     /* a practical address check, at most 254 bytes */
    FT_USERNAME,  /* [a-z0-9._-], 3..32, starts with a letter; A-Z lowercased first */
    FT_PASSWORD,  /* not cleaned or trimmed: UTF-8 and length (code points) only */
    FT_CHOICE,    /* one of choices[] (NULL-terminated) */
    FT_BOOL,      /* checkbox: num = 1 for "1", "on", "true", else 0 */
    FT_ID,        /* positive integer (max bounds it when non-zero) */
};

/* Defaults when max is 0, so no text field is unbounded. */
#define FORM_TEXT_MAX 500
#define FORM_MULTILINE_MAX 20000
#define FORM_PASSWORD_MAX 1024

struct form_field {
    const char *name;
    enum form_type type;
    int required;
    long long min, max; /* length in code points for text, value for ints */
    const char *const *choices; /* NULL-terminated, for FT_CHOICE */
};

struct form_value {
    const char *raw;   /* what the user sent, to echo back (NULL if absent; invalid
                          UTF-8 replaced by U+FFFD) */
    const char *str;   /* cleaned NFC text ("" if empty); ISO date for
                          FT_DATE; NULL if invalid */
    long long num;     /* FT_INT, FT_ID, FT_BOOL; yyyymmdd for FT_DATE */
    int present;       /* sent and non-empty after cleaning (FT_BOOL: checked) */
    const char *error; /* an untranslated msgid (N_), NULL if valid */
    long long error_arg; /* the %lld of error, when it has one */
};

/* Read fields through get(ctx, name) (NULL = absent) into out[0..n); strings live in
 * arena a. Returns the number of invalid fields. */
int form_validate(const struct form_field *fields, size_t n,
                  const char *(*get)(void *ctx, const char *name), void *ctx,
                  dv_arena *a, struct form_value *out);

/* The translated, formatted error of v (in the thread's language), or NULL if valid. */
const char *form_error_text(dv_arena *a, const struct form_value *v);

#endif
