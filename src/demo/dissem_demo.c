/* dissem_demo.c - the demo's records of dissemination and cadres: the cadre most units of
 * the province assign to mass-mobilization work (a few have none, two communes have a
 * history), the sessions of Quy định 23-QĐ/TW held by the old provinces in 2021 (one
 * online with its bridge points: 35.599/35.900 = 99,16%, one with absentees and its make-up
 * session) and the communes' sessions of the province's plan in the current half-year; and
 * the demo yearly regime's indicators I02-I04 pre-filled from these records. */
#include "demo/dissem_demo.h"

#include "core/clock.h"
#include "core/err.h"
#include "directive/cadre.h"
#include "directive/session.h"
#include "org/unit.h"
#include "report/regime/regime.h"
#include "report/report.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const families[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"};
static const char *const middles[] = {"Văn", "Thị", "Minh", "Hoàng", "Thanh", "Ngọc", "Quốc", "Thu"};
static const char *const givens[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long",
                                     "Mai", "Nam", "Phong", "Phúc", "Quang", "Tâm", "Thảo", "Trung", "Tuấn", "Vy"};
#define N_OF(x) (sizeof(x) / sizeof *(x))

static void name_of(size_t i, char *out, size_t cap)
{
    snprintf(out, cap, "%s %s %s", families[i % N_OF(families)], middles[(i / 3) % N_OF(middles)],
             givens[(i * 7) % N_OF(givens)]);
}

/* Today minus days, ISO, into out[11]. */
static void days_ago(int days, char out[11])
{
    clock_vn_date((long long)time(NULL) - (long long)days * 86400, out);
}

static int is_commune(const char *type)
{
    return !strcmp(type, "commune") || !strcmp(type, "ward") || !strcmp(type, "special_zone");
}

static int add_cadre(dv_db *db, int64_t unit, const char *name, const char *position, const char *decision,
                     const char *from, const char *until)
{
    struct cadre_input in = {name, position, NULL, decision, from, from, until, NULL};
    return cadre_add(db, NULL, NULL, unit, &in, NULL, NULL);
}

static int cadres(dv_db *db, const struct unit *us, size_t n, int64_t x1, int64_t x2)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const struct unit *u = &us[i];
        if (u->id == x1) { /* a handover at the new year */
            rc = add_cadre(db, u->id, "Trần Văn Hùng", "Phó Bí thư Đảng ủy phường", "03-QĐ/ĐU", "2025-07-01", NULL);
            if (rc == 0)
                rc = add_cadre(db, u->id, "Phạm Văn Tâm", "Phó Bí thư Thường trực Đảng ủy, phụ trách công tác dân vận",
                               "12-QĐ/ĐU", "2026-01-05", NULL);
            continue;
        }
        if (u->id == x2) {
            rc = add_cadre(db, u->id, "Huỳnh Thị Ngọc Hân", "Trưởng Ban Xây dựng Đảng, phụ trách công tác dân vận",
                           "07-QĐ/ĐU", "2025-07-15", NULL);
            continue;
        }
        if (i % 9 == 4) continue; /* a few units have assigned no one */
        char name[96], decision[40];
        name_of(i, name, sizeof name);
        snprintf(decision, sizeof decision, is_commune(u->type) ? "%zu-QĐ/ĐU" : "%zu-QĐ/BCS", 10 + i % 40);
        rc = add_cadre(db, u->id, name, is_commune(u->type) ? "Phó Bí thư Đảng ủy" : "Phó Thủ trưởng cơ quan",
                       decision, i % 3 ? "2025-07-15" : "2025-08-01", NULL);
    }
    return rc;
}

static const char *T23 = "Quy định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về thực hiện Quy chế công tác dân vận "
                         "của hệ thống chính trị";

/* The old provinces in 2021: the Tỉnh ủy online with its bridge points, the Ban Dân vận in
 * person with absentees and a make-up session. */
static int sessions_2021(dv_db *db, int64_t doc23)
{
    static const char *const points[] = {"Điểm cầu chính: Hội trường Tỉnh ủy", "Điểm cầu Thành ủy Cà Mau",
                                         "Điểm cầu Huyện ủy Trần Văn Thời", "Điểm cầu Huyện ủy Năm Căn",
                                         "Điểm cầu Huyện ủy Ngọc Hiển"};
    static const struct dissem_absentee absent[] = {{"Nguyễn Văn Lợi", "đi công tác tỉnh ngoài"},
                                                    {"Trần Thị Mỹ", "nghỉ ốm"}, {"Lê Quốc Việt", "đi học tập trung"}};
    int64_t tu = dissem_demo_unit(db, "96-OLD-TU"), bdv = dissem_demo_unit(db, "96-OLD-TU-BDV");
    int64_t bdv95 = dissem_demo_unit(db, "95-OLD-TU-BDV");
    if (!tu || !bdv || !bdv95) return DV_ENOTFOUND;
    struct dissem_input on = {doc23, T23, "2021-08-20", "Hội trường Tỉnh ủy Cà Mau", "online", 0,
                              "Hội nghị trực tuyến toàn tỉnh quán triệt Quy định 23-QĐ/TW.",
                              {{1, 35900, 35599}, {0, 0, 0}, {0, 0, 0}}, points, N_OF(points), NULL, 0};
    int rc = dissem_session_create(db, NULL, NULL, tu, &on, NULL);
    struct dissem_input bd = {doc23, T23, "2021-09-15", "Phòng họp Ban Dân vận Tỉnh ủy", "in_person", 0, NULL,
                              {{1, 24, 21}, {1, 12, 12}, {0, 0, 0}}, NULL, 0, absent, N_OF(absent)};
    int64_t first = 0;
    if (rc == 0) rc = dissem_session_create(db, NULL, NULL, bdv, &bd, &first);
    struct dissem_input mk = {doc23, T23, "2021-10-06", "Phòng họp Ban Dân vận Tỉnh ủy", "in_person", first,
                              "Quán triệt bù cho cán bộ vắng mặt ngày 15/9/2021.", {{1, 3, 3}, {0, 0, 0}, {0, 0, 0}},
                              NULL, 0, NULL, 0};
    if (rc == 0) rc = dissem_session_create(db, NULL, NULL, bdv, &mk, NULL);
    struct dissem_input bl = {doc23, T23, "2021-09-22", "Hội trường Tỉnh ủy Bạc Liêu", "in_person", 0, NULL,
                              {{1, 30, 30}, {1, 15, 14}, {0, 0, 0}}, NULL, 0, NULL, 0};
    if (rc == 0) rc = dissem_session_create(db, NULL, NULL, bdv95, &bl, NULL);
    return rc;
}

/* The communes' sessions of the province's plan for 23-QĐ/TW, in the current half-year:
 * most held one, a few none; the first commune also a make-up session. */
static int sessions_now(dv_db *db, const struct unit *us, size_t n, int64_t x1, int64_t x2, int64_t plan,
                        const char *plan_title)
{
    static const char *const points2[] = {"Điểm cầu Đảng ủy phường", "Điểm cầu khóm 1", "Điểm cầu khóm 5"};
    static const struct dissem_absentee absent[] = {{"Lâm Văn Sang", "trực bão"}, {"Châu Thị Bé", "nghỉ thai sản"}};
    int rc = 0;
    size_t k = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const struct unit *u = &us[i];
        if (!is_commune(u->type)) continue;
        k++;
        if (u->id != x1 && u->id != x2 && k % 6 == 0) continue; /* not held yet */
        char held[11], place[160];
        days_ago(u->id == x1 ? 40 : u->id == x2 ? 15 : 20 + (int)(k % 30), held);
        snprintf(place, sizeof place, "Hội trường Đảng ủy %s", u->name);
        long long party = 60 + (long long)((k * 37) % 140), civil = 20 + (long long)(k % 25);
        struct dissem_input in = {plan, plan_title, held, place, u->id == x2 ? "online" : "in_person", 0, NULL,
                                  {{1, party, party - (long long)(k % 4)}, {1, civil, civil}, {1, 40, 36}},
                                  u->id == x2 ? points2 : NULL, u->id == x2 ? N_OF(points2) : 0,
                                  u->id == x1 ? absent : NULL, u->id == x1 ? N_OF(absent) : 0};
        if (u->id == x1) in.groups[0] = (struct dissem_count){1, 152, 150};
        int64_t sid = 0;
        rc = dissem_session_create(db, NULL, NULL, u->id, &in, &sid);
        if (rc == 0 && u->id == x1) {
            days_ago(25, held);
            struct dissem_input mk = {plan, plan_title, held, place, "in_person", sid,
                                      "Quán triệt bù cho đảng viên vắng mặt.", {{1, 2, 2}, {0, 0, 0}, {0, 0, 0}},
                                      NULL, 0, NULL, 0};
            rc = dissem_session_create(db, NULL, NULL, u->id, &mk, NULL);
        }
    }
    return rc;
}

/* The yearly regime's I02-I04 counted from the records. */
static int bind_sources(dv_db *db)
{
    static const char *const bind[][2] = {{"I02", "directive.concretizing_docs"}, {"I03", "directive.sessions"},
                                          {"I04", "directive.participants"}};
    int64_t rid = dissem_demo_regime(db, "BC-QCDV-NAM");
    if (!rid) return 0;
    cadre_prefill_register(); /* the command line registers no routes: the sources are named here */
    dissem_prefill_register();
    dv_arena *a = arena_new();
    struct report_def def;
    int rc = report_def_read(db, a, rid, &def);
    for (size_t i = 0; rc == 0 && i < N_OF(bind); i++) {
        const struct report_def_indicator *d = report_def_find(&def, bind[i][0]);
        struct indicator x;
        if (!d || indicator_get(db, a, d->id, &x)) continue;
        struct indicator_input in = {x.code, x.name, x.type_code, x.unit_of_measure, x.required, x.category_set_id,
                                     x.position, bind[i][1]};
        rc = indicator_update(db, NULL, NULL, x.id, &in);
    }
    arena_free(a);
    return rc;
}

int dissem_demo_load(dv_db *db, int64_t province_id, int64_t x1, int64_t x2)
{
    dv_arena *a = arena_new();
    struct unit *us;
    size_t n;
    int rc = unit_store_subtree(db, a, province_id, &us, &n);
    if (rc == 0) rc = cadres(db, us, n, x1, x2);
    int64_t doc23 = dissem_demo_document(db, "23-QĐ/TW");
    if (rc == 0) rc = sessions_2021(db, doc23);
    const char *plan_title = "Kế hoạch của Ban Thường vụ Tỉnh ủy Cà Mau thực hiện Quy định 23-QĐ/TW trong tỉnh mới";
    if (rc == 0) rc = sessions_now(db, us, n, x1, x2, 0, plan_title);
    if (rc == 0) rc = bind_sources(db);
    arena_free(a);
    return rc;
}
