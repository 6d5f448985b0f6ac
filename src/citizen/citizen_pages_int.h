/* citizen_pages_int.h - helpers the citizens' area's page files share (citizen_common.c). */
#ifndef DV_CITIZEN_PAGES_INT_H
#define DV_CITIZEN_PAGES_INT_H

#include "http/form_view.h"
#include "http/http.h"
#include "portal/public_view.h"

#include <stddef.h>
#include <stdint.h>

/* The communes of the operator's province as options (unit order), selected marked. */
int citizen_commune_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n);
/* The units of the user's scope, indented, as options. */
int citizen_unit_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n);
/* The petition categories as options. */
int citizen_category_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n);
/* dd/mm/yyyy of an ISO date, or dd/mm/yyyy HH:MM (Vietnam time) of an ISO UTC timestamp;
 * "" for NULL. */
const char *citizen_dmy(dv_arena *a, const char *iso);
/* The portal's public layout for a page of the citizens' area. */
void citizen_public_init(struct portal_page *pp, dv_req *r, const char *title, const char *path);
/* A page answered from the public cache of the citizens' area: 1 when answered. Only for
 * signed-out readers without a flash; key at most 60 bytes. */
int citizen_cache_answer(dv_req *r, const char *key);
/* Keep r's rendered 200 page under key (same conditions); gen is petition_generation()
 * taken before the page was read, so a page drawn from older data is never kept. */
void citizen_cache_store(dv_req *r, const char *key, uint64_t gen);
/* Fill the error summary from fields (in order). */
void citizen_collect(const struct field_view *const *fields, size_t n, const struct field_view **errs, size_t *nerr,
                     size_t cap);

struct dvk_model;
struct model_card_view;
/* One card of a list of models: labels, years, its link (public: the gallery's) and photo. */
void citizen_model_card(dv_req *r, const struct dvk_model *m, struct model_card_view *c, int public);

#endif
