/* demo.c - the demo province: the national table of units, Tỉnh Cà Mau's provincial bodies
 * (Party committee, People's Council and Committee, Fatherland Front and the
 * socio-political organisations under it), the closed pre-2025 provinces (old Tỉnh Cà Mau
 * and Tỉnh Bạc Liêu, merged on 01/07/2025) with the same bodies, and one demo account per
 * role. */
#include "org/org.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "org/unit_internal.h"
#include "org/user_store.h"

#include "core/err.h"
#include "demo/citizen_demo.h"
#include "demo/portal_demo.h"
#include "demo/seed.h"
#include "report/regime/regime.h"
#include "demo/report_demo.h"
#include "demo/dissem_demo.h"
#include "demo/directive_demo.h"
#include "demo/review_demo.h"

#include <stdio.h>
#include <string.h>

#define DEMO_PROVINCE "96"
#define DEMO_FROM "2025-07-01"

const struct demo_login demo_logins[] = {
    {"admin", "demo-admin-2025", "administrator (everything)"},
    {"bdv", "demo-bdv-2025", "Mass Mobilization Commission staff (the whole province)"},
    {"xa1", "demo-xa1-2025", "officer of a commune (Phường Bạc Liêu)"},
    {"xa2", "demo-xa2-2025", "officer of another commune (Phường Vĩnh Trạch)"},
    {"bientap", "demo-bientap-2025", "portal editor (Provincial Party Committee Office)"},
    {"xem", "demo-xem-2025", "viewer (the whole province, read only)"},
    {"congtac", "demo-congtac-2025", "portal contributor (writes articles; an editor publishes them)"},
    {"kiemtra", "demo-kiemtra-2025", "inspector (reads every task and document of the province, changes nothing)"},
};
const size_t demo_login_count = sizeof demo_logins / sizeof *demo_logins;

/* The provincial bodies: parent is an index into this table, or -1 for the province. */
struct body {
    const char *code, *name, *short_name, *type;
    int parent;
};

enum { B_TU, B_BTV, B_BDV, B_BTC, B_VP, B_HDND, B_UBND };

static const struct body bodies[] = {
    [B_TU] = {"96-TU", "Tỉnh ủy Cà Mau", "Tỉnh ủy", "party_committee", -1},
    [B_BTV] = {"96-TU-BTV", "Ban Thường vụ Tỉnh ủy Cà Mau", "BTV Tỉnh ủy", "party_board", B_TU},
    [B_BDV] = {"96-TU-BDV", "Ban Dân vận Tỉnh ủy Cà Mau", "Ban Dân vận", "party_commission", B_TU},
    [B_BTC] = {"96-TU-BTC", "Ban Tổ chức Tỉnh ủy Cà Mau", "Ban Tổ chức", "party_commission", B_TU},
    [B_VP] = {"96-TU-VP", "Văn phòng Tỉnh ủy Cà Mau", "Văn phòng Tỉnh ủy", "agency", B_TU},
    [B_HDND] = {"96-HDND", "Hội đồng nhân dân tỉnh Cà Mau", "HĐND tỉnh", "peoples_council", -1},
    [B_UBND] = {"96-UBND", "Ủy ban nhân dân tỉnh Cà Mau", "UBND tỉnh", "peoples_committee", -1},
    {"96-SNV", "Sở Nội vụ tỉnh Cà Mau", "Sở Nội vụ", "department", B_UBND},
    {"96-STC", "Sở Tài chính tỉnh Cà Mau", "Sở Tài chính", "department", B_UBND},
    {"96-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Cà Mau", "Sở GD&ĐT", "department", B_UBND},
    {"96-SYT", "Sở Y tế tỉnh Cà Mau", "Sở Y tế", "department", B_UBND},
    {"96-SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Cà Mau", "Sở NN&MT", "department", B_UBND},
    {"96-SXD", "Sở Xây dựng tỉnh Cà Mau", "Sở Xây dựng", "department", B_UBND},
    {"96-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cà Mau", "Ủy ban MTTQ tỉnh", "fatherland_front", -1},
    {"96-LDLD", "Liên đoàn Lao động tỉnh Cà Mau", "LĐLĐ tỉnh", "sociopolitical_org", 13},
    {"96-HND", "Hội Nông dân tỉnh Cà Mau", "Hội Nông dân tỉnh", "sociopolitical_org", 13},
    {"96-TD", "Tỉnh đoàn Cà Mau (Đoàn TNCS Hồ Chí Minh)", "Tỉnh đoàn", "sociopolitical_org", 13},
    {"96-HLHPN", "Hội Liên hiệp Phụ nữ tỉnh Cà Mau", "Hội LHPN tỉnh", "sociopolitical_org", 13},
    {"96-HCCB", "Hội Cựu chiến binh tỉnh Cà Mau", "Hội CCB tỉnh", "sociopolitical_org", 13},
};
#define NBODIES (sizeof bodies / sizeof *bodies)

/* The first two communes of the demo province in the table's order. */
static int first_communes(const char *path, char c1[8], char c2[8])
{
    FILE *f = fopen(path, "rb");
    if (!f) return DV_EIO;
    char line[1024];
    int found = 0;
    while (found < 2 && fgets(line, sizeof line, f)) {
        if (strncmp(line, DEMO_PROVINCE "\t", 3) != 0) continue;
        const char *p = strchr(line + 3, '\t');
        if (!p || strlen(p + 1) < 5) continue;
        snprintf(found ? c2 : c1, 8, "%.5s", p + 1);
        found++;
    }
    fclose(f);
    return found == 2 ? 0 : DV_ENOTFOUND;
}

static int create_bodies(dv_db *db, int64_t province, int64_t ids[NBODIES], char *err, size_t errlen)
{
    int rc = db_begin(db);
    if (rc) {
        snprintf(err, errlen, "cannot begin a transaction");
        return rc;
    }
    for (size_t i = 0; i < NBODIES; i++) {
        const struct body *b = &bodies[i];
        struct unit_input in = {
            .code = b->code, .name = b->name, .short_name = b->short_name, .type = b->type,
            .valid_from = DEMO_FROM, .parent_id = b->parent < 0 ? province : ids[b->parent],
        };
        if ((rc = unit_create_in_tx(db, NULL, NULL, &in, 1, &ids[i])) != 0) {
            snprintf(err, errlen, "cannot create %s: %s", b->name, dv_strerror(rc));
            db_rollback(db);
            return rc;
        }
    }
    if ((rc = unit_tree_commit(db)) != 0) {
        snprintf(err, errlen, "cannot commit the provincial bodies");
        db_rollback(db);
    }
    return rc;
}

/* The provincial level before the 2025 reorganisation: on 1 July 2025 Tỉnh Bạc Liêu was
 * merged into Tỉnh Cà Mau (the new Tỉnh Cà Mau, code 96). Each old province and the same
 * standard bodies the new one has (only provincial bodies that existed under these names
 * throughout; no communes or people of the old structure are invented) are created valid
 * from HISTORY_FROM to the merger day (valid_to = the first day no longer valid), with
 * links of the same validity and a succession from each old body to the new one. Their
 * codes ("96-OLD", "95-OLD", ...) cannot clash with the national table; the real GSO code
 * is in the note. They are closed, so today's tree is unchanged. */
#define HISTORY_FROM "2020-01-01"
#define MERGER_DAY "2025-07-01"

struct old_body {
    const char *suffix, *name_fmt, *short_name, *type;
    int parent; /* index into this table, -1 = the old province */
    int successor; /* index into bodies[]: on the merger day; -1 = old_successor */
    const char *from, *to; /* NULL: HISTORY_FROM, MERGER_DAY */
    int old_successor; /* index into this table, on `to` (successor -1) */
};

/* On 01/03/2025, before the provinces merged, each provincial Party committee merged its
 * Ban Tuyên giáo and Ban Dân vận into one Ban Tuyên giáo và Dân vận (Kết luận 121-KL/TW);
 * the new province's commission succeeds it on 01/07/2025. A document issued by the old
 * Ban Dân vận keeps its name, as the closed unit it names keeps its own. */
#define COMMISSIONS_MERGED "2025-03-01"

enum { O_TU, O_BTV, O_BDV, O_HDND, O_UBND, O_MTTQ = 9, O_BTG = 15, O_BTGDV = 16 };

static const struct old_body old_bodies[] = {
    [O_TU] = {"-TU", "Tỉnh ủy %s", "Tỉnh ủy", "party_committee", -1, B_TU, NULL, NULL, 0},
    [O_BTV] = {"-TU-BTV", "Ban Thường vụ Tỉnh ủy %s", "BTV Tỉnh ủy", "party_board", O_TU, B_BTV, NULL, NULL, 0},
    [O_BDV] = {"-TU-BDV", "Ban Dân vận Tỉnh ủy %s", "Ban Dân vận", "party_commission", O_TU, -1, NULL,
               COMMISSIONS_MERGED, O_BTGDV},
    [O_HDND] = {"-HDND", "Hội đồng nhân dân tỉnh %s", "HĐND tỉnh", "peoples_council", -1, B_HDND, NULL, NULL, 0},
    [O_UBND] = {"-UBND", "Ủy ban nhân dân tỉnh %s", "UBND tỉnh", "peoples_committee", -1, B_UBND, NULL, NULL, 0},
    {"-SNV", "Sở Nội vụ tỉnh %s", "Sở Nội vụ", "department", O_UBND, 7, NULL, NULL, 0},
    {"-STC", "Sở Tài chính tỉnh %s", "Sở Tài chính", "department", O_UBND, 8, NULL, NULL, 0},
    {"-SGDDT", "Sở Giáo dục và Đào tạo tỉnh %s", "Sở GD&ĐT", "department", O_UBND, 9, NULL, NULL, 0},
    {"-SYT", "Sở Y tế tỉnh %s", "Sở Y tế", "department", O_UBND, 10, NULL, NULL, 0},
    [O_MTTQ] = {"-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh %s", "Ủy ban MTTQ tỉnh", "fatherland_front", -1, 13, NULL, NULL, 0},
    {"-LDLD", "Liên đoàn Lao động tỉnh %s", "LĐLĐ tỉnh", "sociopolitical_org", O_MTTQ, 14, NULL, NULL, 0},
    {"-HND", "Hội Nông dân tỉnh %s", "Hội Nông dân tỉnh", "sociopolitical_org", O_MTTQ, 15, NULL, NULL, 0},
    {"-TD", "Tỉnh đoàn %s (Đoàn TNCS Hồ Chí Minh)", "Tỉnh đoàn", "sociopolitical_org", O_MTTQ, 16, NULL, NULL, 0},
    {"-HLHPN", "Hội Liên hiệp Phụ nữ tỉnh %s", "Hội LHPN tỉnh", "sociopolitical_org", O_MTTQ, 17, NULL, NULL, 0},
    {"-HCCB", "Hội Cựu chiến binh tỉnh %s", "Hội CCB tỉnh", "sociopolitical_org", O_MTTQ, 18, NULL, NULL, 0},
    [O_BTG] = {"-TU-BTG", "Ban Tuyên giáo Tỉnh ủy %s", "Ban Tuyên giáo", "party_commission", O_TU, -1, NULL,
               COMMISSIONS_MERGED, O_BTGDV},
    [O_BTGDV] = {"-TU-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy %s", "Ban Tuyên giáo và Dân vận", "party_commission",
                 O_TU, B_BDV, COMMISSIONS_MERGED, NULL, 0},
};
#define NOLD (sizeof old_bodies / sizeof *old_bodies)

static const struct old_province {
    const char *code, *name, *place, *suffix, *note;
} old_provinces[] = {
    {"96-OLD", "Tỉnh Cà Mau", "Cà Mau", " (trước 01/07/2025)",
     "Tỉnh Cà Mau trước sắp xếp (mã ĐVHC cũ 96); từ 01/07/2025 hợp nhất với tỉnh Bạc Liêu thành tỉnh Cà Mau mới."},
    {"95-OLD", "Tỉnh Bạc Liêu", "Bạc Liêu", "",
     "Mã ĐVHC cũ 95; từ 01/07/2025 sáp nhập vào tỉnh Cà Mau."},
};

/* One old province and its bodies, created, closed and succeeded inside the caller's
 * transaction. */
static int old_province_tx(dv_db *db, const struct old_province *op, int64_t province, const int64_t ids[NBODIES])
{
    char code[32], name[256], note[256];
    int64_t root, oid[NOLD];
    snprintf(name, sizeof name, "%s%s", op->name, op->suffix);
    struct unit_input pin = {.code = op->code, .name = name, .type = "province", .valid_from = HISTORY_FROM,
                             .note = op->note};
    int rc = unit_create_in_tx(db, NULL, NULL, &pin, 1, &root);
    for (size_t i = 0; rc == 0 && i < NOLD; i++) {
        const struct old_body *b = &old_bodies[i];
        char place[64];
        snprintf(code, sizeof code, "%s%s", op->code, b->suffix);
        snprintf(place, sizeof place, b->name_fmt, op->place);
        snprintf(name, sizeof name, "%s%s", place, op->suffix);
        snprintf(note, sizeof note, "Trước sắp xếp (mã tỉnh cũ %.2s); kế thừa bởi %s từ 01/07/2025.", op->code,
                 bodies[b->successor < 0 ? B_BDV : b->successor].name);
        if (b->successor < 0)
            snprintf(note, sizeof note, "Trước sắp xếp (mã tỉnh cũ %.2s); từ %s hợp nhất thành %s.", op->code,
                     "01/03/2025", "Ban Tuyên giáo và Dân vận");
        struct unit_input in = {.code = code, .name = name, .short_name = b->short_name, .type = b->type,
                                .valid_from = b->from ? b->from : HISTORY_FROM, .note = note,
                                .parent_id = b->parent < 0 ? root : oid[b->parent]};
        rc = unit_create_in_tx(db, NULL, NULL, &in, 1, &oid[i]);
    }
    /* close children before parents: the table lists parents first */
    for (size_t i = NOLD; rc == 0 && i-- > 0;) {
        const struct old_body *b = &old_bodies[i];
        const char *to = b->to ? b->to : MERGER_DAY;
        rc = unit_close_in_tx(db, oid[i], to);
        if (rc == 0) rc = unit_succession_add_in_tx(db, oid[i], b->successor < 0 ? oid[b->old_successor] : ids[b->successor], to);
    }
    if (rc == 0) rc = unit_close_in_tx(db, root, MERGER_DAY);
    if (rc == 0) rc = unit_succession_add_in_tx(db, root, province, MERGER_DAY);
    return rc;
}

static int create_history(dv_db *db, int64_t province, const int64_t ids[NBODIES], char *err, size_t errlen)
{
    int rc = db_begin(db);
    for (size_t i = 0; rc == 0 && i < sizeof old_provinces / sizeof *old_provinces; i++)
        rc = old_province_tx(db, &old_provinces[i], province, ids);
    if (rc == 0) rc = unit_tree_commit(db);
    else db_rollback(db);
    if (rc) snprintf(err, errlen, "cannot create the pre-2025 provinces: %s", dv_strerror(rc));
    return rc;
}

/* The password demo_logins[] gives username. */
static const char *demo_password(const char *username)
{
    for (size_t i = 0; i < demo_login_count; i++)
        if (strcmp(demo_logins[i].username, username) == 0) return demo_logins[i].password;
    return "";
}

int demo_load(dv_db *db, const char *tsv_path, char *err, size_t errlen)
{
    int64_t id;
    int rc = unit_store_find_open_code(db, bodies[B_TU].code, &id);
    if (rc) {
        snprintf(err, errlen, "cannot read the store");
        return rc;
    }
    if (id) return DV_ECONFLICT;
    char c1[8], c2[8];
    if (first_communes(tsv_path, c1, c2) != 0) {
        snprintf(err, errlen, "%s has no communes of province %s", tsv_path, DEMO_PROVINCE);
        return DV_EINVAL;
    }
    if ((rc = unit_import_tsv(db, tsv_path, 0, NULL, err, errlen)) != 0) return rc;

    int64_t province, x1, x2;
    if (unit_store_find_open_code(db, DEMO_PROVINCE, &province) || !province ||
        unit_store_find_open_code(db, c1, &x1) || !x1 || unit_store_find_open_code(db, c2, &x2) || !x2) {
        snprintf(err, errlen, "the demo province's units are missing after the import");
        return DV_ENOTFOUND;
    }
    int64_t ids[NBODIES];
    if ((rc = create_bodies(db, province, ids, err, errlen)) != 0) return rc;
    if ((rc = create_history(db, province, ids, err, errlen)) != 0) return rc;

    /* the passwords are those of demo_logins[] */
    const struct user_input people[] = {
        {"admin", "Trần Minh Khoa", "admin@camau.dangcongsan.vn", "0290 3831 201",
         "Chuyên viên Công nghệ thông tin, quản trị hệ thống", ids[B_BDV], province, ROLE_ADMIN, "vi"},
        {"bdv", "Lê Thị Thu Hà", "ltthuha@camau.dangcongsan.vn", "0290 3831 245",
         "Phó Trưởng Ban Dân vận Tỉnh ủy", ids[B_BDV], province, ROLE_STAFF, "vi"},
        {"xa1", "Phạm Văn Tâm", "pvtam.baclieu@camau.gov.vn", "0913 456 218",
         "Phó Bí thư Thường trực Đảng ủy, phụ trách công tác dân vận", x1, x1, ROLE_OFFICER, "vi"},
        {"xa2", "Huỳnh Thị Ngọc Hân", "htnhan.vinhtrach@camau.gov.vn", "0918 273 645",
         "Trưởng Ban Xây dựng Đảng, phụ trách công tác dân vận", x2, x2, ROLE_OFFICER, "vi"},
        {"bientap", "Võ Hoàng Nam", "vhnam@camau.dangcongsan.vn", "0290 3831 318",
         "Biên tập viên Trang thông tin điện tử Tỉnh ủy", ids[B_VP], province, ROLE_EDITOR, "vi"},
        {"xem", "Đặng Thị Mỹ Linh", "dtmylinh@camau.dangcongsan.vn", "0290 3831 402",
         "Chuyên viên Văn phòng Tỉnh ủy", ids[B_VP], province, ROLE_VIEWER, "vi"},
        {"kiemtra", "Nguyễn Quốc Việt", "nqviet@camau.dangcongsan.vn", "0290 3831 510",
         "Chuyên viên Ủy ban Kiểm tra Tỉnh ủy", ids[B_TU], province, ROLE_INSPECTOR, "vi"},
    };
    for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
        int64_t uid;
        if ((rc = user_create(db, NULL, NULL, &people[i], demo_password(people[i].username), &uid)) != 0) {
            snprintf(err, errlen, "cannot create the account %s: %s", people[i].username, dv_strerror(rc));
            return rc;
        }
    }
    if ((rc = portal_demo_load(db)) != 0) {
        snprintf(err, errlen, "cannot load the portal's demo categories and contributor: %s", dv_strerror(rc));
        return rc;
    }
    if ((rc = portal_seed_demo(db, tsv_path, err, errlen)) != 0) return rc;
    if ((rc = regime_demo_load(db, province, ids[B_BDV])) != 0) {
        snprintf(err, errlen, "cannot load the demo reporting regimes: %s", dv_strerror(rc));
        return rc;
    }
    if ((rc = directive_demo_load(db, province, ids[B_BTV], ids[B_BDV])) != 0) {
        snprintf(err, errlen, "cannot load the demo documents and tasks: %s", dv_strerror(rc));
        return rc;
    }
    if ((rc = citizen_demo_load(db)) != 0) {
        snprintf(err, errlen, "cannot load the demo petitions, dialogues and models: %s", dv_strerror(rc));
        return rc;
    }
    /* two years of reports for the demo regimes: after regime_demo_load */
    if ((rc = report_demo_load(db)) != 0) {
        snprintf(err, errlen, "cannot load the demo reports: %s", dv_strerror(rc));
        return rc;
    }
    if ((rc = dissem_demo_load(db, province, x1, x2)) != 0) {
        snprintf(err, errlen, "cannot load the demo cadres and dissemination sessions: %s", dv_strerror(rc));
        return rc;
    }
    if ((rc = review_demo_load(db)) != 0) {
        snprintf(err, errlen, "cannot load the demo inspections and review conference: %s", dv_strerror(rc));
        return rc;
    }
    return 0;
}
