/* regime_demo.c - the demo's reporting regimes: "Báo cáo 6 tháng và năm về thực hiện Quy
 * chế công tác dân vận" as two regimes (6-month and annual), and the monthly "Báo cáo tháng
 * về công tác dân vận" (BC-DV-THANG), with who reports, deadlines per level, the narrative
 * outline, indicators, rules and periods from 2024 to the end of this year (all three).
 * Who reports before the 2025 reorganisation: the closed bodies of the old Tỉnh Cà Mau and
 * Tỉnh Bạc Liêu (org/demo.c), by unit assignments valid 2024-01-01 to 2025-07-01, so they
 * are expected for the periods closing before the merger and the new bodies from their
 * opening (the communes of the old structure are not modelled). The receiver of every
 * period, before the merger too, is the new Ban Dân vận Tỉnh ủy: a closed receiver per era
 * would be more faithful but would split the demo's review queue and dashboards. */
#include "report/regime/regime.h"
#include "core/clock.h"

#include "core/err.h"
#include "org/unit.h"
#include "org/unit_internal.h"
#include "report/period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_ASSIGN_FROM "2024-01-01"
#define DEMO_FIRST_YEAR 2024
#define DEMO_MERGER "2025-07-01"

/* The closed pre-2025 provinces org/demo.c creates: code and valid_from. */
static const char *const old_province_codes[] = {"96-OLD", "95-OLD"};
#define OLD_FROM "2020-01-01"
#define OLD_LAST_DAY "2025-06-30"

/* Periods run to the end of 2026, or of the current year (Vietnam time) when later: a demo
 * made in any year has that year's periods open. (Not beyond: the generated reports are
 * drawn per period id, and more periods would redraw the story the tests know.) */
static int demo_last_year(void)
{
    int year = clock_vn_year();
    return year > 2026 ? year : 2026;
}

static const char *const demo_content =
    "Báo cáo kết quả thực hiện Quy chế công tác dân vận của hệ thống chính trị (Quyết định "
    "số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị) trong kỳ: việc quán triệt, cụ thể hóa "
    "Quy chế; phân công cán bộ phụ trách; đối thoại, tiếp nhận và giải quyết kiến nghị, "
    "phản ánh của Nhân dân; phong trào thi đua \"Dân vận khéo\"; kiểm tra, giám sát; "
    "đánh giá hạn chế, nguyên nhân và đề ra phương hướng, nhiệm vụ.";

struct demo_section {
    const char *title, *guidance;
};

static const struct demo_section demo_sections[] = {
    {"Kết quả đạt được",
     "Công tác lãnh đạo, chỉ đạo, quán triệt và cụ thể hóa Quy chế; kết quả thực hiện công tác "
     "dân vận của cơ quan nhà nước, Mặt trận và các đoàn thể; phong trào \"Dân vận khéo\"."},
    {"Hạn chế, nguyên nhân", "Nêu cụ thể hạn chế, khuyết điểm; nguyên nhân khách quan và chủ quan."},
    {"Bài học kinh nghiệm", "Những cách làm hay, bài học rút ra trong kỳ."},
    {"Phương hướng, nhiệm vụ thời gian tới", "Nhiệm vụ, giải pháp trọng tâm và kiến nghị, đề xuất."},
};

struct demo_ind {
    const char *code, *name, *type, *uom;
    int required, by_khoi;
};

static const struct demo_ind demo_indicators[] = {
    {"I01", "Đơn vị có cán bộ phụ trách công tác dân vận được phân công", "bool", NULL, 1, 0},
    {"I02", "Số văn bản cụ thể hóa Quy chế công tác dân vận được ban hành", "int", "văn bản", 1, 0},
    {"I03", "Số hội nghị quán triệt, triển khai Quy chế công tác dân vận", "int", "hội nghị", 1, 0},
    {"I04", "Số lượt người tham dự hội nghị quán triệt", "int", "lượt người", 0, 0},
    {"I05", "Số cuộc đối thoại trực tiếp của người đứng đầu với Nhân dân", "int", "cuộc", 1, 0},
    {"I06", "Số kiến nghị, phản ánh của Nhân dân được tiếp nhận", "int", "kiến nghị", 1, 0},
    {"I07", "Số kiến nghị, phản ánh đã được giải quyết", "int", "kiến nghị", 1, 0},
    {"I08", "Số mô hình \"Dân vận khéo\" đăng ký", "int", "mô hình", 1, 1},
    {"I09", "Số mô hình \"Dân vận khéo\" được công nhận hiệu quả", "int", "mô hình", 0, 0},
    {"I10", "Số cuộc kiểm tra, giám sát việc thực hiện Quy chế", "int", "cuộc", 0, 0},
    {"I11", "Kinh phí bảo đảm cho công tác dân vận", "decimal", "triệu đồng", 0, 0},
    {"I12", "Tỷ lệ người dân hài lòng với việc giải quyết kiến nghị", "percent", "%", 0, 0},
    {"I13", "Ngày tổ chức sơ kết việc thực hiện Quy chế", "date", NULL, 0, 0},
    {"I14", "Ghi chú", "text", NULL, 0, 0},
};

static const struct rule_input demo_rules[] = {
    {"I07", "<=", "I06", "Số đã giải quyết không được lớn hơn số tiếp nhận"},
    {"I09", "<=", "I08", "Số mô hình được công nhận không được lớn hơn số mô hình đăng ký"},
    {"I12", "<=", "100", "Tỷ lệ không được lớn hơn 100%"},
    {"I12", ">=", "0", "Tỷ lệ không được nhỏ hơn 0%"},
};

/* The category set "Khối", made once, in the scope of the regimes' receiver. */
static int khoi_set(dv_db *db, int64_t scope_unit_id, int64_t *id)
{
    if (category_set_find_code(db, "KHOI", id) == 0) return 0;
    int rc = category_set_create_in(db, NULL, NULL, scope_unit_id, "KHOI", "Khối", id);
    if (rc == 0) rc = category_option_add(db, NULL, NULL, *id, "DANG", "Đảng", 1, NULL);
    if (rc == 0) rc = category_option_add(db, NULL, NULL, *id, "CQ", "Chính quyền", 2, NULL);
    if (rc == 0) rc = category_option_add(db, NULL, NULL, *id, "MTDT", "Mặt trận và đoàn thể", 3, NULL);
    return rc;
}

static const char *const demo_local[] = {"commune", "ward", "special_zone"};

static int reports_itself(const char *t)
{
    return !strcmp(t, "peoples_committee") || !strcmp(t, "fatherland_front") || !strcmp(t, "sociopolitical_org") ||
           !strcmp(t, "department");
}

/* The old provinces' bodies of the same types, valid from DEMO_ASSIGN_FROM to the merger
 * (walked on their last day; two levels below the province). */
static int assign_old(dv_db *db, dv_arena *a, int64_t rid, int64_t parent, int depth)
{
    struct unit *u = NULL;
    size_t n = 0;
    int rc = unit_store_children_at(db, a, parent, OLD_LAST_DAY, &u, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (reports_itself(u[i].type)) {
            struct assignment_input as = {.kind = "unit", .unit_id = u[i].id, .valid_from = DEMO_ASSIGN_FROM,
                                          .valid_to = DEMO_MERGER};
            rc = regime_assignment_add(db, NULL, NULL, rid, &as, NULL);
        }
        if (rc == 0 && depth < 2) rc = assign_old(db, a, rid, u[i].id, depth + 1);
    }
    return rc;
}

/* Who reports: every commune, ward and special zone of the province (type rules) and the
 * provincial bodies, one by one, and the old provinces' bodies until the merger. */
static int demo_assign(dv_db *db, dv_arena *a, int64_t rid, int64_t province_id)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        struct assignment_input as = {.kind = "type", .unit_id = province_id, .unit_type = demo_local[i],
                                      .valid_from = DEMO_ASSIGN_FROM};
        rc = regime_assignment_add(db, NULL, NULL, rid, &as, NULL);
    }
    struct unit *u = NULL;
    size_t n = 0;
    if (rc == 0) rc = unit_store_subtree(db, a, province_id, &u, &n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!reports_itself(u[i].type)) continue;
        struct assignment_input as = {.kind = "unit", .unit_id = u[i].id, .valid_from = DEMO_ASSIGN_FROM};
        rc = regime_assignment_add(db, NULL, NULL, rid, &as, NULL);
    }
    for (size_t i = 0; rc == 0 && i < sizeof old_province_codes / sizeof *old_province_codes; i++) {
        int64_t old = 0;
        char name[256];
        rc = unit_store_lookup(db, old_province_codes[i], OLD_FROM, &old, name, sizeof name);
        if (rc == 0 && old) rc = assign_old(db, a, rid, old, 1);
    }
    return rc;
}

#define N_OF(arr) (sizeof(arr) / sizeof *(arr))

/* What a demo regime is made of besides its name and frequency. */
struct demo_regime {
    const char *content;
    int grace_days, local_deadline, general_deadline; /* days after the period's close */
    const struct demo_section *sections;
    size_t nsections;
    const struct demo_ind *indicators;
    size_t nindicators;
    const struct rule_input *rules;
    size_t nrules;
};

static const struct demo_regime regulation_regime = {
    demo_content, 3, 5, 10, demo_sections, N_OF(demo_sections), demo_indicators, N_OF(demo_indicators),
    demo_rules, N_OF(demo_rules)};

/* The regime with this code, once: who reports, deadlines per level, outline, indicators
 * (those "by Khối" disaggregated by the khoi set), rules and periods. */
static int make_regime(dv_db *db, dv_arena *a, const char *code, const char *name, const char *freq,
                       const struct demo_regime *d, int64_t province_id, int64_t commission_id, int64_t khoi)
{
    int64_t rid;
    if (regime_store_find_code(db, code, &rid) == 0) return 0;
    struct regime_input in = {.code = code, .name = name, .content = d->content, .frequency = freq,
                              .receiver_unit_id = commission_id, .grace_days = d->grace_days, .doc_type = "BC",
                              .issuer_body = "party", .active_from = DEMO_ASSIGN_FROM};
    int rc = regime_create(db, NULL, NULL, &in, &rid);
    if (rc == 0) rc = demo_assign(db, a, rid, province_id);
    for (size_t i = 0; rc == 0 && i < 3; i++)
        rc = regime_deadline_set(db, NULL, NULL, rid, demo_local[i], d->local_deadline);
    if (rc == 0) rc = regime_deadline_set(db, NULL, NULL, rid, "*", d->general_deadline);
    for (size_t i = 0; rc == 0 && i < d->nsections; i++)
        rc = regime_section_set(db, NULL, NULL, rid, (int)i + 1, d->sections[i].title, d->sections[i].guidance);
    for (size_t i = 0; rc == 0 && i < d->nindicators; i++) {
        const struct demo_ind *x = &d->indicators[i];
        struct indicator_input ii = {x->code, x->name, x->type, x->uom, x->required, x->by_khoi ? khoi : 0,
                                     (int)i + 1, NULL};
        rc = indicator_add(db, NULL, NULL, rid, &ii, NULL);
    }
    for (size_t i = 0; rc == 0 && i < d->nrules; i++) rc = indicator_rule_add(db, NULL, NULL, rid, &d->rules[i], NULL);
    if (rc == 0) rc = period_generate(db, NULL, NULL, rid, DEMO_FIRST_YEAR, demo_last_year(), NULL);
    return rc;
}

/* The monthly regime: the same assignments, its own outline, indicators and deadlines. */
static const char *const month_content =
    "Báo cáo hằng tháng kết quả công tác dân vận của đơn vị: tuyên truyền, phổ biến; đối thoại, "
    "tiếp nhận và giải quyết kiến nghị, phản ánh của Nhân dân; mô hình \"Dân vận khéo\"; tình hình "
    "Nhân dân và các điểm nóng phát sinh; nhiệm vụ tháng tới.";

static const struct demo_section month_sections[] = {
    {"Kết quả nổi bật trong tháng",
     "Những việc đã làm được, kết quả nổi bật; tình hình Nhân dân, vụ việc phức tạp (nếu có)."},
    {"Nhiệm vụ tháng tới", "Nhiệm vụ trọng tâm và kiến nghị, đề xuất."},
};

static const struct demo_ind month_indicators[] = {
    {"T01", "Số buổi tuyên truyền, phổ biến chủ trương, chính sách", "int", "buổi", 1, 0},
    {"T02", "Số lượt người tham dự các buổi tuyên truyền", "int", "lượt người", 0, 0},
    {"T03", "Số cuộc đối thoại với Nhân dân", "int", "cuộc", 1, 0},
    {"T04", "Số kiến nghị, phản ánh của Nhân dân được tiếp nhận", "int", "kiến nghị", 1, 0},
    {"T05", "Số kiến nghị, phản ánh đã được giải quyết", "int", "kiến nghị", 1, 0},
    {"T06", "Số mô hình \"Dân vận khéo\" đăng ký trong tháng", "int", "mô hình", 0, 0},
    {"T07", "Có phát sinh điểm nóng", "bool", NULL, 1, 0},
    {"T08", "Ghi chú", "text", NULL, 0, 0},
};

static const struct rule_input month_rules[] = {
    {"T05", "<=", "T04", "Số đã giải quyết không được lớn hơn số tiếp nhận"},
};

static const struct demo_regime month_regime = {
    month_content, 2, 3, 5, month_sections, N_OF(month_sections), month_indicators, N_OF(month_indicators),
    month_rules, N_OF(month_rules)};

int regime_demo_load(dv_db *db, int64_t province_id, int64_t commission_id)
{
    int64_t khoi = 0;
    int rc = khoi_set(db, commission_id, &khoi);
    dv_arena *a = arena_new();
    if (rc == 0)
        rc = make_regime(db, a, "BC-QCDV-6T", "Báo cáo 6 tháng về thực hiện Quy chế công tác dân vận", "half",
                         &regulation_regime, province_id, commission_id, khoi);
    if (rc == 0)
        rc = make_regime(db, a, "BC-QCDV-NAM", "Báo cáo năm về thực hiện Quy chế công tác dân vận", "year",
                         &regulation_regime, province_id, commission_id, khoi);
    if (rc == 0)
        rc = make_regime(db, a, "BC-DV-THANG", "Báo cáo tháng về công tác dân vận", "month", &month_regime,
                         province_id, commission_id, khoi);
    arena_free(a);
    return rc;
}
