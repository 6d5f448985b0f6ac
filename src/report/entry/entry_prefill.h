/* entry_prefill.h - pre-filled indicators on the report form (report/prefill.h): the
 * computed value and its derivation beside the field, the officer's note when the value
 * typed differs, and the rows the save keeps (report_prefill). Internal to
 * src/report/entry/. */
#ifndef DV_ENTRY_PREFILL_H
#define DV_ENTRY_PREFILL_H

#include "http/http.h"
#include "report/entry/entry_view.h"
#include "report/prefill.h"
#include "report/report_ctx.h"
#include "report/report_validate.h"

/* Does the regime have an indicator with a source? */
int entry_prefill_any(const struct report_def *def);

/* Fills the prefill parts of v->inds (after the fields were filled): typed 1 echoes the
 * posted notes; a field with no stored value gets the computed one. A note's error joins
 * the summary errs[0..cap). */
void entry_prefill_view(dv_req *r, dv_db *db, const struct report_ctx *c, int typed, const struct report_checked *chk,
                        struct entry_form_view *v, const struct field_view **errs, size_t *nerrs, size_t cap);

/* At a save: computes each source, compares it with the checked value and reads the note
 * ("p_<code>", kept when the value saved differs from the computed one; a note too long, or
 * missing on a submission that changed the value, is an error appended to chk->errors, the
 * missing ones also counted in *prefill_errors). The rows to keep go to *rows. Returns the
 * number of errors. */
size_t entry_prefill_check(dv_req *r, dv_db *db, const struct report_ctx *c, int submit, struct report_checked *chk,
                           struct report_prefill_row **rows, size_t *nrows, size_t *prefill_errors);

#endif
