/* inspection_doc.c - the conclusion notice (thông báo kết luận) of an inspection as an
 * official document, DOCX and PDF, in the inspecting unit's layout (report/document's one
 * layout model: 36-HD/VPTW for a Party body), with its number as issued. Always Vietnamese. */
#include "review/review_pages_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "review/review_routes.h"
#include "text/text.h"

#include <string.h>

static const char *vi_role(const char *role)
{
    if (!role) return "";
    if (strcmp(role, "head") == 0) return "Trưởng đoàn";
    if (strcmp(role, "deputy") == 0) return "Phó Trưởng đoàn";
    if (strcmp(role, "secretary") == 0) return "Thư ký";
    return "Thành viên";
}

static const char *team_text(dv_req *r, dv_db *db, const struct inspection *i)
{
    struct insp_member *m = NULL;
    size_t n = 0;
    review_members(db, r->arena, i->id, &m, &n);
    dv_buf b = {0};
    for (size_t k = 0; k < n; k++)
        buf_printf(&b, "%s%s: %s%s%s", k ? "\n" : "", vi_role(m[k].role), m[k].name, *m[k].position ? ", " : "",
                   m[k].position);
    const char *s = arena_strdup(r->arena, b.len ? b.data : "Chưa có thành viên.");
    buf_free(&b);
    return s;
}

static const char *findings_text(dv_req *r, dv_db *db, const struct inspection *i)
{
    struct insp_finding *f = NULL;
    size_t n = 0;
    review_findings(db, r->arena, i->id, &f, &n);
    dv_buf b = {0};
    for (size_t k = 0; k < n; k++) buf_printf(&b, "%s%zu. %s", k ? "\n" : "", k + 1, f[k].text);
    const char *s = arena_strdup(r->arena, b.len ? b.data : "Không có.");
    buf_free(&b);
    return s;
}

static const char *recs_text(dv_req *r, dv_db *db, const struct inspection *i)
{
    struct insp_rec *c = NULL;
    size_t n = 0;
    review_recs(db, r->arena, i->id, &c, &n);
    dv_buf b = {0};
    for (size_t k = 0; k < n; k++)
        buf_printf(&b, "%s%zu. %s (đơn vị chủ trì: %s; thời hạn: %s).", k ? "\n" : "", k + 1, c[k].text, c[k].lead_name,
                   text_date_dmy(r->arena, c[k].deadline));
    const char *s = arena_strdup(r->arena, b.len ? b.data : "Không có kiến nghị.");
    buf_free(&b);
    return s;
}

static void build(dv_req *r, dv_db *db, const struct inspection *i, struct doc_model *m)
{
    struct doc_unit_names nm;
    struct doc_source src = {0};
    if (doc_store_unit_names(db, r->arena, i->unit_id, i->ended_on, &nm) == 0) {
        src.unit_type = nm.type;
        src.unit_name = nm.name;
        src.parent_name = nm.parent_name;
        src.parent_type = nm.parent_type;
    } else {
        src.unit_type = "party_commission";
        src.unit_name = i->unit_name;
    }
    src.body = DOC_BODY_UNIT;
    src.date_iso = i->ended_on;
    src.doc_type = "TB";
    src.number = i->conclusion_number;
    struct insp_subject *s = NULL;
    size_t ns = 0;
    review_subjects(db, r->arena, i->id, &s, &ns);
    const char **rcp = arena_alloc(r->arena, (ns + 2) * sizeof *rcp);
    size_t nr = 0;
    for (size_t k = 0; k < ns; k++) rcp[nr++] = s[k].name;
    src.recipients = rcp;
    src.nrecipients = nr;
    struct doc_section *sec = arena_alloc(r->arena, 5 * sizeof *sec);
    const char *kind = strcmp(i->kind, "supervision") == 0 ? "giám sát" : "kiểm tra";
    const char *dec = i->decision_number ? rv_doc_number(r, db, i->unit_id, "QĐ", i->decision_number, i->decision_date) : "";
    sec[0] = (struct doc_section){NULL,
                                  arena_printf(r->arena,
                                               "Thực hiện Quyết định %s ngày %s, Đoàn %s đã tiến hành %s %s, thời kỳ từ %s đến %s. "
                                               "Sau khi xem xét báo cáo của đoàn, %s kết luận như sau:",
                                               dec + (strncmp(dec, "Số ", 4) == 0 ? 4 : strncmp(dec, "Số: ", 5) == 0 ? 5 : 0),
                                               text_date_dmy(r->arena, i->decision_date), kind, kind, i->content && *i->content ? i->content : i->title,
                                               text_date_dmy(r->arena, i->period_from), text_date_dmy(r->arena, i->period_to),
                                               i->unit_name)};
    sec[1] = (struct doc_section){"I. THÀNH PHẦN ĐOÀN", team_text(r, db, i)};
    sec[2] = (struct doc_section){"II. KẾT QUẢ", findings_text(r, db, i)};
    sec[3] = (struct doc_section){"III. KẾT LUẬN", i->conclusion_text};
    sec[4] = (struct doc_section){"IV. KIẾN NGHỊ", recs_text(r, db, i)};
    src.sections = sec;
    src.nsections = 5;
    src.subject = arena_printf(r->arena, "Kết luận %s: %s", kind, i->title);
    doc_model_build(r->arena, &src, m);
    m->title = "THÔNG BÁO KẾT LUẬN";
}

static void send(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    struct inspection i;
    if (rv_load_inspection(r, db, 0, &i)) return;
    if (!i.conclusion_number) {
        res_error(r, 404);
        return;
    }
    struct doc_model m;
    build(r, db, &i, &m);
    int rc = pdf ? doc_render_pdf(&m, &r->out) : doc_render_docx(&m, &r->out);
    if (rc) {
        buf_reset(&r->out);
        res_error(r, 500);
        return;
    }
    r->status = 200;
    r->content_type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    res_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"ket-luan-%lld.%s\"", (long long)i.id, pdf ? "pdf" : "docx"));
}

void review_page_conclusion_docx(dv_req *r)
{
    send(r, 0);
}

void review_page_conclusion_pdf(dv_req *r)
{
    send(r, 1);
}
