/* review_demo.c - the demo's inspection, review and summary data (src/review/), above all the
 * seed article's event: the provincial Standing Board's conference reviewing ten years of
 * 290-QĐ/TW (28/05/2020, Hội trường Tỉnh ủy) with its invitees, agenda, six presentations,
 * attendance, minutes, conclusions (tasks), awards and the draft article; plus this year's
 * inspection plan of the Ban Dân vận (one inspection concluded with its recommendations, one
 * past its legal length) and the ten-year summary report on the 6-month regime.
 * Simplification: the event is held by today's bodies of the merged province (the closed
 * pre-2025 bodies belong to another root, which the demo's staff cannot see). */
#include "demo/review_demo.h"

#include "core/clock.h"
#include "core/err.h"
#include "directive/directive.h"
#include "org/unit.h"
#include "report/regime/regime.h"
#include "review/conference.h"
#include "review/review.h"
#include "review/summary.h"

#include <stdio.h>
#include <string.h>

static int64_t unit_of(dv_db *db, const char *code)
{
    int64_t id = 0;
    return unit_store_find_open_code(db, code, &id) == 0 ? id : 0;
}

/* The registry's 290-QĐ/TW (created when the directives' demo has not). */
static int64_t doc_290(dv_db *db, dv_arena *a)
{
    struct document_filter f = {.query = "290-QĐ/TW", .limit = 5};
    struct document *d = NULL;
    size_t n = 0, total = 0;
    if (document_search(db, a, &f, &d, &n, &total) == 0)
        for (size_t k = 0; k < n; k++)
            if (strcmp(d[k].code, "290-QĐ/TW") == 0) return d[k].id;
    struct document_input in = {.number = 290, .symbol = "QĐ/TW", .code = "290-QĐ/TW", .doc_type = "QD",
                                .issuer_name = "Bộ Chính trị (khóa X)", .signer = "Trương Tấn Sang",
                                .signer_position = "Thường trực Ban Bí thư",
                                .title = "Ban hành Quy chế công tác dân vận của hệ thống chính trị", .summary = "",
                                .issued_on = "2010-02-25"};
    int64_t id = 0;
    return document_create(db, NULL, &in, &id) == 0 ? id : 0;
}

struct pres { const char *code, *author, *title, *mode; };
static const struct pres presentations[6] = {
    {"96-MTTQ", "Đại diện Ủy ban MTTQ Việt Nam tỉnh", "Mặt trận phát huy vai trò giám sát, phản biện xã hội trong thực hiện Quy chế", "spoken"},
    {"96-UBND", "Đại diện Ủy ban nhân dân tỉnh", "Chính quyền các cấp thực hiện công tác dân vận gắn với cải cách hành chính", "spoken"},
    {"96-HND", "Đại diện Hội Nông dân tỉnh", "Hội Nông dân vận động hội viên tham gia xây dựng nông thôn mới", "spoken"},
    {"96-HLHPN", "Đại diện Hội Liên hiệp Phụ nữ tỉnh", "Nhân rộng các mô hình \"Dân vận khéo\" trong phụ nữ", "written"},
    {"96-TD", "Đại diện Tỉnh đoàn", "Đoàn viên thanh niên xung kích trong công tác dân vận", "written"},
    {"96-HCCB", "Đại diện Hội Cựu chiến binh tỉnh", "Cựu chiến binh gương mẫu tham gia hòa giải ở cơ sở", "spoken"},
};

static int conference(dv_db *db, dv_arena *a, int64_t btv, int64_t doc)
{
    struct conf_input in = {btv, doc, 0, 0, 0, "final",
                            "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW của Bộ Chính trị về Quy chế công tác dân vận",
                            "2020-05-28", "07:30", "Hội trường Tỉnh ủy", "Đồng chí Trần Thắng, Phó Bí thư Thường trực Tỉnh ủy", 10, 0};
    int64_t id = 0, iid = 0;
    int rc = conf_create(db, NULL, &in, &id);
    static const char *const people[][2] = {{"Trần Thắng", "Phó Bí thư Thường trực Tỉnh ủy"},
                                            {"Lê Văn Bảo", "Tỉnh ủy viên, Trưởng Ban Dân vận Tỉnh ủy"},
                                            {"Nguyễn Tiến Hoàng", "Phó Chủ tịch Ủy ban nhân dân tỉnh"}};
    for (size_t k = 0; !rc && k < 3; k++) {
        rc = conf_invitee_add(db, NULL, id, 0, people[k][0], people[k][1], &iid);
        if (!rc) rc = conf_checkin_staff(db, NULL, id, iid);
    }
    for (size_t k = 0; !rc && k < 6; k++) {
        int64_t u = unit_of(db, presentations[k].code);
        rc = conf_invitee_add(db, NULL, id, u, NULL, "Lãnh đạo đơn vị", &iid);
        if (!rc && k != 4) rc = conf_checkin_staff(db, NULL, id, iid);
        if (!rc) rc = conf_presentation_add(db, NULL, id, presentations[k].author, u, presentations[k].title, presentations[k].mode,
                                            NULL, NULL, NULL, 0);
    }
    if (!rc) rc = conf_agenda_add(db, NULL, id, "07:30", "07:45", "Khai mạc, giới thiệu đại biểu", "Ban Dân vận Tỉnh ủy");
    if (!rc) rc = conf_agenda_add(db, NULL, id, "07:45", "08:30", "Báo cáo tổng kết 10 năm thực hiện Quy chế", "Đồng chí Lê Văn Bảo");
    if (!rc) rc = conf_agenda_add(db, NULL, id, "08:30", "10:30", "Tham luận của các tổ chức, đơn vị", "");
    if (!rc) rc = conf_agenda_add(db, NULL, id, "10:30", "11:00", "Phát biểu kết luận", "Đồng chí Trần Thắng");
    if (!rc) rc = conf_minutes_set(db, NULL, id, "Hội nghị khai mạc lúc 7 giờ 30 tại Hội trường Tỉnh ủy; nghe báo cáo tổng kết và 6 tham luận; "
                                            "đồng chí Phó Bí thư Thường trực Tỉnh ủy phát biểu kết luận.", "Ban Dân vận Tỉnh ủy");
    if (!rc) rc = conf_conclusion_add(db, a, NULL, id, "Kịp thời ban hành văn bản cụ thể hóa Quy chế công tác dân vận",
                                      unit_of(db, "96-UBND"), "2020-09-30", NULL);
    if (!rc) rc = conf_conclusion_add(db, a, NULL, id, "Tăng cường kiểm tra, giám sát, sơ kết việc thực hiện Quy chế",
                                      unit_of(db, "96-TU-BDV"), "2020-12-31", NULL);
    struct award_input aw = {id, unit_of(db, "96-MTTQ"), "collective", NULL,
                             "Có thành tích xuất sắc trong 10 năm thực hiện Quy chế công tác dân vận", "Bằng khen", "125-QĐ/TU", "2020-05-28"};
    if (!rc) rc = award_add(db, a, NULL, &aw, NULL);
    if (!rc)
        rc = conf_close(db, NULL, id, "2020-05-28", "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW",
                        "Sáng ngày 28 tháng 5 năm 2020 tại Hội trường Tỉnh ủy, Ban Thường vụ Tỉnh ủy tổ chức Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW của Bộ Chính trị.",
                        "Tại hội nghị đã có 6 tham luận của các tổ chức, đơn vị làm rõ thêm kết quả thực hiện, kinh nghiệm rút ra và các giải pháp tiếp tục thực hiện Quy chế công tác dân vận của hệ thống chính trị trên địa bàn tỉnh.",
                        "Ban Dân vận Tỉnh ủy");
    return rc;
}

static int inspections(dv_db *db, dv_arena *a, int64_t bdv)
{
    int year = clock_vn_year();
    int64_t plan = 0, item = 0, ins = 0, subject = unit_of(db, "96-UBND"), mttq = unit_of(db, "96-MTTQ");
    int rc = review_plan_create(db, NULL, bdv, year, arena_printf(a, "Kế hoạch kiểm tra, giám sát năm %d", year), &plan);
    struct insp_plan_item_input it = {"inspection", "Việc thực hiện Quy chế công tác dân vận",
                                      arena_printf(a, "%d-01-01", year - 2), arena_printf(a, "%d-12-31", year - 1), subject, 3};
    if (!rc) rc = review_plan_item_add(db, NULL, plan, &it, &item);
    struct inspection_input in = {bdv, item, "inspection", "province", "Kiểm tra Ủy ban nhân dân tỉnh", it.content, it.period_from,
                                  it.period_to, &subject, 1};
    if (!rc) rc = review_inspection_create(db, NULL, &in, &ins);
    const char *series = "2025-2030";
    if (!rc) rc = review_inspection_decide(db, a, NULL, ins, arena_printf(a, "%d-03-02", year), series, NULL);
    if (!rc) rc = review_inspection_start(db, NULL, ins, arena_printf(a, "%d-03-09", year));
    if (!rc) rc = review_member_add(db, NULL, ins, "head", "Lê Thị Thu Hà", "Phó Trưởng Ban Dân vận Tỉnh ủy");
    if (!rc) rc = review_member_add(db, NULL, ins, "secretary", "Trần Văn Bình", "Chuyên viên");
    if (!rc) rc = review_finding_add(db, NULL, ins, "Một số sở chưa ban hành văn bản cụ thể hóa Quy chế.", NULL, NULL, NULL, 0);
    if (!rc) rc = review_inspection_draft(db, NULL, ins, "Cần ban hành kế hoạch thực hiện Quy chế trong quý II.");
    if (!rc) rc = review_inspection_conclude(db, a, NULL, ins, arena_printf(a, "%d-04-10", year), series, NULL);
    if (!rc) rc = review_rec_add(db, a, NULL, ins, "Ban hành kế hoạch thực hiện Quy chế công tác dân vận", subject,
                                 arena_printf(a, "%d-06-30", year), NULL);
    /* a second one, past its legal length */
    struct inspection_input in2 = {bdv, 0, "supervision", "province", "Giám sát Ủy ban MTTQ tỉnh", "Công tác giám sát, phản biện xã hội",
                                   it.period_from, it.period_to, &mttq, 1};
    if (!rc) rc = review_inspection_create(db, NULL, &in2, &ins);
    if (!rc) rc = review_inspection_decide(db, a, NULL, ins, arena_printf(a, "%d-08-03", year), series, NULL);
    if (!rc) rc = review_inspection_start(db, NULL, ins, arena_printf(a, "%d-08-10", year));
    return rc;
}

static int summary(dv_db *db, dv_arena *a, int64_t bdv, int64_t doc)
{
    struct regime *g = NULL;
    size_t n = 0;
    int64_t regime = 0;
    if (regime_store_list(db, a, &g, &n) == 0)
        for (size_t k = 0; k < n; k++)
            if (strcmp(g[k].code, "BC-QCDV-6T") == 0) regime = g[k].id;
    int year = clock_vn_year();
    struct summary_input in = {bdv, 0, doc, regime, "Tổng kết 10 năm thực hiện Quy chế công tác dân vận của hệ thống chính trị",
                               year - 9, year};
    int64_t id = 0;
    int rc = summary_create(db, NULL, &in, &id);
    const char *parts[SUMMARY_PARTS] = {
        "Ban Thường vụ Tỉnh ủy đã lãnh đạo, chỉ đạo triển khai thực hiện Quy chế công tác dân vận đến các cấp ủy, tổ chức đảng.",
        "Nhận thức của cấp ủy và các tổ chức trong hệ thống chính trị về vị trí, vai trò công tác dân vận từng bước được nâng lên.",
        ("Việc ban hành các văn bản cụ thể hóa ở một số cấp ủy, chính quyền chưa kịp thời; công tác kiểm tra, giám sát, sơ kết, "
         "tổng kết chưa thực hiện kịp thời; chế độ thông tin, báo cáo chưa thường xuyên."), /* one part: clang's fuzz build asks */
        "Cấp ủy quan tâm lãnh đạo, người đứng đầu gương mẫu; phát huy vai trò chủ thể của Nhân dân.",
        "Tiếp tục quán triệt, cụ thể hóa Quy chế; tăng cường kiểm tra, giám sát.",
        "Đề nghị Ban Dân vận Trung ương sớm hướng dẫn sơ kết, tổng kết theo Quy chế mới."};
    if (!rc) rc = summary_version_add(db, NULL, id, parts, "Dự thảo lần 1", NULL);
    return rc;
}

int review_demo_load(dv_db *db)
{
    dv_arena *a = arena_new();
    int64_t btv = unit_of(db, "96-TU-BTV"), bdv = unit_of(db, "96-TU-BDV");
    int rc = btv && bdv ? DV_OK : DV_ENOTFOUND;
    int64_t doc = rc ? 0 : doc_290(db, a);
    if (!rc && !doc) rc = DV_EDB;
    if (!rc) rc = conference(db, a, btv, doc);
    if (!rc) rc = inspections(db, a, bdv);
    if (!rc) rc = summary(db, a, bdv, doc);
    arena_free(a);
    return rc;
}
