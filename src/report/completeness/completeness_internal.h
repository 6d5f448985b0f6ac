/* completeness_internal.h - what completeness.c and pivot.c share (not for handlers). */
#ifndef DV_COMPLETENESS_INTERNAL_H
#define DV_COMPLETENESS_INTERNAL_H

#include "report/completeness/completeness.h"

#include <stddef.h>
#include <stdint.h>

/* Nodes sorted by id (compl_node_cmp) and found by id in such a sorted array. */
int compl_node_cmp(const void *x, const void *y);
const struct compl_node *compl_node_find(const struct compl_node *v, size_t n, int64_t id);

#endif
