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

#include <stddef.h>

struct report_field_error {
    const char *key;      /* the field key, e.g. "v_I07" */
    const char *msgid;    /* an untranslated msgid (translate with _()), or NULL */
    const char *message;  /* a rule's message, shown as entered, or NULL */
};

struct report_checked {
    struct report_value *values;    /* the parsed values (empty fields are absent) */
    size_t nvalues;
    struct report_section_body *sections; /* cleaned narrative, one per def section */
    size_t nsections;
    struct report_field_error *errors;    /* in form order */
    size_t nerrors;
};

/* The key of an indicator (opt NULL) or of one option cell, in arena a. */
const char *report_field_key(dv_arena *a, const struct report_def_indicator *ind,
                             const struct report_def_option *opt);

/* Parse one raw value for an indicator type. Empty (after trimming) → *empty = 1, ok.
 * On error returns an untranslated msgid; else NULL and fills v (num/text). */
const char *report_value_parse(dv_arena *a, enum report_ind_type t, const char *raw, int *empty,
                               struct report_value *v);

/* Read every field through get(ctx, key) (NULL = absent) and check it. check_required 0
 * skips the required checks (a draft may be incomplete); rules are always checked when
 * both sides have values. Returns the number of errors. */
size_t report_validate(const struct report_def *d, dv_arena *a, const char *(*get)(void *ctx, const char *key),
                       void *ctx, int check_required, struct report_checked *out);

/* The error of one key in out, or NULL (translated msgid or the rule's message). */
const char *report_checked_error(const struct report_checked *c, const char *key);

/* Show a stored number back as typed in Vietnamese: "1.234,5" (vi) or "1234.5" (en). */
const char *report_num_format(dv_arena *a, enum report_ind_type t, double num, const char *lang);

#endif
