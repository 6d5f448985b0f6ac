/* review_pages_int.h - what the review area's page files share (review_pages.c): loading a
 * record with its access check, unit pickers, form rendering and outcomes. */
#ifndef DV_REVIEW_PAGES_INT_H
#define DV_REVIEW_PAGES_INT_H

#include "http/http.h"
#include "http/input.h"
#include "http/page.h"
#include "report/entry/gform.h"
#include "review/review.h"
#include "review/review_view.h"

#include <stddef.h>
#include <stdint.h>

/* 401/403 unless the user may use the area; -1 then. */
int rv_require_use(dv_req *r);
/* 401/403 unless the user may run something (a create's POST: a viewer or an inspector is
 * refused before the form is read, not shown it back with a 422); -1 then. */
int rv_require_run(dv_req *r);
/* :id as an inspection the user may read (manage=1: may run); -1 when an error was rendered. */
int rv_load_inspection(dv_req *r, dv_db *db, int manage, struct inspection *out);
/* The loaders' parts: the path's :id after the area's use check (0: answered already), and
 * the outcome of loading a record of unit_id with rc (404/500, else 403 unless the user may
 * read it, or manage it when manage). 0 or -1. */
int64_t rv_path_id(dv_req *r);
int rv_loaded(dv_req *r, dv_db *db, int rc, int manage, int64_t unit_id);
/* :id as a plan, the same. */
int rv_load_plan(dv_req *r, dv_db *db, int manage, struct insp_plan *out);
/* The units of root's subtree down to max_depth (root itself when with_root) as select
 * options, NULL-terminated codes (ids as text) in *codes for the IN_CHOICE declaration. */
size_t rv_unit_options(dv_req *r, dv_db *db, int64_t root, int with_root, int max_depth, struct option_view **opts,
                       const char *const **codes);
/* The root of what the user sees (their scope; an admin without one: the first root). */
int64_t rv_scope_root(dv_req *r, dv_db *db);
/* The units the user may plan for (their scope's subtree, two levels, where they may act). */
size_t rv_own_unit_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes);
/* The units an inspection may cover (the scope's subtree below its root, two levels). */
size_t rv_subject_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes);
/* The registry's documents for a picker (directive.h document_search: newest first, at most
 * 200), "290-QĐ/TW: title"; the registered regimes, "CODE: name". Codes as above. */
size_t rv_document_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes);
size_t rv_regime_options(dv_req *r, dv_db *db, struct option_view **opts, const char *const **codes);
/* Renders the form under title (crumbs: the area, then parent label/href when given). */
void rv_form(dv_req *r, struct gform_view *v, const char *title, const char *parent, const char *parent_href,
             const char *file_field, const char *file_label);
/* After a write: 0 → flash "Saved." and redirect; DV_EINVAL/DV_ECONFLICT → v's general
 * error = msg, returns 0 (render again, status 422/409); else an error page; 1 when done. */
int rv_saved(dv_req *r, struct gform_view *v, int rc, const char *href, const char *msg);
/* A step's write (conference or inspection steps): as rv_saved, except that a DV_EINVAL the
 * step already explained beside its fields (or as v's general error) keeps those words. */
int rv_step_saved(dv_req *r, struct gform_view *v, int rc, const char *href, const char *msg);
/* A step's declarations copied into f, an IN_CHOICE without choices given the subject units. */
void rv_step_fields(dv_req *r, dv_db *db, const struct input_field *decl, size_t n, struct input_field *f);
/* A step's form at base/path (msgids title, submit, intro; intro may be NULL), under parent
 * (crumb to base); file: the file field's name (NULL none) and its label. */
void rv_step_form(dv_req *r, struct gform_view *v, const char *base, const char *path, const char *title,
                  const char *submit, const char *intro, const char *parent, const char *file, const char *file_label);
/* An action button's outcome: redirect to href with flash, or the error page (409 with msg). */
void rv_acted(dv_req *r, int rc, const char *href, const char *msg);
/* Renders a page of the area. */
void rv_render(dv_req *r, const struct rv_page *v, const char *title, const char *parent, const char *parent_href);
const char *rv_dmy(dv_req *r, const char *iso);   /* "" for NULL */
const char *rv_num(dv_req *r, long long n);
const char *rv_kind_label(const char *kind);       /* inspection / supervision */
const char *rv_role_label(const char *role);
/* The number as the issuer writes it: "Số 12-QĐ/BDVTU". */
const char *rv_doc_number(dv_req *r, dv_db *db, int64_t unit_id, const char *type, int64_t number, const char *date);
/* The numbering series of the unit's documents on date (doc_series_for of its layout). */
const char *rv_series(dv_req *r, dv_db *db, int64_t unit_id, const char *date);

extern const char *const rv_kind_codes[];           /* inspection, supervision */
void rv_kind_options(dv_req *r, struct gform_view *v); /* the "kind" select */

/* num with one decimal, trimmed, as lang writes it (enum dec_lang; -1 = the reader's language). */
const char *rv_dec(dv_arena *a, double num, int lang);

#endif
