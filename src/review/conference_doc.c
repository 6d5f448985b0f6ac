/* conference_doc.c - the invitation letter (giấy mời) of each invitee as DOCX and PDF in the
 * organiser's layout (report/document's layout model: 36-HD/VPTW for a Party body), with the
 * attendance code; numbered once for the conference (type GM) when the staff issue them (a
 * download never writes). */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "report/document/doc_model.h"
#include "report/document/doc_store.h"
#include "review/conference.h"
#include "review/conference_pages.h"
#include "review/review_routes.h"
#include "text/text.h"

#include <string.h>

static const char *agenda_text(dv_req *r, dv_db *db, const struct conference *c)
{
    struct conf_agenda_item *g = NULL;
    size_t n = 0;
    conf_agenda(db, r->arena, c->id, &g, &n);
    if (!n) return NULL;
    dv_buf b = {0};
    for (size_t k = 0; k < n; k++)
        buf_printf(&b, "%s- %s – %s: %s%s%s", k ? "\n" : "", g[k].starts_at, g[k].ends_at, g[k].title, *g[k].presenter ? " (" : "",
                   *g[k].presenter ? arena_printf(r->arena, "%s)", g[k].presenter) : "");
    const char *s = arena_strdup(r->arena, b.data);
    buf_free(&b);
    return s;
}

static void build(dv_req *r, dv_db *db, const struct conference *c, const struct conf_invitee *iv, int64_t number,
                  const char *date, struct doc_model *m)
{
    struct doc_unit_names nm;
    struct doc_source src = {0};
    if (doc_store_unit_names(db, r->arena, c->unit_id, date, &nm) == 0) {
        src.unit_type = nm.type;
        src.unit_name = nm.name;
        src.parent_name = nm.parent_name;
        src.parent_type = nm.parent_type;
    } else {
        src.unit_type = "party_commission";
        src.unit_name = c->unit_name;
    }
    src.body = DOC_BODY_UNIT;
    src.date_iso = date;
    src.doc_type = "GM";
    src.number = number;
    const char **rcp = arena_alloc(r->arena, 2 * sizeof *rcp);
    rcp[0] = iv->name;
    src.recipients = rcp;
    src.nrecipients = 1;
    struct doc_section *sec = arena_alloc(r->arena, 6 * sizeof *sec);
    size_t ns = 0;
    sec[ns++] = (struct doc_section){NULL, arena_printf(r->arena, "%s trân trọng kính mời: %s%s%s", c->unit_name, iv->name,
                                                        *iv->position ? ", " : "", iv->position)};
    sec[ns++] = (struct doc_section){NULL, arena_printf(r->arena, "Dự %s.", c->title)};
    int y = 0, mo = 0, d = 0;
    text_date_parse(c->held_on, &y, &mo, &d);
    sec[ns++] = (struct doc_section){NULL, arena_printf(r->arena, "Thời gian: %s, ngày %02d/%02d/%d.", c->starts_at, d, mo, y)};
    sec[ns++] = (struct doc_section){NULL, arena_printf(r->arena, "Địa điểm: %s.", c->place)};
    const char *ag = agenda_text(r, db, c);
    if (ag) sec[ns++] = (struct doc_section){"Chương trình", ag};
    sec[ns++] = (struct doc_section){NULL, arena_printf(r->arena,
                                                        "Mã điểm danh của đại biểu: %s (xuất trình khi đến dự hội nghị). Rất mong đại biểu đến dự đúng giờ.",
                                                        iv->code)};
    src.sections = sec;
    src.nsections = ns;
    src.subject = c->title;
    doc_model_build(r->arena, &src, m);
    m->title = "GIẤY MỜI";
}

static void send(dv_req *r, int pdf)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 0, &c)) return;
    int64_t iid = input_path_id(r, "iid");
    if (!iid) return;
    struct conf_invitee iv;
    int rc = conf_invitee_get(db, r->arena, c.id, iid, &iv);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    int64_t number = c.invitation_number; /* 0 until issued: "Số    -GM/…" */
    char today[11];
    clock_vn_today(today);
    const char *date = number ? c.invitation_date : arena_strdup(r->arena, today);
    struct doc_model m;
    build(r, db, &c, &iv, number, date, &m);
    rc = pdf ? doc_render_pdf(&m, &r->out) : doc_render_docx(&m, &r->out);
    if (rc) {
        buf_reset(&r->out);
        res_error(r, 500);
        return;
    }
    r->status = 200;
    r->content_type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    res_header(r, "Content-Disposition",
               arena_printf(r->arena, "attachment; filename=\"giay-moi-%lld.%s\"", (long long)iid, pdf ? "pdf" : "docx"));
}

void review_page_invitation_docx(dv_req *r)
{
    send(r, 0);
}

void review_page_invitation_pdf(dv_req *r)
{
    send(r, 1);
}

void review_page_invitations_issue(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 1, &c)) return;
    char today[11];
    clock_vn_today(today);
    int64_t number = 0;
    int rc = conf_invitation_number(db, r->user, c.id, today, rv_series(r, db, c.unit_id, today), &number);
    rv_acted(r, rc, rv_conf_href(r, c.id), _("The invitation letters could not be numbered."));
}
