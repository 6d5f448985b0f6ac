/* regime_pages.h - the handlers of the regime admin pages (regime_pages.c), routed by
 * regime_routes.c. Admins, and staff for regimes whose receiver is inside their scope. */
#ifndef DV_REGIME_PAGES_H
#define DV_REGIME_PAGES_H

#include "http/http.h"

void regime_page_list(dv_req *r);            /* GET  /regimes */
void regime_page_new(dv_req *r);             /* GET  /regimes/new */
void regime_page_create(dv_req *r);          /* POST /regimes */
void regime_page_show(dv_req *r);            /* GET  /regimes/:id */
void regime_page_edit(dv_req *r);            /* GET  /regimes/:id/edit */
void regime_page_update(dv_req *r);          /* POST /regimes/:id */
void regime_page_assignment_new(dv_req *r);  /* GET  /regimes/:id/assignments/new */
void regime_page_assignment_add(dv_req *r);  /* POST /regimes/:id/assignments */
void regime_page_assignment_delete(dv_req *r); /* POST /regimes/:id/assignments/:aid/delete */
void regime_page_deadline_new(dv_req *r);    /* GET  /regimes/:id/deadlines/new */
void regime_page_deadline_set(dv_req *r);    /* POST /regimes/:id/deadlines */
void regime_page_deadline_delete(dv_req *r); /* POST /regimes/:id/deadlines/:level/delete */
void regime_page_section_new(dv_req *r);     /* GET  /regimes/:id/sections/new, /regimes/:id/sections/:pos/edit */
void regime_page_section_set(dv_req *r);     /* POST /regimes/:id/sections */
void regime_page_section_delete(dv_req *r);  /* POST /regimes/:id/sections/:pos/delete */
void regime_page_indicator_new(dv_req *r);   /* GET  /regimes/:id/indicators/new */
void regime_page_indicator_add(dv_req *r);   /* POST /regimes/:id/indicators */
void regime_page_indicator_edit(dv_req *r);  /* GET  /regimes/:id/indicators/:iid/edit */
void regime_page_indicator_update(dv_req *r);/* POST /regimes/:id/indicators/:iid */
void regime_page_indicator_delete(dv_req *r);/* POST /regimes/:id/indicators/:iid/delete */
void regime_page_indicator_move(dv_req *r);  /* POST /regimes/:id/indicators/:iid/move (dir=up|down) */
void regime_page_rule_new(dv_req *r);        /* GET  /regimes/:id/rules/new */
void regime_page_rule_add(dv_req *r);        /* POST /regimes/:id/rules */
void regime_page_rule_delete(dv_req *r);     /* POST /regimes/:id/rules/:rid/delete */
void regime_page_assignment_end_form(dv_req *r); /* GET  /regimes/:id/assignments/:aid/end */
void regime_page_assignment_end(dv_req *r);  /* POST /regimes/:id/assignments/:aid/end */
void regime_page_period_new(dv_req *r);      /* GET  /regimes/:id/periods/new (thematic, ad hoc) */
void regime_page_period_add(dv_req *r);      /* POST /regimes/:id/periods/new */
void regime_page_periods_generate(dv_req *r);/* POST /regimes/:id/periods */
void regime_page_period_edit(dv_req *r);     /* GET  /regimes/:id/periods/:pid */
void regime_page_period_update(dv_req *r);   /* POST /regimes/:id/periods/:pid */

#endif
