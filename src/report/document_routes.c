/* document_routes.c - the routes of the reporting area's document part (see report_routes.h):
 * the XLSX form round trip (download, upload page, upload), a unit's report as an official
 * document (DOCX, PDF) and the consolidated report of a parent unit drafted from its
 * children's reports.
 *
 *   GET  /reports/:regime/:period/:unit/xlsx       the offline-entry page (download + upload)
 *   GET  /reports/:regime/:period/:unit/form.xlsx  the form, prefilled with the saved values
 *   POST /reports/:regime/:period/:unit/form.xlsx  upload: validated as the web form, saved
 *                                                  as a draft or answered with sheet!cell errors
 *   GET  /reports/:id/document.docx | .pdf         the report as a document
 *   GET  /reports/consolidated/:regime/:period/:unit.docx | .pdf
 *
 * Access mirrors the web form (entry_pages.c): entering (the upload) is for the unit's
 * officer, the commission's staff over their scope, and admins; viewing (downloads) also
 * for the reviewers of the receiving unit. Locked periods stay locked for the upload. */
#include "report/report_routes.h"

#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/http.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "org/user.h"
#include "report/doc_model.h"
#include "report/doc_store.h"
#include "report/document_view.h"
#include "report/expected.h"
#include "report/regime.h"
#include "report/report.h"
#include "report/report_ctx.h"
#include "report/report_access.h"
#include "report/report_validate.h"
#include "report/xlsx_form.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_UPLOAD_MAX (8u << 20)

/* The context with the regime's own row (the document's type and receiver); need_act: the
 * user must be able to enter, not only view. */
static int ctx_load(dv_req *r, dv_db *db, int64_t regime_id, int64_t period_id, int64_t unit_id, int need_act,
                    struct report_ctx *c)
{
    return report_ctx_load(r, db, regime_id, period_id, unit_id, REPORT_CTX_REGIME | (need_act ? REPORT_CTX_ACT : 0), c);
}

static int ctx_from_params(dv_req *r, dv_db *db, int need_act, struct report_ctx *c)
{
    return report_ctx_from_params(r, db, REPORT_CTX_REGIME | (need_act ? REPORT_CTX_ACT : 0), c);
}

static void send_file(dv_req *r, const char *content_type, const char *filename)
{
    r->status = 200;
    r->content_type = content_type;
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
}

static const char *base_href(dv_req *r, const struct report_ctx *c)
{
    return arena_printf(r->arena, "/reports/%lld/%lld/%lld", (long long)c->regime_id, (long long)c->period_id,
                        (long long)c->unit_id);
}

/* A stored value as shown in documents and on the page. */
static const char *value_text(dv_arena *a, const struct report_def_indicator *ind, const struct report_value *v,
                              const char *lang)
{
    if (!v) return "";
    if (!v->has_num) return v->text ? v->text : "";
    if (ind->type == RIT_BOOL) return v->num != 0 ? _("Yes") : _("No");
    return report_num_format(a, ind->type, v->num, lang);
}

static const struct report_value *find_value(const struct report_value *vals, size_t n, int64_t ind, int64_t opt)
{
    for (size_t i = 0; i < n; i++)
        if (vals[i].indicator_id == ind && vals[i].option_id == opt) return &vals[i];
    return NULL;
}

/* ---- the offline-entry page ---- */

static void render_upload(dv_req *r, dv_db *db, struct report_ctx *c, int status, const char *general,
                          const char *const *errors, size_t nerrors)
{
    struct xlsx_upload_view v;
    memset(&v, 0, sizeof v);
    v.regime_name = c->def.name;
    v.period_label = c->per.label;
    v.unit_name = c->unit.name;
    v.status_label = report_status_label(c->rep.id ? c->rep.status : REPORT_NONE);
    const char *base = base_href(r, c);
    v.form_href = base;
    v.download_href = arena_printf(r->arena, "%s/form.xlsx", base);
    v.action = v.download_href;
    if (c->rep.id) {
        v.docx_href = arena_printf(r->arena, "/reports/%lld/document.docx", (long long)c->rep.id);
        v.pdf_href = arena_printf(r->arena, "/reports/%lld/document.pdf", (long long)c->rep.id);
    }
    if (!c->can_act)
        v.locked = _("Only the reporting unit can upload its form.");
    else if (c->lock.locked)
        v.locked = _("Entry for this report is closed: the deadline and its grace period have passed.");
    else if (c->rep.id && !report_status_editable(c->rep.status))
        v.locked = _("This report has been submitted: it can no longer be changed.");
    v.general_error = general;
    v.errors = errors;
    v.nerrors = nerrors;

    struct report_value *vals = NULL;
    size_t nvals = 0;
    if (c->rep.id && report_store_values(db, r->arena, c->rep.id, &vals, &nvals) != 0) nvals = 0;
    if (nvals) {
        size_t cap = 0;
        for (size_t i = 0; i < c->def.nindicators; i++) cap += c->def.indicators[i].noptions + 1;
        struct xlsx_value_row *rows = arena_alloc(r->arena, (cap + 1) * sizeof *rows);
        size_t n = 0;
        for (size_t i = 0; i < c->def.nindicators; i++) {
            const struct report_def_indicator *ind = &c->def.indicators[i];
            if (!ind->noptions) {
                const struct report_value *x = find_value(vals, nvals, ind->id, 0);
                if (x) rows[n++] = (struct xlsx_value_row){ind->code, ind->name, value_text(r->arena, ind, x, r->lang)};
                continue;
            }
            for (size_t k = 0; k < ind->noptions; k++) {
                const struct report_value *x = find_value(vals, nvals, ind->id, ind->options[k].id);
                if (x)
                    rows[n++] = (struct xlsx_value_row){
                        arena_printf(r->arena, "%s.%s", ind->code, ind->options[k].code),
                        arena_printf(r->arena, "%s — %s", ind->name, ind->options[k].name),
                        value_text(r->arena, ind, x, r->lang)};
            }
        }
        v.rows = rows;
        v.nrows = n;
    }
    struct page pg;
    page_init(&pg, r, _("Offline entry with a spreadsheet"));
    tpl_report_xlsx_upload(&r->out, &pg, &v);
    r->status = status;
}

static void handle_xlsx_page(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (ctx_from_params(r, db, 0, &c)) return;
    render_upload(r, db, &c, 200, NULL, NULL, 0);
}

static void handle_form_xlsx(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (ctx_from_params(r, db, 0, &c)) return;
    struct report_value *vals = NULL;
    struct report_section_body *secs = NULL;
    size_t nvals = 0, nsecs = 0;
    if (c.rep.id && (report_store_values(db, r->arena, c.rep.id, &vals, &nvals) != 0 ||
                     report_store_sections(db, r->arena, c.rep.id, &secs, &nsecs) != 0)) {
        res_error(r, 500);
        return;
    }
    struct xlsx_form_input in = {
        &c.def, c.regime_id, c.period_id, c.unit_id, c.rep.id ? c.rep.version : 0,
        arena_printf(r->arena, "%s — %s — %s", c.def.name, c.per.label, c.unit.name),
        vals, nvals, secs, nsecs,
    };
    if (xlsx_form_write(&in, &r->out) != 0) {
        buf_reset(&r->out);
        res_error(r, 500);
        return;
    }
    send_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              arena_printf(r->arena, "bao-cao-%lld-%lld-%lld.xlsx", (long long)c.regime_id, (long long)c.period_id,
                           (long long)c.unit_id));
}

static void handle_form_upload(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (ctx_from_params(r, db, 1, &c)) return;
    if (c.lock.locked) {
        render_upload(r, db, &c, 409, _("Entry for this report is closed: nothing was saved."), NULL, 0);
        return;
    }
    if (c.rep.id && !report_status_editable(c.rep.status)) {
        render_upload(r, db, &c, 409, _("This report has been submitted: it can no longer be changed."), NULL, 0);
        return;
    }
    const struct dv_kv *file = req_upload(r, "file");
    if (!file || file->len == 0) {
        render_upload(r, db, &c, 422, _("Choose the filled form (an XLSX file) to upload."), NULL, 0);
        return;
    }
    if (file->len > XLSX_UPLOAD_MAX) {
        render_upload(r, db, &c, 422, _("The file is larger than 8 MB."), NULL, 0);
        return;
    }
    struct xlsx_upload up;
    const char *why = NULL;
    int rc = xlsx_form_read(r->arena, &c.def, file->value, file->len, c.regime_id, c.period_id, c.unit_id, &up, &why);
    if (rc) {
        render_upload(r, db, &c, 422, why ? _(why) : _("The file could not be read."), NULL, 0);
        return;
    }
    /* a form downloaded before the last save would silently undo that save: refused unless
     * the person asks to replace what was saved since (the file is then the whole truth) */
    int current = c.rep.id ? c.rep.version : 0;
    const char *replace = req_form(r, "replace");
    if (up.version != current && !(replace && !strcmp(replace, "1"))) {
        render_upload(r, db, &c, 409,
                      _("The report was saved again after this form was downloaded: nothing was saved. Download the "
                        "form again, or upload this file with \"Replace the values saved since the download\" ticked."),
                      NULL, 0);
        return;
    }
    struct report_checked chk;
    size_t nerr = report_validate(&c.def, r->arena, xlsx_upload_get, &up, 0, &chk);
    if (nerr) {
        const char **errs = arena_alloc(r->arena, nerr * sizeof *errs);
        for (size_t i = 0; i < nerr; i++) {
            const struct report_field_error *e = &chk.errors[i];
            const struct xlsx_field *f = xlsx_upload_field(&up, e->key);
            const char *msg = e->message ? e->message : e->msgid ? _(e->msgid) : "";
            errs[i] = f ? arena_printf(r->arena, "%s!%s: %s", f->sheet, f->cell, msg)
                        : arena_printf(r->arena, "%s: %s", e->key, msg);
        }
        render_upload(r, db, &c, 422, NULL, errs, nerr);
        return;
    }
    /* the draft is replaced as it is now (the version read above; a save in between is a conflict) */
    struct report_save_input in = {c.regime_id, c.period_id, c.unit_id, c.rep.id ? c.rep.version : 0,
                                   chk.values, chk.nvalues, chk.sections, chk.nsections, 0, NULL, 0, 0, 0};
    struct report_save_result res;
    rc = report_save(db, r->user, r->remote_addr, &in, &res);
    if (rc == DV_ECONFLICT || rc == DV_EDENIED) {
        if (report_store_find(db, r->arena, c.regime_id, c.period_id, c.unit_id, &c.rep) != 0) memset(&c.rep, 0, sizeof c.rep);
        render_upload(r, db, &c, 409,
                      rc == DV_EDENIED ? _("Entry for this report is closed: nothing was saved.")
                                       : _("This report was changed at the same moment elsewhere: nothing was saved. Upload the file again."),
                      NULL, 0);
        return;
    }
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    res_redirect(r, arena_printf(r->arena, "%s?ok=saved", base_href(r, &c)));
}

/* ---- documents ---- */

/* Today's date, or the date part of the first submission (UTC+7 is ignored: a document is
 * dated by the day it was sent, near enough). */
static const char *doc_date(dv_arena *a, const struct report *rep)
{
    if (rep && rep->first_submitted_at && strlen(rep->first_submitted_at) >= 10)
        return arena_strndup(a, rep->first_submitted_at, 10);
    char *d = arena_alloc(a, 11);
    unit_today(d);
    return d;
}

/* The issuer's parent today: name and type (NULL when a root). */
static void parent_of(dv_db *db, dv_arena *a, int64_t unit_id, const char **name, const char **type)
{
    *name = *type = NULL;
    struct unit *anc = NULL;
    size_t n = 0;
    if (unit_store_ancestors(db, a, unit_id, &anc, &n) == 0 && n > 0) {
        *name = anc[n - 1].name;
        *type = anc[n - 1].type;
    }
}

static void render_document(dv_req *r, const struct doc_source *src, int pdf, const char *basename)
{
    struct doc_model m;
    doc_model_build(r->arena, src, &m);
    int rc = pdf ? doc_render_pdf(&m, &r->out) : doc_render_docx(&m, &r->out);
    if (rc) {
        buf_reset(&r->out);
        res_error(r, 500);
        return;
    }
    send_file(r, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              arena_printf(r->arena, "%s.%s", basename, pdf ? "pdf" : "docx"));
}

/* A value in a document: always Vietnamese, whatever the reader's language. */
static const char *doc_value(dv_arena *a, const struct report_def_indicator *ind, const struct report_value *v)
{
    if (v && v->has_num && ind->type == RIT_BOOL) return v->num != 0 ? "Có" : "Không";
    return value_text(a, ind, v, "vi");
}

/* Table rows of a report's values (or sums): one per indicator, one per option under it. */
static struct doc_row *doc_rows(dv_req *r, const struct report_def *d, const struct report_value *vals, size_t nvals,
                                size_t *n_out)
{
    size_t cap = 0;
    for (size_t i = 0; i < d->nindicators; i++) cap += d->indicators[i].noptions + 1;
    struct doc_row *rows = arena_alloc(r->arena, (cap + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < d->nindicators; i++) {
        const struct report_def_indicator *ind = &d->indicators[i];
        const char *uom = ind->unit_of_measure ? ind->unit_of_measure : "";
        if (!ind->noptions) {
            rows[n++] = (struct doc_row){ind->code, ind->name, uom,
                                         doc_value(r->arena, ind, find_value(vals, nvals, ind->id, 0)), 0};
            continue;
        }
        rows[n++] = (struct doc_row){ind->code, ind->name, uom, "", 0};
        for (size_t k = 0; k < ind->noptions; k++) {
            const struct report_def_option *o = &ind->options[k];
            rows[n++] = (struct doc_row){arena_printf(r->arena, "%s.%s", ind->code, o->code), o->name, uom,
                                         doc_value(r->arena, ind, find_value(vals, nvals, ind->id, o->id)), 1};
        }
    }
    *n_out = n;
    return rows;
}

static void handle_document(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    int64_t id = req_param_id(r, "id");
    struct report rep;
    int rc = id ? report_store_get(db, r->arena, id, &rep) : DV_ENOTFOUND;
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct report_ctx c;
    if (ctx_load(r, db, rep.regime_id, rep.period_id, rep.unit_id, 0, &c)) return;

    struct report_value *vals = NULL;
    struct report_section_body *bodies = NULL;
    size_t nvals = 0, nbodies = 0;
    if (report_store_values(db, r->arena, rep.id, &vals, &nvals) != 0 ||
        report_store_sections(db, r->arena, rep.id, &bodies, &nbodies) != 0) {
        res_error(r, 500);
        return;
    }
    struct doc_source src;
    memset(&src, 0, sizeof src);
    src.unit_type = c.unit.type;
    src.unit_name = c.unit.name;
    parent_of(db, r->arena, c.unit_id, &src.parent_name, &src.parent_type);
    src.date_iso = doc_date(r->arena, &rep);
    src.doc_type = c.regime.doc_type && *c.regime.doc_type ? c.regime.doc_type : "BC";
    src.subject = arena_printf(r->arena, "%s %s", c.def.name, c.per.label);
    struct doc_section *secs = arena_alloc(r->arena, (c.def.nsections + 1) * sizeof *secs);
    for (size_t i = 0; i < c.def.nsections; i++) {
        secs[i].title = arena_printf(r->arena, "%zu. %s", i + 1, c.def.sections[i].title);
        secs[i].body = "";
        for (size_t k = 0; k < nbodies; k++)
            if (bodies[k].position == c.def.sections[i].position) secs[i].body = bodies[k].body;
    }
    src.sections = secs;
    src.nsections = c.def.nsections;
    src.rows = doc_rows(r, &c.def, vals, nvals, &src.nrows);
    src.receiver_name = c.regime.receiver_name;
    /* a sent report carries its official number (allocated once, kept on the report);
     * a draft prints with the number left blank */
    if (rep.status == REPORT_SUBMITTED || rep.status == REPORT_APPROVED) {
        const char *series = NULL;
        enum doc_layout lay = doc_layout_for_type(c.unit.type);
        rc = doc_number_for_report(db, r->arena, r->user, r->remote_addr, rep.id, src.doc_type,
                                   doc_series_for(r->arena, lay, src.date_iso), &src.number, &series);
        if (rc) {
            res_error(r, 500);
            return;
        }
    }
    render_document(r, &src, pdf, arena_printf(r->arena, "bao-cao-%lld", (long long)rep.id));
}

static void handle_document_docx(dv_req *r) { handle_document(r, 0); }
static void handle_document_pdf(dv_req *r) { handle_document(r, 1); }

/* The consolidated report of a unit: sums of its children's values (the units expected
 * for the period whose parent on close_end is this unit; submitted and approved reports),
 * how many reports were received, and their narrative under each child's name. */
static void handle_consolidated(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    /* a parent unit consolidates whether or not it reports itself */
    if (report_ctx_from_params(r, db, REPORT_CTX_REGIME | REPORT_CTX_CONSOLIDATES, &c)) return;
    struct expected_unit *exp = NULL;
    size_t nexp = 0;
    if (expected_units(db, r->arena, c.period_id, &exp, &nexp) != 0) {
        res_error(r, 500);
        return;
    }
    int64_t *kids = arena_alloc(r->arena, (nexp + 1) * sizeof *kids);
    const struct expected_unit **kid_units = arena_alloc(r->arena, (nexp + 1) * sizeof *kid_units);
    size_t nkids = 0;
    for (size_t i = 0; i < nexp; i++)
        if (exp[i].parent_id == c.unit_id) {
            kid_units[nkids] = &exp[i];
            kids[nkids++] = exp[i].unit_id;
        }
    struct doc_sum *sums = NULL;
    size_t nsums = 0;
    int64_t received = 0;
    if (doc_store_sums(db, r->arena, c.regime_id, c.period_id, kids, nkids, &sums, &nsums, &received) != 0) {
        res_error(r, 500);
        return;
    }
    struct report_value *vals = arena_alloc(r->arena, (nsums + 1) * sizeof *vals);
    size_t nvals = 0;
    for (size_t i = 0; i < nsums; i++) {
        /* only numeric types add up; bool sums count the "yes" answers */
        const struct report_def_indicator *ind = NULL;
        for (size_t k = 0; k < c.def.nindicators; k++)
            if (c.def.indicators[k].id == sums[i].indicator_id) ind = &c.def.indicators[k];
        if (!ind || ind->type == RIT_TEXT || ind->type == RIT_DATE || ind->type == RIT_PERCENT) continue;
        vals[nvals++] = (struct report_value){sums[i].indicator_id, sums[i].option_id, 1, sums[i].sum, NULL};
    }
    /* bool sums are counts of units answering yes: show them as numbers */
    struct report_def def = c.def;
    struct report_def_indicator *inds = arena_alloc(r->arena, (def.nindicators + 1) * sizeof *inds);
    for (size_t k = 0; k < def.nindicators; k++) {
        inds[k] = def.indicators[k];
        if (inds[k].type == RIT_BOOL) {
            inds[k].type = RIT_INT;
            inds[k].unit_of_measure = "đơn vị";
        }
    }
    def.indicators = inds;

    /* narrative: each section gathers the children's text under their names */
    struct doc_section *secs = arena_alloc(r->arena, (def.nsections + 2) * sizeof *secs);
    size_t nsecs = 0;
    secs[nsecs++] = (struct doc_section){
        "Tình hình nhận báo cáo",
        arena_printf(r->arena, "Đã nhận %lld/%zu báo cáo của các đơn vị trực thuộc (số liệu tổng hợp dưới đây "
                               "cộng từ các báo cáo đã gửi và đã duyệt).",
                     (long long)received, nkids)};
    for (size_t i = 0; i < def.nsections; i++) {
        dv_buf b = {0};
        for (size_t k = 0; k < nkids; k++) {
            struct report kr;
            if (report_store_find(db, r->arena, c.regime_id, c.period_id, kids[k], &kr) != 0) continue;
            if (kr.status != REPORT_SUBMITTED && kr.status != REPORT_APPROVED) continue;
            struct report_section_body *bodies = NULL;
            size_t nb = 0;
            if (report_store_sections(db, r->arena, kr.id, &bodies, &nb) != 0) continue;
            for (size_t j = 0; j < nb; j++)
                if (bodies[j].position == def.sections[i].position && bodies[j].body && *bodies[j].body)
                    buf_printf(&b, "%s: %s\n", kid_units[k]->name, bodies[j].body);
        }
        secs[nsecs++] = (struct doc_section){arena_printf(r->arena, "%zu. %s", i + 1, def.sections[i].title),
                                             arena_strdup(r->arena, buf_cstr(&b))};
        buf_free(&b);
    }

    struct doc_source src;
    memset(&src, 0, sizeof src);
    src.unit_type = c.unit.type;
    src.unit_name = c.unit.name;
    parent_of(db, r->arena, c.unit_id, &src.parent_name, &src.parent_type);
    src.date_iso = doc_date(r->arena, NULL);
    src.doc_type = c.regime.doc_type && *c.regime.doc_type ? c.regime.doc_type : "BC";
    src.subject = arena_printf(r->arena, "Tổng hợp %s %s", doc_lower_first(r->arena, c.def.name), c.per.label);
    src.sections = secs;
    src.nsections = nsecs;
    src.rows = doc_rows(r, &def, vals, nvals, &src.nrows);
    src.receiver_name = c.regime.receiver_name;
    render_document(r, &src, pdf,
                    arena_printf(r->arena, "tong-hop-%lld-%lld-%lld", (long long)c.regime_id, (long long)c.period_id,
                                 (long long)c.unit_id));
}

static void handle_consolidated_docx(dv_req *r) { handle_consolidated(r, 0); }
static void handle_consolidated_pdf(dv_req *r) { handle_consolidated(r, 1); }

static const struct dv_route document_routes[] = {
    {"GET", "/reports/consolidated/:regime/:period/:unit.docx", handle_consolidated_docx, ROUTE_SLOW},
    {"GET", "/reports/consolidated/:regime/:period/:unit.pdf", handle_consolidated_pdf, ROUTE_SLOW},
    {"GET", "/reports/:id/document.docx", handle_document_docx, ROUTE_SLOW},
    {"GET", "/reports/:id/document.pdf", handle_document_pdf, ROUTE_SLOW},
    {"GET", "/reports/:regime/:period/:unit/xlsx", handle_xlsx_page, ROUTE_SLOW},
    {"GET", "/reports/:regime/:period/:unit/form.xlsx", handle_form_xlsx, ROUTE_SLOW},
    {"POST", "/reports/:regime/:period/:unit/form.xlsx", handle_form_upload, 0},
};

void document_routes_register(void)
{
    router_add(document_routes, sizeof document_routes / sizeof *document_routes);
}
