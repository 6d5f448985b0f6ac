/* reorder.c - one item of an ordered list one place up or down (see reorder.h). */
#include "report/regime/reorder.h"

#include "core/err.h"

int reorder_move(int64_t *ids, size_t n, int64_t id, int dir)
{
    size_t i = 0;
    while (i < n && ids[i] != id) i++;
    if (i == n) return DV_ENOTFOUND;
    if (dir == 0 || (dir < 0 && i == 0) || (dir > 0 && i + 1 == n)) return DV_EINVAL;
    size_t j = dir < 0 ? i - 1 : i + 1;
    ids[i] = ids[j];
    ids[j] = id;
    return 0;
}
