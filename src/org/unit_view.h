/* unit_view.h - what the unit templates (templates/org/unit_*.html) are given: plain,
 * already-translated strings prepared by the handlers in unit_pages.c. */
#ifndef DV_UNIT_VIEW_H
#define DV_UNIT_VIEW_H

#include "core/html.h"
#include "http/form_view.h"
#include "org/unit.h"
#include "org/user_store.h"

#include <stddef.h>

/* A unit in a list: the tree, children, search hits. */
struct unit_row {
    const char *name;
    const char *href;
    const char *type_label;
    long long child_count;
    const char *path;        /* search hits: the parents, "Tỉnh Cà Mau › Tỉnh ủy Cà Mau" */
};

struct unit_list_view {
    const char *q;           /* the search text as typed, NULL when not searching */
    const char *heading;     /* above the rows */
    struct unit_row *rows;
    size_t n;
    int truncated;           /* more hits than shown */
};

struct unit_person {
    const char *full_name;
    const char *position;
    const char *role;
    const char *username;
};

struct unit_link_view {
    const char *label, *href;
};

struct unit_show_view {
    const struct unit *u;
    const char *type_label;
    const char *valid_from;  /* dd/mm/yyyy */
    const char *valid_to;    /* dd/mm/yyyy or NULL */
    int open;
    const char *parent_name; /* NULL for a root */
    const char *parent_href; /* NULL when not viewable */
    dv_html children_html;   /* the rendered list of subordinate units (cached per tree) */
    struct unit_person *people;
    size_t npeople;
    int can_edit;
    const char *edit_href, *close_href, *new_child_href;
    struct unit_link_view *links; /* other areas' pages of this unit (org/unit_links.h) */
    size_t nlinks;
};

/* The create and edit form (templates/org/unit_form.html); fields in http/form_view.h. */
struct unit_form_view {
    const char *action;      /* "/units" or "/units/12" */
    const char *submit_label;
    const char *cancel_href;
    const char *parent_id;   /* creating: the parent's id as text, or NULL */
    const char *parent_name;
    const char *general_error; /* not about one field (e.g. the parent is closed) */
    struct field_view name, short_name, code, type, valid_from, note;
    struct option_view types[16];
    size_t ntypes;
    const struct field_view *errors[8]; /* for the summary, in form order */
    size_t nerrors;
};

struct unit_close_view {
    const struct unit *u;
    const char *action;
    const char *cancel_href;
    const char *general_error;
    struct field_view date;
    const struct field_view *errors[2];
    size_t nerrors;
};

#endif
