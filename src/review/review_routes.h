/* review_routes.h - the review area's handlers (plan_pages.c, inspection_pages.c,
 * inspection_steps.c, inspection_doc.c) and its registration (review_routes.c). */
#ifndef DV_REVIEW_ROUTES_H
#define DV_REVIEW_ROUTES_H

#include "http/http.h"

#include <stdint.h>

void review_routes_register(void);

void review_page_board(dv_req *r);
void review_page_plan_new(dv_req *r);
void review_page_plan_create(dv_req *r);
void review_page_plan_show(dv_req *r);
void review_page_item_new(dv_req *r);
void review_page_item_add(dv_req *r);

void review_page_inspection_new(dv_req *r);
void review_page_inspection_create(dv_req *r);
void review_page_inspection_show(dv_req *r);
void review_page_finding_file(dv_req *r);
void review_page_conclusion_docx(dv_req *r);
void review_page_conclusion_pdf(dv_req *r);
void review_page_close(dv_req *r);

#define RV_STEP(fn) void review_page_##fn##_form(dv_req *r); void review_page_##fn(dv_req *r);
RV_STEP(decide)
RV_STEP(start)
RV_STEP(extend)
RV_STEP(draft)
RV_STEP(conclude)
RV_STEP(member_add)
RV_STEP(finding_add)
RV_STEP(rec_add)
#undef RV_STEP

#define RV_CSTEP(fn) void review_page_conf_##fn##_form(dv_req *r); void review_page_conf_##fn(dv_req *r);
RV_CSTEP(bridge)
RV_CSTEP(invitee)
RV_CSTEP(agenda)
RV_CSTEP(presentation)
RV_CSTEP(photo)
RV_CSTEP(minutes)
RV_CSTEP(conclusion)
RV_CSTEP(award)
RV_CSTEP(checkin)
RV_CSTEP(close)
#undef RV_CSTEP
void review_page_conference_new(dv_req *r);
void review_page_conference_create(dv_req *r);
void review_page_conference_show(dv_req *r);
void review_page_conf_checkin_staff(dv_req *r);
void review_page_presentation_file(dv_req *r);
void review_page_conf_photo_file(dv_req *r);
void review_page_invitation_docx(dv_req *r);
void review_page_invitation_pdf(dv_req *r);
void review_page_invitations_issue(dv_req *r);
void review_page_articles(dv_req *r);
void review_page_article_show(dv_req *r);
void review_page_article_take(dv_req *r);

void review_page_summary_new(dv_req *r);
void review_page_summary_create(dv_req *r);
void review_page_summary_show(dv_req *r);
void review_page_summary_edit(dv_req *r);
void review_page_summary_version_add(dv_req *r);
void review_page_summary_compare(dv_req *r);
void review_page_summary_issue(dv_req *r);
void review_page_summary_docx(dv_req *r);
void review_page_summary_pdf(dv_req *r);

const char *rv_insp_href(dv_req *r, int64_t id);

#endif
