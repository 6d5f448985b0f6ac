/* dashboard_view.h - what the dashboard templates render (templates/report/dashboard_*.html),
 * filled by dashboard_pages.c: every string ready to print (translated, formatted). */
#ifndef DV_DASHBOARD_VIEW_H
#define DV_DASHBOARD_VIEW_H

#include <stddef.h>

struct dash_option {
    const char *value;
    const char *label;
    int selected;
};

struct dash_cell {
    const char *cls;     /* "cell st-on_time" … */
    const char *label;   /* "✓ Đúng hạn", or NULL */
    const char *flag;    /* "Đã duyệt" for approved reports, or NULL */
    const char *detail;  /* "3/4 đã gửi" for units with units under them, or NULL */
    const char *title;   /* deadline and first submission, for the tooltip */
};

struct dash_row {
    const char *name;
    const char *href;    /* drill down, NULL for a leaf */
    const char *note;    /* "(chính đơn vị)" for the root's own row, or NULL */
    const struct dash_cell *cells;
    const char *total;   /* "5/8 · 62,5%" */
};

struct dash_total {      /* one period, whole subtree */
    const char *label;
    long long expected, received, on_time, late, missing, returned, not_due, approved;
    const char *counts[8];   /* the same, grouped for people, in that order */
    const char *received_rate, *on_time_rate; /* "87,5%" */
    const char *summary; /* "7/8 · 87,5%" */
};

struct dash_bar {        /* the chart: one group of two bars per period */
    long long x_recv, x_ot, w, y_recv, h_recv, y_ot, h_ot, x_label, y_label;
    const char *label, *recv_text, *ot_text, *rotate;
    int open;                 /* some reports not yet due: no rate bars, a pale column */
    long long x_mark, y_mark, w_mark, h_mark, y_text; /* the pale column: sent of expected */
    const char *mark_title;   /* "24/77 sent · 53 not yet due" */
};

struct dash_doc {         /* the consolidated report of the unit for one period */
    const char *label, *pdf_href, *docx_href;
};

struct dash_prow {
    const char *name;
    const char *cls;       /* "lvl-2 parent" */
    const char *const *values; /* per period, "" when nothing was summed */
    const char *total;
    int bold;
};

struct dash_level {      /* one unit type: received/expected per period */
    const char *label;
    const char *const *cells;
    const char *total;
};

struct dash_view {
    const char *notice;                 /* no regime, no period … */
    const struct dash_option *regimes; size_t nregimes;
    const struct dash_option *from_opts; const struct dash_option *to_opts; size_t nperiod_opts;
    const char *unit_id;                /* hidden field */
    const char *unit_name;
    const char *up_href, *up_name;      /* the parent, when the user may see it */
    /* matrix */
    const struct dash_row *rows; size_t nrows;
    const struct dash_total *totals; size_t nperiods;
    const char *grand;
    const struct dash_level *levels; size_t nlevels;
    /* chart */
    const struct dash_bar *bars;
    long long chart_w, chart_h, axis_y0, axis_y50, axis_y100, axis_x0, axis_x1;
    const char *chart_desc;
    int any_open;                       /* a period still open: the chart's note */
    /* the consolidated report of the unit, per period shown */
    const struct dash_doc *docs; size_t ndocs;
    /* links */
    const char *csv_href, *xlsx_href, *json_href, *pivot_href, *matrix_href;
    /* pivot */
    const struct dash_option *indicators; size_t nindicators;
    const struct dash_option *options; size_t noptions;
    const char *indicator_name;
    const struct dash_prow *prows; size_t nprows;
};

#endif
