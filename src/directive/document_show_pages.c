/* document_show_pages.c - a document's page: its chain both ways, its tasks, the days each
 * unit took to issue its concretizing document; adding a relation; assigning tasks to units
 * one by one, by type or by subtree (the selector of the reporting regimes' assignments). */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "directive/directive_access.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "tpl.h"

#include <string.h>

static const char *const rel_kinds[] = {"concretizes", "replaces", "amends", NULL};
static const char *const sel_kinds[] = {"unit", "subtree", "type", NULL};

enum { R_KIND, R_TO, R_N };
static const struct input_field r_fields[R_N] = {
    [R_KIND] = {"kind", IN_CHOICE, 1, 0, 0, rel_kinds, FK_SELECT, N_("This document"), NULL, NULL},
    [R_TO] = {"to_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Document"), NULL, NULL},
};

enum { A_TITLE, A_ASSIGNER, A_KIND, A_UNIT, A_TYPE, A_PRODUCT, A_PRIO, A_DEADLINE, A_DESC, A_N };
static const struct input_field a_fields[A_N] = {
    [A_TITLE] = {"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Task"), NULL, NULL},
    [A_ASSIGNER] = {"assigner_unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Assigned by"), NULL, NULL},
    [A_KIND] = {"select_kind", IN_CHOICE, 1, 0, 0, sel_kinds, FK_SELECT, N_("To"), NULL, NULL},
    [A_UNIT] = {"unit_id", IN_ID, 1, 0, 0, NULL, FK_SELECT, N_("Unit"), N_("The unit; or the root of the subtree or of the units of a type."), NULL},
    [A_TYPE] = {"unit_type", IN_CHOICE, 0, 0, 0, unit_type_codes, FK_SELECT, N_("Unit type"), NULL, NULL},
    [A_PRODUCT] = {"product_kind", IN_CHOICE, 1, 0, 0, dpg_products, FK_SELECT, N_("Expected product"), NULL, NULL},
    [A_PRIO] = {"priority", IN_CHOICE, 1, 0, 0, dpg_priorities, FK_SELECT, N_("Priority"), NULL, NULL},
    [A_DEADLINE] = {"deadline", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Deadline"), N_("dd/mm/yyyy"), NULL},
    [A_DESC] = {"description", IN_MULTILINE, 0, 0, 4000, NULL, FK_TEXTAREA, N_("Description"), NULL, NULL},
};

static const char *sel_label(const char *c)
{
    if (!strcmp(c, "unit")) return _("One unit");
    if (!strcmp(c, "subtree")) return _("Every unit of a subtree");
    return _("Every unit of a type under a unit");
}

static const char *rel_label(const char *c) { return document_relation_label(c, 1); }

static struct dir_link_row *link_rows(dv_req *r, const struct document_link *l, size_t n, int forward)
{
    struct dir_link_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct dir_link_row){document_relation_label(l[i].kind, forward),
                                    arena_printf(r->arena, "/documents/%lld", (long long)l[i].doc.id), l[i].doc.code,
                                    l[i].doc.title, dpg_dmy(r, l[i].doc.issued_on)};
    return rows;
}

static void lag_view(dv_req *r, dv_db *db, const struct document *d, struct dir_doc_show_view *v)
{
    struct concretize_row *rows = NULL;
    size_t n = 0;
    if (document_concretize_lag(db, r->arena, d->id, &rows, &n) != DV_OK) return;
    struct dir_lag_row *l = arena_alloc(r->arena, (n + 1) * sizeof *l);
    long never = 0, late = 0;
    for (size_t i = 0; i < n; i++) {
        int nv = rows[i].doc_id == 0;
        int lt = !nv && rows[i].deadline && strcmp(rows[i].issued_on, rows[i].deadline) > 0;
        never += nv;
        late += lt;
        l[i] = (struct dir_lag_row){rows[i].unit_name, arena_printf(r->arena, "/documents/%lld", (long long)rows[i].doc_id),
                                rows[i].doc_code, dpg_dmy(r, rows[i].issued_on),
                                nv ? "" : dpg_num(r, rows[i].days), dpg_dmy(r, rows[i].deadline), nv, lt};
    }
    v->lag = l;
    v->nlag = n;
    v->lag_summary = arena_printf(r->arena, _("%s units asked: %s issued theirs (%s late), %s never did."),
                                  dpg_num(r, (long)n), dpg_num(r, (long)(n - (size_t)never)), dpg_num(r, late),
                                  dpg_num(r, never));
}

static void forms_view(dv_req *r, dv_db *db, const struct document *d, const struct input_value *afv,
                       struct dir_doc_show_view *v)
{
    v->relate_action = arena_printf(r->arena, "/documents/%lld/relations", (long long)d->id);
    v->assign_action = arena_printf(r->arena, "/documents/%lld/tasks#assign", (long long)d->id);
    field_of(r->arena, &v->f_rel_kind, &r_fields[R_KIND], NULL, 0);
    field_of(r->arena, &v->f_rel_to, &r_fields[R_TO], NULL, 0);
    struct option_view *rk = dpg_choice_options(r->arena, rel_kinds, rel_label, "concretizes", &v->nrel_kinds);
    v->rel_kinds = rk;
    struct document_filter f = {.limit = 300};
    struct document *ds = NULL;
    size_t n = 0;
    if (document_search(db, r->arena, &f, &ds, &n, NULL) == DV_OK) {
        struct option_view *o = arena_alloc(r->arena, (n + 1) * sizeof *o);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (ds[i].id != d->id)
                o[k++] = (struct option_view){arena_printf(r->arena, "%lld", (long long)ds[i].id),
                                              arena_printf(r->arena, "%s: %s", ds[i].code, ds[i].title), 0};
        v->docs = o;
        v->ndocs = k;
    }
    for (int i = 0; i < A_N; i++) field_of(r->arena, &v->a_f[i], &a_fields[i], afv ? &afv[i] : NULL, FIELD_MARKED);
    v->a_nf = A_N;
    struct option_view *units = NULL;
    dpg_unit_options(r, afv ? afv[A_UNIT].num : 0, &units, &v->nunits);
    v->units = units;
    v->sel_kinds = dpg_choice_options(r->arena, sel_kinds, sel_label, afv ? afv[A_KIND].str : "unit", &v->nsel_kinds);
    v->unit_types = dpg_choice_options(r->arena, unit_type_codes, unit_type_label, afv ? afv[A_TYPE].str : NULL,
                                       &v->nunit_types);
    v->products = dpg_choice_options(r->arena, dpg_products, dpg_product_label, afv ? afv[A_PRODUCT].str : "document",
                                     &v->nproducts);
    v->prios = dpg_choice_options(r->arena, dpg_priorities, dpg_priority_label, afv ? afv[A_PRIO].str : "normal",
                                  &v->nprios);
    for (int i = 0; i < A_N; i++) field_collect(&v->a_f[i], v->errors, &v->nerrors, 9);
}

/* Loads document id into d when the user may read it (0); else answers 404, 403 or 500 (-1). */
static int load_readable(dv_req *r, dv_db *db, int64_t id, struct document *d)
{
    int rc = document_get(db, r->arena, id, d);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    if (directive_can_read_unit(db, r->user, d->issuer_unit_id) != 1) {
        res_error(r, 403);
        return -1;
    }
    return 0;
}

static void show(dv_req *r, int64_t id, const struct input_value *afv, int status)
{
    dv_db *db = db_thread();
    struct document d;
    if (load_readable(r, db, id, &d)) return;
    struct dir_doc_show_view v;
    memset(&v, 0, sizeof v);
    v.d = &d;
    v.type = document_type_label(d.doc_type);
    v.issued = dpg_dmy(r, d.issued_on);
    v.effective = dpg_dmy(r, d.effective_on);
    v.expired = dpg_dmy(r, d.expired_on);
    v.file_href = d.has_file ? arena_printf(r->arena, "/documents/%lld/file", (long long)id) : NULL;
    struct document_link *up = NULL, *down = NULL;
    document_relations(db, r->arena, id, 1, &up, &v.nup);
    document_relations(db, r->arena, id, 0, &down, &v.ndown);
    v.up = link_rows(r, up, v.nup, 1);
    v.down = link_rows(r, down, v.ndown, 0);
    struct task_filter tf = {.document_id = id, .lead_root_id = dpg_home_unit(r->user), .limit = 300};
    struct task *ts = NULL;
    task_list(db, r->arena, &tf, &ts, &v.ntasks);
    v.tasks = dpg_task_rows(r, db, ts, v.ntasks);
    lag_view(r, db, &d, &v);
    v.board_href = arena_printf(r->arena, "/tasks/board?document=%lld", (long long)id);
    v.can_edit = directive_can_edit_document(db, r->user, d.issuer_unit_id) == 1;
    v.can_assign = directive_can_assign(db, r->user, dpg_home_unit(r->user) ? dpg_home_unit(r->user) : r->user->unit_id) == 1;
    forms_view(r, db, &d, afv, &v);
    struct page pg;
    page_init(&pg, r, arena_printf(r->arena, "%s: %s", d.code, d.title));
    pg.nav = "documents";
    r->status = status;
    tpl_directive_doc_show(&r->out, &pg, &v);
}

/* GET /documents/:id */
void directive_page_document_show(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (id) show(r, id, NULL, 200);
}

/* POST /documents/:id/relations */
void directive_page_document_relate(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    struct document d;
    int rc = document_get(db, r->arena, id, &d);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (directive_can_edit_document(db, r->user, d.issuer_unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[R_N];
    if (input_form(r, r_fields, R_N, fv)) {
        show(r, id, NULL, 422);
        return;
    }
    rc = document_relation_add(db, r->user, id, fv[R_TO].num, fv[R_KIND].str);
    if (rc && rc != DV_ECONFLICT && rc != DV_EINVAL) {
        res_error(r, 500);
        return;
    }
    if (rc == DV_OK) page_flash_set(r, "The relation has been added.");
    res_redirect(r, arena_printf(r->arena, "/documents/%lld#chain", (long long)id));
}

/* The units the selector names, each a unit the assigner may give tasks to. */
static int64_t *select_units(dv_req *r, dv_db *db, int64_t assigner, const struct input_value *fv, size_t *n)
{
    *n = 0;
    const char *kind = fv[A_KIND].str;
    int64_t root = fv[A_UNIT].num;
    struct unit *units = NULL;
    size_t nu = 0;
    if (!strcmp(kind, "unit")) {
        int64_t *one = arena_alloc(r->arena, sizeof *one);
        if (directive_can_assign_to(db, assigner, root) == 1) {
            one[0] = root;
            *n = 1;
        }
        return one;
    }
    if (unit_store_subtree(db, r->arena, root, &units, &nu) != DV_OK) return NULL;
    int64_t *out = arena_alloc(r->arena, (nu + 1) * sizeof *out);
    for (size_t i = 0; i < nu; i++) {
        if (!strcmp(kind, "type") && (!fv[A_TYPE].present || strcmp(units[i].type, fv[A_TYPE].str))) continue;
        if (directive_can_assign_to(db, assigner, units[i].id) == 1) out[(*n)++] = units[i].id;
    }
    return out;
}

/* POST /documents/:id/tasks */
void directive_page_document_assign(dv_req *r)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    /* Refused before the form is read: a role that never writes (a viewer or an inspector got
     * a 422 for the form), and a document the user may not read (tasks could be assigned from
     * another province's document, which the task page then links to). */
    if (!directive_can_write(r->user)) {
        res_error(r, 403);
        return;
    }
    struct document d;
    if (load_readable(r, db, id, &d)) return;
    struct input_value fv[A_N];
    int bad = input_form(r, a_fields, A_N, fv);
    if (!bad && directive_can_assign(db, r->user, fv[A_ASSIGNER].num) != 1) {
        res_error(r, 403);
        return;
    }
    size_t n = 0;
    int64_t *units = bad ? NULL : select_units(r, db, fv[A_ASSIGNER].num, fv, &n);
    char today[11];
    clock_vn_today(today);
    if (!bad && fv[A_DEADLINE].str && strcmp(fv[A_DEADLINE].str, today) < 0) {
        fv[A_DEADLINE].error = N_("The deadline cannot be in the past.");
        bad = 1;
    }
    if (!bad && !n) {
        fv[A_UNIT].error = N_("No unit below the assigning unit matches this choice.");
        bad = 1;
    }
    if (bad) {
        show(r, id, fv, 422);
        return;
    }
    struct task_input in = {.actor = r->user, .title = fv[A_TITLE].str, .description = fv[A_DESC].str,
                            .assigner_unit_id = fv[A_ASSIGNER].num, .product_kind = fv[A_PRODUCT].str,
                            .priority = fv[A_PRIO].str, .deadline = fv[A_DEADLINE].str};
    int rc = task_assign_many(db, &in, TASK_SOURCE_DOCUMENT, id, units, n, NULL);
    if (rc) {
        log_error("assigning tasks failed: %s", dv_strerror(rc));
        res_error(r, rc == DV_EINVAL ? 422 : 500);
        return;
    }
    page_flash_set(r, "The tasks have been assigned.");
    res_redirect(r, arena_printf(r->arena, "/documents/%lld#tasks", (long long)id));
}
