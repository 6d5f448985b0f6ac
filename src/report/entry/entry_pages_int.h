/* entry_pages_int.h - what the report entry pages (entry_pages.c: the form and its actions;
 * entry_list_pages.c: the lists) share. Internal to src/report/entry/. */
#ifndef DV_ENTRY_PAGES_INT_H
#define DV_ENTRY_PAGES_INT_H

#include "report/entry/entry_pages.h"
#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "core/html.h"
#include "db/db.h"
#include "http/http.h"
#include "text/text.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "core/principal.h"
#include "report/entry/entry_view.h"
#include "report/period.h"
#include "report/report.h"
#include "report/report_access.h"
#include "report/report_ctx.h"
#include "report/report_validate.h"
#include "http/form_legacy.h"
#include "text/text.h"
#include "tpl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DUE_LIMIT 500
#define REVIEW_LIMIT 5000 /* the queue read for filtering and paging */

int entry_pg_is_commission(const struct dv_user *u);
const char *entry_pg_vn_time(dv_req *r, const char *iso);
const char *entry_pg_form_href(dv_req *r, int64_t regime, int64_t period, int64_t unit);
void entry_pg_reports_page_init(dv_req *r, struct page *pg, const char *title);

/* How the form is drawn: after a failed save (typed), with messages. */
struct render_opts {
    const struct report_checked *chk; /* errors of the values, or NULL */
    int typed;                 /* echo req_form instead of the store */
    const char *general_error;
    const char *notice;
    const char *file_error;
    const char *comment_error;
    const char *confirm_error;
    const char *unlock_until_error, *unlock_reason_error;
    int status;
};

int entry_pg_ctx_load_id(dv_req *r, dv_db *db, struct report_ctx *c);
void entry_pg_render_form(dv_req *r, dv_db *db, struct report_ctx *c, const struct render_opts *o);
const char *entry_pg_event_label(const char *action);

#endif
