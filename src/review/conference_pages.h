/* conference_pages.h - what the conference page files share (conference_pages.c,
 * conference_steps.c, conference_doc.c, conference_article.c). */
#ifndef DV_CONFERENCE_PAGES_H
#define DV_CONFERENCE_PAGES_H

#include "http/http.h"
#include "review/conference.h"

const char *rv_conf_href(dv_req *r, int64_t id);
/* :id as a conference the user may read (manage=1: run); -1 when an error was rendered. */
int rv_load_conference(dv_req *r, dv_db *db, int manage, struct conference *out);

#endif
