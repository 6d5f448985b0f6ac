/* review_access.c - the access questions of inspections and conferences (review_access.h),
 * built on the directives area's (the same readers and writers as tasks). */
#include "review/review_access.h"

#include "directive/directive_access.h"

int review_can_use(const struct dv_user *u)
{
    return directive_can_use(u);
}

int review_can_run(const struct dv_user *u)
{
    return directive_can_write(u);
}

int review_can_read_unit(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return directive_can_read_unit(db, u, unit_id) > 0;
}

int review_can_manage(dv_db *db, const struct dv_user *u, int64_t unit_id)
{
    return directive_can_assign(db, u, unit_id) > 0;
}

int review_can_inspect(dv_db *db, const struct dv_user *u, int64_t unit_id, int64_t subject_unit_id)
{
    return subject_unit_id > 0 && subject_unit_id != unit_id && review_can_read_unit(db, u, subject_unit_id);
}
