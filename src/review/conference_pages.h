/* conference_pages.h - what the conference page files share (conference_pages.c,
 * conference_steps.c, conference_doc.c, conference_article.c). */
#ifndef DV_CONFERENCE_PAGES_H
#define DV_CONFERENCE_PAGES_H

#include "http/http.h"
#include "review/conference.h"
#include "review/review_view.h"

const char *rv_conf_href(dv_req *r, int64_t id);
/* :id as a conference the user may read (manage=1: run); -1 when an error was rendered. */
int rv_load_conference(dv_req *r, dv_db *db, int manage, struct conference *out);
/* The conference's photos as a gallery of their list copies, from this area's route
 * (own_route: for those who may read the conference) or from the portal's /media (for the
 * editors), with the link to add one when can_add. */
const struct rv_gallery *rv_conf_gallery(dv_req *r, dv_db *db, const struct conference *c, int can_add, int own_route);

#endif
