/* gform.h - the generic validated form of the reporting admin pages (regimes, category
 * sets): a table of declared fields (http/input.h: type, bounds, label, hint and kind in one
 * declaration) validated and rendered from it, shown through
 * templates/report/regime_form.html with messages beside the fields and the typed values
 * kept, and the outcomes every such form shares (saved, code taken, not valid). */
#ifndef DV_REPORT_GFORM_H
#define DV_REPORT_GFORM_H

#include "http/input.h"
#include "http/http.h"
#include "http/page.h"
#include "report/regime/regime_view.h"

#include <stddef.h>

/* Fills v's fields from the specs (fv NULL: an empty form). */
void gform_init(dv_req *r, struct gform_view *v, const struct input_field *s, size_t n, const struct input_value *fv);
/* Validates the posted form into fv[0..n) and fills v; returns the number of errors. */
int gform_validate(dv_req *r, struct gform_view *v, const struct input_field *s, size_t n, struct input_value *fv);
struct gf *gf_of(struct gform_view *v, const char *name); /* NULL when absent */
void gf_set(struct gform_view *v, const char *name, const char *value);
void gf_fail(dv_req *r, struct gform_view *v, const char *name, const char *msg);
/* The select's options; the one equal to the field's value is selected. blank: label of
 * the empty choice, NULL = none. */
void gf_options(struct gform_view *v, const char *name, struct option_view *opts, size_t n, const char *blank);
/* A valid field `name` that is not a code (letters, digits, "-", "_", "."; empty passes)
 * gets its message; returns 1 then, else 0. */
int gf_check_code(dv_req *r, struct gform_view *v, const struct input_value *fv, const char *name);

/* The posted dir of a move button: "up" → -1, "down" → 1; anything else renders 400 and
 * returns -1. */
int gform_move_dir(dv_req *r, int *dir);

/* Renders the form page under title, in the main menu's nav item, with crumbs. */
void gform_render(dv_req *r, struct gform_view *v, const char *title, const char *nav, const struct crumb *crumbs);

/* The outcome of a store write for a validated form: 0 → "Saved." and a redirect to href;
 * another error than DV_EINVAL → the error page; both return 1. DV_EINVAL → the form's
 * general error, 0: the caller renders the form again. */
int gform_saved(dv_req *r, struct gform_view *v, int rc, const char *href);
/* A store error of a form with a "code" field: DV_ECONFLICT marks the code as taken with
 * code_taken, DV_EINVAL sets the general error, and 0 is returned (render the form
 * again); anything else renders the error page (404/500) and returns -1. */
int gform_code_error(dv_req *r, struct gform_view *v, int rc, const char *code_taken);

#endif
