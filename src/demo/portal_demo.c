/* portal_demo.c - demo data of the portal: its categories and a contributor account. The
 * demo article itself is loaded by the seed (seed*.c). */
#include "demo/portal_demo.h"

#include "core/err.h"
#include "org/audit.h"
#include "org/unit.h"
#include "org/user_store.h"

#include <stddef.h>

static const struct {
    const char *slug, *name;
} demo_categories[] = {
    {"tin-tuc", "Tin tức"},
    {"hoat-dong", "Hoạt động"},
    {"dan-van-kheo", "Dân vận khéo"},
    {"van-ban", "Văn bản chỉ đạo"},
    {"guong-dien-hinh", "Gương điển hình"},
};

static const char *SQL_CATEGORY_INSERT =
    "INSERT OR IGNORE INTO categories (slug, name, position) VALUES (?1, ?2, ?3)";

static int load_categories(dv_db *db)
{
    int rc = db_begin(db);
    if (rc) return rc;
    for (size_t i = 0; i < sizeof demo_categories / sizeof *demo_categories; i++) {
        dv_stmt *st = db_prepare(db, SQL_CATEGORY_INSERT);
        if (!st) {
            rc = DV_EDB;
            break;
        }
        db_bind_text(st, 1, demo_categories[i].slug);
        db_bind_text(st, 2, demo_categories[i].name);
        db_bind_int(st, 3, (int64_t)i + 1);
        if ((rc = db_exec(st)) != 0) break;
        if (db_changes(db) == 0) continue;
        struct audit_change ch[] = {{"slug", NULL, demo_categories[i].slug}, {"name", NULL, demo_categories[i].name}};
        if ((rc = audit_write(db, NULL, NULL, "create", "category", db_last_id(db), ch, 2)) != 0) break;
    }
    if (rc == 0) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

int portal_demo_load(dv_db *db)
{
    int rc = load_categories(db);
    if (rc) return rc;
    int64_t office = 0, province = 0;
    if ((rc = unit_store_find_open_code(db, "96-TU-VP", &office)) != 0 ||
        (rc = unit_store_find_open_code(db, "96", &province)) != 0)
        return rc;
    if (!office) return DV_ENOTFOUND;
    struct user_input in = {
        "congtac", "Nguyễn Thị Kim Yến", "ntkyen@camau.dangcongsan.vn", "0290 3831 327",
        "Cộng tác viên Trang thông tin điện tử Tỉnh ủy", office, province ? province : office,
        ROLE_CONTRIBUTOR, "vi",
    };
    int64_t uid;
    rc = user_create(db, NULL, NULL, &in, "demo-congtac-2025", &uid);
    return rc == DV_ECONFLICT ? 0 : rc;
}
