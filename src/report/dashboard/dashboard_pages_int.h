/* dashboard_pages_int.h - what the dashboard pages (dashboard_pages.c: the completeness
 * matrix; dashboard_pivot_pages.c: the pivot) share: the dashboard's context read from the
 * query, JSON answers, number formatting, the form and the table export. Internal to
 * src/report/dashboard/. */
#ifndef DV_DASHBOARD_PAGES_INT_H
#define DV_DASHBOARD_PAGES_INT_H

#include "report/dashboard/dashboard_pages.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/http.h"
#include "http/input.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "core/principal.h"
#include "report/completeness/completeness.h"
#include "report/report_access.h"
#include "report/report_validate.h"
#include "report/dashboard/dashboard_view.h"
#include "report/dashboard/export_table.h"
#include "report/period.h"
#include "text/decimal.h"
#include "tpl.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PERIODS 120   /* columns at most (10 years of months) */
#define DEFAULT_SPAN 6    /* periods shown by default, ending with the current one */

struct dash_ctx {
    struct compl_choice *regimes;
    size_t nregimes;
    const struct compl_choice *regime; /* NULL: there is none */
    struct compl_period *all;
    size_t nall;
    size_t from, to;                   /* indices into all, inclusive */
    struct unit root;
    const char *q;                     /* "regime=1&from=2&to=3&unit=4" */
    int64_t indicator_id, option_id;
};

int64_t dash_pg_query_id(dv_req *r, const char *name);
int dash_pg_dash_load(dv_req *r, dv_db *db, struct dash_ctx *c);
size_t dash_pg_nsel(const struct dash_ctx *c);
const struct compl_period *dash_pg_sel(const struct dash_ctx *c);
const char *dash_pg_num_text(dv_req *r, double v);
double dash_pg_round1(double v);
void dash_pg_json_answer(dv_req *r, int status, json_t *j);
void dash_pg_json_error(dv_req *r, int status);
json_t *dash_pg_jstr(const char *s);
json_t *dash_pg_json_counts(const struct compl_counts *c);
json_t *dash_pg_json_regime_unit(json_t *o, const struct dash_ctx *c);
const char *dash_pg_href(dv_req *r, const char *path, const char *q);
void dash_pg_fill_form(dv_req *r, dv_db *db, const struct dash_ctx *c, struct dash_view *v);
void dash_pg_page_for(dv_req *r, struct page *pg, const char *title);
void dash_pg_send_table(dv_req *r, const struct xt_table *t, int xlsx, const char *base);

#endif
