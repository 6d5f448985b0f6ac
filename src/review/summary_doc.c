/* summary_doc.c - the N-year summary report as an official document, DOCX and PDF, in the
 * issuer's layout (36-HD/VPTW for a Party body, through report/document's layout model):
 * the narrative of the issued (else the latest) version in the outline's parts, the table of
 * the data per year, the chart of its rates and the appendix per unit; numbered once issued.
 * Always Vietnamese. */
#include "review/review_pages_int.h"

#include "core/err.h"
#include "db/db.h"
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "review/review_routes.h"
#include "review/summary.h"
#include "review/summary_pages.h"
#include "text/decimal.h"

#include <string.h>

static const char *pct(dv_arena *a, long part, long whole)
{
    if (whole <= 0) return "-";
    return arena_printf(a, "%s%%", rv_dec(a, 100.0 * (double)part / (double)whole, DEC_VI));
}

static const char *num(dv_arena *a, long n)
{
    return rv_dec(a, (double)n, DEC_VI);
}

#define YEAR_ROWS 12

static struct doc_row *year_rows(dv_arena *a, const struct summary_data *d, size_t *n)
{
    struct doc_row *rows = arena_alloc(a, (d->nyears * YEAR_ROWS + 1) * sizeof *rows);
    size_t k = 0;
    for (size_t i = 0; i < d->nyears; i++) {
        const struct summary_year *y = &d->years[i];
        rows[k++] = (struct doc_row){arena_printf(a, "%zu", i + 1), arena_printf(a, "Năm %d", y->year), "", "", 0, 0};
        rows[k++] = (struct doc_row){"-", "Văn bản được ban hành, đăng ký", "văn bản", num(a, y->documents), 1, 0};
        rows[k++] = (struct doc_row){"-", "Văn bản cụ thể hóa (số ngày chậm bình quân)", "văn bản",
                                     y->concretized ? arena_printf(a, "%ld (%s ngày)", y->concretized,
                                                                   rv_dec(a, (double)y->concretize_days_sum / (double)y->concretized, DEC_VI))
                                                    : "0", 1, 0};
        rows[k++] = (struct doc_row){"-", "Báo cáo đã nhận / phải gửi", "báo cáo",
                                     arena_printf(a, "%ld/%ld (%s)", y->received, y->expected, pct(a, y->received, y->expected)), 1, 0};
        rows[k++] = (struct doc_row){"-", "Tỷ lệ báo cáo đúng hạn", "%", pct(a, y->on_time, y->expected), 1, 0};
        rows[k++] = (struct doc_row){"-", "Cuộc kiểm tra, giám sát (đã kết luận)", "cuộc", arena_printf(a, "%ld (%ld)", y->inspections, y->concluded), 1, 0};
        rows[k++] = (struct doc_row){"-", "Kiến nghị sau kiểm tra đã thực hiện / tổng số", "kiến nghị",
                                     arena_printf(a, "%ld/%ld", y->recommendations_done, y->recommendations), 1, 0};
        rows[k++] = (struct doc_row){"-", "Buổi học tập, quán triệt đã tổ chức", "buổi", num(a, y->sessions), 1, 0};
        rows[k++] = (struct doc_row){"-", "Lượt người tham dự / được triệu tập", "lượt người",
                                     arena_printf(a, "%s/%s (%s)", num(a, y->attended), num(a, y->invited), pct(a, y->attended, y->invited)), 1, 0};
        rows[k++] = (struct doc_row){"-", "Đơn vị có cán bộ phụ trách công tác dân vận (31/12)", "đơn vị",
                                     arena_printf(a, "%s/%s (%s)", num(a, y->units_with_cadre), num(a, y->units), pct(a, y->units_with_cadre, y->units)), 1, 0};
        rows[k++] = (struct doc_row){"-", "Kiến nghị, phản ánh đã giải quyết / tiếp nhận", "vụ việc",
                                     arena_printf(a, "%s/%s", num(a, y->petitions_resolved), num(a, y->petitions)), 1, 0};
        rows[k++] = (struct doc_row){"-", "Cuộc đối thoại với Nhân dân; mô hình \"Dân vận khéo\" (được công nhận hiệu quả)", "cuộc; mô hình",
                                     arena_printf(a, "%s; %s (%s)", num(a, y->dialogues), num(a, y->models), num(a, y->models_effective)), 1, 0};
    }
    *n = k;
    return rows;
}

static const char *appendix(dv_arena *a, const struct summary_data *d)
{
    dv_buf b = {0};
    for (size_t k = 0; k < d->nunits; k++) {
        const struct summary_unit_row *u = &d->units[k];
        buf_printf(&b, "%s%zu. %s: đã gửi %ld/%ld báo cáo, đúng hạn %s; được kiểm tra, giám sát %ld lần", k ? "\n" : "", k + 1,
                   u->name, u->received, u->expected, pct(a, u->on_time, u->expected), u->inspected);
        if (u->concretize_days >= 0) buf_printf(&b, "; ban hành văn bản cụ thể hóa sau %ld ngày", u->concretize_days);
        else if (u->concretize_days == -1) buf_puts(&b, "; chưa ban hành văn bản cụ thể hóa");
        if (u->sessions)
            buf_printf(&b, "; %s buổi học tập, quán triệt, %s/%s lượt người tham dự (%s)", num(a, u->sessions), num(a, u->attended),
                       num(a, u->invited), pct(a, u->attended, u->invited));
        else buf_puts(&b, "; chưa tổ chức buổi học tập, quán triệt");
        buf_puts(&b, u->has_cadre ? "; có cán bộ phụ trách công tác dân vận" : "; chưa có cán bộ phụ trách công tác dân vận");
        if (u->petitions) buf_printf(&b, "; giải quyết %s/%s kiến nghị, phản ánh", num(a, u->petitions_resolved), num(a, u->petitions));
        if (u->dialogues) buf_printf(&b, "; %s cuộc đối thoại với Nhân dân", num(a, u->dialogues));
        if (u->models) buf_printf(&b, "; %s mô hình \"Dân vận khéo\"", num(a, u->models));
        buf_putc(&b, '.');
    }
    const char *s = arena_strdup(a, b.data ? b.data : "Chưa có số liệu theo đơn vị.");
    buf_free(&b);
    return s;
}

/* The chart of the rates over the years, in Vietnamese. */
static const struct doc_chart *rates_chart(dv_arena *a, const struct summary_data *d)
{
    struct doc_chart *c = arena_alloc(a, sizeof *c);
    memset(c, 0, sizeof *c);
    c->title = "Biểu đồ: các tỷ lệ qua các năm (%)";
    c->nx = d->nyears < DOC_CHART_POINTS ? d->nyears : DOC_CHART_POINTS;
    for (size_t i = 0; i < c->nx; i++) c->xlabels[i] = arena_printf(a, "%d", d->years[i].year);
    for (int k = 0; k < SR_N && k < DOC_CHART_SERIES; k++) {
        struct doc_chart_series *s = &c->series[c->nseries++];
        s->label = summary_rate_labels_vi[k];
        s->rgb = summary_rate_rgb[k];
        for (size_t i = 0; i < c->nx; i++) s->values[i] = summary_rate(&d->years[i], (enum summary_rate_kind)k);
    }
    return c;
}

/* Builds the model of summary s (its data d, the narrative v). */
void rv_summary_model(dv_req *r, dv_db *db, const struct summary *s, const struct summary_data *d,
                      const struct summary_version *v, struct doc_model *m)
{
    struct doc_unit_names nm;
    const char *date = s->issued_on ? s->issued_on : arena_printf(r->arena, "%d-12-31", s->to_year);
    struct doc_source src = {0};
    if (doc_store_unit_names(db, r->arena, s->unit_id, date, &nm) == 0) {
        src.unit_type = nm.type;
        src.unit_name = nm.name;
        src.parent_name = nm.parent_name;
        src.parent_type = nm.parent_type;
    } else {
        src.unit_type = "party_commission";
        src.unit_name = s->unit_name;
    }
    src.body = DOC_BODY_UNIT;
    src.date_iso = date;
    src.doc_type = "BC";
    src.number = s->number;
    src.subject = s->title;
    struct doc_section *sec = arena_alloc(r->arena, (SUMMARY_PARTS + 4) * sizeof *sec);
    size_t n = 0;
    sec[n++] = (struct doc_section){NULL, arena_printf(r->arena, "%s báo cáo tổng kết giai đoạn %d - %d như sau:", s->unit_name,
                                                       s->from_year, s->to_year)};
    for (int k = 0; k < SUMMARY_PARTS; k++)
        sec[n++] = (struct doc_section){summary_part_titles[k], v && *v->parts[k] ? v->parts[k] : "(Chưa có nội dung.)"};
    src.sections = sec;
    src.nsections = n;
    size_t nrows = 0;
    src.rows = year_rows(r->arena, d, &nrows);
    src.nrows = nrows;
    doc_model_build(r->arena, &src, m);
    m->table_caption = "SỐ LIỆU QUA CÁC NĂM";
    m->chart = rates_chart(r->arena, d);
    struct doc_section *ann = arena_alloc(r->arena, sizeof *ann);
    *ann = (struct doc_section){"PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ", appendix(r->arena, d)};
    m->annexes = ann;
    m->nannexes = 1;
}

static void send(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    struct summary s;
    if (rv_load_summary(r, db, 0, &s)) return;
    struct summary_data d;
    struct summary_version *vs = NULL, *v = NULL, one;
    size_t nv = 0;
    if (summary_data_load(db, r->arena, &s, rv_scope_root(r, db), &d) || summary_versions(db, r->arena, s.id, &vs, &nv)) {
        res_error(r, 500);
        return;
    }
    if (s.issued_version && summary_version_get(db, r->arena, s.id, s.issued_version, &one) == 0) v = &one;
    else if (nv) v = &vs[0];
    struct doc_model m;
    rv_summary_model(r, db, &s, &d, v, &m);
    int rc = pdf ? doc_render_pdf(&m, &r->out) : doc_render_docx(&m, &r->out);
    if (rc) {
        buf_reset(&r->out);
        res_error(r, 500);
        return;
    }
    r->status = 200;
    r->content_type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    res_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"bao-cao-tong-ket-%lld.%s\"", (long long)s.id, pdf ? "pdf" : "docx"));
}

void review_page_summary_docx(dv_req *r)
{
    send(r, 0);
}

void review_page_summary_pdf(dv_req *r)
{
    send(r, 1);
}
