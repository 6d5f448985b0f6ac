/* task_pages.c - /tasks: a unit's task list and "my tasks", with CSV/XLSX exports, and a
 * task's page with its history and the forms of the work on it (task_work_pages.c). */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/directive_access.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "report/dashboard/export_table.h"
#include "tpl.h"

#include <string.h>

static const struct input_field unit_field = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, NULL};
static const char *const fmts[] = {"csv", "xlsx", NULL};
static const struct input_field fmt_field = {"format", IN_CHOICE, 0, 0, 0, fmts, FK_SELECT, N_("Format"), NULL, NULL};

static void export_rows(dv_req *r, const struct dir_task_row *rows, size_t n, int xlsx, const char *base)
{
    static const char *hdr[] = {N_("Task"), N_("Lead unit"), N_("Assigned by"), N_("Deadline"), N_("Original deadline"),
                                N_("Status"), N_("Progress")};
    const char **h = arena_alloc(r->arena, 7 * sizeof *h);
    for (int i = 0; i < 7; i++) h[i] = _(hdr[i]);
    struct xt_cell *c = arena_alloc(r->arena, (n * 7 + 1) * sizeof *c);
    for (size_t i = 0; i < n; i++) {
        const char *v[7] = {rows[i].title, rows[i].lead, rows[i].assigner, rows[i].deadline,
                            rows[i].original ? rows[i].original : rows[i].deadline, rows[i].status, rows[i].progress};
        for (int k = 0; k < 7; k++) c[i * 7 + k] = (struct xt_cell){v[k], 0, 0, 0, 0};
    }
    struct xt_table t = {.sheet = _("Tasks"), .ncols = 7, .header = h, .cells = c, .nrows = n};
    dv_buf b = DV_BUF_INIT;
    if (xlsx) {
        if (export_xlsx(&t, &b) != 0) {
            buf_free(&b);
            res_error(r, 500);
            return;
        }
        dpg_send_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      arena_printf(r->arena, "%s.xlsx", base), b.data, b.len);
    } else {
        export_csv(&t, &b);
        dpg_send_file(r, "text/csv; charset=utf-8", arena_printf(r->arena, "%s.csv", base), b.data, b.len);
    }
    buf_free(&b);
}

static int fmt_of(dv_req *r)
{
    struct input_value f;
    input_query1(r, &fmt_field, &f);
    if (!f.present || f.error) return 0;
    return !strcmp(f.str, "csv") ? 1 : 2;
}

static struct crumb *child_links(dv_req *r, int64_t unit, size_t *n)
{
    *n = 0;
    const struct unit_tree *tree = unit_tree_get(db_thread());
    if (!tree || !unit) return NULL;
    size_t k = 0;
    const struct unit *const *kids = unit_tree_children(tree, unit, &k);
    struct crumb *c = arena_alloc(r->arena, (k + 1) * sizeof *c);
    for (size_t i = 0; i < k; i++)
        c[i] = (struct crumb){kids[i]->name, arena_printf(r->arena, "/tasks?unit=%lld", (long long)kids[i]->id)};
    *n = k;
    return c;
}

/* GET /tasks?unit=ID[&format=csv|xlsx] */
void directive_page_tasks(dv_req *r)
{
    struct input_value uv;
    if (input_query1(r, &unit_field, &uv)) {
        res_error(r, 404);
        return;
    }
    int64_t unit = uv.present ? uv.num : dpg_home_unit(r->user) ? dpg_home_unit(r->user) : r->user->unit_id;
    dv_db *db = db_thread();
    if (directive_can_read_unit(db, r->user, unit) != 1 || unit <= 0) {
        res_error(r, 403);
        return;
    }
    struct unit u;
    if (unit_store_get(db, r->arena, unit, &u) != DV_OK) {
        res_error(r, 404);
        return;
    }
    struct task_filter f = {.lead_unit_id = unit, .limit = 2000};
    struct task *ts = NULL;
    size_t n = 0;
    if (task_list(db, r->arena, &f, &ts, &n) != DV_OK) {
        res_error(r, 500);
        return;
    }
    struct dir_task_list_view v;
    memset(&v, 0, sizeof v);
    v.rows = dpg_task_rows(r, db, ts, n);
    v.n = n;
    int fmt = fmt_of(r);
    if (fmt) {
        export_rows(r, v.rows, n, fmt == 2, "tasks");
        return;
    }
    v.heading = arena_printf(r->arena, _("Tasks led by %s"), u.name);
    v.intro = _("Status as of today; a task's page shows its history and the work on it.");
    v.csv_href = arena_printf(r->arena, "/tasks?unit=%lld&format=csv", (long long)unit);
    v.xlsx_href = arena_printf(r->arena, "/tasks?unit=%lld&format=xlsx", (long long)unit);
    v.board_href = arena_printf(r->arena, "/tasks/board?unit=%lld", (long long)unit);
    v.units = child_links(r, unit, &v.nunits);
    struct page pg;
    page_init(&pg, r, v.heading);
    pg.nav = "tasks";
    tpl_directive_task_list(&r->out, &pg, &v);
}

/* GET /tasks/mine[?format=csv|xlsx]: the tasks an officer is responsible for, and those of
 * their unit that name nobody. */
void directive_page_my_tasks(dv_req *r)
{
    if (!directive_can_use(r->user)) {
        res_error(r, 403);
        return;
    }
    dv_db *db = db_thread();
    struct task_filter f = {.responsible_user_id = r->user->id > 0 ? r->user->id : -1, .limit = 2000};
    struct task *mine = NULL, *unit = NULL;
    size_t nm = 0, nu = 0;
    int rc = task_list(db, r->arena, &f, &mine, &nm);
    struct task_filter g = {.lead_unit_id = r->user->unit_id, .limit = 2000};
    if (rc == DV_OK) rc = task_list(db, r->arena, &g, &unit, &nu);
    if (rc) {
        res_error(r, 500);
        return;
    }
    struct task *all = arena_alloc(r->arena, (nm + nu + 1) * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < nm; i++) all[n++] = mine[i];
    for (size_t i = 0; i < nu; i++)
        if (!unit[i].responsible_user_id && strcmp(unit[i].state, "confirmed")) all[n++] = unit[i];
    struct dir_task_list_view v;
    memset(&v, 0, sizeof v);
    v.rows = dpg_task_rows(r, db, all, n);
    v.n = n;
    int fmt = fmt_of(r);
    if (fmt) {
        export_rows(r, v.rows, n, fmt == 2, "my-tasks");
        return;
    }
    v.heading = _("My tasks");
    v.intro = _("Tasks you are responsible for, and your unit's open tasks that name nobody.");
    v.csv_href = "/tasks/mine?format=csv";
    v.xlsx_href = "/tasks/mine?format=xlsx";
    v.board_href = "/tasks/board";
    struct page pg;
    page_init(&pg, r, v.heading);
    pg.nav = "tasks";
    tpl_directive_task_list(&r->out, &pg, &v);
}

/* GET /tasks/evidence/:id */
void directive_page_task_evidence(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    int64_t task_id = 0;
    const char *name, *mime;
    const void *data;
    size_t len;
    int rc = task_evidence_file(db, r->arena, id, &task_id, &name, &mime, &data, &len);
    struct task t;
    if (rc == DV_OK) rc = task_get(db, r->arena, task_id, &t);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (directive_can_read_unit(db, r->user, t.lead_unit_id) != 1 &&
        directive_can_read_unit(db, r->user, t.assigner_unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    dpg_send_file(r, mime ? mime : "application/octet-stream", name ? name : "evidence", data, len);
}
