/* doc_model.h - a report as an official document: one layout model that both renderers
 * (doc_docx.c: WordprocessingML, doc_pdf.c: cairo + pango) draw, so DOCX and PDF agree.
 *
 * Layouts (see doc_layout_for_type):
 *  - DOC_LAYOUT_PARTY, guidance 36-HD/VPTW: top left the superior and the issuing body
 *    ("TỈNH ỦY CÀ MAU" / "BAN DÂN VẬN" / "*"), "Số 12-BC/BDVTU"; top right
 *    "ĐẢNG CỘNG SẢN VIỆT NAM" underlined, place and date in italics. Numbered per document
 *    type per Party TERM (DOC_PARTY_TERM_MONTH).
 *  - DOC_LAYOUT_STATE, Decree 30/2020/NĐ-CP: top right the Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ
 *    NGHĨA VIỆT NAM" (bold 12 pt) and the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" (bold
 *    13 pt, underlined by a line as long as the text); top left the issuing body and
 *    "Số: 12/BC-UBND". Numbered per type per calendar YEAR.
 *  - DOC_LAYOUT_MASS: the Fatherland Front and socio-political organisations. In practice
 *    they head documents with their own system's name, not the Quốc hiệu. We keep it simple:
 *    the state layout's geometry, top left the issuing body, top right the system's name
 *    ("MẶT TRẬN TỔ QUỐC VIỆT NAM" for the Front; the organisation's name for the others),
 *    numbered like a state body (per type per calendar year, "Số: 12/BC-MTTQ").
 *
 * Page numbers: from page 2, centred in the top margin (Decree 30; 36-HD/VPTW alike).
 * "Số" and the place-date line stand on one row, below the issuer (left) and the heading
 * (right). The data table has no internal codes: a running number, the indicator, its unit
 * and its value; a text value is printed as "name: value" across the last three columns.
 *
 * Page: A4 210 × 297 mm; margins top 20, bottom 20, left 30, right 15 mm (the low ends of
 * Decree 30's ranges; used for the Party layout too, which 36-HD/VPTW allows). Font
 * Liberation Serif (metric-compatible with Times New Roman); body 14 pt, justified, first
 * line indented 10 mm; header lines 13 pt; the table of indicator values 12 pt. */
#ifndef DV_DOC_MODEL_H
#define DV_DOC_MODEL_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>
#include <stdint.h>

/* Party bodies number per term (36-HD/VPTW): terms of five years from 2020 (2020-2025,
 * 2025-2030, …), a term starting in DOC_PARTY_TERM_MONTH of its first year (the 2025
 * congresses of the communes and the province were held by then). doc_series_for computes
 * it from the document's date; 0016_documents.sql and doc_store_backfill do the same in SQL. */
#define DOC_PARTY_TERM_MONTH 10
/* Where province-level bodies date their documents ("Cà Mau, ngày …"). Commune-level
 * bodies use their own place name. */
#define DOC_PROVINCE_PLACE "Cà Mau"

/* Page geometry in millimetres and font sizes in points, shared by both renderers. */
#define DOC_PAGE_W_MM 210.0
#define DOC_PAGE_H_MM 297.0
#define DOC_MARGIN_TOP_MM 20.0
#define DOC_MARGIN_BOTTOM_MM 20.0
#define DOC_MARGIN_LEFT_MM 30.0
#define DOC_MARGIN_RIGHT_MM 15.0
#define DOC_FONT "Liberation Serif"
#define DOC_PT_BODY 14
#define DOC_PT_HEADER 13
#define DOC_PT_QUOC_HIEU 12
#define DOC_PT_TABLE 12
#define DOC_PT_SMALL 12      /* "Nơi nhận:" label */
#define DOC_PT_RECIPIENTS 11 /* its list */
#define DOC_INDENT_MM 10.0

enum doc_layout { DOC_LAYOUT_PARTY, DOC_LAYOUT_STATE, DOC_LAYOUT_MASS };

/* Which body of a unit issues its reports (regimes.issuer_body): the unit as it stands in
 * the tree, or, for a territorial unit (province, commune, ward, special zone), its Party
 * committee (Tỉnh ủy, Đảng ủy xã) or its People's Committee. */
enum doc_body { DOC_BODY_UNIT, DOC_BODY_PARTY, DOC_BODY_STATE };
enum doc_body doc_body_parse(const char *code); /* unknown or NULL = DOC_BODY_UNIT */
const char *doc_body_code(enum doc_body b);     /* "unit", "party", "state" */

struct doc_row {
    const char *no;      /* "1", "2" …; "-" for a category option under an indicator */
    const char *name;
    const char *uom;
    const char *value;
    int level;           /* 0 an indicator, 1 a category option under it */
    int text;            /* a text value: "name: value" across the indicator, unit and value columns */
};

struct doc_section {
    const char *title;   /* NULL: the body alone (an opening paragraph) */
    const char *body;    /* paragraphs separated by newlines */
};

/* Who signs, as configured for the unit and body (doc_signers); any field NULL = the
 * layout's default. authority "" = no authority line. */
struct doc_signer {
    const char *authority;       /* "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
    const char *position;        /* "BÍ THƯ", "PHÓ CHỦ TỊCH" */
    const char *name;            /* "Nguyễn Văn A" */
};

/* A line chart of rates (0-100 %) over labelled points (years), drawn under the data table:
 * directly on the PDF's page, as a PNG image part in the DOCX (doc_chart.c draws both). */
#define DOC_CHART_SERIES 5
#define DOC_CHART_POINTS 50
#define DOC_CHART_W_MM 165.0
#define DOC_CHART_H_MM 85.0
struct doc_chart_series {
    const char *label;           /* the legend's text */
    unsigned rgb;                /* 0xRRGGBB */
    double values[DOC_CHART_POINTS]; /* percent; negative = no value that year */
};
struct doc_chart {
    const char *title;           /* "Biểu đồ: tỷ lệ qua các năm" */
    const char *xlabels[DOC_CHART_POINTS];
    size_t nx;
    struct doc_chart_series series[DOC_CHART_SERIES];
    size_t nseries;
};

struct doc_model {
    enum doc_layout layout;
    const char *issuer_superior; /* upper case, may be NULL */
    const char *issuer_name;     /* upper case; may hold a newline */
    const char *number;          /* "Số 12-BC/BDVTU" / "Số: 12/BC-UBND"; "Số:     /BC-UBND" unnumbered */
    const char *right_heading;   /* "ĐẢNG CỘNG SẢN VIỆT NAM" / Quốc hiệu / the system's name */
    const char *motto;           /* Tiêu ngữ (state only), else NULL */
    const char *place_date;      /* "Cà Mau, ngày 05 tháng 7 năm 2025" */
    const char *title;           /* "BÁO CÁO" */
    const char *subject;         /* the report's subject */
    const struct doc_section *sections;
    size_t nsections;
    const char *table_caption;
    const struct doc_row *rows;
    size_t nrows;
    const struct doc_chart *chart; /* under the table; NULL = none */
    const struct doc_section *annexes; /* after the signature, from a new page (phụ lục) */
    size_t nannexes;
    const char *const *recipients; /* "- Ban Thường vụ Tỉnh ủy;" … "- Lưu: VT." */
    size_t nrecipients;
    const char *sign_authority;  /* "T/M BAN THƯỜNG VỤ" / "TM. ỦY BAN NHÂN DÂN", may be NULL */
    const char *sign_title;      /* "BÍ THƯ" / "CHỦ TỊCH" */
    const char *signer_name;     /* may be NULL */
};

/* What the builder needs to know about a report (filled by the routes from the stores).
 * Names are the units' formal names on the document's date (doc_store_formal_names). */
struct doc_source {
    const char *unit_type;       /* units.type of the reporting unit */
    const char *unit_name;       /* "Ban Dân vận Tỉnh ủy Cà Mau" */
    const char *parent_name;     /* its parent on the date, may be NULL */
    const char *parent_type;
    enum doc_body body;          /* the regime's issuer_body */
    const char *date_iso;        /* the document's date */
    const char *doc_type;        /* regimes.doc_type, "BC" */
    int64_t number;              /* 0 = not numbered (not issued yet) */
    const char *subject;         /* "Kết quả thực hiện … 6 tháng đầu năm 2025" */
    const struct doc_section *sections;
    size_t nsections;
    const struct doc_row *rows;
    size_t nrows;
    const char *const *recipients; /* the receivers' names, NULL-free; "Lưu" is added */
    size_t nrecipients;
    const struct doc_signer *signer; /* NULL = the layout's defaults */
};

/* The layout a unit's report takes when issued by body. */
enum doc_layout doc_layout_of(const char *unit_type, const char *parent_type, enum doc_body body);
/* The same for a unit as itself (no body chosen, parent unknown). */
enum doc_layout doc_layout_for_type(const char *unit_type);
/* The numbering series of a layout on a date: the Party term, or the calendar year. */
const char *doc_series_for(dv_arena *a, enum doc_layout layout, const char *date_iso);
/* The issuer's abbreviation in the number: "BDVTU", "TU", "ĐU", "UBND", "MTTQ" … */
const char *doc_issuer_abbrev(dv_arena *a, const struct doc_source *src);
/* "Cà Mau, ngày 05 tháng 7 năm 2025" (day zero-padded below 10, month 1 and 2 padded, as
 * Decree 30 asks; month 3-12 not). */
const char *doc_place_date(dv_arena *a, const char *place, const char *date_iso);
/* UTF-8 upper case (Vietnamese letters included). */
char *doc_upper(dv_arena *a, const char *s);
/* The first letter in lower case: "Báo cáo …" -> "báo cáo …" (to follow "Tổng hợp "). */
char *doc_lower_first(dv_arena *a, const char *s);
/* The subject under the title "BÁO CÁO" from the regime's name and the period's label,
 * without saying "báo cáo" twice: ("Báo cáo tháng về công tác dân vận", "Tháng 11/2025")
 * -> "Công tác dân vận tháng 11/2025". consolidated prefixes "Tổng hợp ". */
const char *doc_subject(dv_arena *a, const char *regime_name, const char *period_label, int consolidated);

/* Builds the model; strings live in the arena. */
void doc_model_build(dv_arena *a, const struct doc_source *src, struct doc_model *out);

/* The font files the PDF renderer draws with: the DOC_FONT faces that cover Vietnamese
 * (U+1EA0–U+1EF9: fonts-liberation2, not Debian 12's fonts-liberation 1.07), found once
 * through fontconfig; the renderer's private font map holds these alone, so no glyph can
 * fall back to another family. Fills up to max paths, returns how many there are (0: none
 * installed, and doc_render_pdf answers DV_EIO rather than print with a fallback font). */
size_t doc_font_files(const char **out, size_t max);

/* The chart as a PNG of w × h millimetres at dpi, appended to out. 0 or DV_EIO. */
int doc_chart_png(const struct doc_chart *c, double w_mm, double h_mm, double dpi, dv_buf *out);

/* Renderers: append the file's bytes to out. 0 or DV_EIO. */
int doc_render_docx(const struct doc_model *m, dv_buf *out);
int doc_render_pdf(const struct doc_model *m, dv_buf *out);

#endif
