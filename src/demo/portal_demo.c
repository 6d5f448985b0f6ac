/* portal_demo.c - demo data of the portal: its categories and a contributor account. The
 * demo article itself is loaded by the seed (seed*.c). */
#include "demo/portal_demo.h"

#include "core/err.h"
#include "demo/demo_store.h"
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

static int load_categories(dv_db *db)
{
    int rc = db_begin(db);
    if (rc) return rc;
    for (size_t i = 0; i < sizeof demo_categories / sizeof *demo_categories; i++) {
        int64_t added; /* the new category's id, 0 when it was there */
        if ((rc = demo_category_insert(db, demo_categories[i].slug, demo_categories[i].name, (int)i + 1, &added)) != 0)
            break;
        if (!added) continue;
        struct audit_change ch[] = {{"slug", NULL, demo_categories[i].slug}, {"name", NULL, demo_categories[i].name}};
        if ((rc = audit_write(db, NULL, NULL, "create", "category", added, ch, 2)) != 0) break;
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
