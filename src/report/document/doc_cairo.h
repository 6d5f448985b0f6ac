/* doc_cairo.h - what the document renderers share inside report/document: the private font
 * map over the Liberation Serif files that cover Vietnamese (doc_pdf.c) and the chart drawn
 * with cairo and pango (doc_chart.c), on a PDF page or into a PNG for the DOCX. */
#ifndef DV_DOC_CAIRO_H
#define DV_DOC_CAIRO_H

#include "report/document/doc_model.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* This thread's font map over doc_font_files alone; NULL when none is installed. */
PangoFontMap *doc_fontmap(void);

/* Draws chart c in the box (x, y, w, h), in points, with ctx's fonts: its title, the axis of
 * 0-100 %, a line per series (a gap where a year has no value), the years and the legend. */
void doc_chart_draw(cairo_t *cr, PangoContext *ctx, const struct doc_chart *c, double x, double y, double w, double h);

#endif
