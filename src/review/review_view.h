/* review_view.h - what the review area's templates render: a page of facts, tables with
 * row links and one-button actions, and a form (the generic form of report/entry/gform.h,
 * with an optional file field). */
#ifndef DV_REVIEW_VIEW_H
#define DV_REVIEW_VIEW_H

#include "report/regime/regime_view.h"

#include <stddef.h>

struct rv_fact { const char *label, *value, *href; };

struct rv_button {          /* a POST form of one button */
    const char *action, *label;
};

struct rv_row {
    const char *cells[7];
    const char *href;       /* the first cell links here, NULL = none */
    const char *cell_href[7]; /* a link on another cell (NULL = none) */
    const char *mark;       /* "late" → the row is marked (class), NULL = none */
    const char *cell_post[7]; /* a one-button POST form on a cell, its text the label */
};

struct rv_table {
    const char *id, *heading, *empty;
    const char *cols[7];
    size_t ncols;
    struct rv_row *rows;
    size_t n;
    const char *add_href, *add_label;   /* a link under the table */
};

/* A line chart of rates (0-100 %) over the years: each series a polyline. */
struct rv_series { const char *label, *cls, *points; /* "x,y x,y …" in the chart's box */ };
#define RV_SERIES 5
struct rv_chart {
    const char *title, *desc;           /* desc: the same data in words, for screen readers */
    const char *xlabels[50], *xpos[50]; /* years under the axis */
    size_t nx;
    struct rv_series series[RV_SERIES];
    size_t nseries;
};

#define RV_MAX 8

/* Photos shown as a gallery (a conference's, for its draft article). */
struct rv_photo { const char *src, *alt, *caption; };
struct rv_gallery {
    const char *heading, *empty;
    const struct rv_photo *photos;
    size_t n;
    const char *add_href, *add_label;   /* a link under it, NULL = none */
};

struct rv_page {
    const char *intro;
    struct rv_fact facts[24];
    size_t nfacts;
    struct rv_fact links[8];            /* links above the tables (downloads, forms) */
    size_t nlinks;
    struct rv_button buttons[6];
    size_t nbuttons;
    const char *notice;                 /* a sentence in bold (why it cannot close yet) */
    const struct rv_chart *chart;       /* drawn before the tables, NULL = none */
    struct rv_fact texts[8];            /* long texts under headings (label = heading) */
    size_t ntexts;
    const struct rv_gallery *gallery;   /* after the texts, NULL = none */
    struct rv_table tables[RV_MAX];
    size_t ntables;
};

#endif
