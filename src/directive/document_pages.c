/* document_pages.c - /documents: the registry with search and filters, registering a
 * document with its file, a document's page (its chain both ways, its tasks, the
 * concretizing-document measure) and adding a relation. */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "directive/directive_access.h"
#include "http/input.h"
#include "http/page.h"
#include "report/dashboard/export_table.h"
#include "tpl.h"

#include <string.h>

enum { Q_Q, Q_TYPE, Q_FROM, Q_TO, Q_N };
static const struct input_field q_fields[Q_N] = {
    [Q_Q] = {"q", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Words"), N_("Number, title, summary or text; diacritics optional."), NULL},
    [Q_TYPE] = {"type", IN_CHOICE, 0, 0, 0, document_type_codes, FK_SELECT, N_("Type"), NULL, NULL},
    [Q_FROM] = {"from", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Issued from"), N_("dd/mm/yyyy"), NULL},
    [Q_TO] = {"to", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Issued until"), N_("dd/mm/yyyy"), NULL},
};

static struct dir_doc_row *doc_rows(dv_req *r, const struct document *ds, size_t n)
{
    struct dir_doc_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        const struct document *d = &ds[i];
        rows[i] = (struct dir_doc_row){arena_printf(r->arena, "/documents/%lld", (long long)d->id), d->code,
                                   document_type_label(d->doc_type), d->issuer, dpg_dmy(r, d->issued_on), d->title,
                                   d->expired_on ? _("Expired") : ""};
    }
    return rows;
}

static void list_filter(struct input_value *fv, struct document_filter *f)
{
    memset(f, 0, sizeof *f);
    f->query = fv[Q_Q].present ? fv[Q_Q].str : NULL;
    f->doc_type = fv[Q_TYPE].present ? fv[Q_TYPE].str : NULL;
    f->from = fv[Q_FROM].present && fv[Q_FROM].str ? fv[Q_FROM].str : NULL;
    f->to = fv[Q_TO].present && fv[Q_TO].str ? fv[Q_TO].str : NULL;
}

static void list_csv(dv_req *r, const struct document *ds, size_t n)
{
    static const char *hdr[] = {N_("Number"), N_("Type"), N_("Issued by"), N_("Issued on"), N_("Title")};
    const char **h = arena_alloc(r->arena, 5 * sizeof *h);
    for (int i = 0; i < 5; i++) h[i] = _(hdr[i]);
    struct xt_cell *c = arena_alloc(r->arena, (n * 5 + 1) * sizeof *c);
    for (size_t i = 0; i < n; i++) {
        const char *v[5] = {ds[i].code, document_type_label(ds[i].doc_type), ds[i].issuer, ds[i].issued_on, ds[i].title};
        for (int k = 0; k < 5; k++) c[i * 5 + k] = (struct xt_cell){v[k], 0, 0, 0, 0};
    }
    struct xt_table t = {.sheet = _("Documents"), .ncols = 5, .header = h, .cells = c, .nrows = n};
    dv_buf b = DV_BUF_INIT;
    export_csv(&t, &b);
    dpg_send_file(r, "text/csv; charset=utf-8", "documents.csv", b.data, b.len);
    buf_free(&b);
}

static void document_list(dv_req *r, int csv)
{
    if (!directive_can_use(r->user)) {
        res_error(r, 403);
        return;
    }
    struct input_value fv[Q_N];
    input_query(r, q_fields, Q_N, fv);
    struct document_filter f;
    list_filter(fv, &f);
    f.limit = csv ? 5000 : 200;
    struct document *ds = NULL;
    size_t n = 0, total = 0;
    if (document_search(db_thread(), r->arena, &f, &ds, &n, &total) != DV_OK) {
        res_error(r, 500);
        return;
    }
    if (csv) {
        list_csv(r, ds, n);
        return;
    }
    struct dir_doc_list_view v;
    memset(&v, 0, sizeof v);
    v.rows = doc_rows(r, ds, n);
    v.n = n;
    v.total = arena_printf(r->arena, _("%s documents"), dpg_num(r, (long)total));
    struct field_view *views[Q_N] = {&v.f_q, &v.f_type, &v.f_from, &v.f_to};
    for (int i = 0; i < Q_N; i++) field_of(r->arena, views[i], &q_fields[i], &fv[i], 0);
    v.types = dpg_choice_options(r->arena, document_type_codes, document_type_label, fv[Q_TYPE].str, &v.ntypes);
    v.can_create = directive_can_edit_document(db_thread(), r->user, dpg_home_unit(r->user)) == 1;
    v.csv_href = arena_printf(r->arena, "/documents.csv?q=%s&type=%s", fv[Q_Q].raw ? fv[Q_Q].raw : "",
                              fv[Q_TYPE].raw ? fv[Q_TYPE].raw : "");
    struct page pg;
    page_init(&pg, r, _("Documents"));
    pg.nav = "documents";
    tpl_directive_doc_list(&r->out, &pg, &v);
}

/* GET /documents */
void directive_page_documents(dv_req *r) { document_list(r, 0); }
/* GET /documents.csv */
void directive_page_documents_csv(dv_req *r) { document_list(r, 1); }

enum { F_NUMBER, F_SYMBOL, F_TYPE, F_ISSUER, F_ISSUER_NAME, F_SIGNER, F_POSITION, F_TITLE, F_ISSUED, F_EFFECTIVE,
       F_EXPIRED, F_SUMMARY, F_TEXT, F_N };
static const struct input_field d_fields[F_N] = {
    [F_NUMBER] = {"number", IN_INT, 0, 1, 999999, NULL, FK_NUMBER, N_("Number"), N_("As the issuer numbered it, e.g. 1406."), NULL},
    [F_SYMBOL] = {"symbol", IN_TEXT, 1, 1, 60, NULL, FK_TEXT, N_("Symbol"), N_("e.g. QĐ/TU, KH-BDVTU."), NULL},
    [F_TYPE] = {"doc_type", IN_CHOICE, 1, 0, 0, document_type_codes, FK_SELECT, N_("Type"), NULL, NULL},
    [F_ISSUER] = {"issuer_unit_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Issuing unit"), NULL, NULL},
    [F_ISSUER_NAME] = {"issuer_name", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Issuing body outside the tree"), N_("e.g. Bộ Chính trị."), NULL},
    [F_SIGNER] = {"signer", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Signer"), NULL, NULL},
    [F_POSITION] = {"signer_position", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Signer's position"), NULL, NULL},
    [F_TITLE] = {"title", IN_TEXT, 1, 1, 500, NULL, FK_TEXT, N_("Title"), N_("Its trích yếu."), NULL},
    [F_ISSUED] = {"issued_on", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Issued on"), N_("dd/mm/yyyy"), NULL},
    [F_EFFECTIVE] = {"effective_on", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Effective from"), N_("dd/mm/yyyy"), NULL},
    [F_EXPIRED] = {"expired_on", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Expired on"), N_("dd/mm/yyyy"), NULL},
    [F_SUMMARY] = {"summary", IN_MULTILINE, 0, 0, 4000, NULL, FK_TEXTAREA, N_("Summary"), NULL, NULL},
    [F_TEXT] = {"text", IN_MULTILINE, 0, 0, 200000, NULL, FK_TEXTAREA, N_("Text of the document"), N_("Pasted text, searched without diacritics (for a PDF)."), NULL},
};

static void form_render(dv_req *r, const struct input_value *fv, const char *general, int status)
{
    struct dir_doc_form_view v;
    memset(&v, 0, sizeof v);
    for (int i = 0; i < F_N; i++) field_of(r->arena, &v.f[i], &d_fields[i], fv ? &fv[i] : NULL, FIELD_MARKED);
    v.nf = F_N;
    if (general) field_fail(r->arena, &v.f[F_TITLE], general);
    v.types = dpg_choice_options(r->arena, document_type_codes, document_type_label, fv ? fv[F_TYPE].str : "KH", &v.ntypes);
    struct option_view *units = NULL;
    dpg_unit_options(r, fv ? fv[F_ISSUER].num : r->user->unit_id, &units, &v.nunits);
    v.units = units;
    for (int i = 0; i < F_N; i++) field_collect(&v.f[i], v.errors, &v.nerrors, 14);
    struct page pg;
    page_init(&pg, r, _("Register a document"));
    pg.nav = "documents";
    r->status = status;
    tpl_directive_doc_form(&r->out, &pg, &v);
}

/* GET /documents/new */
void directive_page_document_new(dv_req *r)
{
    if (directive_can_edit_document(db_thread(), r->user, dpg_home_unit(r->user)) != 1 &&
        directive_can_edit_document(db_thread(), r->user, r->user->unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    form_render(r, NULL, NULL, 200);
}

/* The uploaded file's searchable text: DOCX read, PDF and others from the pasted text. */
static void file_text(dv_req *r, const struct dv_kv *up, const char *typed, const char **text, const char **source)
{
    *text = typed && typed[0] ? typed : "";
    *source = typed && typed[0] ? "typed" : "none";
    if (!up || !up->len) return;
    const char *t = NULL;
    if (document_docx_text(r->arena, up->value, up->len, &t) == DV_OK && t[0]) {
        *text = t;
        *source = "docx";
    }
}

/* POST /documents */
void directive_page_document_create(dv_req *r)
{
    struct input_value fv[F_N];
    int bad = input_form(r, d_fields, F_N, fv);
    dv_db *db = db_thread();
    int64_t issuer = fv[F_ISSUER].present ? fv[F_ISSUER].num : 0;
    if (directive_can_edit_document(db, r->user, issuer) != 1) {
        if (bad || directive_can_use(r->user)) {
            form_render(r, fv, _("You may not register documents of this unit."), 403);
            return;
        }
        res_error(r, 403);
        return;
    }
    if (bad) {
        form_render(r, fv, NULL, 422);
        return;
    }
    struct document_input in = {fv[F_NUMBER].present ? fv[F_NUMBER].num : 0, fv[F_SYMBOL].str, NULL,
                                fv[F_TYPE].str, issuer, fv[F_ISSUER_NAME].str, fv[F_SIGNER].str,
                                fv[F_POSITION].str, fv[F_TITLE].str, fv[F_SUMMARY].str, fv[F_ISSUED].str,
                                fv[F_EFFECTIVE].present ? fv[F_EFFECTIVE].str : NULL,
                                fv[F_EXPIRED].present ? fv[F_EXPIRED].str : NULL};
    if (!fv[F_NUMBER].present) in.code = fv[F_SYMBOL].str;
    int64_t id = 0;
    int rc = document_create(db, r->user, &in, &id);
    if (rc == DV_EINVAL) {
        form_render(r, fv, _("Check the dates and the issuer: a document needs an issuing unit or body, and expires after it is issued."), 422);
        return;
    }
    const struct dv_kv *up = req_upload(r, "file");
    const char *text, *source;
    file_text(r, up, fv[F_TEXT].str, &text, &source);
    if (rc == DV_OK && (up && up->len ? 1 : strcmp(source, "none") != 0))
        rc = document_file_set(db, r->user, id, up && up->filename && up->filename[0] ? up->filename : "text.txt",
                               up && up->content_type ? up->content_type : "text/plain", up ? up->value : NULL,
                               up ? up->len : 0, text, source);
    if (rc) {
        log_error("registering a document failed: %s", dv_strerror(rc));
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "The document has been registered.");
    res_redirect(r, arena_printf(r->arena, "/documents/%lld", (long long)id));
}

/* GET /documents/:id/file */
void directive_page_document_file(dv_req *r)
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
    if (directive_can_read_unit(db, r->user, d.issuer_unit_id) != 1) {
        res_error(r, 403);
        return;
    }
    const char *name, *mime;
    const void *data;
    size_t len;
    rc = document_file_get(db, r->arena, id, &name, &mime, &data, &len);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    dpg_send_file(r, mime, name, data, len);
}
