/* document_pages.c - the pages of the reporting area's document part (routed by document_routes.c):
 * the XLSX form round trip (download, upload page, upload), a unit's report as an official
 * document (DOCX, PDF) and the consolidated report of a parent unit drafted from its
 * children's reports.
 *
 *   GET  /reports/:regime/:period/:unit/xlsx       the offline-entry page (download + upload)
 *   GET  /reports/:regime/:period/:unit/form.xlsx  the form, prefilled with the saved values
 *   POST /reports/:regime/:period/:unit/form.xlsx  upload: validated as the web form, saved
 *                                                  as a draft or answered with sheet!cell errors
 *   GET  /reports/:id/document.docx | .pdf         the report as a document
 *   GET  /reports/consolidated/:regime/:period/:unit.docx | .pdf   (the unit's consolidated
 *        report: over the reports it receives, or its subtree; numbers as the dashboard's)
 *
 * Access mirrors the web form (entry_pages.c): entering (the upload) is for the unit's
 * officer, the commission's staff over their scope, and admins; viewing (downloads) also
 * for the reviewers of the receiving unit. Locked periods stay locked for the upload. */
#include "report/document/document_pages.h"

#include "core/clock.h"
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
    if (c->can_act) v.signer_href = arena_printf(r->arena, "/units/%lld/signer", (long long)c->unit_id);
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

void document_page_xlsx_page(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (ctx_from_params(r, db, 0, &c)) return;
    render_upload(r, db, &c, 200, NULL, NULL, 0);
}

void document_page_form_xlsx(dv_req *r)
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

void document_page_form_upload(dv_req *r)
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
    static const struct input_field replace_field = {"replace", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL};
    struct input_value replace;
    input_form1(r, &replace_field, &replace);
    if (up.version != current && !replace.num) {
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
                                   chk.values, chk.nvalues, chk.sections, chk.nsections, 0, NULL, 0, 0, 0, 0, NULL, 0};
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

static const char *today_iso(dv_arena *a)
{
    char *d = arena_alloc(a, 11);
    clock_vn_today(d);
    return d;
}

/* The doc_signers key of the body that issues for a unit: a territory's Party committee or
 * its People's Committee (the unit as itself issues through the latter), else the unit. */
static const char *signer_body(const char *unit_type, enum doc_body body)
{
    if (!(unit_type_group(unit_type) == 1)) return "unit";
    return body == DOC_BODY_PARTY ? "party" : "state";
}

/* Fills the issuer part of src: the unit's formal name and parent on date, the regime's
 * body, the configured signer, and who receives the document (the regime's receiver, unless
 * it is the issuer itself or one of its own bodies: then the issuer's superior, if any). */
static int doc_issuer(dv_req *r, dv_db *db, const struct report_ctx *c, const char *date, struct doc_source *src)
{
    struct doc_unit_names un;
    int rc = doc_store_unit_names(db, r->arena, c->unit_id, date, &un);
    if (rc) return rc;
    src->unit_type = un.type;
    src->unit_name = un.name;
    src->parent_name = un.parent_name;
    src->parent_type = un.parent_type;
    src->body = doc_body_parse(c->regime.issuer_body);
    src->date_iso = date;
    src->doc_type = c->regime.doc_type && *c->regime.doc_type ? c->regime.doc_type : "BC";

    struct doc_signer_row sr;
    rc = doc_store_signer(db, r->arena, c->unit_id, signer_body(un.type, src->body), &sr);
    if (rc == 0) {
        struct doc_signer *sg = arena_alloc(r->arena, sizeof *sg);
        *sg = (struct doc_signer){sr.authority, sr.position, sr.signer_name};
        src->signer = sg;
    } else if (rc != DV_ENOTFOUND) {
        return rc;
    }

    const char **rec = arena_alloc(r->arena, 2 * sizeof *rec);
    size_t n = 0;
    int inside = 0;
    int64_t recv = c->regime.receiver_unit_id;
    if (recv && recv != c->unit_id && unit_in_subtree(db, c->unit_id, recv, &inside) == 0 && !inside) {
        struct doc_unit_names rn;
        if (doc_store_unit_names(db, r->arena, recv, date, &rn) == 0) rec[n++] = rn.name;
    }
    if (!n && un.parent_name && !(unit_type_group(un.parent_type) == 1)) rec[n++] = un.parent_name;
    src->recipients = rec;
    src->nrecipients = n;
    return 0;
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

/* Table rows of a report's values (or sums): one per indicator, numbered 1, 2 …, and one
 * per option under it ("-"); no internal codes. A text value spans the unit and value
 * columns. */
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
        const char *no = arena_printf(r->arena, "%zu", i + 1);
        int text = ind->type == RIT_TEXT;
        rows[n++] = (struct doc_row){no, ind->name, uom, doc_value(r->arena, ind, find_value(vals, nvals, ind->id, 0)),
                                     0, text};
        for (size_t k = 0; k < ind->noptions; k++) {
            const struct report_def_option *o = &ind->options[k];
            rows[n++] = (struct doc_row){"-", o->name, uom,
                                         doc_value(r->arena, ind, find_value(vals, nvals, ind->id, o->id)), 1, text};
        }
    }
    *n_out = n;
    return rows;
}

static const char *without_name(const char *body, const char *name);

/* The report as a document. It bears the number and date it got when it was issued
 * (submitted, or approved where the regime says so: doc_store.h); reading never numbers
 * it. Before that it prints with the number left blank and today's date. */
static void document(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct report rep;
    int rc = report_store_get(db, r->arena, id, &rep);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct report_ctx c;
    if (ctx_load(r, db, rep.regime_id, rep.period_id, rep.unit_id, 0, &c)) return;

    struct report_value *vals = NULL;
    struct report_section_body *bodies = NULL;
    size_t nvals = 0, nbodies = 0;
    int64_t number = 0;
    const char *date = NULL;
    if (report_store_values(db, r->arena, rep.id, &vals, &nvals) != 0 ||
        report_store_sections(db, r->arena, rep.id, &bodies, &nbodies) != 0 ||
        doc_store_report_number(db, r->arena, rep.id, &number, &date) != 0) {
        res_error(r, 500);
        return;
    }
    if (!number || !date || strlen(date) < 10) date = today_iso(r->arena);
    struct doc_source src;
    memset(&src, 0, sizeof src);
    if (doc_issuer(r, db, &c, date, &src) != 0) {
        res_error(r, 500);
        return;
    }
    src.number = number;
    src.subject = doc_subject(r->arena, c.def.name, c.per.label, 0);
    struct doc_section *secs = arena_alloc(r->arena, (c.def.nsections + 1) * sizeof *secs);
    for (size_t i = 0; i < c.def.nsections; i++) {
        secs[i].title = arena_printf(r->arena, "%zu. %s", i + 1, c.def.sections[i].title);
        secs[i].body = "";
        for (size_t k = 0; k < nbodies; k++)
            if (bodies[k].position == c.def.sections[i].position && bodies[k].body)
                /* a text that opens with the unit's own name ("Phường X: …") reads without it */
                secs[i].body = without_name(without_name(bodies[k].body, c.unit.name), src.unit_name);
    }
    src.sections = secs;
    src.nsections = c.def.nsections;
    src.rows = doc_rows(r, &c.def, vals, nvals, &src.nrows);
    render_document(r, &src, pdf, arena_printf(r->arena, "bao-cao-%lld", (long long)rep.id));
}

void document_page_document_docx(dv_req *r) { document(r, 0); }
void document_page_document_pdf(dv_req *r) { document(r, 1); }

/* ---- the consolidated report ---- */

/* A count in a document's text, through the one number formatter. */
static const char *count_text(dv_arena *a, long v)
{
    return report_num_format(a, RIT_INT, (double)v, "vi");
}

/* body without a leading "<name>:" (the demo's and many officers' narratives start so). */
static const char *without_name(const char *body, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n && strncmp(body, name, n) == 0 && body[n] == ':') {
        body += n + 1;
        while (*body == ' ') body++;
    }
    return body;
}

struct cons_unit {
    int64_t unit_id, report_id;
    const char *name, *fold;
    const char *ui_name;       /* the interface's name (may carry "(trước …)") */
    int local; /* a commune, ward or special zone */
};

static int cons_unit_cmp(const void *x, const void *y)
{
    const struct cons_unit *a = x, *b = y;
    if (a->local != b->local) return a->local - b->local;
    int c = strcmp(a->fold, b->fold);
    return c ? c : strcmp(a->name, b->name);
}

/* The reports the consolidation draws on: those of the units in the subtree of root on
 * the period's close_end, sent and not returned (submitted, approved), root's own only when
 * with_root; bodies first, then the communes, each by name. */
static int cons_units(dv_req *r, dv_db *db, const struct report_ctx *c, const struct compl_period *per, int64_t root,
                      int with_root, struct cons_unit **out, size_t *n)
{
    struct compl_node *nodes;
    size_t nn;
    struct compl_report *reps;
    size_t nr;
    int rc = compl_store_tree_at(db, r->arena, root, per->close_end, &nodes, &nn);
    if (!rc) rc = compl_store_reports(db, r->arena, c->regime_id, per->id, &reps, &nr);
    if (rc) return rc;
    struct cons_unit *v = arena_alloc(r->arena, (nn + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < nn; i++) {
        if (nodes[i].depth == 0 && !with_root) continue;
        for (size_t j = 0; j < nr; j++) {
            if (reps[j].unit_id != nodes[i].id) continue;
            if (strcmp(reps[j].status, "submitted") && strcmp(reps[j].status, "approved")) break;
            /* the name the unit had on the period's last day, as a document prints it */
            struct doc_unit_names un;
            const char *name = doc_store_unit_names(db, r->arena, nodes[i].id, per->close_end, &un) == 0 && un.name
                                   ? un.name
                                   : nodes[i].name;
            char *f = text_fold(name);
            v[k++] = (struct cons_unit){nodes[i].id, reps[j].id, name, arena_strdup(r->arena, f), nodes[i].name,
                                        (unit_type_group(nodes[i].type) == 1) && strcmp(nodes[i].type, "province")};
            free(f);
            break;
        }
    }
    qsort(v, k, sizeof *v, cons_unit_cmp);
    *out = v;
    *n = k;
    return 0;
}

/* One narrative section gathered from the units' reports, grouped: the bodies, then the
 * communes; each unit's text once under its name. */
static const char *cons_narrative(dv_req *r, dv_db *db, const struct cons_unit *u, size_t n, int position)
{
    dv_buf b = {0};
    int group = -1;
    for (size_t i = 0; i < n; i++) {
        struct report_section_body *bodies = NULL;
        size_t nb = 0;
        if (report_store_sections(db, r->arena, u[i].report_id, &bodies, &nb) != 0) continue;
        for (size_t j = 0; j < nb; j++) {
            if (bodies[j].position != position || !bodies[j].body) continue;
            const char *t = without_name(without_name(bodies[j].body, u[i].ui_name), u[i].name);
            if (!*t) continue;
            if (group != u[i].local) {
                group = u[i].local;
                buf_printf(&b, "%s\n", group ? "Các xã, phường, đặc khu:" : "Các cơ quan, đơn vị:");
            }
            buf_printf(&b, "- %s: %s\n", u[i].name, t);
        }
    }
    const char *s = arena_strdup(r->arena, b.len ? buf_cstr(&b) : "Chưa có nội dung từ các báo cáo đã nhận.");
    buf_free(&b);
    return s;
}

/* The sum of one indicator / option over the scope, by the pivot (the dashboard's tally):
 * the root's line is the sum over the units under it; its own report is added with_root. */
static int cons_sum(dv_req *r, dv_db *db, const struct compl_period *per, int64_t root, int with_root, int64_t ind,
                    int64_t opt, double *sum, int *has)
{
    struct pivot_result pr;
    int rc = pivot_compute(db, r->arena, ind, opt, per, 1, root, &pr);
    if (rc) return rc;
    *sum = 0;
    *has = 0;
    for (size_t i = 0; i < pr.nrows; i++) {
        const struct pivot_row *w = &pr.rows[i];
        if (w->unit_id != root) continue;
        if (w->is_own && !with_root) continue;
        if (!w->is_own && !w->is_parent && !with_root) continue; /* a root without children: its own report */
        if (w->has[0]) {
            *sum += w->values[0];
            *has = 1;
        }
    }
    return 0;
}

/* The consolidation's tallies: completeness over root's tree, less the unit's own report
 * (it is this consolidation's, not one it draws on) unless with_root. -1 on a store error. */
static int cons_counts(dv_req *r, dv_db *db, const struct report_ctx *c, const struct compl_period *per, int64_t root,
                       int with_root, struct compl_counts *out)
{
    struct compl_result res;
    if (completeness_compute(db, r->arena, c->regime_id, per, 1, root, NULL, &res) != 0) return -1;
    struct compl_counts k = res.nperiods ? res.totals[0] : (struct compl_counts){0};
    if (!with_root)
        for (size_t i = 0; i < res.nrows; i++)
            if (res.rows[i].is_root && res.rows[i].cells[0].status != CS_NONE) {
                const struct compl_counts *o = &res.rows[i].cells[0].sub;
                k.expected -= o->expected, k.received -= o->received, k.on_time -= o->on_time;
                k.late -= o->late, k.missing -= o->missing, k.returned -= o->returned;
                k.not_due -= o->not_due, k.approved -= o->approved;
            }
    *out = k;
    return 0;
}

/* Sums of the numeric indicators (bool: the units answering yes) into vals; def keeps only
 * the indicators that add up (text, dates and percentages stay out). -1 on a store error. */
static int cons_sums(dv_req *r, dv_db *db, const struct compl_period *per, int64_t root, int with_root,
                     struct report_def *def, struct report_value **vals_out, size_t *nvals_out)
{
    struct report_def_indicator *inds = arena_alloc(r->arena, (def->nindicators + 1) * sizeof *inds);
    size_t cap = 1;
    for (size_t i = 0; i < def->nindicators; i++) cap += def->indicators[i].noptions + 1;
    struct report_value *vals = arena_alloc(r->arena, cap * sizeof *vals);
    size_t nvals = 0;
    for (size_t i = 0; i < def->nindicators; i++) {
        inds[i] = def->indicators[i];
        enum report_ind_type t = inds[i].type;
        if (t == RIT_BOOL) {
            inds[i].type = RIT_INT;
            inds[i].unit_of_measure = "đơn vị";
        }
        if (t == RIT_TEXT || t == RIT_DATE || t == RIT_PERCENT) continue;
        for (size_t o = 0; o <= inds[i].noptions; o++) {
            int64_t opt = o == 0 ? 0 : inds[i].options[o - 1].id;
            double sum;
            int has;
            if (cons_sum(r, db, per, root, with_root, inds[i].id, opt, &sum, &has) != 0) return -1;
            if (has) vals[nvals++] = (struct report_value){inds[i].id, opt, 1, sum, NULL};
        }
    }
    size_t nkeep = 0;
    for (size_t i = 0; i < def->nindicators; i++)
        if (inds[i].type != RIT_TEXT && inds[i].type != RIT_DATE && inds[i].type != RIT_PERCENT) inds[nkeep++] = inds[i];
    def->indicators = inds;
    def->nindicators = nkeep;
    *vals_out = vals;
    *nvals_out = nvals;
    return 0;
}

/* The opening paragraph: what was received by today, and what the figures add up. */
static const char *cons_intro(dv_req *r, const struct report_ctx *c, const struct compl_counts *k, size_t nunits)
{
    dv_buf intro = {0};
    int y, mo, dd;
    const char *today = today_iso(r->arena);
    if (sscanf(today, "%d-%d-%d", &y, &mo, &dd) != 3) y = mo = dd = 0;
    buf_printf(&intro, "Thực hiện chế độ %s, đến ngày %02d/%02d/%d đã nhận %s/%s báo cáo",
               doc_lower_first(r->arena, c->def.name), dd, mo, y, count_text(r->arena, k->received),
               count_text(r->arena, k->expected));
    buf_printf(&intro, " (đúng hạn %s, muộn hạn %s, trả lại để chỉnh sửa %s)", count_text(r->arena, k->on_time),
               count_text(r->arena, k->late), count_text(r->arena, k->returned));
    buf_printf(&intro, "; chưa nhận %s (quá hạn %s, chưa đến hạn %s).", count_text(r->arena, k->missing + k->not_due),
               count_text(r->arena, k->missing), count_text(r->arena, k->not_due));
    buf_printf(&intro, "\nSố liệu tổng hợp dưới đây cộng từ %s báo cáo đã gửi và đã duyệt; báo cáo đang trả lại để "
                       "chỉnh sửa chưa được cộng.", count_text(r->arena, (long)nunits));
    const char *out = arena_strdup(r->arena, buf_cstr(&intro));
    buf_free(&intro);
    return out;
}

/* The consolidated report of a unit for a period: over the reports the unit receives (the
 * regime's receiver: every report of the tree its receiver is in) or, for another unit,
 * those of its whole subtree; counted by completeness_compute and summed by pivot_compute,
 * the very tallies of the dashboard and the pivot, so the three agree. */
static void consolidated(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    /* a parent unit or the receiver consolidates whether or not it reports itself */
    if (report_ctx_from_params(r, db, REPORT_CTX_REGIME | REPORT_CTX_CONSOLIDATES, &c)) return;
    struct compl_period *all = NULL;
    size_t nall = 0;
    if (compl_store_periods(db, r->arena, c.regime_id, &all, &nall) != 0) {
        res_error(r, 500);
        return;
    }
    const struct compl_period *per = NULL;
    for (size_t i = 0; i < nall; i++)
        if (all[i].id == c.period_id) per = &all[i];
    if (!per) {
        res_error(r, 404);
        return;
    }
    int receiver = c.unit_id == c.regime.receiver_unit_id;
    int64_t root = c.unit_id;
    if (receiver) { /* the top of the tree the receiver is in, as the dashboard shows it */
        struct unit *anc;
        size_t nanc;
        if (unit_store_ancestors(db, r->arena, c.unit_id, &anc, &nanc) == 0 && nanc) root = anc[0].id;
    }
    int with_root = receiver && root != c.unit_id;
    struct compl_counts k;
    struct report_def def = c.def;
    struct report_value *vals = NULL;
    size_t nvals = 0;
    if (cons_counts(r, db, &c, per, root, with_root, &k) != 0 ||
        cons_sums(r, db, per, root, with_root, &def, &vals, &nvals) != 0) {
        res_error(r, 500);
        return;
    }

    struct cons_unit *units = NULL;
    size_t nunits = 0;
    if (cons_units(r, db, &c, per, root, with_root, &units, &nunits) != 0) {
        res_error(r, 500);
        return;
    }
    struct doc_section *secs = arena_alloc(r->arena, (c.def.nsections + 2) * sizeof *secs);
    size_t nsecs = 0;
    secs[nsecs++] = (struct doc_section){NULL, cons_intro(r, &c, &k, nunits)};
    for (size_t i = 0; i < c.def.nsections; i++)
        secs[nsecs++] = (struct doc_section){arena_printf(r->arena, "%zu. %s", i + 1, c.def.sections[i].title),
                                             cons_narrative(r, db, units, nunits, c.def.sections[i].position)};

    struct doc_source src;
    memset(&src, 0, sizeof src);
    if (doc_issuer(r, db, &c, today_iso(r->arena), &src) != 0) {
        res_error(r, 500);
        return;
    }
    src.subject = doc_subject(r->arena, c.def.name, c.per.label, 1);
    src.sections = secs;
    src.nsections = nsecs;
    src.rows = doc_rows(r, &def, vals, nvals, &src.nrows);
    render_document(r, &src, pdf,
                    arena_printf(r->arena, "tong-hop-%lld-%lld-%lld", (long long)c.regime_id, (long long)c.period_id,
                                 (long long)c.unit_id));
}

void document_page_consolidated_docx(dv_req *r) { consolidated(r, 0); }
void document_page_consolidated_pdf(dv_req *r) { consolidated(r, 1); }
