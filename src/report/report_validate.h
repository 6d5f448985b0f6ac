/* report_validate.h - checking the values typed for a report, shared by the web form and
 * the XLSX upload: types (int; decimal in Vietnamese "1.234,5" or plain "1234.5" form;
 * percent 0–100; bool; text length; date dd/mm/yyyy), required fields, and the rules
 * between values (left op right → the rule's message beside the LEFT field).
 *
 * Field keys: "v_<code>" or "v_<code>_<option code>" (see report.h). */
#ifndef DV_REPORT_VALIDATE_H
#define DV_REPORT_VALIDATE_H

#include "core/arena.h"
#include "report/report.h"
#include "text/decimal.h"

#include <stddef.h>

struct report_field_error {
    const char *key;      /* the field key, e.g. "v_I07" */
    const char *msgid;    /* an untranslated msgid (translate with _()), or NULL */
    const char *message;  /* a rule's message, shown as entered, or NULL */
};

struct report_checked {
    struct report_value *values;    /* the parsed values (empty fields are absent) */
    size_t nvalues;
    struct report_field_error *warnings; /* rules broken by a draft (rules_as_warnings) */
    size_t nwarnings;
    struct report_section_body *sections; /* cleaned narrative, one per def section */
    size_t nsections;
    struct report_field_error *errors;    /* in form order */
    size_t nerrors;
};

/* The key of an indicator (opt NULL) or of one option cell, in arena a. */
const char *report_field_key(dv_arena *a, const struct report_def_indicator *ind,
                             const struct report_def_option *opt);

/* How numbers are written: Vietnamese "1.234,5", English "1,234.5", or plain machine
 * text "1234.5" (a single '.' or ',' is always a decimal separator, except in an
 * integer). The ambiguous "1.250"/"1,250" (one separator, three digits after) groups
 * thousands in an integer and as its language writes it in a decimal. */
enum report_num_lang { RNL_PLAIN = DEC_PLAIN, RNL_VI = DEC_VI, RNL_EN = DEC_EN }; /* text/decimal.h */
enum report_num_lang report_num_lang_of(const char *lang); /* "en" → EN, else VI */

/* Parse one raw value for an indicator type, written in lang. Empty (after trimming) → *empty = 1, ok.
 * On error returns an untranslated msgid; else NULL and fills v (num/text). */
const char *report_value_parse_in(dv_arena *a, enum report_ind_type t, const char *raw, enum report_num_lang lang,
                                  int *empty, struct report_value *v);
/* The same for plain (machine) text: report_value_parse_in(..., RNL_PLAIN, ...). */
const char *report_value_parse(dv_arena *a, enum report_ind_type t, const char *raw, int *empty,
                               struct report_value *v);

/* Read every field through get(ctx, key) (NULL = absent) and check it. check_required 0
 * skips the required checks (a draft may be incomplete); rules are always checked when
 * both sides have values. Returns the number of errors. */
size_t report_validate(const struct report_def *d, dv_arena *a, const char *(*get)(void *ctx, const char *key),
                       void *ctx, int check_required, struct report_checked *out);

/* The web form's check: numbers as lang writes them; a draft (rules_as_warnings) keeps
 * values that break a rule between fields, listed in out->warnings, not out->errors. */
struct report_validate_opts {
    int check_required;     /* a submission */
    int rules_as_warnings;  /* a draft: a broken rule is a warning */
    enum report_num_lang lang;
};
size_t report_validate_with(const struct report_def *d, dv_arena *a, const char *(*get)(void *ctx, const char *key),
                            void *ctx, const struct report_validate_opts *o, struct report_checked *out);

/* The rules broken by stored values (a saved draft), as out->warnings; out->values points
 * at vals. Returns the number of warnings. */
size_t report_rule_warnings(const struct report_def *d, dv_arena *a, const struct report_value *vals, size_t n,
                            struct report_checked *out);

/* The error of one key in out, or NULL (translated msgid or the rule's message). */
const char *report_checked_error(const struct report_checked *c, const char *key);

/* A stored value for people, the one formatter every page, export and document uses:
 * thousands grouped, "1.234.567,5" (vi, the default) or "1,234,567.5" (en), at most 6
 * decimals (none for RIT_INT); dates dd/mm/yyyy; bools "1"/"0". It parses back to the
 * same number with report_value_parse_in in the same language. */
const char *report_num_format(dv_arena *a, enum report_ind_type t, double num, const char *lang);
/* A computed figure (a sum, an average) rounded to decimals (0–6), grouped the same way. */
const char *report_num_format_round(dv_arena *a, double num, int decimals, const char *lang);

#endif
