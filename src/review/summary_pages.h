/* summary_pages.h - what the summary report's page files share (summary_pages.c,
 * summary_edit.c, summary_doc.c). */
#ifndef DV_SUMMARY_PAGES_H
#define DV_SUMMARY_PAGES_H

#include "http/http.h"
#include "review/summary.h"

const char *rv_summary_href(dv_req *r, int64_t id);
/* :id as a summary the user may read (manage=1: edit); -1 when an error was rendered. */
int rv_load_summary(dv_req *r, dv_db *db, int manage, struct summary *out);
/* part of whole as "87,5%" in the reader's language ("–" when whole is 0). */
const char *rv_rate(dv_req *r, long part, long whole);

#endif
