/* form_view.h - what the shared form templates are given (templates/core/field.html,
 * select.html, textarea.html, error_summary.html): one field's label, hint, echoed value
 * and translated error, already prepared by the handler. A field named NAME renders as
 * <label for="f-NAME">, the control id="f-NAME", the hint id="f-NAME-hint" and the error
 * id="f-NAME-err"; the error summary links to #f-NAME. */
#ifndef DV_FORM_VIEW_H
#define DV_FORM_VIEW_H

#include "core/arena.h"
#include "http/input.h"

#include <stddef.h>

/* How a field is presented (field_view.flags). */
enum field_flag {
    FIELD_REQUIRED = 1 << 0,    /* the control carries the required attribute */
    FIELD_MARKED = 1 << 1,      /* a required field also shows "*" after its label (hidden
                                   from screen readers) and says aria-required="true" */
    FIELD_ERROR_FIRST = 1 << 2, /* aria-describedby names the error before the hint (and
                                   aria-invalid comes before it); by default the hint is first */
    FIELD_DATE = 1 << 3,        /* a dd/mm/yyyy date typed as text: inputmode="numeric" and
                                   placeholder="dd/mm/yyyy" */
};

/* One <option> of a select. */
struct option_view {
    const char *value;
    const char *label;
    int selected;
};

/* The "legacy choice" beside a long-text field (templates/core/legacy_choice.html, drawn
 * by textarea.html when field_view.legacy is set; filled by form_legacy.h): how to read
 * text pasted from an old Vietnamese font, with a preview of what will be saved. */
struct legacy_view {
    const char *select_name;   /* "NAME-legacy"; the select's id is "f-NAME-legacy" */
    struct option_view opts[5];
    size_t nopts;
    const char *status;        /* translated: what happens to the text, may be NULL */
    const char *preview;       /* what will be saved (or the likeliest reading), may be NULL */
    int truncated;             /* the preview is the beginning of it */
    int open;                  /* show it unfolded */
    int warn;                  /* the status asks for a choice */
};

struct field_view {
    const char *name;        /* the form field's name, the NAME of the ids above */
    const char *label;       /* translated */
    const char *hint;        /* translated, may be NULL */
    const char *value;       /* echoed back (never for passwords), may be NULL */
    const char *error;       /* translated, NULL when fine */
    const char *describedby; /* "f-NAME-hint f-NAME-err" (order: FIELD_ERROR_FIRST), or NULL */
    unsigned flags;          /* FIELD_* */
    const struct legacy_view *legacy; /* a textarea's legacy-encoding choice, or NULL */
};

/* Fill f from a validated value (v may be NULL: no value, no error); the error, if any,
 * is translated. hint may be NULL; flags are FIELD_*. */
void field_init(dv_arena *a, struct field_view *f, const char *name, const char *label,
                const struct input_value *v, const char *hint, unsigned flags);
/* Fill f from its declaration d (name, translated label and hint; FIELD_REQUIRED when d
 * is required, FIELD_DATE for FK_DATE) and the validated value v (may be NULL); flags are
 * added. The way a declared form renders its fields: nothing is named twice. */
void field_of(dv_arena *a, struct field_view *f, const struct input_field *d, const struct input_value *v,
              unsigned flags);
/* Mark f wrong with a translated message (the first message wins). */
void field_fail(dv_arena *a, struct field_view *f, const char *message);
/* Append f to errs[] (the error summary, in form order) when it has an error. */
void field_collect(const struct field_view *f, const struct field_view **errs, size_t *n, size_t cap);

#endif
