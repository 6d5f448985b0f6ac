/* regime_pages_int.h - what the regime admin pages (regime_pages.c, regime_part_pages.c,
 * regime_period_pages.c) share: loading the regime and its parts with access checked, the
 * generic form's page, and the answers after a write. Internal to src/report/regime/. */
#ifndef DV_REGIME_PAGES_INT_H
#define DV_REGIME_PAGES_INT_H

#include "report/regime/regime_pages.h"
#include "report/regime/category_set_pages.h"
#include "core/err.h"
#include "http/input.h"
#include "text/text.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/http.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "report/report_access.h"
#include "core/principal.h"
#include "report/completeness/expected.h"
#include "report/period.h"
#include "report/regime/regime.h"
#include "report/entry/gform.h"
#include "report/regime/regime_view.h"
#include "tpl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int regime_pg_load_regime(dv_req *r, dv_db *db, struct regime *g);
int regime_pg_part_of(dv_req *r, int rc, int64_t regime_id, const struct regime *g);
int regime_pg_load_regime_def(dv_req *r, dv_db *db, struct regime *g, struct regime_def *d);
const char *regime_pg_href(dv_req *r, int64_t id);
const char *regime_pg_level_label(const char *level);
void regime_pg_form_page(dv_req *r, struct gform_view *v, const char *title, const struct regime *g);
const char *regime_pg_at(dv_req *r, int64_t regime_id, const char *anchor);
void regime_pg_gform_show(dv_req *r, struct gform_view *v, const struct regime *g, const char *rest,
                       const char *submit, const char *anchor, const char *title);
void regime_pg_saved(dv_req *r, int64_t regime_id, const char *anchor);
int regime_pg_save_result(dv_req *r, struct gform_view *v, int rc, int64_t regime_id, const char *anchor);
void regime_pg_deleted(dv_req *r, int rc, int64_t regime_id, const char *anchor);
const char *regime_pg_num(dv_req *r, long long v);
size_t regime_pg_type_options(dv_req *r, int with_star, struct option_view **out);
int regime_pg_load_assignment(dv_req *r, dv_db *db, const struct regime *g, struct regime_assignment *x);

#endif
