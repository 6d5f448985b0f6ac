/* doc_pdf.c - renders a doc_model as an A4 PDF with cairo and pango (Liberation Serif),
 * breaking pages line by line, page numbers from page 2; the chart (doc_chart.c) under the table. Geometry and sizes from
 * doc_model.h. The text is laid out with a private font map holding only the Liberation
 * Serif files that cover Vietnamese (doc_font_files), so no letter falls back to another
 * family (Debian 12's fonts-liberation 1.07 lacks U+1EA0–U+1EF9: Pango would take DejaVu). */
#include "report/document/doc_cairo.h"

#include "core/err.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- fonts ---- */

#define MAX_FONT_FILES 8
static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static char *font_files[MAX_FONT_FILES];
static size_t nfont_files;

/* Every installed DOC_FONT face whose charset has the whole U+1EA0–U+1EF9 block. */
static void fonts_find(void)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)DOC_FONT);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_CHARSET, NULL);
    FcFontSet *fs = FcFontList(NULL, pat, os);
    for (int i = 0; fs && i < fs->nfont && nfont_files < MAX_FONT_FILES; i++) {
        FcChar8 *file = NULL;
        FcCharSet *cs = NULL;
        if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch)
            continue;
        int all = 1;
        for (FcChar32 c = 0x1EA0; c <= 0x1EF9 && all; c++) all = FcCharSetHasChar(cs, c);
        if (all) font_files[nfont_files++] = strdup((const char *)file);
    }
    if (fs) FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
}

size_t doc_font_files(const char **out, size_t max)
{
    pthread_once(&fonts_once, fonts_find);
    for (size_t i = 0; i < nfont_files && i < max; i++) out[i] = font_files[i];
    return nfont_files;
}

/* This thread's font map over those files alone (Pango font maps are per thread). */
PangoFontMap *doc_fontmap(void)
{
    static _Thread_local PangoFontMap *fm;
    if (fm) return fm;
    const char *files[MAX_FONT_FILES];
    size_t n = doc_font_files(files, MAX_FONT_FILES);
    if (!n) return NULL;
    FcConfig *cfg = FcConfigCreate();
    for (size_t i = 0; i < n; i++) FcConfigAppFontAddFile(cfg, (const FcChar8 *)files[i]);
    PangoFontMap *m = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!m) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m), cfg);
    FcConfigDestroy(cfg); /* the font map holds its reference */
    fm = m;
    return fm;
}

static double pt(double mm) { return mm * 72.0 / 25.4; }

enum { F_BOLD = 1, F_ITALIC = 2, F_UNDERLINE = 4 };

struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *ctx;
    int page;       /* 1-based */
    double y;       /* next free y, points from the top */
    double left, right, top, bottom; /* content box */
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    buf_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(struct pdf *p, const char *text, int size, int flags, double width,
                           PangoAlignment align, int justify, double indent)
{
    PangoLayout *l = pango_layout_new(p->ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, DOC_FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (flags & F_BOLD) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (flags & F_ITALIC) pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (flags & F_UNDERLINE) {
        PangoAttrList *al = pango_attr_list_new();
        pango_attr_list_insert(al, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
        pango_layout_set_attributes(l, al);
        pango_attr_list_unref(al);
    }
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_justify(l, justify);
    if (indent > 0) pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Decree 30 and 36-HD/VPTW: the page number from page 2, centred in the top margin. */
static void page_number(struct pdf *p)
{
    char n[16];
    snprintf(n, sizeof n, "%d", p->page);
    PangoLayout *l = layout(p, n, DOC_PT_HEADER, 0, p->right - p->left, PANGO_ALIGN_CENTER, 0, 0);
    cairo_move_to(p->cr, p->left, p->top / 2 - height(l) / 2);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

static void new_page(struct pdf *p)
{
    cairo_show_page(p->cr);
    p->page++;
    page_number(p);
    p->y = p->top;
}

/* Draws a layout at x from p->y, line by line, starting a new page when a line does not fit. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double shift = p->y;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double ly = (double)logical.y / PANGO_SCALE, lh = (double)logical.height / PANGO_SCALE;
        if (shift + ly + lh > p->bottom && shift + ly > p->top + 0.5) {
            new_page(p);
            shift = p->top - ly;
        }
        double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE, shift + base);
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        p->y = shift + ly + lh;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void para(struct pdf *p, const char *text, int size, int flags, PangoAlignment align, int justify,
                 double indent, double after)
{
    PangoLayout *l = layout(p, text, size, flags, p->right - p->left, align, justify, indent);
    flow(p, l, p->left);
    g_object_unref(l);
    p->y += after;
}

/* A column of lines drawn at (x, y) without page breaks; returns the y below it. */
struct line {
    const char *text;
    int size, flags;
    int rule;          /* draw a line under it: 1 as long as the text, 2 a third of the column */
};

static double column(struct pdf *p, double x, double y, double w, const struct line *lines, size_t n,
                     PangoAlignment align)
{
    for (size_t i = 0; i < n; i++) {
        if (!lines[i].text) continue;
        PangoLayout *l = layout(p, lines[i].text, lines[i].size, lines[i].flags, w, align, 0, 0);
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
        double h = height(l);
        if (lines[i].rule) {
            PangoRectangle ink, logical;
            pango_layout_get_pixel_extents(l, &ink, &logical);
            double lw = lines[i].rule == 1 ? logical.width : w / 3;
            double lx = x + (w - lw) / 2;
            if (lines[i].rule == 1) lx = x + logical.x;
            cairo_set_line_width(p->cr, 0.6);
            cairo_move_to(p->cr, lx, y + h + 1.0);
            cairo_line_to(p->cr, lx + lw, y + h + 1.0);
            cairo_stroke(p->cr);
            h += 4;
        }
        g_object_unref(l);
        y += h;
    }
    return y;
}

/* Issuer (left) and heading (right); below both, on one row, the number (left) and the
 * place and date (right), as Decree 30's and 36-HD/VPTW's samples draw them. */
static void header(struct pdf *p, const struct doc_model *m)
{
    double total = p->right - p->left;
    double lw = pt(m->layout == DOC_LAYOUT_PARTY ? 75.0 : 68.0), rw = total - lw;
    int party = m->layout == DOC_LAYOUT_PARTY;
    struct line left[] = {
        {m->issuer_superior, DOC_PT_HEADER, 0, 0},
        {m->issuer_name, DOC_PT_HEADER, F_BOLD, party ? 0 : 2},
        {party ? "*" : NULL, DOC_PT_HEADER, 0, 0},
    };
    double yl = column(p, p->left, p->y, lw, left, sizeof left / sizeof *left, PANGO_ALIGN_CENTER);
    double yr;
    if (party) {
        struct line right[] = {{m->right_heading, 15, F_BOLD, 1}};
        yr = column(p, p->left + lw, p->y, rw, right, 1, PANGO_ALIGN_RIGHT);
    } else {
        struct line right[] = {
            {m->right_heading, m->motto ? DOC_PT_QUOC_HIEU : DOC_PT_HEADER, F_BOLD, m->motto ? 0 : 1},
            {m->motto, DOC_PT_HEADER, F_BOLD, 1},
        };
        yr = column(p, p->left + lw, p->y, rw, right, 2, PANGO_ALIGN_CENTER);
    }
    double y = (yl > yr ? yl : yr) + pt(party ? 1 : 2);
    struct line num[] = {{m->number, DOC_PT_HEADER, 0, 0}};
    struct line date[] = {{m->place_date, DOC_PT_BODY, F_ITALIC, 0}};
    yl = column(p, p->left, y, lw, num, 1, PANGO_ALIGN_CENTER);
    yr = column(p, p->left + lw, y, rw, date, 1, party ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
    p->y = (yl > yr ? yl : yr) + pt(8);
}

/* One table row: the cells' layouts, bordered; a new page (with the heads repeated) when
 * the row does not fit. */

static const char *const table_heads[] = {"TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"};

/* cells[0..3]; a text row (span) prints "name: value" across the indicator, unit and
 * value columns, so a sentence is not squeezed into the number column. */
static void table_row(struct pdf *p, const struct doc_model *m, const double *w, const char *const *cells, int head,
                      int option_row, int span)
{
    static const PangoAlignment al[] = {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT};
    const double pad = 3;
    PangoLayout *ls[4] = {0};
    double cw[4] = {w[0], w[1], w[2], w[3]};
    const char *text[4] = {cells[0], cells[1], cells[2], cells[3]};
    int ncell = 4;
    if (span) {
        cw[1] = w[1] + w[2] + w[3];
        text[1] = g_strdup_printf("%s: %s", cells[1], cells[3] ? cells[3] : "");
        ncell = 2;
    }
    double h = 0;
    for (int c = 0; c < ncell; c++) {
        int f = head ? F_BOLD : (c == 1 && option_row ? F_ITALIC : 0);
        ls[c] = layout(p, text[c], DOC_PT_TABLE, f, cw[c] - 2 * pad, head ? PANGO_ALIGN_CENTER : al[c], span && c == 1, 0);
        double hc = height(ls[c]);
        if (hc > h) h = hc;
    }
    if (span) g_free((char *)text[1]);
    h += 2 * pad;
    if (p->y + h > p->bottom) {
        new_page(p);
        if (!head) table_row(p, m, w, table_heads, 1, 0, 0);
    }
    cairo_set_line_width(p->cr, 0.5);
    double x = p->left;
    for (int c = 0; c < ncell; c++) {
        cairo_rectangle(p->cr, x, p->y, cw[c], h);
        cairo_stroke(p->cr);
        cairo_move_to(p->cr, x + pad, p->y + pad);
        pango_cairo_show_layout(p->cr, ls[c]);
        g_object_unref(ls[c]);
        x += cw[c];
    }
    p->y += h;
}

static void table(struct pdf *p, const struct doc_model *m)
{
    double total = p->right - p->left;
    double w[4] = {pt(12), 0, pt(26), pt(30)};
    w[1] = total - w[0] - w[2] - w[3];
    table_row(p, m, w, table_heads, 1, 0, 0);
    for (size_t r = 0; r < m->nrows; r++) {
        const struct doc_row *d = &m->rows[r];
        const char *cells[4] = {d->no, d->name, d->uom, d->value};
        table_row(p, m, w, cells, 0, d->level, d->text);
    }
}

static void signature(struct pdf *p, const struct doc_model *m)
{
    double total = p->right - p->left, half = total / 2;
    struct line left[8];
    size_t nl = 0;
    /* Decree 30: bold italic 12 pt; 36-HD/VPTW: underlined */
    if (m->layout == DOC_LAYOUT_PARTY) left[nl++] = (struct line){"Nơi nhận:", DOC_PT_BODY, F_UNDERLINE, 0};
    else left[nl++] = (struct line){"Nơi nhận:", DOC_PT_SMALL, F_BOLD | F_ITALIC, 0};
    for (size_t i = 0; i < m->nrecipients && nl < 8; i++)
        left[nl++] = (struct line){m->recipients[i], DOC_PT_RECIPIENTS, 0, 0};
    struct line right[] = {
        {m->sign_authority, DOC_PT_BODY, F_BOLD, 0},
        {m->sign_title, DOC_PT_BODY, F_BOLD, 0},
        {"\n\n\n", DOC_PT_BODY, 0, 0},
        {m->signer_name, DOC_PT_BODY, F_BOLD, 0},
    };
    if (p->y + pt(45) > p->bottom) new_page(p);
    double yl = column(p, p->left, p->y, half, left, nl, PANGO_ALIGN_LEFT);
    double yr = column(p, p->left + half, p->y, half, right, 4, PANGO_ALIGN_CENTER);
    p->y = yl > yr ? yl : yr;
}

/* Sections: a bold heading (when titled) and its paragraphs, one per line of the body. */
static void sections(struct pdf *p, const struct doc_section *secs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p->y + pt(20) > p->bottom) new_page(p); /* keep a heading with its first lines */
        if (secs[i].title)
            para(p, secs[i].title, DOC_PT_BODY, F_BOLD, PANGO_ALIGN_LEFT, 1, pt(DOC_INDENT_MM), 4);
        const char *s = secs[i].body ? secs[i].body : "";
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            while (len && (s[len - 1] == '\r' || s[len - 1] == ' ')) len--;
            if (len) {
                char *line = g_strndup(s, len);
                para(p, line, DOC_PT_BODY, 0, PANGO_ALIGN_LEFT, 1, pt(DOC_INDENT_MM), 4);
                g_free(line);
            }
            if (!nl) break;
            s = nl + 1;
        }
    }
}

int doc_render_pdf(const struct doc_model *m, dv_buf *out)
{
    struct pdf p;
    memset(&p, 0, sizeof p);
    PangoFontMap *fm = doc_fontmap();
    if (!fm) return DV_EIO; /* no face covering Vietnamese: fonts-liberation2 is missing */
    p.surface = cairo_pdf_surface_create_for_stream(write_out, out, pt(DOC_PAGE_W_MM), pt(DOC_PAGE_H_MM));
    if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(p.surface);
        return DV_EIO;
    }
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, m->subject ? m->subject : "BÁO CÁO");
    p.cr = cairo_create(p.surface);
    p.ctx = pango_font_map_create_context(fm);
    pango_cairo_update_context(p.cr, p.ctx);
    p.page = 1;
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    p.left = pt(DOC_MARGIN_LEFT_MM);
    p.right = pt(DOC_PAGE_W_MM - DOC_MARGIN_RIGHT_MM);
    p.top = pt(DOC_MARGIN_TOP_MM);
    p.bottom = pt(DOC_PAGE_H_MM - DOC_MARGIN_BOTTOM_MM);
    p.y = p.top;

    header(&p, m);
    para(&p, m->title, 15, F_BOLD, PANGO_ALIGN_CENTER, 0, 0, 0);
    para(&p, m->subject, DOC_PT_BODY, F_BOLD, PANGO_ALIGN_CENTER, 0, 0, 0);
    para(&p, m->layout == DOC_LAYOUT_PARTY ? "-----" : "_______", DOC_PT_BODY, 0, PANGO_ALIGN_CENTER, 0, 0, pt(5));

    sections(&p, m->sections, m->nsections);
    if (m->nrows) {
        p.y += pt(3);
        if (p.y + pt(25) > p.bottom) new_page(&p);
        para(&p, m->table_caption, DOC_PT_BODY, F_BOLD, PANGO_ALIGN_CENTER, 0, 0, 4);
        table(&p, m);
    }
    if (m->chart) { /* the chart of rates under the table, whole on one page */
        double cw = pt(DOC_CHART_W_MM), ch = pt(DOC_CHART_H_MM);
        p.y += pt(6);
        if (p.y + ch > p.bottom) new_page(&p);
        doc_chart_draw(p.cr, p.ctx, m->chart, p.left + (p.right - p.left - cw) / 2, p.y, cw, ch);
        p.y += ch;
    }
    p.y += pt(6);
    signature(&p, m);
    if (m->nannexes) {
        new_page(&p);
        sections(&p, m->annexes, m->nannexes);
    }

    cairo_show_page(p.cr);
    g_object_unref(p.ctx);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surface);
    int rc = cairo_surface_status(p.surface) == CAIRO_STATUS_SUCCESS ? 0 : DV_EIO;
    cairo_surface_destroy(p.surface);
    return rc;
}
