/* session_view.h - what the session templates (templates/directive/session_*.html) are
 * given, prepared by session_pages.c and session_form_pages.c. */
#ifndef DV_DIRECTIVE_SESSION_VIEW_H
#define DV_DIRECTIVE_SESSION_VIEW_H

#include "directive/session.h"
#include "http/form_view.h"

#include <stddef.h>

struct dissem_row_view {
    const struct dissem_session *s;
    const char *href, *held_on, *form, *rate;
    const char *makeup_note;  /* "make-up of 12/03/2026", NULL */
};

/* GET /units/:id/sessions and GET /documents/:id/sessions */
struct dissem_list_view {
    const char *heading_name; /* the unit's or the document's */
    const char *back_href, *back_label;
    const char *cadres_href;  /* a unit's list: its cadres */
    const char *new_href;     /* NULL when the user may not record */
    int show_unit;            /* a document's list names each unit */
    struct dissem_row_view *rows;
    size_t n;
    const char *total_rate;   /* over the listed sessions */
    const char *csv_href, *xlsx_href; /* the same rows to download */
};

struct dissem_group_view {
    const char *label, *expected, *attended, *rate;
};

struct dissem_link {
    const char *label, *href;
};

/* GET /sessions/:id */
struct dissem_show_view {
    const struct dissem_session *s;
    const char *unit_href, *document_href, *held_on, *form;
    struct dissem_group_view groups[SG_N + 1]; /* the recorded ones, then the total */
    size_t ngroups;
    const char *total_rate;
    struct dissem_link *makeups;       /* sessions making this one up */
    size_t nmakeups;
    const char *makeup_of_href, *makeup_of_date;
    struct dissem_link *tasks;         /* tasks completed with it as evidence */
    size_t ntasks;
    const char *edit_href;             /* NULL when the user may not edit */
    const char *makeup_new_href;       /* record a make-up session, when absentees are listed */
};

/* The form (new and edit). */
struct dissem_form_view {
    const char *action, *submit_label, *cancel_href, *unit_name;
    struct field_view document, title, held_on, place, form, points;
    struct field_view expected[SG_N], attended[SG_N];
    const char *group_labels[SG_N];
    struct field_view absentees, makeup_of, note, task;
    struct option_view *documents, *forms, *makeups, *tasks;
    size_t ndocuments, nforms, nmakeups, ntasks;
    const struct field_view *errors[24];
    size_t nerrors;
    const char *general_error;
};

#endif
