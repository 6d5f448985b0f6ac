/* regime_view.h - what the regime admin templates (templates/report/regime_*.html) are
 * given: a generic validated form (a list of fields of a few kinds) and the regime list
 * and overview, all strings prepared (translated, formatted) by regime_pages.c. */
#ifndef DV_REGIME_VIEW_H
#define DV_REGIME_VIEW_H

#include "http/form_view.h"

#include <stddef.h>

struct gf {
    enum field_kind kind; /* from the field's declaration (http/input.h) */
    struct field_view f;
    struct option_view *opts; /* FK_SELECT */
    size_t nopts;
    const char *blank;        /* FK_SELECT: the empty choice's label, NULL = none */
};

#define GFORM_MAX 24

struct gform_view {
    const char *intro;        /* a paragraph above the form, may be NULL */
    const char *action;
    const char *submit_label;
    const char *cancel_href;
    struct gf fields[GFORM_MAX];
    size_t n;
    const struct field_view *errors[GFORM_MAX];
    size_t nerrors;
    const char *general_error;
};

struct regime_row {
    const char *code, *name, *href, *frequency, *receiver, *active;
};

struct regime_list_view {
    struct regime_row *rows;
    size_t n;
    int can_create;
};

/* One line of a table on the overview: up to 6 cells and optional edit, delete and move
 * buttons. */
struct ov_row {
    const char *cells[6];
    const char *edit_href;    /* NULL = none */
    const char *delete_action;/* POST target of a delete button, NULL = none */
    const char *move_action;  /* POST target of the up/down buttons (dir=up|down), NULL = none */
    int can_up, can_down;     /* with move_action: which of the two to show */
};

struct ov_table {
    const char *id;           /* section id */
    const char *heading;
    const char *cols[6];      /* column headings, NULL-terminated when fewer */
    size_t ncols;
    struct ov_row *rows;
    size_t n;
    const char *empty;        /* shown when n == 0 */
    const char *add_href;     /* "add" link, NULL = none */
    const char *add_label;
    const char *more_href;    /* a further link after the "add" one, NULL = none */
    const char *more_label;
};

struct regime_show_view {
    const char *code, *frequency, *receiver, *content, *grace, *doc_type, *active;
    const char *issuer_body, *number_on; /* translated labels */
    const char *edit_href;
    const char *who_reports;  /* "N units are expected to report for <period>" */
    struct ov_table tables[7];
    size_t ntables;
    const char *periods_action; /* POST /regimes/:id/periods */
    const char *from_year, *to_year;
    int can_generate;           /* periods with default windows; else add_period_href */
    const char *add_period_href;
};

#endif
