/* category_view.h - what the desk's category page (templates/portal/desk_categories.html)
 * is given: one row per category with its own form, and the form for a new one. */
#ifndef DV_CATEGORY_VIEW_H
#define DV_CATEGORY_VIEW_H

#include "http/form_view.h"

#include <stddef.h>

struct category_page_row {
    long long id;
    const char *name;            /* as stored: the row's heading */
    const char *slug;
    long long articles;
    int hidden;
    const char *action, *move_action, *hide_action;
    struct field_view name_field, slug_field; /* "name_ID", "slug_ID": unique ids per row */
    int can_up, can_down, can_hide;
};

struct category_page_view {
    struct category_page_row *rows;
    size_t n;
    struct field_view new_name, new_slug;
    const char *general_error;
    const struct field_view *errors[8];
    size_t nerrors;
};

#endif
