/* citizen_demo.c - the demo's petitions, dialogues, reception days and Dân vận khéo models,
 * made through the citizens' area's own functions (as the public form and the staff would),
 * so each record has its history and audit rows. */
#include "demo/citizen_demo.h"

#include "citizen/citizen.h"
#include "citizen/dialogue.h"
#include "citizen/model.h"
#include "citizen/petition.h"
#include "core/clock.h"
#include "core/err.h"
#include "demo/seed_photo.h"
#include "org/unit.h"
#include "org/user_store.h"
#include "portal/media.h"
#include "report/regime/regime.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    dv_db *db;
    dv_arena *a;
    int64_t province, c1, c2, c3;
    const struct dv_user *bdv, *xa1;
    struct petition_category *cats;
    size_t ncats;
};

static const char *days_ago(dv_arena *a, int n)
{
    char t[11];
    clock_vn_date((long long)time(NULL) - (long long)n * 86400, t);
    return arena_strdup(a, t);
}

static const struct demo_petition {
    int cat, commune, ago;
    const char *content, *name, *phone, *summary, *answer;
    enum petition_status until;
} petitions[] = {
    {0, 1, 1, "Khu vực khóm 2 có cơ sở thu mua phế liệu đốt rác thải vào ban đêm, khói gây ô nhiễm cho các hộ xung quanh.",
     "Nguyễn Văn An", "0913 111 201", NULL, NULL, PS_RECEIVED},
    {4, 2, 16, "Đề nghị tăng cường tuần tra tại đoạn đường ven kênh vì thường xuyên xảy ra trộm cắp xe máy.", "Trần Thị Bé",
     "0918 222 302", NULL, NULL, PS_RECEIVED},
    {3, 1, 6, "Đường vào ấp Cái Sắn bị sạt lở một đoạn khoảng 20 mét, xe máy đi lại rất nguy hiểm.", "Lê Văn Cường",
     "0939 333 403", "Đường vào ấp Cái Sắn sạt lở khoảng 20 mét", NULL, PS_CLASSIFIED},
    {1, 1, 9, "Gia đình tôi thuộc hộ cận nghèo nhưng chưa được cấp thẻ bảo hiểm y tế năm 2026.", "Phạm Thị Dung",
     "0945 444 504", "Hộ cận nghèo chưa được cấp thẻ bảo hiểm y tế năm 2026", NULL, PS_ASSIGNED},
    {2, 1, 40, "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp từ tháng 8 đến nay chưa có kết quả.", "Võ Văn Em",
     "0976 555 605", "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất chậm giải quyết", NULL, PS_IN_PROGRESS},
    {3, 1, 12, "Đèn chiếu sáng trên đường Trần Huỳnh hư hỏng nhiều bóng, ban đêm rất tối.", "Huỳnh Văn Giàu",
     "0987 666 706", "Đèn chiếu sáng đường Trần Huỳnh hư hỏng",
     "UBND phường đã giao đơn vị quản lý đô thị thay 14 bóng đèn hư hỏng, hoàn thành trước ngày 15 tháng này.",
     PS_DRAFTED},
    {0, 1, 14, "Cống thoát nước khu dân cư số 5 bị tắc, mỗi khi mưa nước ngập vào nhà dân.", "Đặng Thị Hạnh",
     "0909 777 807", "Cống thoát nước khu dân cư số 5 bị tắc gây ngập",
     "Phường đã nạo vét 300 mét cống và sẽ cải tạo tuyến cống trong kế hoạch đầu tư công năm sau.", PS_APPROVED},
    {3, 1, 25, "Cầu khỉ ấp Giồng Me xuống cấp, học sinh đi học qua cầu rất nguy hiểm.", "Bùi Văn Khánh", "0912 888 908",
     "Cầu khỉ ấp Giồng Me xuống cấp, nguy hiểm cho học sinh",
     "UBND phường đã khảo sát; cầu bê tông dài 24 mét được xây bằng nguồn xã hội hóa, khởi công trong quý I năm 2027. "
     "Trong thời gian chờ, cầu tạm đã được gia cố tay vịn.",
     PS_PUBLISHED},
    {1, 2, 30, "Đề nghị xem xét hỗ trợ sửa chữa nhà cho gia đình chính sách có nhà bị dột nát.", "Ngô Thị Lan",
     "0903 999 009", "Đề nghị hỗ trợ sửa nhà cho gia đình chính sách",
     "Ủy ban MTTQ phường đã vận động 40 triệu đồng từ quỹ Vì người nghèo để sửa chữa nhà; dự kiến bàn giao trong tháng tới.",
     PS_PUBLISHED},
    {0, 1, 8, "Tranh chấp ranh giới đất giữa hai hộ dân ở ấp 3 kéo dài nhiều năm.", "Mai Văn Minh", "0914 010 110",
     "Tranh chấp ranh giới đất giữa hai hộ ở ấp 3", NULL, PS_TRANSFERRED},
    {5, 1, 5, "Phản ánh nội dung không rõ ràng, không có địa chỉ cụ thể.", "Đinh Văn Nam", "0915 020 220", NULL, NULL,
     PS_REFUSED},
};

/* The moves that bring a petition from received to `until`. */
static int advance(struct ctx *c, int64_t id, const struct demo_petition *p)
{
    static const enum petition_status path[] = {PS_CLASSIFIED, PS_ASSIGNED, PS_IN_PROGRESS, PS_DRAFTED, PS_APPROVED,
                                                PS_PUBLISHED};
    if (p->until == PS_RECEIVED) return 0;
    if (p->until == PS_REFUSED || p->until == PS_TRANSFERRED) {
        struct petition_action act = {p->until, 0, NULL, 0, NULL, p->until == PS_TRANSFERRED ? "Tòa án nhân dân khu vực 1 - Cà Mau" : NULL,
                                      NULL, p->until == PS_REFUSED ? "Nội dung không rõ ràng, không có địa chỉ để xác minh." : NULL,
                                      p->until == PS_TRANSFERRED ? "Đã chuyển đến Tòa án nhân dân khu vực 1 - Cà Mau" : NULL};
        return petition_act(c->db, c->bdv, id, &act);
    }
    int64_t commune = p->commune == 1 ? c->c1 : c->c2;
    for (size_t i = 0; i < sizeof path / sizeof *path; i++) {
        enum petition_status to = path[i];
        const struct dv_user *who = to == PS_APPROVED || to == PS_PUBLISHED || to == PS_CLASSIFIED || to == PS_ASSIGNED
                                        ? c->bdv : c->xa1;
        if (p->commune != 1 && who == c->xa1) who = c->bdv;
        if (p->commune != 1 && to == PS_APPROVED) break; /* bdv drafted it: no second reviewer in the demo */
        struct petition_action act = {to, 0, p->summary, commune, p->answer, NULL, NULL, NULL, NULL};
        int rc = petition_act(c->db, who, id, &act);
        if (rc) return rc;
        if (to == p->until) break;
    }
    return 0;
}

static int load_petitions(struct ctx *c)
{
    for (size_t i = 0; i < sizeof petitions / sizeof *petitions; i++) {
        const struct demo_petition *p = &petitions[i];
        char ip[32];
        snprintf(ip, sizeof ip, "198.51.100.%zu", i + 1);
        struct petition_input in = {c->cats[p->cat % c->ncats].id, p->commune == 1 ? c->c1 : c->c2, p->content, p->name,
                                    NULL, p->phone, 0, ip, NULL, 0, days_ago(c->a, p->ago)};
        char code[PETITION_CODE_LEN + 1];
        int64_t id;
        enum petition_refusal why;
        int rc = petition_submit(c->db, &in, code, &id, &why);
        if (rc == DV_OK) rc = advance(c, id, p);
        if (rc) {
            fprintf(stderr, "demo: petition %zu: %s\n", i, dv_strerror(rc));
            return rc;
        }
    }
    return 0;
}

static int load_dialogues(struct ctx *c)
{
    const struct {
        int held_ago;
        int64_t unit;
        const char *leader, *topic, *place, *questions, *results;
        int results_after;
    } ds[] = {
        {20, c->c1, "Đồng chí Bí thư Đảng ủy phường", "Đối thoại về chỉnh trang đô thị và vệ sinh môi trường",
         "Hội trường UBND phường", "Thu gom rác ở các hẻm; đèn chiếu sáng; lấn chiếm vỉa hè.",
         "Thống nhất lịch thu gom rác 2 lần mỗi ngày; thay đèn chiếu sáng trong 30 ngày; ra quân lập lại trật tự vỉa hè.", 5},
        {30, c->province, "Đồng chí Bí thư Tỉnh ủy", "Đối thoại với nông dân về chuyển đổi cơ cấu cây trồng, vật nuôi",
         "Hội trường Tỉnh ủy", "Giá tôm giống; vốn vay ưu đãi; tiêu thụ lúa - tôm.", "Giao Sở Nông nghiệp và Môi trường rà soát chất lượng tôm giống.", 14},
        {15, c->c2, "Đồng chí Chủ tịch UBND phường", "Đối thoại về giải quyết thủ tục hành chính", "Nhà văn hóa khóm 4", NULL, NULL, 0},
        {-12, c->c1, "Đồng chí Bí thư Đảng ủy phường", "Đối thoại với đoàn viên thanh niên về việc làm",
         "Nhà Văn hóa phường", NULL, NULL, 0},
    };
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
        const char *held = days_ago(c->a, ds[i].held_ago);
        struct dialogue_input in = {ds[i].unit, ds[i].leader, ds[i].topic, ds[i].place, held, "08:00",
                                    "Đại diện Mặt trận, các đoàn thể và Nhân dân", days_ago(c->a, ds[i].held_ago + 10)};
        int64_t id;
        int rc = dialogue_create(c->db, c->bdv, &in, &id);
        if (rc == DV_OK && ds[i].results)
            rc = dialogue_results(c->db, c->bdv, id, ds[i].questions, ds[i].results,
                                  days_ago(c->a, ds[i].held_ago - ds[i].results_after));
        int64_t cid;
        struct dialogue d;
        if (rc == DV_OK && ds[i].results) rc = dialogue_get(c->db, c->a, id, &d);
        if (rc == DV_OK && ds[i].results)
            rc = dialogue_commitment_with_task(c->db, c->bdv, &d, "Báo cáo kết quả thực hiện các nội dung đã tiếp thu",
                                               ds[i].unit, days_ago(c->a, ds[i].held_ago - 45), &cid);
        if (rc) return rc;
    }
    return 0;
}

static int load_receptions(struct ctx *c)
{
    for (int month = 0; month < 3; month++) {
        const struct {
            int64_t unit;
            const char *who;
            int day_ago;
        } rs[] = {
            {c->province, "Đồng chí Bí thư Tỉnh ủy", 5 + month * 30},
            {c->c1, "Đồng chí Bí thư Đảng ủy phường Bạc Liêu", 3 + month * 30},
            {c->c1, "Đồng chí Bí thư Đảng ủy phường Bạc Liêu", 17 + month * 30},
            {c->c2, "Đồng chí Bí thư Đảng ủy phường Vĩnh Trạch", 10 + month * 30},
        };
        for (size_t i = 0; i < sizeof rs / sizeof *rs; i++) {
            struct reception_input in = {rs[i].unit, rs[i].who, days_ago(c->a, rs[i].day_ago), "Trụ sở tiếp công dân",
                                         "", 6 + (int)i * 3};
            int64_t id;
            int rc = reception_create(c->db, c->bdv, &in, &id);
            if (rc) return rc;
        }
    }
    return 0;
}

static int model_photo(struct ctx *c, int64_t id, enum seed_scene scene, const char *banner, const char *caption)
{
    unsigned char *jpg = NULL;
    size_t len = 0;
    if (seed_photo_jpeg(scene, banner, &jpg, &len)) return DV_EIO;
    struct media_image img;
    int rc = media_prepare(jpg, len, &img);
    if (rc == DV_OK) {
        rc = model_file_add(c->db, c->bdv, id, "anh.jpg", img.type, caption, jpg, len, img.thumb, img.thumb_len,
                            img.thumb_type);
        media_image_free(&img);
    }
    free(jpg);
    return rc;
}

static int load_models(struct ctx *c)
{
    const struct {
        const char *kind, *name, *field, *method, *results, *status, *form, *decision;
        int64_t unit;
        int year;
        enum seed_scene scene;
    } ms[] = {
        {"model", "Mô hình \"Tuyến hẻm xanh - sạch - sáng\"", "culture",
         "Chi bộ khóm vận động mỗi hộ tự trồng cây, lắp đèn trước nhà; tổ tự quản thu gom rác theo giờ.",
         "12 tuyến hẻm dài 3,6 km; 420 hộ tham gia; 156 bóng đèn do dân tự lắp.", "effective", "Giấy khen",
         "125-QĐ/ĐU", c->c1, 2024, SEED_SCENE_HALL},
        {"model", "Mô hình \"Liên kết sản xuất lúa - tôm\"", "economy",
         "Hội Nông dân tổ chức tổ hợp tác, liên kết doanh nghiệp bao tiêu; cán bộ khuyến nông hướng dẫn tại ruộng.",
         "85 hộ, 210 ha; thu nhập tăng 25%.", "implementing", NULL, NULL, c->c2, 2025, SEED_SCENE_FIELD},
        {"collective", "Tổ dân phố tự quản về an ninh trật tự khóm 7", "defence",
         "Tổ tuần tra nhân dân trực đêm; camera an ninh do dân đóng góp.", "Giảm 60% vụ trộm cắp so với năm trước; 18 camera.",
         "effective", "Bằng khen", "2315/QĐ-UBND", c->c1, 2023, SEED_SCENE_HALL},
        {"individual", "Đảng viên Nguyễn Văn Tư - gương \"Dân vận khéo\" trong hiến đất làm đường", "politics",
         "Vận động 23 hộ cùng hiến đất mở rộng đường ấp.", "Hiến 320 m²; 1,2 km đường được mở rộng.", "registered", NULL, NULL,
         c->c1, 2026, SEED_SCENE_FIELD},
    };
    for (size_t i = 0; i < sizeof ms / sizeof *ms; i++) {
        int effective = !strcmp(ms[i].status, "effective");
        struct model_input in = {ms[i].kind, ms[i].name, ms[i].unit, ms[i].field, ms[i].year, 0, ms[i].method,
                                 ms[i].results, "Nhân rộng ra các khóm, ấp trong phường.",
                                 effective ? "implementing" : ms[i].status, NULL, NULL, NULL, NULL};
        int64_t id;
        int rc = model_create(c->db, c->bdv, &in, &id);
        if (rc == DV_OK && effective) {
            in.status = "effective";
            in.recog_level = "cấp tỉnh";
            in.recog_form = ms[i].form;
            in.recog_decision = ms[i].decision;
            in.recog_date = days_ago(c->a, 60);
            rc = model_update(c->db, c->bdv, id, &in);
        }
        if (rc == DV_OK) rc = model_photo(c, id, ms[i].scene, ms[i].name, ms[i].name);
        if (rc) return rc;
    }
    return 0;
}

static int find_units(struct ctx *c)
{
    if (citizen_province_id(c->db, &c->province)) return DV_ENOTFOUND;
    struct user_record bdv, xa1, xa2;
    if (user_get_by_name(c->db, c->a, "bdv", &bdv) || user_get_by_name(c->db, c->a, "xa1", &xa1) ||
        user_get_by_name(c->db, c->a, "xa2", &xa2))
        return DV_ENOTFOUND;
    struct dv_user *b = arena_alloc(c->a, sizeof *b), *x = arena_alloc(c->a, sizeof *x);
    *b = bdv.u;
    *x = xa1.u;
    c->bdv = b;
    c->xa1 = x;
    c->c1 = xa1.u.unit_id;
    c->c2 = xa2.u.unit_id;
    return petition_categories(c->db, c->a, &c->cats, &c->ncats) || !c->ncats ? DV_EDB : DV_OK;
}

/* The 6-month regime's petition indicators counted from the petitions (each fact entered once);
 * the monthly regime's stay typed, as its reports in the demo history were. */
static int bind_sources(dv_db *db)
{
    static const char *const bind[][3] = {{"BC-QCDV-6T", "I06", "citizen.petitions_received"},
                                          {"BC-QCDV-6T", "I07", "citizen.petitions_resolved"}};
    citizen_prefill_register(); /* the command line registers no routes: the sources are named here */
    dv_arena *a = arena_new();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof bind / sizeof *bind; i++) {
        int64_t rid = 0;
        struct report_def def;
        if (regime_store_find_code(db, bind[i][0], &rid) || report_def_read(db, a, rid, &def)) continue;
        const struct report_def_indicator *d = report_def_find(&def, bind[i][1]);
        struct indicator x;
        if (!d || indicator_get(db, a, d->id, &x) || x.category_set_id) continue; /* a disaggregated one is typed */
        struct indicator_input in = {x.code, x.name, x.type_code, x.unit_of_measure, x.required, x.category_set_id,
                                     x.position, bind[i][2]};
        rc = indicator_update(db, NULL, NULL, x.id, &in);
    }
    arena_free(a);
    return rc;
}

int citizen_demo_load(dv_db *db)
{
    struct ctx c = {.db = db, .a = arena_new()};
    int rc = find_units(&c);
    const char *step = "the accounts";
    if (rc == DV_OK && (step = "petitions")) rc = load_petitions(&c);
    if (rc == DV_OK && (step = "dialogues")) rc = load_dialogues(&c);
    if (rc == DV_OK && (step = "reception days")) rc = load_receptions(&c);
    if (rc == DV_OK && (step = "models")) rc = load_models(&c);
    if (rc == DV_OK && (step = "indicator sources")) rc = bind_sources(db);
    if (rc) fprintf(stderr, "demo: citizens' %s: %s\n", step, dv_strerror(rc));
    arena_free(c.a);
    return rc;
}
