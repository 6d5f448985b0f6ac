/* reorder.h - moving one item of an ordered list one place up or down (the indicators of
 * a regime, the options of a category set). Pure logic: the stores write the result back
 * as dense positions 1..n (rstore_positions in store_util.h). */
#ifndef DV_REORDER_H
#define DV_REORDER_H

#include <stddef.h>
#include <stdint.h>

/* Moves the item id one place within ids[0..n), in place: dir < 0 towards the front (up),
 * dir > 0 towards the end (down). 0; DV_ENOTFOUND when id is not in the list; DV_EINVAL
 * when dir is 0 or the item is already first (up) or last (down). */
int reorder_move(int64_t *ids, size_t n, int64_t id, int dir);

#endif
