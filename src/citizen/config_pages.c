/* config_pages.c - the operator's set-up of the citizens' area: GET /citizen/settings (the
 * settings, the subjects' answer deadlines and a year of the holiday calendar), POST
 * /citizen/settings, POST /citizen/settings/categories/:id (answer days), POST
 * /citizen/calendar (a holiday or a swapped working day) and POST /citizen/calendar/delete. */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages_int.h"
#include "citizen/config_view.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { S_ANON, S_REOPEN, S_RATE_IP, S_RATE_CONTACT, S_MIN_PROV, S_MIN_COMM, SN };
static const struct input_field settings_fields[SN] = {
    [S_ANON] = {"anonymous_allowed", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Accept petitions without a name and contact"), NULL, NULL},
    [S_REOPEN] = {"reopen_days", IN_INT, 1, 0, 365, NULL, FK_NUMBER, N_("Days after the answer the petitioner may reopen it"), NULL, NULL},
    [S_RATE_IP] = {"rate_ip_hour", IN_INT, 1, 1, 1000000, NULL, FK_NUMBER, N_("Petitions per connection per hour"), NULL, NULL},
    [S_RATE_CONTACT] = {"rate_contact_day", IN_INT, 1, 1, 1000000, NULL, FK_NUMBER, N_("Petitions per e-mail or telephone per day"), NULL, NULL},
    [S_MIN_PROV] = {"reception_min_province", IN_INT, 1, 0, 31, NULL, FK_NUMBER, N_("Reception days a month, provincial level"), NULL, NULL},
    [S_MIN_COMM] = {"reception_min_commune", IN_INT, 1, 0, 31, NULL, FK_NUMBER, N_("Reception days a month, commune level"), NULL, NULL},
};
static const char *const cal_kinds[] = {"holiday", "workday", NULL};
enum { C_DAY, C_KIND, C_NAME, CN };
static const struct input_field cal_fields[CN] = {
    [C_DAY] = {"day", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date"), N_("dd/mm/yyyy"), NULL},
    [C_KIND] = {"kind", IN_CHOICE, 1, 0, 0, cal_kinds, FK_SELECT, N_("Kind"), NULL, NULL},
    [C_NAME] = {"name", IN_TEXT, 1, 2, 200, NULL, FK_TEXT, N_("Name"), N_("e.g. Tết Nguyên đán; Làm bù cho ngày 02/5."), NULL},
};
static const struct input_field year_field = {"nam", IN_INT, 0, 2000, 2100, NULL, FK_NUMBER, NULL, NULL, NULL};
static const struct input_field days_field = {"answer_days", IN_INT, 1, 1, 90, NULL, FK_NUMBER, N_("Working days to answer"), NULL, NULL};

static void settings_init(dv_req *r, struct config_view *v, const struct input_value *fv)
{
    struct field_view *views[SN] = {&v->f_anon, &v->f_reopen, &v->f_rate_ip, &v->f_rate_contact, &v->f_min_prov, &v->f_min_comm};
    const int vals[SN] = {v->s.anonymous_allowed, v->s.reopen_days, v->s.rate_ip_hour, v->s.rate_contact_day,
                          v->s.reception_min_province, v->s.reception_min_commune};
    for (int i = 0; i < SN; i++) {
        field_of(r->arena, views[i], &settings_fields[i], fv ? &fv[i] : NULL, FIELD_MARKED);
        if (!fv) views[i]->value = arena_printf(r->arena, "%d", vals[i]);
    }
    struct field_view *cv[CN] = {&v->f_day, &v->f_kind, &v->f_name};
    for (int i = 0; i < CN; i++) field_of(r->arena, cv[i], &cal_fields[i], NULL, FIELD_MARKED);
}

static void render(dv_req *r, struct config_view *v, int status)
{
    dv_db *db = db_thread();
    struct input_value yv;
    int year = input_query1(r, &year_field, &yv) == 0 && yv.present ? (int)yv.num : clock_vn_year();
    struct petition_category *cats = NULL;
    struct cal_day *days = NULL;
    if (petition_categories(db, r->arena, &cats, &v->ncats) || citizen_calendar_list(db, r->arena, year, &days, &v->ndays)) {
        res_error(r, 500);
        return;
    }
    const char **txt = arena_alloc(r->arena, (v->ndays + 1) * sizeof *txt);
    for (size_t i = 0; i < v->ndays; i++) txt[i] = citizen_dmy(r->arena, days[i].day);
    v->cats = cats;
    v->days = days;
    v->day_text = txt;
    v->year = year;
    struct option_view *k = arena_alloc(r->arena, 2 * sizeof *k);
    k[0] = (struct option_view){"holiday", _("Holiday (a weekday off)"), 1};
    k[1] = (struct option_view){"workday", _("Working day (a weekend worked)"), 0};
    v->kinds = k;
    const struct field_view *order[] = {&v->f_reopen, &v->f_rate_ip, &v->f_rate_contact, &v->f_min_prov, &v->f_min_comm,
                                        &v->f_day, &v->f_kind, &v->f_name};
    citizen_collect(order, 8, v->errors, &v->nerrors, 8);
    struct page pg;
    page_init(&pg, r, _("Settings and calendar"));
    pg.nav = "petitions";
    r->status = status;
    tpl_citizen_config(&r->out, &pg, v);
}

static int allowed(dv_req *r)
{
    int ok = citizen_can_configure(db_thread(), r->user);
    if (ok == 1) return 1;
    res_error(r, ok < 0 ? 500 : 403);
    return 0;
}

/* GET /citizen/settings */
void citizen_page_config(dv_req *r)
{
    if (!allowed(r)) return;
    struct config_view v;
    memset(&v, 0, sizeof v);
    if (citizen_settings_get(db_thread(), &v.s)) {
        res_error(r, 500);
        return;
    }
    settings_init(r, &v, NULL);
    render(r, &v, 200);
}

/* POST /citizen/settings */
void citizen_page_config_save(dv_req *r)
{
    if (!allowed(r)) return;
    struct input_value fv[SN];
    int bad = input_form(r, settings_fields, SN, fv);
    struct config_view v;
    memset(&v, 0, sizeof v);
    settings_init(r, &v, fv);
    if (bad) {
        render(r, &v, 422);
        return;
    }
    struct citizen_settings s = {(int)fv[S_ANON].num, (int)fv[S_REOPEN].num, (int)fv[S_RATE_IP].num,
                                 (int)fv[S_RATE_CONTACT].num, (int)fv[S_MIN_PROV].num, (int)fv[S_MIN_COMM].num};
    if (citizen_settings_save(db_thread(), r->user, &s)) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, "/citizen/settings");
}

/* POST /citizen/settings/categories/:id */
void citizen_page_category_days(dv_req *r)
{
    if (!allowed(r)) return;
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct input_value dv;
    struct config_view v;
    memset(&v, 0, sizeof v);
    citizen_settings_get(db_thread(), &v.s);
    settings_init(r, &v, NULL);
    int rc = input_form1(r, &days_field, &dv) ? DV_EINVAL : petition_category_set_days(db_thread(), r->user, id, (int)dv.num);
    if (rc == DV_EINVAL) {
        v.error = _("The answer deadline is 1 to 90 working days.");
        render(r, &v, 422);
        return;
    }
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, "/citizen/settings");
}

/* POST /citizen/calendar */
void citizen_page_calendar_add(dv_req *r)
{
    if (!allowed(r)) return;
    struct input_value fv[CN];
    int bad = input_form(r, cal_fields, CN, fv);
    struct config_view v;
    memset(&v, 0, sizeof v);
    citizen_settings_get(db_thread(), &v.s);
    settings_init(r, &v, NULL);
    struct field_view *cv[CN] = {&v.f_day, &v.f_kind, &v.f_name};
    for (int i = 0; i < CN; i++) field_of(r->arena, cv[i], &cal_fields[i], &fv[i], FIELD_MARKED);
    if (bad || citizen_calendar_put(db_thread(), r->user, fv[C_DAY].str, fv[C_KIND].str, fv[C_NAME].str)) {
        render(r, &v, 422);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/settings?nam=%.4s#calendar", fv[C_DAY].str));
}

/* POST /citizen/calendar/delete */
void citizen_page_calendar_delete(dv_req *r)
{
    if (!allowed(r)) return;
    struct input_value dv;
    if (input_form1(r, &cal_fields[C_DAY], &dv)) {
        res_error(r, 400);
        return;
    }
    int rc = citizen_calendar_delete(db_thread(), r->user, dv.str);
    if (rc && rc != DV_ENOTFOUND) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/citizen/settings?nam=%.4s#calendar", dv.str));
}
