/* form_legacy.h - the "legacy choice" of long-text fields: text pasted from an old
 * Vietnamese font (TCVN3 .VnTime, .VnTimeH, VNI) is read automatically or as the user
 * chooses (convert from TCVN3 / from VNI / leave as typed), with a preview, and without
 * JavaScript: a "Show the result" submit button re-renders the form with everything typed.
 *
 * A handler, for each long-text field NAME, before validating the form:
 *     bad += req_legacy(r, "body") == LEGACY_FIELD_ASK;   // req_form now gives the result
 *     if (req_legacy_preview(r)) bad++;                  // re-render, do not save
 * and after field_init() of its view (on GET too):
 *     field_legacy(r, &v->body);                         // echo what was typed + the choice
 * The form sends the choice as NAME-legacy (auto, tcvn3, tcvn3h, vni, none). */
#ifndef DV_FORM_LEGACY_H
#define DV_FORM_LEGACY_H

#include "http/form_view.h"
#include "http/http.h"

enum legacy_field_state {
    LEGACY_FIELD_PLAIN = 0,     /* saved as typed */
    LEGACY_FIELD_CONVERTED = 1, /* detected or chosen: the form value is the converted text */
    LEGACY_FIELD_ASK = 2,       /* detection is unsure and nothing was chosen: do not save */
};

/* Reads field name and its choice, and replaces the request's value of name with the text
 * to save. Call once per field and request. */
enum legacy_field_state req_legacy(dv_req *r, const char *name);

/* 1 when the form came back through a "Show the result" button: re-render it, save nothing. */
int req_legacy_preview(dv_req *r);

/* Gives f (a textarea's view, after field_init) the legacy choice: what was typed as its
 * value, the choice with its preview, and an error when the user must choose. */
void field_legacy(dv_req *r, struct field_view *f);

#endif
