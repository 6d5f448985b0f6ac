/* doc_chart.c - the chart of a document (doc_model.h struct doc_chart): a line chart of rates
 * (0-100 %) over the years, drawn with cairo and pango in Liberation Serif; the PDF renderer
 * draws it on its page, the DOCX renderer embeds it as a PNG made here. */
#include "report/document/doc_cairo.h"

#include "core/err.h"

#include <stdio.h>

#define PT_TITLE 11
#define PT_LABEL 9

static PangoLayout *text_layout(PangoContext *ctx, const char *text, int size, int bold)
{
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, DOC_FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

/* Draws text with its left (align 0), centre (1) or right (2) at x, its middle at y; returns its width. */
static double label(cairo_t *cr, PangoContext *ctx, const char *text, int size, int bold, double x, double y, int align)
{
    PangoLayout *l = text_layout(ctx, text, size, bold);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    double tw = (double)w / PANGO_SCALE, th = (double)h / PANGO_SCALE;
    cairo_move_to(cr, x - (align == 1 ? tw / 2 : align == 2 ? tw : 0), y - th / 2);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return tw;
}

static void rgb(cairo_t *cr, unsigned c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* The legend: a short line of the series' colour and its label, wrapped to rows; returns its height. */
static double legend(cairo_t *cr, PangoContext *ctx, const struct doc_chart *c, double x, double y, double w, int draw)
{
    double cx = x, cy = y + 7, row = 13;
    for (size_t s = 0; s < c->nseries; s++) {
        PangoLayout *l = text_layout(ctx, c->series[s].label, PT_LABEL, 0);
        int lw, lh;
        pango_layout_get_size(l, &lw, &lh);
        g_object_unref(l);
        double need = 22 + (double)lw / PANGO_SCALE + 12;
        if (cx > x && cx + need > x + w) {
            cx = x;
            cy += row;
        }
        if (draw) {
            rgb(cr, c->series[s].rgb);
            cairo_set_line_width(cr, 2);
            cairo_move_to(cr, cx, cy);
            cairo_line_to(cr, cx + 16, cy);
            cairo_stroke(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            label(cr, ctx, c->series[s].label, PT_LABEL, 0, cx + 20, cy, 0);
        }
        cx += need;
    }
    return cy - y + 7;
}

void doc_chart_draw(cairo_t *cr, PangoContext *ctx, const struct doc_chart *c, double x, double y, double w, double h)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    label(cr, ctx, c->title, PT_TITLE, 1, x + w / 2, y + 8, 1);
    double lh = legend(cr, ctx, c, x + 34, 0, w - 34, 0);
    double px = x + 34, pw = w - 44, py = y + 24, ph = h - 24 - 18 - lh - 6;
    /* the grid: 0, 25 … 100 % */
    for (int k = 0; k <= 4; k++) {
        double gy = py + ph - ph * k / 4.0;
        cairo_set_source_rgb(cr, k ? 0.82 : 0, k ? 0.82 : 0, k ? 0.82 : 0);
        cairo_set_line_width(cr, k ? 0.5 : 0.8);
        cairo_move_to(cr, px, gy);
        cairo_line_to(cr, px + pw, gy);
        cairo_stroke(cr);
        char t[8];
        snprintf(t, sizeof t, "%d%%", k * 25);
        cairo_set_source_rgb(cr, 0, 0, 0);
        label(cr, ctx, t, PT_LABEL, 0, px - 4, gy, 2);
    }
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, px, py);
    cairo_line_to(cr, px, py + ph);
    cairo_stroke(cr);
    size_t n = c->nx < DOC_CHART_POINTS ? c->nx : DOC_CHART_POINTS;
    for (size_t i = 0; i < n; i++) {
        double gx = n > 1 ? px + pw * (double)i / (double)(n - 1) : px + pw / 2;
        label(cr, ctx, c->xlabels[i], PT_LABEL, 0, gx, py + ph + 9, 1);
    }
    for (size_t s = 0; s < c->nseries; s++) {
        const struct doc_chart_series *se = &c->series[s];
        rgb(cr, se->rgb);
        cairo_set_line_width(cr, 1.6);
        int open = 0;
        for (size_t i = 0; i < n; i++) {
            double v = se->values[i];
            if (v < 0) { /* no value: the line breaks */
                if (open) cairo_stroke(cr);
                open = 0;
                continue;
            }
            if (v > 100) v = 100;
            double gx = n > 1 ? px + pw * (double)i / (double)(n - 1) : px + pw / 2, gy = py + ph - ph * v / 100.0;
            if (open) cairo_line_to(cr, gx, gy);
            else cairo_move_to(cr, gx, gy);
            open = 1;
        }
        if (open) cairo_stroke(cr);
        for (size_t i = 0; i < n; i++) { /* a dot on every value, so a single year shows */
            double v = se->values[i] > 100 ? 100 : se->values[i];
            if (v < 0) continue;
            double gx = n > 1 ? px + pw * (double)i / (double)(n - 1) : px + pw / 2, gy = py + ph - ph * v / 100.0;
            cairo_arc(cr, gx, gy, 2.2, 0, 6.2832);
            cairo_fill(cr);
        }
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    legend(cr, ctx, c, x + 34, py + ph + 20, w - 34, 1);
    cairo_restore(cr);
}

static cairo_status_t png_out(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

int doc_chart_png(const struct doc_chart *c, double w_mm, double h_mm, double dpi, dv_buf *out)
{
    PangoFontMap *fm = doc_fontmap();
    if (!fm) return DV_EIO;
    int pw = (int)(w_mm / 25.4 * dpi + 0.5), ph = (int)(h_mm / 25.4 * dpi + 0.5);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return DV_EIO;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_update_context(cr, ctx);
    doc_chart_draw(cr, ctx, c, 0, 0, w_mm * 72.0 / 25.4, h_mm * 72.0 / 25.4);
    g_object_unref(ctx);
    cairo_destroy(cr);
    int rc = cairo_surface_write_to_png_stream(s, png_out, out) == CAIRO_STATUS_SUCCESS ? 0 : DV_EIO;
    cairo_surface_destroy(s);
    return rc;
}
