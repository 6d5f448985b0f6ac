/* document_signer_pages.c - who signs a unit's documents: GET/POST /units/:id/signer
 * (routed by document_routes.c). */
#include "report/document/document_pages.h"

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
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "report/document/document_view.h"
#include "report/entry/gform.h"
#include "report/period.h"
#include "report/regime/regime.h"
#include "report/report.h"
#include "report/report_ctx.h"
#include "report/report_access.h"
#include "report/report_validate.h"
#include "report/entry/xlsx_form.h"
#include "text/text.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_UPLOAD_MAX (8u << 20)

/* ---- who signs a unit's documents ----
 *
 *   GET  /units/:id/signer?body=party|state|unit   the form, filled with what is set
 *   POST /units/:id/signer                         saves (an empty position clears it)
 *
 * For the unit's officer, the commission's staff over their scope and admins (as entering
 * its reports). A territory (province, commune) has one signer per body that may issue for
 * it; another unit one for itself. */

enum { S_BODY, S_AUTHORITY, S_POSITION, S_NAME, S_N };

static const char *const body_codes[] = {"unit", "party", "state", NULL};
static const struct input_field signer_specs[S_N] = {
    [S_BODY] = {"body", IN_CHOICE, 1, 0, 0, body_codes, FK_SELECT, N_("Issuing body"), NULL, NULL},
    [S_AUTHORITY] = {"authority", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Signing on behalf of"),
                     N_("The line above the position, e.g. T/M BAN THƯỜNG VỤ, TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH; empty for none."), NULL},
    [S_POSITION] = {"position", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Position"),
                    N_("As printed, e.g. BÍ THƯ, PHÓ CHỦ TỊCH, TRƯỞNG BAN. Empty: the layout's default."), NULL},
    [S_NAME] = {"signer_name", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Name of the signer"), NULL, NULL},
};

static int signer_load(dv_req *r, dv_db *db, struct unit *u)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = unit_store_get(db, r->arena, id, u);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    int ok = r->user ? report_access_act_for(db, r->user, id) : 0;
    if (ok <= 0) {
        res_error(r, ok < 0 ? 500 : 403);
        return -1;
    }
    return 0;
}

static void signer_render(dv_req *r, struct gform_view *v, const struct unit *u)
{
    static const char *const labels[] = {N_("The unit itself"), N_("Its Party committee (Tỉnh ủy, Đảng ủy xã): Guidance 36-HD/VPTW"),
                                         N_("Its People's Committee: Decree 30/2020/NĐ-CP")};
    struct option_view *o = arena_alloc(r->arena, 3 * sizeof *o);
    size_t n = 0;
    for (size_t i = 0; i < 3; i++)
        if ((unit_type_group(u->type) == 1) ? i > 0 : i == 0) o[n++] = (struct option_view){body_codes[i], _(labels[i]), 0};
    gf_options(v, "body", o, n, NULL);
    v->action = arena_printf(r->arena, "/units/%lld/signer", (long long)u->id);
    v->submit_label = _("Save");
    v->cancel_href = arena_printf(r->arena, "/units/%lld", (long long)u->id);
    v->intro = _("Official documents of this unit print this signature block. Without it they print the "
                 "layout's default position and leave the name for the signer.");
    struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
    cr[0] = (struct crumb){u->name, v->cancel_href};
    cr[1] = (struct crumb){NULL, NULL};
    gform_render(r, v, _("Who signs the documents"), "units", cr);
}

void document_page_signer_page(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (signer_load(r, db, &u)) return;
    static const char *const bodies[] = {"party", "state", "unit", NULL};
    static const struct input_field body_field = {"body", IN_CHOICE, 0, 0, 0, bodies, FK_SELECT, NULL, NULL, NULL};
    struct input_value bv;
    const char *body = input_query1(r, &body_field, &bv) == 0 && bv.present ? bv.str
                       : (unit_type_group(u.type) == 1)                        ? "party"
                                                                       : "unit";
    struct gform_view v = {0};
    gform_init(r, &v, signer_specs, S_N, NULL);
    gf_set(&v, "body", body);
    struct doc_signer_row sr;
    int rc = doc_store_signer(db, r->arena, u.id, body, &sr);
    if (rc && rc != DV_ENOTFOUND) {
        res_error(r, 500);
        return;
    }
    if (!rc) {
        gf_set(&v, "authority", sr.authority);
        gf_set(&v, "position", sr.position);
        gf_set(&v, "signer_name", sr.signer_name);
    }
    signer_render(r, &v, &u);
}

void document_page_signer_save(dv_req *r)
{
    dv_db *db = db_thread();
    struct unit u;
    if (signer_load(r, db, &u)) return;
    struct gform_view v = {0};
    struct input_value fv[S_N];
    int bad = gform_validate(r, &v, signer_specs, S_N, fv);
    const char *body = fv[S_BODY].str;
    if (!bad && body && ((unit_type_group(u.type) == 1) ? !strcmp(body, "unit") : strcmp(body, "unit") != 0)) {
        gf_fail(r, &v, "body", _("Choose one of the bodies listed."));
        bad++;
    }
    if (!bad) {
        struct doc_signer_row in = {fv[S_AUTHORITY].str, fv[S_POSITION].str, fv[S_NAME].str};
        int rc = doc_store_signer_set(db, r->user, r->remote_addr, u.id, body, &in);
        if (gform_saved(r, &v, rc, arena_printf(r->arena, "/units/%lld/signer?body=%s", (long long)u.id, body))) return;
    }
    signer_render(r, &v, &u);
}
