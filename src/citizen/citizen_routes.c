/* citizen_routes.c - the routes of the citizens' area, its menu entries, flash messages,
 * audit kinds and pre-fill sources (citizen_prefill.c). */
#include "citizen/citizen.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages.h"
#include "core/i18n.h"
#include "http/http.h"
#include "http/page.h"
#include "org/audit.h"

/* Who may (HACKING.md "Route access"), as citizen_access.h says: the desk and registries are
 * for admins, staff, officers and viewers, within their scope (an officer's: their unit's
 * subtree); viewers change nothing; a petition is seen through the commune it concerns and
 * through the unit it is assigned to (the petition kind's receiver). */
#define DESK "admin | staff | officer | viewer"
#define EDIT "admin | staff@subtree | officer@unit"
#define PETITION_VIEW "admin | staff@subtree | staff@receiver | officer@unit | officer@receiver | viewer@subtree | viewer@receiver"

static const struct dv_route citizen_routes[] = {
    ROUTE("GET", "/kien-nghi", citizen_page_petition_home, ROUTE_PUBLIC),
    ROUTE("GET", "/kien-nghi/gui", citizen_page_petition_form, ROUTE_PUBLIC),
    ROUTE("POST", "/kien-nghi/gui", citizen_page_petition_send, ROUTE_PUBLIC),
    ROUTE("GET", "/kien-nghi/tra-cuu", citizen_page_petition_lookup, ROUTE_PUBLIC),
    ROUTE("GET", "/kien-nghi/tra-loi", citizen_page_petition_answers, ROUTE_PUBLIC | ROUTE_SLOW),
    ROUTE("GET", "/kien-nghi/ma/:code", citizen_page_petition_status, ROUTE_PUBLIC),
    ROUTE("GET", "/kien-nghi/ma/:code/mo-lai", citizen_page_petition_reopen_form, ROUTE_PUBLIC),
    ROUTE("POST", "/kien-nghi/ma/:code/mo-lai", citizen_page_petition_reopen, ROUTE_PUBLIC),
    ROUTE("GET", "/open311/v2/discovery.json", citizen_page_open311_discovery, ROUTE_PUBLIC),
    ROUTE("GET", "/open311/v2/services.json", citizen_page_open311_services, ROUTE_PUBLIC),
    ROUTE("GET", "/open311/v2/requests.json", citizen_page_open311_requests, ROUTE_PUBLIC | ROUTE_SLOW),
    ROUTE("GET", "/open311/v2/requests/:id.json", citizen_page_open311_request, ROUTE_PUBLIC),
    ROUTE("GET", "/dan-van-kheo", citizen_page_gallery, ROUTE_PUBLIC),
    ROUTE("GET", "/dan-van-kheo/atom.xml", citizen_page_gallery_atom, ROUTE_PUBLIC | ROUTE_SLOW),
    ROUTE("GET", "/dan-van-kheo/:id", citizen_page_gallery_model, ROUTE_PUBLIC),
    ROUTE("GET", "/dan-van-kheo/tep/:id", citizen_page_gallery_file, ROUTE_PUBLIC | ROUTE_SLOW),
    ROUTE("GET", "/dan-van-kheo/tep/:id/nho", citizen_page_gallery_thumb, ROUTE_PUBLIC),
    ROUTE_WHO("GET", "/citizen/models", citizen_page_models, 0, DESK),
    ROUTE_WHO("GET", "/citizen/models/new", citizen_page_model_new, 0, "admin | staff | officer"),
    ROUTE_WHO("POST", "/citizen/models", citizen_page_model_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/citizen/models/:id", citizen_page_model_edit, 0, EDIT " on model:id"),
    ROUTE_WHO("POST", "/citizen/models/:id", citizen_page_model_update, 0, EDIT " on model:id"),
    ROUTE_WHO("POST", "/citizen/models/:id/files", citizen_page_model_photo, 0, EDIT " on model:id"),
    ROUTE("GET", "/doi-thoai", citizen_page_public_dialogues, ROUTE_PUBLIC),
    ROUTE("GET", "/doi-thoai/:id", citizen_page_public_dialogue, ROUTE_PUBLIC),
    ROUTE("GET", "/tiep-cong-dan", citizen_page_public_receptions, ROUTE_PUBLIC),
    ROUTE_WHO("GET", "/citizen/dialogues", citizen_page_dialogues, 0, DESK),
    ROUTE_WHO("POST", "/citizen/dialogues", citizen_page_dialogue_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/citizen/dialogues/:id", citizen_page_dialogue_show, 0, EDIT " | viewer@subtree on dialogue:id"),
    ROUTE_WHO("POST", "/citizen/dialogues/:id/results", citizen_page_dialogue_results, 0, EDIT " on dialogue:id"),
    ROUTE_WHO("POST", "/citizen/dialogues/:id/commitments", citizen_page_dialogue_commit, 0, EDIT " on dialogue:id"),
    ROUTE_WHO("GET", "/citizen/receptions", citizen_page_receptions, 0, DESK),
    ROUTE_WHO("POST", "/citizen/receptions", citizen_page_reception_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/citizen/settings", citizen_page_config, 0, "admin | staff@top"),
    ROUTE_WHO("POST", "/citizen/settings", citizen_page_config_save, 0, "admin | staff@top"),
    ROUTE_WHO("POST", "/citizen/settings/categories/:id", citizen_page_category_days, 0, "admin | staff@top on petition_category:id"),
    ROUTE_WHO("POST", "/citizen/calendar", citizen_page_calendar_add, 0, "admin | staff@top"),
    ROUTE_WHO("POST", "/citizen/calendar/delete", citizen_page_calendar_delete, 0, "admin | staff@top"),
    ROUTE_WHO("GET", "/citizen/petitions", citizen_page_desk_list, 0, DESK),
    ROUTE_WHO("GET", "/citizen/petitions/:id", citizen_page_desk_show, 0, PETITION_VIEW " on petition:id"),
    ROUTE_WHO("POST", "/citizen/petitions/:id/act", citizen_page_desk_act, 0, "admin | staff@subtree | staff@receiver | officer@unit | officer@receiver on petition:id"),
    ROUTE_WHO("GET", "/citizen/petition-files/:id", citizen_page_desk_file, 0, PETITION_VIEW " on petition_file:id"),
};

static const struct menu_entry citizen_menu[] = {
    {"petitions", "/citizen/petitions", N_("Petitions"), 650, citizen_can_use_desk},
    {"models", "/citizen/models", N_("Dân vận khéo models"), 660, citizen_can_use_registry},
};

static const char *const citizen_flash[] = {
    N_("Your petition has been received. Keep its tracking code."),
    N_("The petition has been reopened."),
    N_("The petition has been updated."),
};

void citizen_routes_register(void)
{
    router_add(citizen_routes, sizeof citizen_routes / sizeof *citizen_routes);
    page_menu_add(citizen_menu, sizeof citizen_menu / sizeof *citizen_menu);
    page_flash_add(citizen_flash, sizeof citizen_flash / sizeof *citizen_flash);
    citizen_prefill_register();
    citizen_reminder_register();
    audit_kind_add("petition", N_("Petition"), "/citizen/petitions/%lld", NULL);
    audit_kind_add("citizen_settings", N_("Citizens' settings"), "/citizen/settings", NULL);
    audit_kind_add("work_calendar", N_("Working-day calendar"), "/citizen/settings", NULL);
    audit_kind_add("dvk_model", N_("Dân vận khéo model"), "/citizen/models/%lld", NULL);
    audit_kind_add("dialogue", N_("Dialogue with citizens"), "/citizen/dialogues/%lld", NULL);
    audit_kind_add("reception_day", N_("Reception day"), "/citizen/receptions", NULL);
    audit_kind_add("petition_category", N_("Petition subject"), "/citizen/settings", NULL);
}
