/* citizen_pages.h - the handlers of the citizens' area, routed by citizen_routes.c. */
#ifndef DV_CITIZEN_PAGES_H
#define DV_CITIZEN_PAGES_H

#include "http/http.h"

struct petition;
struct petition_public_view;

/* public: petitions (petition_public_pages.c, petition_track_pages.c) */
void citizen_page_petition_home(dv_req *r);
void citizen_page_petition_form(dv_req *r);
void citizen_page_petition_send(dv_req *r);
void citizen_page_petition_lookup(dv_req *r);
void citizen_page_petition_status(dv_req *r);
void citizen_page_petition_reopen_form(dv_req *r);
void citizen_page_petition_reopen(dv_req *r);
void citizen_page_petition_answers(dv_req *r);
int citizen_petition_public_view(dv_req *r, const struct petition *p, struct petition_public_view *v);

/* staff: petitions (petition_desk_pages.c) */
void citizen_page_desk_list(dv_req *r);
void citizen_page_desk_show(dv_req *r);
void citizen_page_desk_act(dv_req *r);
void citizen_page_desk_file(dv_req *r);

/* staff: settings, calendar, categories (citizen_config_pages.c) */
void citizen_page_config(dv_req *r);
void citizen_page_config_save(dv_req *r);
void citizen_page_calendar_add(dv_req *r);
void citizen_page_calendar_delete(dv_req *r);
void citizen_page_category_days(dv_req *r);

/* Open311 GeoReport v2 (open311_pages.c) */
void citizen_page_open311_discovery(dv_req *r);
void citizen_page_open311_services(dv_req *r);
void citizen_page_open311_requests(dv_req *r);
void citizen_page_open311_request(dv_req *r);

/* models (model_pages.c staff, model_public_pages.c public) */
void citizen_page_models(dv_req *r);
void citizen_page_model_new(dv_req *r);
void citizen_page_model_create(dv_req *r);
void citizen_page_model_edit(dv_req *r);
void citizen_page_model_update(dv_req *r);
void citizen_page_model_photo(dv_req *r);
void citizen_page_gallery(dv_req *r);
void citizen_page_gallery_model(dv_req *r);
void citizen_page_gallery_atom(dv_req *r);
void citizen_page_gallery_file(dv_req *r);
void citizen_page_gallery_thumb(dv_req *r);

/* dialogues and reception days (dialogue_pages.c, reception_pages.c) */
void citizen_page_dialogues(dv_req *r);
void citizen_page_dialogue_create(dv_req *r);
void citizen_page_dialogue_show(dv_req *r);
void citizen_page_dialogue_results(dv_req *r);
void citizen_page_dialogue_commit(dv_req *r);
void citizen_page_public_dialogues(dv_req *r);
void citizen_page_public_dialogue(dv_req *r);
void citizen_page_receptions(dv_req *r);
void citizen_page_reception_create(dv_req *r);
void citizen_page_public_receptions(dv_req *r);

#endif
