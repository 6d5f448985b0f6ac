/* review_routes.c - the routes of inspection and supervision (and, later, review conferences
 * and the summary report), the menu entry and the audit kinds of the review area. */
#include "review/review_routes.h"

#include "core/i18n.h"
#include "http/page.h"
#include "org/audit.h"
#include "review/review_access.h"

#define READ "review_can_read_unit(user, inspection.unit)"
#define RUN "review_can_manage(user, inspection.unit)"

static const struct dv_route review_routes[] = {
    ROUTE_WHO("GET", "/review", review_page_board, 0, "review_can_use(user)"),
    ROUTE_WHO("GET", "/review/plans/new", review_page_plan_new, 0, "review_can_use(user)"),
    ROUTE_WHO("POST", "/review/plans", review_page_plan_create, 0, "review_can_manage(user, unit)"),
    ROUTE_WHO("GET", "/review/plans/:id", review_page_plan_show, 0, "review_can_read_unit(user, plan.unit)"),
    ROUTE_WHO("GET", "/review/plans/:id/items/new", review_page_item_new, 0, "review_can_manage(user, plan.unit)"),
    ROUTE_WHO("POST", "/review/plans/:id/items", review_page_item_add, 0, "review_can_manage(user, plan.unit)"),
    ROUTE_WHO("GET", "/review/inspections/new", review_page_inspection_new, 0, "review_can_use(user)"),
    ROUTE_WHO("POST", "/review/inspections", review_page_inspection_create, 0, "review_can_manage(user, unit)"),
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

static const struct menu_entry review_menu[] = {
    {"review", "/review", N_("Inspection and review"), 650, review_can_use},
};

void review_routes_register(void)
{
    page_menu_add(review_menu, sizeof review_menu / sizeof *review_menu);
    audit_kind_add("inspection", N_("Inspection"), "/review/inspections/%lld", NULL);
    audit_kind_add("inspection_plan", N_("Inspection plan"), "/review/plans/%lld", NULL);
    audit_kind_add("inspection_plan_item", N_("Item of an inspection plan"), NULL, NULL);
    router_add(review_routes, sizeof review_routes / sizeof *review_routes);
}
