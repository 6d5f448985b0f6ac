/* reception_pages.c - Party secretaries' reception days (tiếp công dân): the staff's
 * GET /citizen/receptions?thang=YYYY-MM (the month's calendar and, per Party committee and
 * commune, whether it met the monthly minimum of the settings) and POST /citizen/receptions;
 * the public GET /tiep-cong-dan (the schedule of the month). */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages_int.h"
#include "citizen/dialogue_view.h"
#include "citizen/petition.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { R_UNIT, R_SEC, R_DAY, R_PLACE, R_CIT, R_NOTES, RN };
static const struct input_field reception_fields[RN] = {
    [R_UNIT] = {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, N_("Choose a unit from the list.")},
    [R_SEC] = {"secretary", IN_TEXT, 1, 2, 200, NULL, FK_TEXT, N_("Party secretary"), NULL, NULL},
    [R_DAY] = {"day", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date"), N_("dd/mm/yyyy"), NULL},
    [R_PLACE] = {"place", IN_TEXT, 1, 2, 300, NULL, FK_TEXT, N_("Place"), NULL, NULL},
    [R_CIT] = {"citizens", IN_INT, 0, 0, 10000, NULL, FK_NUMBER, N_("Citizens received"), NULL, NULL},
    [R_NOTES] = {"notes", IN_MULTILINE, 0, 0, 5000, NULL, FK_TEXTAREA, N_("Notes"), NULL, NULL},
};
static const struct input_field month_field = {"thang", IN_TEXT, 0, 7, 7, NULL, FK_TEXT, NULL, NULL, NULL};

/* The month asked for (?thang=YYYY-MM), else this one: [from, to] and its neighbours. */
static void month_of(dv_req *r, char from[11], char to[11], int *y, int *m)
{
    struct input_value v;
    char today[11];
    clock_vn_today(today);
    *y = 0;
    if (input_query1(r, &month_field, &v) == 0 && v.present) sscanf(v.str, "%4d-%2d", y, m);
    if (*y < 2000 || *y > 2100 || *m < 1 || *m > 12) sscanf(today, "%4d-%2d", y, m);
    long last = clock_days_from_civil(*m == 12 ? *y + 1 : *y, *m == 12 ? 1 : *m + 1, 1) - 1;
    int ly, lm, ld;
    clock_civil_from_days(last, &ly, &lm, &ld);
    snprintf(from, 11, "%04d-%02d-01", *y, *m);
    snprintf(to, 11, "%04d-%02d-%02d", *y, *m, ld);
}

static int fill(dv_req *r, struct reception_view *v, int64_t root)
{
    char from[11], to[11];
    int y, m;
    month_of(r, from, to, &y, &m);
    dv_db *db = db_thread();
    if (root == 0 && citizen_province_id(db, &root)) root = 0;
    struct reception *days = NULL;
    struct reception_tally *t = NULL;
    struct citizen_settings cs;
    if (reception_list(db, r->arena, root, from, to, &days, &v->n) ||
        reception_tallies(db, r->arena, root, from, to, &t, &v->ntallies) || citizen_settings_get(db, &cs))
        return -1;
    const char **txt = arena_alloc(r->arena, (v->n + 1) * sizeof *txt);
    for (size_t i = 0; i < v->n; i++) txt[i] = citizen_dmy(r->arena, days[i].day);
    int *req = arena_alloc(r->arena, (v->ntallies + 1) * sizeof *req);
    for (size_t i = 0; i < v->ntallies; i++) req[i] = t[i].commune_level ? cs.reception_min_commune : cs.reception_min_province;
    v->days = days;
    v->day_text = txt;
    v->tallies = t;
    v->required = req;
    v->month_label = arena_printf(r->arena, "%02d/%04d", m, y);
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1, ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    v->prev_href = arena_printf(r->arena, "?thang=%04d-%02d", py, pm);
    v->next_href = arena_printf(r->arena, "?thang=%04d-%02d", ny, nm);
    return 0;
}

static void fields_init(dv_req *r, struct reception_view *v, const struct input_value *fv)
{
    struct field_view *views[RN] = {&v->f_unit, &v->f_secretary, &v->f_day, &v->f_place, &v->f_citizens, &v->f_notes};
    for (int i = 0; i < RN; i++) field_of(r->arena, views[i], &reception_fields[i], fv ? &fv[i] : NULL, FIELD_MARKED);
}

static void render(dv_req *r, struct reception_view *v, int64_t unit, int status)
{
    struct option_view *units = NULL;
    if (fill(r, v, citizen_scope_root(r->user)) || citizen_unit_options(r, unit, &units, &v->nunits)) {
        res_error(r, 500);
        return;
    }
    v->units = units;
    v->can_create = r->user->role != ROLE_VIEWER;
    const struct field_view *order[RN] = {&v->f_unit, &v->f_secretary, &v->f_day, &v->f_place, &v->f_citizens, &v->f_notes};
    citizen_collect(order, RN, v->errors, &v->nerrors, RN);
    struct page pg;
    page_init(&pg, r, _("Reception days"));
    pg.nav = "petitions";
    r->status = status;
    tpl_citizen_receptions(&r->out, &pg, v);
}

/* GET /citizen/receptions */
void citizen_page_receptions(dv_req *r)
{
    if (!citizen_can_use_registry(r->user)) {
        res_error(r, 403);
        return;
    }
    struct reception_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, NULL);
    render(r, &v, r->user->unit_id, 200);
}

/* POST /citizen/receptions */
void citizen_page_reception_create(dv_req *r)
{
    if (!citizen_can_use_registry(r->user) || r->user->role == ROLE_VIEWER) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[RN];
    int bad = input_form(r, reception_fields, RN, fv);
    struct reception_view v;
    memset(&v, 0, sizeof v);
    fields_init(r, &v, fv);
    dv_db *db = db_thread();
    if (!fv[R_UNIT].error && citizen_can_edit_unit_records(db, r->user, fv[R_UNIT].num) != 1) {
        field_fail(r->arena, &v.f_unit, _("Choose a unit from the list."));
        bad++;
    }
    int64_t id = 0;
    struct reception_input in = {fv[R_UNIT].num, fv[R_SEC].str, fv[R_DAY].str, fv[R_PLACE].str, fv[R_NOTES].str,
                                 (int)fv[R_CIT].num};
    int rc = bad ? DV_EINVAL : reception_create(db, r->user, &in, &id);
    if (rc == DV_EINVAL) {
        render(r, &v, fv[R_UNIT].num, 422);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/receptions?thang=%.7s", fv[R_DAY].str));
}

/* GET /tiep-cong-dan */
void citizen_page_public_receptions(dv_req *r)
{
    struct reception_view v;
    memset(&v, 0, sizeof v);
    if (fill(r, &v, 0)) {
        res_error(r, 500);
        return;
    }
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Reception days"), "/tiep-cong-dan");
    pp.description = _("When and where the Party secretaries receive citizens.");
    tpl_citizen_receptions_public(&r->out, &pp, &v);
}
