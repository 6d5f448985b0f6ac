/* directive_pages_int.h - what the directive area's page files share (not public). */
#ifndef DV_DIRECTIVE_PAGES_INT_H
#define DV_DIRECTIVE_PAGES_INT_H

#include "directive/directive.h"
#include "directive/directive_view.h"
#include "http/http.h"

#include <jansson.h>

/* The units of the user's scope (their own unit's subtree for officers), indented. */
int dpg_unit_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n);
/* Options from a NULL-terminated code list with translated labels. */
struct option_view *dpg_choice_options(dv_arena *a, const char *const *codes, const char *(*label)(const char *),
                                       const char *selected, size_t *n);
const char *dpg_dmy(dv_req *r, const char *iso);       /* "" for NULL */
const char *dpg_num(dv_req *r, long v);                /* "1.234" */
const char *dpg_pct(dv_req *r, double v);              /* "87,5%" */
/* A row of a task list with its status as of today. */
void dpg_task_row(dv_req *r, dv_db *db, const struct task *t, const char *today, struct dir_task_row *w);
struct dir_task_row *dpg_task_rows(dv_req *r, dv_db *db, const struct task *ts, size_t n);
const char *dpg_product_label(const char *code);
const char *dpg_priority_label(const char *code);
/* The unit the user's lists start from: their scope (officers: their unit); admins: 0 = all. */
int64_t dpg_home_unit(const struct dv_user *u);
void dpg_send_file(dv_req *r, const char *type, const char *name, const void *data, size_t len);
/* A table as a download: name.xlsx (xlsx 1) or name.csv. */
struct xt_table;
void dpg_send_table(dv_req *r, const struct xt_table *t, const char *name, int xlsx);
/* The JSON APIs: a body {"status":"ERROR","httpStatus":N,"message":...} for refusals (401
 * with WWW-Authenticate); the request's JSON object, or NULL after a 401 (no API token) or
 * 400 (not an object) was answered; a string or integer member (NULL / 0 when absent). */
void dpg_json_answer(dv_req *r, int status, json_t *j);   /* takes j */
void dpg_json_refuse(dv_req *r, int status, const char *message);
json_t *dpg_json_body(dv_req *r);
const char *dpg_json_str(json_t *b, const char *k);
int64_t dpg_json_int(json_t *b, const char *k);
extern const char *const dpg_products[];
extern const char *const dpg_priorities[];

#endif
