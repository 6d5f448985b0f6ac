/* cadre_pages.c - the pages of cadre assignments: a unit's cadre and its history with the
 * form for a new assignment (/units/:id/cadres), correcting or ending one
 * (/cadres/:id/edit), and the units of a subtree with and without a cadre on a date
 * (/cadres, also as CSV). */
#include "directive/cadre_pages.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/clock.h"
#include "core/log.h"
#include "directive/cadre.h"
#include "directive/cadre_access.h"
#include "directive/cadre_view.h"
#include "http/input.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "text/text.h"
#include "tpl.h"

#include <string.h>

enum { F_NAME, F_POS, F_PHONE, F_DECNO, F_DECDATE, F_FROM, F_UNTIL, F_NOTE, F_N };
static const struct input_field cadre_fields[F_N] = {
    [F_NAME] = {"full_name", IN_TEXT, 1, 1, CADRE_TEXT_MAX, NULL, FK_TEXT, N_("Full name of the cadre"), NULL, NULL},
    [F_POS] = {"position", IN_TEXT, 0, 0, CADRE_TEXT_MAX, NULL, FK_TEXT, N_("Position"),
               N_("E.g. Phó Bí thư Thường trực Đảng ủy."), NULL},
    [F_PHONE] = {"phone", IN_TEXT, 0, 0, 40, NULL, FK_TEXT, N_("Phone"), NULL, NULL},
    [F_DECNO] = {"decision_number", IN_TEXT, 0, 0, 80, NULL, FK_TEXT, N_("Assignment decision number"),
                 N_("As the issuer numbers it, e.g. 125-QĐ/ĐU."), NULL},
    [F_DECDATE] = {"decision_date", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Decision date"), N_("dd/mm/yyyy"), NULL},
    [F_FROM] = {"valid_from", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Assigned from"), N_("dd/mm/yyyy"), NULL},
    [F_UNTIL] = {"valid_until", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Assigned until"),
                 N_("The last day; empty while the cadre is still assigned."), NULL},
    [F_NOTE] = {"note", IN_MULTILINE, 0, 0, CADRE_NOTE_MAX, NULL, FK_TEXTAREA, N_("Note"), NULL, NULL},
};

static void form_fields(dv_req *r, struct cadre_form *f, const struct input_value *fv)
{
    struct field_view *views[F_N] = {&f->full_name, &f->position, &f->phone, &f->decision_number,
                                     &f->decision_date, &f->valid_from, &f->valid_until, &f->note};
    for (int i = 0; i < F_N; i++) field_of(r->arena, views[i], &cadre_fields[i], fv ? &fv[i] : NULL, 0);
}

static void form_errors(struct cadre_form *f)
{
    struct field_view *views[F_N] = {&f->full_name, &f->position, &f->phone, &f->decision_number,
                                     &f->decision_date, &f->valid_from, &f->valid_until, &f->note};
    f->nerrors = 0;
    for (int i = 0; i < F_N; i++) field_collect(views[i], f->errors, &f->nerrors, F_N);
}

/* The form filled from a stored assignment. */
static void form_from(dv_req *r, struct cadre_form *f, const struct cadre *c)
{
    form_fields(r, f, NULL);
    f->full_name.value = c->full_name;
    f->position.value = c->position;
    f->phone.value = c->phone;
    f->decision_number.value = c->decision_number;
    f->decision_date.value = c->decision_date ? text_date_dmy(r->arena, c->decision_date) : NULL;
    f->valid_from.value = text_date_dmy(r->arena, c->valid_from);
    f->valid_until.value = c->valid_until ? text_date_dmy(r->arena, c->valid_until) : NULL;
    f->note.value = c->note;
}

static struct cadre_input input_of(const struct input_value *fv)
{
    return (struct cadre_input){fv[F_NAME].str, fv[F_POS].str, fv[F_PHONE].str, fv[F_DECNO].str,
                                fv[F_DECDATE].present ? fv[F_DECDATE].str : NULL, fv[F_FROM].str,
                                fv[F_UNTIL].present ? fv[F_UNTIL].str : NULL, fv[F_NOTE].str};
}

/* Validates the posted form into fv and f; the number of errors. */
static int form_read(dv_req *r, struct cadre_form *f, struct input_value *fv)
{
    int bad = input_form(r, cadre_fields, F_N, fv);
    form_fields(r, f, fv);
    if (!bad && fv[F_UNTIL].present && strcmp(fv[F_UNTIL].str, fv[F_FROM].str) < 0) {
        field_fail(r->arena, &f->valid_until, _("The last day cannot come before the first."));
        bad++;
    }
    return bad;
}

/* A store refusal shown on the form; 1 when it was one, else the error page was rendered
 * for rc != 0 (returns -1) or nothing happened (0). */
static int store_refusal(dv_req *r, struct cadre_form *f, int rc)
{
    if (rc == DV_ECONFLICT) {
        field_fail(r->arena, &f->valid_from, _("Another cadre of this unit is assigned on some of these days: end or correct that assignment first."));
        return 1;
    }
    if (rc == DV_EINVAL) {
        f->general_error = _("The assignment could not be saved: check the fields.");
        return 1;
    }
    if (rc) {
        log_error("saving a cadre assignment failed: %s", dv_strerror(rc));
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return 0;
}

/* ---- a unit's cadres ---- */

/* The unit of the route, if the user may see it; else the error page and -1. */
static int load_unit(dv_req *r, dv_db *db, struct unit *u)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = unit_store_get(db, r->arena, id, u);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    rc = cadre_can_view(db, r->user, id);
    if (rc != 1) {
        res_error(r, rc < 0 ? 500 : 404);
        return -1;
    }
    return 0;
}

static void render_unit(dv_req *r, dv_db *db, const struct unit *u, struct cadre_unit_view *v, int status)
{
    dv_arena *a = r->arena;
    struct cadre *cs;
    size_t n;
    if (cadre_list_unit(db, a, u->id, &cs, &n)) {
        res_error(r, 500);
        return;
    }
    char today[11];
    clock_vn_today(today);
    v->unit_name = u->name;
    v->unit_href = arena_printf(a, "/units/%lld", (long long)u->id);
    v->coverage_href = arena_printf(a, "/cadres?unit=%lld", (long long)u->id);
    v->sessions_href = arena_printf(a, "/units/%lld/sessions", (long long)u->id);
    v->today = text_date_dmy(a, today);
    v->rows = arena_alloc(a, (n + 1) * sizeof *v->rows);
    v->n = n;
    for (size_t i = 0; i < n; i++) {
        const struct cadre *c = &cs[i];
        struct cadre_row_view *w = &v->rows[i];
        w->c = c;
        w->from = text_date_dmy(a, c->valid_from);
        w->until = c->valid_until ? text_date_dmy(a, c->valid_until) : NULL;
        w->decision_date = c->decision_date ? text_date_dmy(a, c->decision_date) : NULL;
        w->current = strcmp(c->valid_from, today) <= 0 && (!c->valid_until || strcmp(c->valid_until, today) >= 0);
        if (w->current) v->current = c;
        if (v->can_edit) w->edit_href = arena_printf(a, "/cadres/%lld/edit", (long long)c->id);
    }
    v->form.action = arena_printf(a, "/units/%lld/cadres#new", (long long)u->id);
    v->form.submit_label = _("Record the assignment");
    form_errors(&v->form);
    struct page pg;
    page_init(&pg, r, arena_printf(a, _("Mass-mobilization cadre: %s"), u->name));
    pg.nav = "cadres";
    if (v->form.nerrors || v->form.general_error) pg.title = arena_printf(a, "%s (%s)", pg.title, _("errors"));
    struct crumb *cr = arena_alloc(a, 3 * sizeof *cr);
    cr[0] = (struct crumb){u->name, v->unit_href};
    cr[1] = (struct crumb){_("Cadre"), NULL};
    pg.crumbs = cr;
    r->status = status;
    tpl_directive_cadre_unit(&r->out, &pg, v);
}

/* GET /units/:id/cadres */
void cadre_page_unit(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_unit(r, db, &u)) return;
    struct cadre_unit_view v;
    memset(&v, 0, sizeof v);
    v.can_edit = cadre_can_edit(db, r->user, u.id) == 1;
    form_fields(r, &v.form, NULL);
    render_unit(r, db, &u, &v, 200);
}

/* POST /units/:id/cadres */
void cadre_page_add(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (load_unit(r, db, &u)) return;
    if (cadre_can_edit(db, r->user, u.id) != 1) {
        res_error(r, 403);
        return;
    }
    struct cadre_unit_view v;
    memset(&v, 0, sizeof v);
    v.can_edit = 1;
    struct input_value fv[F_N];
    if (form_read(r, &v.form, fv) == 0) {
        struct cadre_input in = input_of(fv);
        int64_t ended = 0;
        int rc = cadre_add(db, r->user, r->remote_addr, u.id, &in, NULL, &ended);
        if (rc == 0) {
            page_flash_set(r, ended ? N_("The assignment was recorded; the previous cadre's ends the day before.")
                                    : N_("The assignment was recorded."));
            res_redirect(r, arena_printf(r->arena, "/units/%lld/cadres", (long long)u.id));
            return;
        }
        if (store_refusal(r, &v.form, rc) < 0) return;
    }
    render_unit(r, db, &u, &v, 422);
}

/* ---- correcting or ending one ---- */

/* The assignment of the route and whether the user may change it; else the error page, -1. */
static int load_cadre(dv_req *r, dv_db *db, struct cadre *c)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = cadre_get(db, r->arena, id, c);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    rc = cadre_can_view(db, r->user, c->unit_id);
    if (rc == 1) rc = cadre_can_edit(db, r->user, c->unit_id) == 1 ? 1 : 2;
    if (rc != 1) {
        res_error(r, rc == 2 ? 403 : rc < 0 ? 500 : 404);
        return -1;
    }
    return 0;
}

static void render_edit(dv_req *r, const struct cadre *c, struct cadre_edit_view *v, int status)
{
    dv_arena *a = r->arena;
    v->unit_name = c->unit_name;
    v->back_href = arena_printf(a, "/units/%lld/cadres", (long long)c->unit_id);
    v->form.action = arena_printf(a, "/cadres/%lld", (long long)c->id);
    v->form.submit_label = _("Save");
    form_errors(&v->form);
    struct page pg;
    page_init(&pg, r, arena_printf(a, _("Assignment of %s"), c->full_name));
    pg.nav = "cadres";
    if (v->form.nerrors || v->form.general_error) pg.title = arena_printf(a, "%s (%s)", pg.title, _("errors"));
    struct crumb *cr = arena_alloc(a, 3 * sizeof *cr);
    cr[0] = (struct crumb){c->unit_name, v->back_href};
    cr[1] = (struct crumb){_("Edit the assignment"), NULL};
    pg.crumbs = cr;
    r->status = status;
    tpl_directive_cadre_edit(&r->out, &pg, v);
}

/* GET /cadres/:id/edit */
void cadre_page_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct cadre c;
    if (load_cadre(r, db, &c)) return;
    struct cadre_edit_view v;
    memset(&v, 0, sizeof v);
    form_from(r, &v.form, &c);
    render_edit(r, &c, &v, 200);
}

/* POST /cadres/:id */
void cadre_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct cadre c;
    if (load_cadre(r, db, &c)) return;
    struct cadre_edit_view v;
    memset(&v, 0, sizeof v);
    struct input_value fv[F_N];
    if (form_read(r, &v.form, fv) == 0) {
        struct cadre_input in = input_of(fv);
        int rc = cadre_update(db, r->user, r->remote_addr, c.id, &in);
        if (rc == 0) {
            page_flash_set(r, N_("The assignment was saved."));
            res_redirect(r, arena_printf(r->arena, "/units/%lld/cadres", (long long)c.unit_id));
            return;
        }
        if (store_refusal(r, &v.form, rc) < 0) return;
    }
    render_edit(r, &c, &v, 422);
}
