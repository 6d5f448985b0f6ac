/* directive_view.h - what the templates of templates/directive/ are given: rows with every
 * string prepared (translated, dates dd/mm/yyyy, numbers formatted) by the *_pages.c files. */
#ifndef DV_DIRECTIVE_VIEW_H
#define DV_DIRECTIVE_VIEW_H

#include "directive/board.h"
#include "directive/directive.h"
#include "http/form_view.h"

#include <stddef.h>

struct dir_doc_row {
    const char *href, *code, *type, *issuer, *issued, *title, *state; /* state: "" or "Expired" */
};

struct dir_doc_list_view {
    const struct dir_doc_row *rows; size_t n;
    const char *total;                      /* "12 documents" */
    struct field_view f_q, f_type, f_from, f_to;
    const struct option_view *types; size_t ntypes;
    int can_create;
    const char *csv_href;
};

struct dir_doc_form_view {
    struct field_view f[14];
    size_t nf;
    const struct option_view *types; size_t ntypes;
    const struct option_view *units; size_t nunits;
    const struct field_view *errors[14]; size_t nerrors;
};

struct dir_link_row { const char *relation, *href, *code, *title, *issued; };
struct dir_task_row {
    const char *href, *title, *lead, *assigner, *deadline, *original, *status, *status_code, *overdue, *progress,
        *doc_code;
};
struct dir_lag_row { const char *unit, *doc_href, *doc_code, *issued, *days, *deadline; int never, late; };

struct dir_doc_show_view {
    const struct document *d;
    const char *type, *issued, *effective, *expired, *file_href;
    const struct dir_link_row *up; size_t nup;     /* this document acts on them */
    const struct dir_link_row *down; size_t ndown; /* they act on this one */
    const struct dir_task_row *tasks; size_t ntasks;
    const struct dir_lag_row *lag; size_t nlag;
    const char *lag_summary;                   /* "24 units: 20 issued, 4 never" */
    const char *board_href;
    int can_edit, can_assign;
    const char *relate_action, *assign_action;
    struct field_view f_rel_kind, f_rel_to;
    const struct option_view *rel_kinds; size_t nrel_kinds;
    const struct option_view *docs; size_t ndocs;
    struct field_view a_f[9]; size_t a_nf;     /* the assignment form */
    const struct option_view *sel_kinds, *units, *unit_types, *products, *prios;
    size_t nsel_kinds, nunits, nunit_types, nproducts, nprios;
    const struct field_view *errors[9]; size_t nerrors;
};

struct dir_hist_row { const char *a, *b, *c, *d, *e, *f, *href; };

struct dir_task_show_view {
    const struct task *t;
    const char *status, *status_code, *deadline, *original, *assigned, *overdue, *progress, *source_href,
        *source_label, *coordinators, *product, *priority, *escalated;
    const struct dir_hist_row *deadlines; size_t ndeadlines;
    const struct dir_hist_row *completions; size_t ncompletions;
    const struct dir_hist_row *explanations; size_t nexplanations;
    const struct dir_task_row *children; size_t nchildren;
    int can_work, can_decide, pending, overdue_now, done;
    const char *id_s;
    struct field_view c_f[5];                   /* completion: date, note, document, link, file */
    const struct option_view *evid_docs; size_t nevid_docs;
    struct field_view d_f[2];                   /* decision note, decision date */
    struct field_view dl_f[2];                  /* new deadline, reason */
    struct field_view x_f[2];                   /* explanation reason, expected date */
    struct field_view k_f[3];                   /* cascade: units (select), title, deadline */
    const struct option_view *kids; size_t nkids;
    const struct field_view *errors[8]; size_t nerrors;
};

struct dir_task_list_view {
    const char *heading, *intro;
    const struct dir_task_row *rows; size_t n;
    const char *csv_href, *xlsx_href, *board_href;
    const struct crumb *units; size_t nunits;  /* other units to look at (children) */
};

struct dir_chart_rect { long long x, y, w, h; const char *cls, *title; };
struct dir_chart_label { long long x, y; const char *text; };

struct dir_board_cell_row {
    const char *href, *name, *total, *on_time, *late, *within, *overdue, *returned, *rate, *age, *escalated;
    int own;
};

struct dir_board_view {
    const char *heading, *as_of_text;
    const struct dir_board_cell_row *rows; size_t n;
    struct dir_board_cell_row total;
    struct field_view f_as_of, f_doc;
    const struct option_view *docs; size_t ndocs;
    const char *unit_s;                  /* the unit shown, as a hidden field */
    const char *csv_href, *xlsx_href, *list_href, *up_href, *up_label;
    const struct dir_chart_rect *rects; size_t nrects;   /* the chart over time, stacked bars */
    const struct dir_chart_label *labels; size_t nlabels;
    const char *chart_caption;
    const char *settings_href;           /* for those who may change the escalation days */
};

/* /tasks/settings: the area's settings for those who own them. */
struct dir_settings_view {
    struct field_view f_days;
    const struct field_view *errors[1]; size_t nerrors;
    const char *current;                 /* "15 ngày" as stored */
};

#endif
