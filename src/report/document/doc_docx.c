/* doc_docx.c - renders a doc_model as a DOCX file: WordprocessingML written with libxml2's
 * text writer, packed with libzip. Geometry and sizes from doc_model.h. The chart, when the
 * model has one, is a PNG drawn by doc_chart.c (word/media/chart1.png, relationship rId3),
 * placed inline under the table. */
#include "report/document/doc_model.h"

#include "core/err.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* millimetres to twentieths of a point */
static int tw(double mm) { return (int)(mm * 1440.0 / 25.4 + 0.5); }

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "</Types>";

static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

static const char DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
    "Target=\"header1.xml\"/>"; /* then CHART_REL when there is a chart, then the end tag */

#define CHART_REL                                                                                   \
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" " \
    "Target=\"media/chart1.png\"/>"

/* The page number, centred in the top margin; the section's titlePg leaves page 1 without it
 * (Decree 30, 36-HD/VPTW: numbered from page 2). */
static const char HEADER[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:hdr xmlns:w=\"" W_NS "\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:t>2</w:t></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";

/* Default run: Liberation Serif 14 pt; paragraphs without spacing unless asked. */
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"" W_NS "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Liberation Serif\" w:hAnsi=\"Liberation Serif\" w:cs=\"Liberation Serif\" "
    "w:eastAsia=\"Liberation Serif\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

enum { R_BOLD = 1, R_ITALIC = 2, R_UNDERLINE = 4 };
enum { P_LEFT, P_CENTER, P_RIGHT, P_BOTH };

struct w {
    xmlTextWriterPtr x;
    int page_break;   /* the next paragraph starts a new page (w:pageBreakBefore) */
};

static void el(struct w *w, const char *name) { xmlTextWriterStartElement(w->x, BAD_CAST name); }
static void end(struct w *w) { xmlTextWriterEndElement(w->x); }
static void at(struct w *w, const char *name, const char *v)
{
    xmlTextWriterWriteAttribute(w->x, BAD_CAST name, BAD_CAST v);
}
static void ati(struct w *w, const char *name, int v)
{
    char b[24];
    snprintf(b, sizeof b, "%d", v);
    at(w, name, b);
}
static void empty(struct w *w, const char *name, const char *attr, const char *v)
{
    el(w, name);
    if (attr) at(w, attr, v);
    end(w);
}

static void run(struct w *w, const char *text, int pt, int flags)
{
    el(w, "w:r");
    el(w, "w:rPr");
    if (flags & R_BOLD) empty(w, "w:b", NULL, NULL);
    if (flags & R_ITALIC) empty(w, "w:i", NULL, NULL);
    if (flags & R_UNDERLINE) empty(w, "w:u", "w:val", "single");
    el(w, "w:sz");
    ati(w, "w:val", pt * 2);
    end(w);
    el(w, "w:szCs");
    ati(w, "w:val", pt * 2);
    end(w);
    end(w);
    el(w, "w:t");
    at(w, "xml:space", "preserve");
    xmlTextWriterWriteString(w->x, BAD_CAST(text ? text : ""));
    end(w);
    end(w);
}

static void p_start(struct w *w, int align, int indent_tw, int after_pt, int keep_next)
{
    static const char *const jc[] = {"left", "center", "right", "both"};
    el(w, "w:p");
    el(w, "w:pPr");
    if (w->page_break) empty(w, "w:pageBreakBefore", NULL, NULL);
    w->page_break = 0;
    if (keep_next) empty(w, "w:keepNext", NULL, NULL);
    el(w, "w:spacing");
    ati(w, "w:before", 0);
    ati(w, "w:after", after_pt * 20);
    end(w);
    if (indent_tw) {
        el(w, "w:ind");
        ati(w, "w:firstLine", indent_tw);
        end(w);
    }
    empty(w, "w:jc", "w:val", jc[align]);
    end(w);
}

static void para(struct w *w, const char *text, int pt, int flags, int align, int indent_tw, int after_pt)
{
    p_start(w, align, indent_tw, after_pt, 0);
    if (text && *text) run(w, text, pt, flags);
    end(w);
}

/* One paragraph per line of text (an issuer's name over two lines). */
static void lines(struct w *w, const char *text, int pt, int flags, int align)
{
    const char *p = text ? text : "";
    for (;;) {
        const char *nl = strchr(p, '\n');
        char *line = (char *)xmlStrndup(BAD_CAST p, nl ? (int)(nl - p) : (int)strlen(p));
        para(w, line, pt, flags, align, 0, 0);
        xmlFree(line);
        if (!nl) break;
        p = nl + 1;
    }
}

static void tbl_start(struct w *w, const int *widths, int ncols, int borders)
{
    el(w, "w:tbl");
    el(w, "w:tblPr");
    el(w, "w:tblW");
    int total = 0;
    for (int i = 0; i < ncols; i++) total += widths[i];
    ati(w, "w:w", total);
    at(w, "w:type", "dxa");
    end(w);
    empty(w, "w:tblLayout", "w:type", "fixed");
    el(w, "w:tblBorders");
    static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    for (int i = 0; i < 6; i++) {
        el(w, sides[i]);
        at(w, "w:val", borders ? "single" : "nil");
        if (borders) {
            ati(w, "w:sz", 4);
            at(w, "w:color", "000000");
        }
        end(w);
    }
    end(w);
    end(w);
    el(w, "w:tblGrid");
    for (int i = 0; i < ncols; i++) {
        el(w, "w:gridCol");
        ati(w, "w:w", widths[i]);
        end(w);
    }
    end(w);
}

static void cell_span(struct w *w, int width, int span)
{
    el(w, "w:tc");
    el(w, "w:tcPr");
    el(w, "w:tcW");
    ati(w, "w:w", width);
    at(w, "w:type", "dxa");
    end(w);
    if (span > 1) {
        el(w, "w:gridSpan");
        ati(w, "w:val", span);
        end(w);
    }
    end(w);
}

static void cell_start(struct w *w, int width) { cell_span(w, width, 1); }

/* Body paragraphs: one per line of text. */
static void body_text(struct w *w, const char *text)
{
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ')) n--;
        if (n) {
            char *line = (char *)xmlStrndup(BAD_CAST p, (int)n);
            para(w, line, DOC_PT_BODY, 0, P_BOTH, tw(DOC_INDENT_MM), 6);
            xmlFree(line);
        }
        if (!nl) break;
        p = nl + 1;
    }
}

/* Sections: a bold heading (when titled) kept with its paragraphs. */
static void write_sections(struct w *w, const struct doc_section *secs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (secs[i].title) {
            p_start(w, P_BOTH, tw(DOC_INDENT_MM), 6, 1);
            run(w, secs[i].title, DOC_PT_BODY, R_BOLD);
            end(w);
        }
        body_text(w, secs[i].body);
    }
}

/* The header: issuer at left, the national / Party heading at right; below both, on one
 * row, the number and the place and date. */
static void write_heading(struct w *w, const struct doc_model *m, const int cols[2])
{
    int party = m->layout == DOC_LAYOUT_PARTY;
    tbl_start(w, cols, 2, 0);
    el(w, "w:tr");
    cell_start(w, cols[0]);
    if (m->issuer_superior) lines(w, m->issuer_superior, DOC_PT_HEADER, 0, P_CENTER);
    lines(w, m->issuer_name, DOC_PT_HEADER, R_BOLD, P_CENTER);
    para(w, party ? "*" : "_______", DOC_PT_HEADER, 0, P_CENTER, 0, 0);
    end(w);
    cell_start(w, cols[1]);
    if (party) {
        para(w, m->right_heading, 15, R_BOLD | R_UNDERLINE, P_RIGHT, 0, 0);
    } else if (m->motto) {
        para(w, m->right_heading, DOC_PT_QUOC_HIEU, R_BOLD, P_CENTER, 0, 0);
        para(w, m->motto, DOC_PT_HEADER, R_BOLD | R_UNDERLINE, P_CENTER, 0, 0);
    } else {
        para(w, m->right_heading, DOC_PT_HEADER, R_BOLD | R_UNDERLINE, P_CENTER, 0, 0);
    }
    end(w);
    end(w); /* tr */
    el(w, "w:tr");
    cell_start(w, cols[0]);
    para(w, m->number, DOC_PT_HEADER, 0, P_CENTER, 0, 0);
    end(w);
    cell_start(w, cols[1]);
    para(w, m->place_date, DOC_PT_BODY, R_ITALIC, party ? P_RIGHT : P_CENTER, 0, 0);
    end(w);
    end(w); /* tr */
    end(w); /* tbl */

}

/* The data table: number, indicator, unit, value; a text row spans the last three. */
static void write_table(struct w *w, const struct doc_model *m, int total)
{
    para(w, " ", DOC_PT_BODY, 0, P_CENTER, 0, 0);
    p_start(w, P_CENTER, 0, 6, 1);
    run(w, m->table_caption, DOC_PT_BODY, R_BOLD);
    end(w);
    int tc[4] = {tw(12), 0, tw(26), tw(30)};
    tc[1] = total - tc[0] - tc[2] - tc[3];
    tbl_start(w, tc, 4, 1);
    static const char *const heads[] = {"TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"};
    el(w, "w:tr");
    el(w, "w:trPr");
    empty(w, "w:tblHeader", NULL, NULL);
    end(w);
    for (int c = 0; c < 4; c++) {
        cell_start(w, tc[c]);
        para(w, heads[c], DOC_PT_TABLE, R_BOLD, P_CENTER, 0, 0);
        end(w);
    }
    end(w);
    for (size_t i = 0; i < m->nrows; i++) {
        const struct doc_row *r = &m->rows[i];
        el(w, "w:tr");
        el(w, "w:trPr");
        empty(w, "w:cantSplit", NULL, NULL);
        end(w);
        cell_start(w, tc[0]);
        para(w, r->no, DOC_PT_TABLE, 0, P_CENTER, 0, 0);
        end(w);
        if (r->text) { /* "name: value" across the indicator, unit and value columns */
            cell_span(w, tc[1] + tc[2] + tc[3], 3);
            p_start(w, P_BOTH, 0, 0, 0);
            run(w, r->name, DOC_PT_TABLE, r->level == 0 ? 0 : R_ITALIC);
            run(w, ": ", DOC_PT_TABLE, 0);
            run(w, r->value, DOC_PT_TABLE, 0);
            end(w);
            end(w);
        } else {
            cell_start(w, tc[1]);
            para(w, r->name, DOC_PT_TABLE, r->level == 0 ? 0 : R_ITALIC, P_LEFT, 0, 0);
            end(w);
            cell_start(w, tc[2]);
            para(w, r->uom, DOC_PT_TABLE, 0, P_CENTER, 0, 0);
            end(w);
            cell_start(w, tc[3]);
            para(w, r->value, DOC_PT_TABLE, 0, P_RIGHT, 0, 0);
            end(w);
        }
        end(w);
    }
    end(w);
}

/* The chart: an inline picture of DOC_CHART_W_MM × DOC_CHART_H_MM, centred (rId3). */
static void write_chart(struct w *w, const struct doc_chart *c)
{
    char cx[24], cy[24];
    snprintf(cx, sizeof cx, "%ld", (long)(DOC_CHART_W_MM * 36000.0));
    snprintf(cy, sizeof cy, "%ld", (long)(DOC_CHART_H_MM * 36000.0));
    para(w, " ", DOC_PT_BODY, 0, P_CENTER, 0, 0);
    p_start(w, P_CENTER, 0, 0, 0);
    el(w, "w:r");
    el(w, "w:drawing");
    el(w, "wp:inline");
    static const char *const dist[] = {"distT", "distB", "distL", "distR"};
    for (int i = 0; i < 4; i++) at(w, dist[i], "0");
    el(w, "wp:extent");
    at(w, "cx", cx);
    at(w, "cy", cy);
    end(w);
    el(w, "wp:docPr");
    at(w, "id", "1");
    at(w, "name", "chart1");
    at(w, "descr", c->title ? c->title : "");
    end(w);
    el(w, "a:graphic");
    at(w, "xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
    el(w, "a:graphicData");
    at(w, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    el(w, "pic:pic");
    at(w, "xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
    el(w, "pic:nvPicPr");
    el(w, "pic:cNvPr");
    at(w, "id", "1");
    at(w, "name", "chart1.png");
    end(w);
    empty(w, "pic:cNvPicPr", NULL, NULL);
    end(w);
    el(w, "pic:blipFill");
    empty(w, "a:blip", "r:embed", "rId3");
    el(w, "a:stretch");
    empty(w, "a:fillRect", NULL, NULL);
    end(w);
    end(w);
    el(w, "pic:spPr");
    el(w, "a:xfrm");
    el(w, "a:off");
    at(w, "x", "0");
    at(w, "y", "0");
    end(w);
    el(w, "a:ext");
    at(w, "cx", cx);
    at(w, "cy", cy);
    end(w);
    end(w);
    el(w, "a:prstGeom");
    at(w, "prst", "rect");
    empty(w, "a:avLst", NULL, NULL);
    end(w);
    end(w); /* spPr */
    end(w); /* pic */
    end(w); /* graphicData */
    end(w); /* graphic */
    end(w); /* inline */
    end(w); /* drawing */
    end(w); /* r */
    end(w); /* p */
}

/* Recipients at left, the signature block at right. */
static void write_signature(struct w *w, const struct doc_model *m, int total)
{
    int party = m->layout == DOC_LAYOUT_PARTY;
    para(w, " ", DOC_PT_BODY, 0, P_CENTER, 0, 0);
    int sc[2] = {total / 2, total - total / 2};
    tbl_start(w, sc, 2, 0);
    el(w, "w:tr");
    el(w, "w:trPr");
    empty(w, "w:cantSplit", NULL, NULL);
    end(w);
    cell_start(w, sc[0]);
    if (party) para(w, "Nơi nhận:", DOC_PT_BODY, R_UNDERLINE, P_LEFT, 0, 0);
    else para(w, "Nơi nhận:", DOC_PT_SMALL, R_BOLD | R_ITALIC, P_LEFT, 0, 0);
    for (size_t i = 0; i < m->nrecipients; i++)
        para(w, m->recipients[i], DOC_PT_RECIPIENTS, 0, P_LEFT, 0, 0);
    end(w);
    cell_start(w, sc[1]);
    if (m->sign_authority) para(w, m->sign_authority, DOC_PT_BODY, R_BOLD, P_CENTER, 0, 0);
    para(w, m->sign_title, DOC_PT_BODY, R_BOLD, P_CENTER, 0, 0);
    for (int i = 0; i < 4; i++) para(w, " ", DOC_PT_BODY, 0, P_CENTER, 0, 0);
    if (m->signer_name) para(w, m->signer_name, DOC_PT_BODY, R_BOLD, P_CENTER, 0, 0);
    end(w);
    end(w);
    end(w);

}

/* A4 and the margins; the page number header from page 2. */
static void write_section_props(struct w *w)
{
    el(w, "w:sectPr");
    el(w, "w:headerReference");
    at(w, "w:type", "default");
    at(w, "r:id", "rId2");
    end(w);
    el(w, "w:pgSz");
    ati(w, "w:w", tw(DOC_PAGE_W_MM));
    ati(w, "w:h", tw(DOC_PAGE_H_MM));
    end(w);
    el(w, "w:pgMar");
    ati(w, "w:top", tw(DOC_MARGIN_TOP_MM));
    ati(w, "w:right", tw(DOC_MARGIN_RIGHT_MM));
    ati(w, "w:bottom", tw(DOC_MARGIN_BOTTOM_MM));
    ati(w, "w:left", tw(DOC_MARGIN_LEFT_MM));
    ati(w, "w:header", 720);
    ati(w, "w:footer", 720);
    ati(w, "w:gutter", 0);
    end(w);
    empty(w, "w:titlePg", NULL, NULL);
    end(w);

}

static void write_document(struct w *w, const struct doc_model *m)
{
    double text_w_mm = DOC_PAGE_W_MM - DOC_MARGIN_LEFT_MM - DOC_MARGIN_RIGHT_MM;
    int total = tw(text_w_mm);
    int left_w = tw(m->layout == DOC_LAYOUT_PARTY ? 75.0 : 68.0);
    int cols[2] = {left_w, total - left_w};

    xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes");
    el(w, "w:document");
    at(w, "xmlns:w", W_NS);
    at(w, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
    at(w, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
    el(w, "w:body");

    write_heading(w, m, cols);

    /* title and subject */
    para(w, " ", DOC_PT_BODY, 0, P_CENTER, 0, 6);
    para(w, m->title, 15, R_BOLD, P_CENTER, 0, 0);
    para(w, m->subject, DOC_PT_BODY, R_BOLD, P_CENTER, 0, 0);
    para(w, m->layout == DOC_LAYOUT_PARTY ? "-----" : "_______", DOC_PT_BODY, 0, P_CENTER, 0, 12);

    write_sections(w, m->sections, m->nsections); /* narrative */

    if (m->nrows) write_table(w, m, total);
    if (m->chart) write_chart(w, m->chart);

    write_signature(w, m, total);
    if (m->nannexes) {
        /* from a new page: a paragraph of its own holding a page break left LibreOffice an
         * empty page before the annex */
        w->page_break = 1;
        write_sections(w, m->annexes, m->nannexes);
    }
    write_section_props(w);

    end(w); /* body */
    end(w); /* document */
    xmlTextWriterEndDocument(w->x);
}

static int add(zip_t *z, const char *name, const void *data, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, data, n, 0);
    if (!s) return -1;
    if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(s);
        return -1;
    }
    return 0;
}

int doc_render_docx(const struct doc_model *m, dv_buf *out)
{
    xmlBufferPtr xb = xmlBufferCreate();
    struct w w = {xmlNewTextWriterMemory(xb, 0), 0};
    if (!w.x) {
        xmlBufferFree(xb);
        return DV_EIO;
    }
    write_document(&w, m);
    xmlFreeTextWriter(w.x);
    dv_buf png = DV_BUF_INIT;
    if (m->chart && doc_chart_png(m->chart, DOC_CHART_W_MM, DOC_CHART_H_MM, 150, &png)) {
        buf_free(&png);
        xmlBufferFree(xb);
        return DV_EIO;
    }
    dv_buf rels = DV_BUF_INIT;
    buf_puts(&rels, DOC_RELS);
    if (m->chart) buf_puts(&rels, CHART_REL);
    buf_puts(&rels, "</Relationships>");

    int rc = DV_EIO;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
    zip_error_fini(&err);
    if (!z) {
        if (src) zip_source_free(src);
        xmlBufferFree(xb);
        buf_free(&png);
        buf_free(&rels);
        return DV_EIO;
    }
    zip_source_keep(src);
    if (add(z, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1) == 0 &&
        add(z, "_rels/.rels", ROOT_RELS, sizeof ROOT_RELS - 1) == 0 &&
        add(z, "word/_rels/document.xml.rels", rels.data, rels.len) == 0 &&
        (!m->chart || add(z, "word/media/chart1.png", png.data, png.len) == 0) &&
        add(z, "word/styles.xml", STYLES, sizeof STYLES - 1) == 0 &&
        add(z, "word/header1.xml", HEADER, sizeof HEADER - 1) == 0 &&
        add(z, "word/document.xml", xmlBufferContent(xb), (size_t)xmlBufferLength(xb)) == 0 && zip_close(z) == 0) {
        zip_stat_t st;
        if (zip_source_open(src) == 0) {
            if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
                buf_reserve(out, (size_t)st.size);
                char chunk[65536];
                zip_int64_t k;
                while ((k = zip_source_read(src, chunk, sizeof chunk)) > 0) buf_append(out, chunk, (size_t)k);
                rc = k < 0 ? DV_EIO : 0;
            }
            zip_source_close(src);
        }
    } else {
        zip_discard(z);
    }
    zip_source_free(src);
    xmlBufferFree(xb);
    buf_free(&png);
    buf_free(&rels);
    return rc;
}
