/* category_set_view.h - what the category set pages (templates/report/category_*.html) are
 * given, all strings prepared by category_set_pages.c. */
#ifndef DV_CATEGORY_SET_VIEW_H
#define DV_CATEGORY_SET_VIEW_H

#include <stddef.h>

struct cat_set_row {
    const char *code, *name, *href;
    const char *options;      /* the options' names, comma-separated ("" = none yet) */
};

struct cat_list_view {
    struct cat_set_row *rows;
    size_t n;
};

struct cat_option_row {
    const char *code, *name;
    const char *edit_href;
    const char *move_action;  /* POST, dir=up|down */
    const char *delete_action;/* POST */
    int can_up, can_down;
};

struct cat_show_view {
    const char *code, *name;
    const char *rename_href;
    const char *add_href;     /* a new option */
    struct cat_option_row *rows;
    size_t n;
    const char *delete_action;/* POST; NULL while indicators use the set */
    long long users;          /* indicators that use it */
};

#endif
