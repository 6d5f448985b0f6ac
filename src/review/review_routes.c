/* review_routes.c - the routes of inspection and supervision (and, later, review conferences
 * and the summary report), the menu entry and the audit kinds of the review area. */
#include "review/review_routes.h"

#include "core/i18n.h"
#include "http/page.h"
#include "org/audit.h"
#include "portal/portal_access.h"
#include "review/review_access.h"

/* Who may (HACKING.md "Route access"), as review_access.h says: the directives area's readers
 * (every role but the portal's, within the unit's subtree) read a plan, an inspection, a
 * conference or a summary; running one acts for its unit (admin, staff whose scope holds it,
 * that unit's officer). */
#define USE "admin | staff | officer | viewer | inspector"
#define READERS "admin | staff@subtree | officer@unit | viewer@subtree | inspector@subtree"
#define RUNNERS "admin | staff@subtree | officer@own"
#define READ READERS " on inspection:id"
#define RUN RUNNERS " on inspection:id"

static const struct dv_route review_routes[] = {
    ROUTE_WHO("GET", "/review", review_page_board, 0, USE),
    ROUTE_WHO("GET", "/review/plans/new", review_page_plan_new, 0, USE),
    ROUTE_WHO("POST", "/review/plans", review_page_plan_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/review/plans/:id", review_page_plan_show, 0, READERS " on plan:id"),
    ROUTE_WHO("GET", "/review/plans/:id/items/new", review_page_item_new, 0, RUNNERS " on plan:id"),
    ROUTE_WHO("POST", "/review/plans/:id/items", review_page_item_add, 0, RUNNERS " on plan:id"),
    ROUTE_WHO("GET", "/review/inspections/new", review_page_inspection_new, 0, USE),
    ROUTE_WHO("POST", "/review/inspections", review_page_inspection_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/review/inspections/:id", review_page_inspection_show, 0, READ),
    ROUTE_WHO("GET", "/review/inspections/:id/decide", review_page_decide_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/decide", review_page_decide, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/start", review_page_start_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/start", review_page_start, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/extend", review_page_extend_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/extend", review_page_extend, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/draft", review_page_draft_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/draft", review_page_draft, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/conclude", review_page_conclude_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/conclude", review_page_conclude, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/team/new", review_page_member_add_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/team", review_page_member_add, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/findings/new", review_page_finding_add_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/findings", review_page_finding_add, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/findings/:fid/file", review_page_finding_file, ROUTE_SLOW, READ),
    ROUTE_WHO("GET", "/review/inspections/:id/recommendations/new", review_page_rec_add_form, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/recommendations", review_page_rec_add, 0, RUN),
    ROUTE_WHO("POST", "/review/inspections/:id/close", review_page_close, 0, RUN),
    ROUTE_WHO("GET", "/review/inspections/:id/conclusion.docx", review_page_conclusion_docx, ROUTE_SLOW, READ),
    ROUTE_WHO("GET", "/review/inspections/:id/conclusion.pdf", review_page_conclusion_pdf, ROUTE_SLOW, READ),
};

#define CREAD READERS " on conference:id"
#define CRUN RUNNERS " on conference:id"
static const struct dv_route conference_routes[] = {
    ROUTE_WHO("GET", "/review/conferences/new", review_page_conference_new, 0, USE),
    ROUTE_WHO("POST", "/review/conferences", review_page_conference_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/review/conferences/:id", review_page_conference_show, 0, CREAD),
    ROUTE_WHO("GET", "/review/conferences/:id/bridges/new", review_page_conf_bridge_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/bridges", review_page_conf_bridge, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/invitees/new", review_page_conf_invitee_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/invitees", review_page_conf_invitee, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/invitees/:iid/checkin", review_page_conf_checkin_staff, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/invitations", review_page_invitations_issue, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/invitations/:iid.docx", review_page_invitation_docx, ROUTE_SLOW, CREAD),
    ROUTE_WHO("GET", "/review/conferences/:id/invitations/:iid.pdf", review_page_invitation_pdf, ROUTE_SLOW, CREAD),
    ROUTE_WHO("GET", "/review/conferences/:id/agenda/new", review_page_conf_agenda_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/agenda", review_page_conf_agenda, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/presentations/new", review_page_conf_presentation_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/presentations", review_page_conf_presentation, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/photos/new", review_page_conf_photo_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/photos", review_page_conf_photo, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/photos/:photo", review_page_conf_photo_file, ROUTE_SLOW, CREAD),
    ROUTE_WHO("GET", "/review/conferences/:id/presentations/:pid/file", review_page_presentation_file, ROUTE_SLOW, CREAD),
    ROUTE_WHO("GET", "/review/conferences/:id/minutes", review_page_conf_minutes_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/minutes", review_page_conf_minutes, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/conclusions/new", review_page_conf_conclusion_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/conclusions", review_page_conf_conclusion, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/awards/new", review_page_conf_award_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/awards", review_page_conf_award, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/checkin", review_page_conf_checkin_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/checkin", review_page_conf_checkin, 0, CRUN),
    ROUTE_WHO("GET", "/review/conferences/:id/close", review_page_conf_close_form, 0, CRUN),
    ROUTE_WHO("POST", "/review/conferences/:id/close", review_page_conf_close, 0, CRUN),
    ROUTE_WHO("GET", "/review/articles", review_page_articles, 0, "admin | editor | contributor"),
    ROUTE_WHO("GET", "/review/conferences/:id/article", review_page_article_show, 0, "admin | editor | contributor on conference:id"),
    ROUTE_WHO("POST", "/review/conferences/:id/article", review_page_article_take, 0, "admin | editor | contributor on conference:id"),
};

#define SREAD READERS " on summary:id"
#define SRUN RUNNERS " on summary:id"

static const struct dv_route summary_routes[] = {
    ROUTE_WHO("GET", "/review/summaries/new", review_page_summary_new, 0, USE),
    ROUTE_WHO("POST", "/review/summaries", review_page_summary_create, 0, "admin | staff | officer"),
    ROUTE_WHO("GET", "/review/summaries/:id", review_page_summary_show, ROUTE_SLOW, SREAD),
    ROUTE_WHO("GET", "/review/summaries/:id/edit", review_page_summary_edit, 0, SRUN),
    ROUTE_WHO("POST", "/review/summaries/:id/versions", review_page_summary_version_add, 0, SRUN),
    ROUTE_WHO("GET", "/review/summaries/:id/compare", review_page_summary_compare, 0, SREAD),
    ROUTE_WHO("POST", "/review/summaries/:id/issue", review_page_summary_issue, 0, SRUN),
    ROUTE_WHO("GET", "/review/summaries/:id/report.docx", review_page_summary_docx, ROUTE_SLOW, SREAD),
    ROUTE_WHO("GET", "/review/summaries/:id/report.pdf", review_page_summary_pdf, ROUTE_SLOW, SREAD),
};

static const struct menu_entry review_menu[] = {
    {"review", "/review", N_("Inspection and review"), 650, review_can_use},
    {"review_articles", "/review/articles", N_("Articles from conferences"), 660, portal_can_create},
};

void review_routes_register(void)
{
    page_menu_add(review_menu, sizeof review_menu / sizeof *review_menu);
    audit_kind_add("inspection", N_("Inspection"), "/review/inspections/%lld", NULL);
    audit_kind_add("inspection_plan", N_("Inspection plan"), "/review/plans/%lld", NULL);
    audit_kind_add("inspection_plan_item", N_("Item of an inspection plan"), NULL, NULL);
    audit_kind_add("conference", N_("Review conference"), "/review/conferences/%lld", NULL);
    audit_kind_add("award", N_("Award"), NULL, NULL);
    router_add(review_routes, sizeof review_routes / sizeof *review_routes);
    router_add(conference_routes, sizeof conference_routes / sizeof *conference_routes);
    router_add(summary_routes, sizeof summary_routes / sizeof *summary_routes);
    audit_kind_add("summary_report", N_("Summary report"), "/review/summaries/%lld", NULL);
}
