/* input.h - the declared input layer (in the spirit of kcgi's keys): every form field,
 * query parameter and path parameter a handler reads is declared once, with its type,
 * bounds, required flag, message and how the form shows it; the handler then reads only
 * typed, validated values. The same declaration validates the POSTed form, the query
 * string, a JSON body or XLSX cells (input_validate with any getter) and renders the
 * form's fields (field_of in http/form_view.h: name, label and hint come from it).
 *
 *   enum { F_NAME, F_BORN, F_N };
 *   static const struct input_field fields[F_N] = {
 *       [F_NAME] = {"name", IN_TEXT, 1, 1, 200, NULL, FK_TEXT, N_("Name"), NULL, NULL},
 *       [F_BORN] = {"born", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Born"), N_("dd/mm/yyyy"), NULL},
 *   };
 *   struct input_value v[F_N];
 *   if (input_form(r, fields, F_N, v) > 0) re-render with the errors;
 *   else use v[F_NAME].str, v[F_BORN].num ...
 *
 * Query parameters: input_query(); path parameters: input_path_id() / input_path() answer
 * 404 themselves for a value that is not of the declared type. Errors are untranslated
 * msgids (a field's own message replaces the type's): show them with input_error_text(). */
#ifndef DV_HTTP_INPUT_H
#define DV_HTTP_INPUT_H

#include "core/arena.h"
#include "http/http.h"

#include <stddef.h>
#include <stdint.h>

enum input_type {
    IN_TEXT,      /* one line, text_clean()ed; min/max in code points */
    IN_MULTILINE, /* like IN_TEXT, "\n" and "\t" allowed */
    IN_INT,       /* decimal integer; min/max bound the value (both 0 = unbounded) */
    IN_DATE,      /* dd/mm/yyyy or yyyy-mm-dd; str = ISO, num = yyyymmdd */
    IN_EMAIL,     /* a practical address check, at most 254 bytes */
    IN_USERNAME,  /* [a-z0-9._-], 3..32, starts with a letter; A-Z lowercased first */
    IN_PASSWORD,  /* not cleaned or trimmed: UTF-8 and length (code points) only */
    IN_CHOICE,    /* one of choices[] (NULL-terminated) */
    IN_BOOL,      /* checkbox: num = 1 for "1", "on", "true", else 0 */
    IN_ID,        /* positive integer (max bounds it when non-zero) */
    IN_DECIMAL,   /* a number as the thread's language writes it ("1.234,5" vi, "1,234.5"
                     en; text/decimal.h); dec = the value, min/max bound it (both 0 =
                     unbounded) */
    IN_SLUG,      /* [a-z0-9-], 1..max (default 200) bytes: a path's slug or code */
};

/* How the form shows a field (the shared templates/core/ controls). */
enum field_kind { FK_TEXT, FK_DATE, FK_NUMBER, FK_SELECT, FK_TEXTAREA, FK_CHECK };

/* Defaults when max is 0, so no text field is unbounded. */
#define INPUT_TEXT_MAX 500
#define INPUT_MULTILINE_MAX 20000
#define INPUT_PASSWORD_MAX 1024
#define INPUT_SLUG_MAX 200

struct input_field {
    const char *name;
    enum input_type type;
    int required;
    long long min, max;         /* length in code points for text, value for numbers */
    const char *const *choices; /* NULL-terminated, for IN_CHOICE */
    enum field_kind kind;       /* how the form shows it */
    const char *label;          /* msgid (or text already translated); NULL: not shown */
    const char *hint;           /* msgid or NULL */
    const char *message;        /* msgid replacing the type's own error message, or NULL */
};

struct input_value {
    const char *raw;   /* what the user sent, to echo back (NULL if absent; invalid
                          UTF-8 replaced by U+FFFD) */
    const char *str;   /* cleaned NFC text ("" if empty); ISO date for
                          IN_DATE; NULL if invalid */
    long long num;     /* IN_INT, IN_ID, IN_BOOL; yyyymmdd for IN_DATE */
    double dec;        /* IN_DECIMAL */
    int present;       /* sent and non-empty after cleaning (IN_BOOL: checked) */
    const char *error; /* an untranslated msgid (N_), NULL if valid */
    long long error_arg; /* the %lld of error, when it has one */
};

/* Read fields through get(ctx, name) (NULL = absent) into out[0..n); strings live in
 * arena a. Returns the number of invalid fields. */
int input_validate(const struct input_field *fields, size_t n,
                   const char *(*get)(void *ctx, const char *name), void *ctx,
                   dv_arena *a, struct input_value *out);

/* The same over the request's POSTed form / its query string. */
int input_form(dv_req *r, const struct input_field *fields, size_t n, struct input_value *out);
int input_query(dv_req *r, const struct input_field *fields, size_t n, struct input_value *out);

/* One declared field of the form or the query: its value (always filled; on an error the
 * fallback of the type: str NULL, num 0). Returns 0 when valid. */
int input_form1(dv_req *r, const struct input_field *f, struct input_value *out);
int input_query1(dv_req *r, const struct input_field *f, struct input_value *out);

/* The path parameter :name as a positive id; 0 when it is not one, after answering 404. */
int64_t input_path_id(dv_req *r, const char *name);
/* The path parameter declared by f (its name is the :name of the route); NULL when it is
 * not valid, after answering 404. */
const char *input_path(dv_req *r, const struct input_field *f, struct input_value *out);

/* The path parameter declared by f, validated only (for a page with its own "not found"):
 * 0 when valid. */
int input_param(dv_req *r, const struct input_field *f, struct input_value *out);

/* The translated, formatted error of v (in the thread's language), or NULL if valid. */
const char *input_error_text(dv_arena *a, const struct input_value *v);

#endif
