/* directive_demo.c - the demo's documents and tasks, built with the directive area's public
 * functions:
 *  - 290-QĐ/TW (Bộ Chính trị, 25/02/2010) and the provincial Standing Board's 1406-QĐ/TU
 *    (14/07/2010) concretizing it; each body and commune of today's province is asked to issue
 *    its own concretizing document within three months: most did on time, some late, a few
 *    never (those explain). The units are today's: the successors carry the history of the
 *    bodies merged on 01/07/2025.
 *  - 23-QĐ/TW (30/07/2021) replacing 290, the province's plan for it (its number is made up
 *    for the demo) concretizing 23, and its tasks: concretizing documents by 31/12/2021, and
 *    the five-year review reports due in 2026, some confirmed, some returned, some overdue on
 *    03/12/2026, one with its deadline moved, one cascaded to the communes of a ward.
 * Outcomes come from a hash of the unit id, so every run is the same. */
#include "demo/directive_demo.h"

#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "directive/directive.h"
#include "org/unit.h"

#include <stdio.h>
#include <string.h>

static unsigned hash(int64_t id, unsigned salt)
{
    unsigned h = (unsigned)id * 2654435761u ^ salt * 40503u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    return h ^ (h >> 15);
}

static void add_days(const char *iso, int days, char out[11])
{
    int y = 0, m = 0, d = 0;
    sscanf(iso, "%d-%d-%d", &y, &m, &d);
    int yy, mm, dd;
    clock_civil_from_days(clock_days_from_civil(y, m, d) + days, &yy, &mm, &dd);
    snprintf(out, 11, "%04d-%02d-%02d", yy, mm, dd);
}

static int upper_doc(dv_db *db, const char *code, int64_t number, const char *symbol, const char *signer,
                     const char *position, const char *title, const char *issued, const char *expired, int64_t *id)
{
    struct document_input in = {.number = number, .symbol = symbol, .code = code, .doc_type = "QDI",
                                .issuer_name = "Bộ Chính trị", .signer = signer, .signer_position = position,
                                .title = title, .issued_on = issued, .effective_on = issued, .expired_on = expired,
                                .summary = "Quy định về công tác dân vận của hệ thống chính trị: trách nhiệm của cấp ủy, "
                                           "chính quyền, Mặt trận Tổ quốc và các đoàn thể; nội dung, phương thức "
                                           "công tác dân vận."};
    return document_create(db, NULL, &in, id);
}

/* One unit's concretizing document and the completion of its task with it. */
static int unit_concretizes(dv_db *db, const struct unit *u, int64_t upper, int64_t task, const char *issued,
                            const char *symbol_fmt, const char *title)
{
    char symbol[96];
    snprintf(symbol, sizeof symbol, symbol_fmt, u->short_name && u->short_name[0] ? "ĐU" : "ĐU");
    struct document_input in = {.number = 1 + (int64_t)(hash(u->id, 7) % 90), .symbol = symbol, .doc_type = "KH",
                                .issuer_unit_id = u->id, .title = title, .issued_on = issued, .effective_on = issued};
    int64_t doc = 0;
    int rc = document_create(db, NULL, &in, &doc);
    if (rc == DV_OK) rc = document_relation_add(db, NULL, doc, upper, "concretizes");
    struct completion_input ci = {.submitted_on = issued, .note = "Đã ban hành văn bản cụ thể hóa.",
                                  .evidence_document_id = doc};
    if (rc == DV_OK) rc = task_complete(db, NULL, task, &ci, NULL);
    char decided[11];
    add_days(issued, 3, decided);
    if (rc == DV_OK) rc = task_decide(db, NULL, task, 1, "Đạt yêu cầu.", decided);
    return rc;
}

static int one_task(dv_db *db, int64_t assigner, int64_t lead, int64_t doc, const char *title, const char *product,
                    const char *assigned, const char *deadline, int64_t parent, int64_t *id)
{
    struct task_input in = {.title = title, .assigner_unit_id = assigner, .lead_unit_id = lead,
                            .product_kind = product, .priority = "normal", .assigned_on = assigned,
                            .deadline = deadline, .parent_id = parent};
    dv_arena *a = arena_new();
    int rc = task_create_from(db, a, &in, TASK_SOURCE_DOCUMENT, doc, id);
    arena_free(a);
    return rc;
}

/* 1406's tasks: each unit's concretizing document within three months. */
static int chain_2010(dv_db *db, const struct unit *us, size_t n, int64_t btv, int64_t d1406)
{
    int rc = DV_OK;
    for (size_t i = 0; rc == DV_OK && i < n; i++) {
        int64_t t = 0;
        rc = one_task(db, btv, us[i].id, d1406, "Ban hành văn bản cụ thể hóa Quy chế công tác dân vận (1406-QĐ/TU)",
                      "document", "2010-07-14", "2010-10-14", 0, &t);
        unsigned h = hash(us[i].id, 1) % 100;
        char issued[11];
        if (rc || h >= 92) continue; /* a few never did */
        add_days("2010-07-14", h < 72 ? 20 + (int)(h % 60) : 95 + (int)(h % 120), issued);
        rc = unit_concretizes(db, &us[i], d1406, t, issued, "KH/%s",
                              "Kế hoạch thực hiện Quy chế công tác dân vận của hệ thống chính trị");
    }
    return rc;
}

/* 23's plan: concretizing documents by 31/12/2021; review reports due 30/10/2026. */
static int chain_2021(dv_db *db, const struct unit *us, size_t n, int64_t bdv, int64_t plan)
{
    int rc = DV_OK;
    for (size_t i = 0; rc == DV_OK && i < n; i++) {
        int64_t t = 0, r = 0;
        rc = one_task(db, bdv, us[i].id, plan, "Ban hành văn bản cụ thể hóa Quy định 23-QĐ/TW", "document",
                      "2021-10-15", "2021-12-31", 0, &t);
        unsigned h = hash(us[i].id, 2) % 100;
        char issued[11];
        if (rc == DV_OK && h < 94) {
            add_days("2021-10-15", h < 80 ? 15 + (int)(h % 60) : 85 + (int)(h % 90), issued);
            rc = unit_concretizes(db, &us[i], plan, t, issued, "KH-%s",
                                  "Kế hoạch thực hiện Quy định số 23-QĐ/TW về công tác dân vận");
        }
        if (rc == DV_OK)
            rc = one_task(db, bdv, us[i].id, plan, "Báo cáo sơ kết 5 năm thực hiện Quy định 23-QĐ/TW", "report",
                          "2026-06-01", "2026-10-30", 0, &r);
        unsigned g = hash(us[i].id, 3) % 100;
        struct completion_input ci = {.note = "Báo cáo sơ kết đã gửi.", .link = "https://camau.dangcongsan.vn/"};
        char on[11];
        add_days("2026-09-01", (int)(g % 80), on);
        ci.submitted_on = on;
        if (rc == DV_OK && g < 70) rc = task_complete(db, NULL, r, &ci, NULL);
        char dec[11];
        add_days(on, 4, dec);
        if (rc == DV_OK && g < 62) rc = task_decide(db, NULL, r, 1, "Đạt yêu cầu.", dec);
        else if (rc == DV_OK && g < 70) rc = task_decide(db, NULL, r, 0, "Thiếu số liệu về mô hình Dân vận khéo.", dec);
        else if (rc == DV_OK && g < 85)
            rc = task_explain(db, NULL, r, "Đang tổng hợp số liệu từ các chi bộ, ấp, khóm.", "2026-12-15", "2026-11-05");
        else if (rc == DV_OK && g < 88)
            rc = task_deadline_change(db, NULL, r, "2026-12-31", "2026-10-20", "Đơn vị mới sắp xếp, đề nghị lùi hạn.");
    }
    return rc;
}

static int pick_units(dv_db *db, dv_arena *a, int64_t province, struct unit **out, size_t *n)
{
    struct unit *all = NULL;
    size_t na = 0;
    int rc = unit_store_subtree(db, a, province, &all, &na);
    if (rc) return rc;
    struct unit *us = arena_alloc(a, (na + 1) * sizeof *us);
    size_t k = 0;
    for (size_t i = 0; i < na; i++) {
        const char *t = all[i].type;
        if (!strcmp(t, "commune") || !strcmp(t, "ward") || !strcmp(t, "special_zone") || !strcmp(t, "department") ||
            !strcmp(t, "fatherland_front") || !strcmp(t, "sociopolitical_org"))
            us[k++] = all[i];
    }
    *out = us;
    *n = k;
    return DV_OK;
}

int directive_demo_load(dv_db *db, int64_t province, int64_t btv, int64_t bdv)
{
    dv_arena *a = arena_new();
    struct unit *us = NULL;
    size_t n = 0;
    int64_t d290 = 0, d23 = 0, d1406 = 0, plan = 0;
    int rc = pick_units(db, a, province, &us, &n);
    if (rc == DV_OK)
        rc = upper_doc(db, "290-QĐ/TW", 290, "QĐ/TW", "Trương Tấn Sang", "T/M Bộ Chính trị",
                       "Ban hành Quy chế công tác dân vận của hệ thống chính trị", "2010-02-25", "2021-07-30", &d290);
    struct document_input p1406 = {.number = 1406, .symbol = "QĐ/TU", .doc_type = "QD", .issuer_unit_id = btv,
                                   .signer_position = "T/M Ban Thường vụ",
                                   .title = "Ban hành Quy chế công tác dân vận của hệ thống chính trị tỉnh",
                                   .issued_on = "2010-07-14", .effective_on = "2010-07-14",
                                   .summary = "Cụ thể hóa Quyết định 290-QĐ/TW của Bộ Chính trị trong hệ thống chính trị tỉnh."};
    if (rc == DV_OK) rc = document_create(db, NULL, &p1406, &d1406);
    if (rc == DV_OK) rc = document_relation_add(db, NULL, d1406, d290, "concretizes");
    if (rc == DV_OK) rc = chain_2010(db, us, n, btv, d1406);
    if (rc == DV_OK)
        rc = upper_doc(db, "23-QĐ/TW", 23, "QĐ/TW", "Võ Văn Thưởng", "T/M Bộ Chính trị",
                       "Ban hành Quy chế công tác dân vận của hệ thống chính trị", "2021-07-30", NULL, &d23);
    if (rc == DV_OK) rc = document_relation_add(db, NULL, d23, d290, "replaces");
    struct document_input kh = {.number = 45, .symbol = "KH/TU", .doc_type = "KH", .issuer_unit_id = btv,
                                .signer_position = "T/M Ban Thường vụ",
                                .title = "Kế hoạch thực hiện Quy định số 23-QĐ/TW của Bộ Chính trị về công tác dân vận",
                                .issued_on = "2021-10-15", .effective_on = "2021-10-15",
                                .summary = "Số hiệu minh họa cho bản demo. Giao các cơ quan, đơn vị, xã, phường ban hành văn bản cụ thể hóa và sơ kết 5 năm."};
    if (rc == DV_OK) rc = document_create(db, NULL, &kh, &plan);
    if (rc == DV_OK) rc = document_relation_add(db, NULL, plan, d23, "concretizes");
    if (rc == DV_OK) rc = chain_2021(db, us, n, bdv, plan);
    arena_free(a);
    return rc;
}
