/* cadre_coverage_pages.c - GET /cadres (and /cadres.csv): the units of a subtree with and
 * without an assigned mass-mobilization cadre on a date, so a unit without one is visible
 * as such. The subtree is the user's scope unit's or one under it (?unit=), the date today
 * or ?date=dd/mm/yyyy. */
#include "directive/cadre_pages.h"

#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/cadre.h"
#include "directive/cadre_access.h"
#include "directive/cadre_view.h"
#include "directive/directive_pages_int.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "report/dashboard/export_table.h"
#include "text/text.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { Q_DATE, Q_UNIT, Q_N };
static const struct input_field cov_fields[Q_N] = {
    [Q_DATE] = {"date", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("As of"), N_("dd/mm/yyyy"), NULL},
    [Q_UNIT] = {"unit", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Units under"), NULL, NULL},
};

struct cov_query {
    char date[11];
    int64_t root;
    struct unit root_unit;
};

/* Reads the query; on an invalid one the fields carry the message and the defaults stand.
 * -1 when an error page was rendered. */
static int read_query(dv_req *r, dv_db *db, struct cadre_coverage_view *v, struct cov_query *q)
{
    struct input_value fv[Q_N];
    input_query(r, cov_fields, Q_N, fv);
    field_of(r->arena, &v->date, &cov_fields[Q_DATE], &fv[Q_DATE], 0);
    field_of(r->arena, &v->unit, &cov_fields[Q_UNIT], &fv[Q_UNIT], 0);
    clock_vn_today(q->date);
    if (fv[Q_DATE].present && !fv[Q_DATE].error) snprintf(q->date, sizeof q->date, "%s", fv[Q_DATE].str);
    q->root = r->user->scope_unit_id ? r->user->scope_unit_id : r->user->unit_id;
    if (fv[Q_UNIT].present && !fv[Q_UNIT].error) {
        int ok = cadre_can_view(db, r->user, fv[Q_UNIT].num);
        if (ok < 0) {
            res_error(r, 500);
            return -1;
        }
        if (ok) q->root = fv[Q_UNIT].num;
        else field_fail(r->arena, &v->unit, _("Choose a unit from the list."));
    }
    if (unit_store_get(db, r->arena, q->root, &q->root_unit)) {
        res_error(r, 404);
        return -1;
    }
    v->nerrors = 0;
    field_collect(&v->date, v->errors, &v->nerrors, 2);
    field_collect(&v->unit, v->errors, &v->nerrors, 2);
    return 0;
}

/* The units the user may choose as the subtree: their scope's subtree, bodies and
 * territorial units that have units under them. */
static void unit_choices(dv_req *r, dv_db *db, int64_t selected, struct cadre_coverage_view *v)
{
    struct unit *us;
    size_t n;
    int64_t scope = r->user->scope_unit_id ? r->user->scope_unit_id : r->user->unit_id;
    if (unit_store_subtree(db, r->arena, scope, &us, &n)) n = 0;
    v->units = arena_alloc(r->arena, (n + 1) * sizeof *v->units);
    for (size_t i = 0; i < n; i++) {
        if (i && us[i].child_count == 0 && us[i].id != selected) continue;
        dv_buf b = DV_BUF_INIT;
        for (int d = 0; d < us[i].depth && d < 8; d++) buf_puts(&b, "\xC2\xA0\xC2\xA0\xC2\xA0");
        buf_puts(&b, us[i].name);
        v->units[v->nunits++] = (struct option_view){arena_printf(r->arena, "%lld", (long long)us[i].id),
                                                     arena_strdup(r->arena, buf_cstr(&b)), us[i].id == selected};
        buf_free(&b);
    }
}

static void fill_rows(dv_req *r, const struct cadre_coverage_row *rows, size_t n, struct cadre_coverage_view *v)
{
    dv_arena *a = r->arena;
    v->without = arena_alloc(a, (n + 1) * sizeof *v->without);
    v->with = arena_alloc(a, (n + 1) * sizeof *v->with);
    for (size_t i = 0; i < n; i++) {
        const struct cadre_coverage_row *x = &rows[i];
        struct cadre_cov_row w = {x->unit_name, arena_printf(a, "/units/%lld/cadres", (long long)x->unit_id),
                                  unit_type_label(x->unit_type), NULL, NULL, NULL, NULL};
        if (x->cadre.id) {
            w.cadre_name = x->cadre.full_name;
            w.position = x->cadre.position;
            w.since = text_date_dmy(a, x->cadre.valid_from);
            w.decision = x->cadre.decision_number;
            v->with[v->nwith++] = w;
        } else {
            v->without[v->nwithout++] = w;
        }
    }
}

static int load(dv_req *r, dv_db *db, struct cadre_coverage_view *v, struct cov_query *q,
                struct cadre_coverage_row **rows, size_t *n)
{
    if (!cadre_can_list(r->user)) {
        res_error(r, 403);
        return -1;
    }
    if (read_query(r, db, v, q)) return -1;
    if (cadre_coverage(db, r->arena, q->root, q->date, rows, n)) {
        res_error(r, 500);
        return -1;
    }
    return 0;
}

/* GET /cadres */
void cadre_page_coverage(dv_req *r)
{
    dv_db *db = db_thread();
    struct cadre_coverage_view v;
    memset(&v, 0, sizeof v);
    struct cov_query q;
    struct cadre_coverage_row *rows;
    size_t n;
    if (load(r, db, &v, &q, &rows, &n)) return;
    dv_arena *a = r->arena;
    v.date_text = text_date_dmy(a, q.date);
    v.root_name = q.root_unit.name;
    if (!v.date.value) v.date.value = v.date_text;
    unit_choices(r, db, q.root, &v);
    fill_rows(r, rows, n, &v);
    v.summary = arena_printf(a, _("%zu of %zu units have an assigned cadre on %s."), v.nwith, n, v.date_text);
    v.csv_href = arena_printf(a, "/cadres.csv?unit=%lld&date=%s", (long long)q.root, v.date_text);
    v.xlsx_href = arena_printf(a, "/cadres.xlsx?unit=%lld&date=%s", (long long)q.root, v.date_text);
    struct page pg;
    page_init(&pg, r, arena_printf(a, _("Units without a cadre as of %s"), v.date_text));
    pg.nav = "cadres";
    r->status = v.nerrors ? 422 : 200;
    tpl_directive_cadre_coverage(&r->out, &pg, &v);
}

/* GET /cadres.csv and /cadres.xlsx: every unit of the subtree, its cadre on the date or none. */
static void coverage_export(dv_req *r, int xlsx)
{
    dv_db *db = db_thread();
    struct cadre_coverage_view v;
    memset(&v, 0, sizeof v);
    struct cov_query q;
    struct cadre_coverage_row *rows;
    size_t n;
    if (load(r, db, &v, &q, &rows, &n)) return;
    dv_arena *a = r->arena;
    const char *header[] = {_("Unit"), _("Type"), _("Cadre"), _("Position"), _("Assigned from"),
                            _("Assignment decision number")};
    struct xt_cell *cells = arena_alloc(a, (n * 6 + 1) * sizeof *cells);
    memset(cells, 0, (n * 6 + 1) * sizeof *cells);
    for (size_t i = 0; i < n; i++) {
        struct xt_cell *c = &cells[i * 6];
        c[0].text = rows[i].unit_name;
        c[1].text = unit_type_label(rows[i].unit_type);
        c[2].text = rows[i].cadre.id ? rows[i].cadre.full_name : _("No cadre assigned");
        c[3].text = rows[i].cadre.position;
        c[4].text = rows[i].cadre.id ? text_date_dmy(a, rows[i].cadre.valid_from) : NULL;
        c[5].text = rows[i].cadre.decision_number;
    }
    struct xt_table t = {.sheet = _("Cadres"), .ncols = 6, .header = header, .cells = cells, .nrows = n, .freeze_cols = 1};
    dpg_send_table(r, &t, arena_printf(a, "cadres-%s", q.date), xlsx);
}

void cadre_page_coverage_csv(dv_req *r) { coverage_export(r, 0); }
void cadre_page_coverage_xlsx(dv_req *r) { coverage_export(r, 1); }
