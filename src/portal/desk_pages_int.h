/* desk_pages_int.h - what the desk pages (desk_pages.c: the article form; desk_list_pages.c;
 * desk_workflow_pages.c) share. Internal to src/portal/. */
#ifndef DV_DESK_PAGES_INT_H
#define DV_DESK_PAGES_INT_H

#include "portal/desk.h"
#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/form_view.h"
#include "http/http.h"
#include "http/page.h"
#include "portal/article.h"
#include "portal/desk_view.h"
#include "portal/media.h"
#include "portal/portal_access.h"
#include "portal/public.h"
#include "portal/public_view.h"
#include "text/text.h"
#include "tpl.h"
#include "http/form_legacy.h"
#include "text/text_legacy.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DESK_PAGE_SIZE 20 /* articles on a page of the desk list */

/* The article form's declared fields, and the workflow's (desk_pages.c). */
enum { F_TITLE, F_SLUG, F_LEAD, F_BODY, F_TAGS, F_FEATURED, F_VERSION, NFIXED };
extern const struct input_field desk_fixed_fields[NFIXED];
enum { W_DATE, W_TIME, W_COMMENT, W_N };
extern const struct input_field desk_workflow_fields[W_N];

const char *desk_pg_art_href(dv_req *r, int64_t id, const char *suffix);
const char *desk_pg_vn_time(dv_req *r, const char *iso);
int desk_pg_vn_to_iso(const char *date_iso, const char *hm, char out[21]);
const char *desk_pg_credit_of(dv_req *r, const struct article *a, const char *sep);
int desk_pg_require_desk(dv_req *r);
int desk_pg_load_article(dv_req *r, dv_db *db, struct article *a);
const struct crumb *desk_pg_crumbs(dv_req *r, const char *title, const char *href, const char *last);
void desk_pg_workflow_fields_init(dv_req *r, struct desk_form_view *v, const struct input_value *schedule,
                                 const struct input_value *comment);
void desk_pg_workflow_init(dv_req *r, struct desk_form_view *v, const struct article *a);
void desk_pg_render_form(dv_req *r, struct desk_form_view *v, const char *title, const struct article *a);
void desk_pg_form_from_article(dv_req *r, dv_db *db, struct desk_form_view *v, const struct article *a);
const char *desk_pg_schedule_note(dv_req *r, const struct article *a);

#endif
