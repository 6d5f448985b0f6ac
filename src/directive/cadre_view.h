/* cadre_view.h - what the cadre templates (templates/directive/cadre_*.html) are given:
 * strings already translated and dates as dd/mm/yyyy, prepared by cadre_pages.c. */
#ifndef DV_DIRECTIVE_CADRE_VIEW_H
#define DV_DIRECTIVE_CADRE_VIEW_H

#include "directive/cadre.h"
#include "http/form_view.h"

#include <stddef.h>

/* The fields of an assignment (add and edit). */
struct cadre_form {
    const char *action;
    const char *submit_label;
    struct field_view full_name, position, phone, decision_number, decision_date, valid_from, valid_until, note;
    const struct field_view *errors[8];
    size_t nerrors;
    const char *general_error;
};

struct cadre_row_view {
    const struct cadre *c;
    const char *from, *until, *decision_date; /* dd/mm/yyyy; until NULL = still assigned */
    int current;              /* assigned today */
    const char *edit_href;    /* NULL when the user may not edit */
};

/* GET /units/:id/cadres */
struct cadre_unit_view {
    const char *unit_name, *unit_href, *coverage_href, *sessions_href;
    const char *today;        /* dd/mm/yyyy */
    const struct cadre *current; /* today's cadre, NULL = none */
    struct cadre_row_view *rows;
    size_t n;
    int can_edit;
    struct cadre_form form;   /* the new assignment (can_edit) */
};

/* GET /cadres/:id/edit */
struct cadre_edit_view {
    const char *unit_name, *back_href;
    struct cadre_form form;
};

/* GET /cadres: a subtree's units with and without a cadre on a date. */
struct cadre_cov_row {
    const char *unit_name, *unit_href;
    const char *type_label;
    const char *cadre_name, *position, *since, *decision; /* NULL without a cadre */
};

struct cadre_coverage_view {
    const char *date_text;    /* dd/mm/yyyy */
    const char *root_name;
    struct field_view date, unit;
    struct option_view *units;
    size_t nunits;
    const struct field_view *errors[2];
    size_t nerrors;
    struct cadre_cov_row *without, *with;
    size_t nwithout, nwith;
    const char *summary;      /* "41 of 45 units have an assigned cadre on 31/12/2025." */
    const char *csv_href, *xlsx_href;
};

#endif
