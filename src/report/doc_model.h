/* doc_model.h - a report as an official document: one layout model that both renderers
 * (doc_docx.c: WordprocessingML, doc_pdf.c: cairo + pango) draw, so DOCX and PDF agree.
 *
 * Layouts (see doc_layout_for_type):
 *  - DOC_LAYOUT_PARTY, guidance 36-HD/VPTW: top left the superior and the issuing body
 *    ("TỈNH ỦY CÀ MAU" / "BAN DÂN VẬN" / "*"), "Số 12-BC/BDVTU"; top right
 *    "ĐẢNG CỘNG SẢN VIỆT NAM" underlined, place and date in italics. Numbered per document
 *    type per Party TERM (DOC_PARTY_TERM).
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

/* The current Party term for numbering (36-HD/VPTW numbers per term). Changes after the
 * Congress of the 2025-2030 term is held by each issuer; one constant for now. */
#define DOC_PARTY_TERM "2020-2025"
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

struct doc_row {
    const char *code;
    const char *name;
    const char *uom;
    const char *value;
    int level;           /* 0 an indicator, 1 a category option under it */
};

struct doc_section {
    const char *title;
    const char *body;    /* paragraphs separated by newlines */
};

struct doc_model {
    enum doc_layout layout;
    const char *issuer_superior; /* upper case, may be NULL */
    const char *issuer_name;     /* upper case */
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
    const char *const *recipients;
    size_t nrecipients;
    const char *sign_authority;  /* "T/M BAN THƯỜNG VỤ" / "TM. ỦY BAN NHÂN DÂN", may be NULL */
    const char *sign_title;      /* "TRƯỞNG BAN" / "CHỦ TỊCH" */
    const char *signer_name;     /* may be NULL */
};

/* What the builder needs to know about a report (filled by the routes from the stores). */
struct doc_source {
    const char *unit_type;       /* units.type of the issuer */
    const char *unit_name;       /* "Ban Dân vận Tỉnh ủy Cà Mau" */
    const char *parent_name;     /* the issuer's parent, may be NULL */
    const char *parent_type;
    const char *date_iso;        /* the document's date */
    const char *doc_type;        /* regimes.doc_type, "BC" */
    int64_t number;              /* 0 = not numbered yet (a draft) */
    const char *subject;         /* "Kết quả thực hiện … 6 tháng đầu năm 2025" */
    const struct doc_section *sections;
    size_t nsections;
    const struct doc_row *rows;
    size_t nrows;
    const char *receiver_name;   /* the receiving unit, first in "Nơi nhận:" */
    const char *signer_name;
};

enum doc_layout doc_layout_for_type(const char *unit_type);
/* The numbering series of a layout on a date: the Party term, or the calendar year. */
const char *doc_series_for(dv_arena *a, enum doc_layout layout, const char *date_iso);
/* The issuer's abbreviation in the number: "BDVTU", "UBND", "MTTQ" … (ASCII). */
const char *doc_issuer_abbrev(dv_arena *a, const struct doc_source *src);
/* "Cà Mau, ngày 05 tháng 7 năm 2025" (day zero-padded below 10, month 1 and 2 padded, as
 * Decree 30 asks; month 3-12 not). */
const char *doc_place_date(dv_arena *a, const char *place, const char *date_iso);
/* UTF-8 upper case (Vietnamese letters included). */
char *doc_upper(dv_arena *a, const char *s);
/* The first letter in lower case: "Báo cáo …" -> "báo cáo …" (to follow "Tổng hợp "). */
char *doc_lower_first(dv_arena *a, const char *s);

/* Builds the model; strings live in the arena. */
void doc_model_build(dv_arena *a, const struct doc_source *src, struct doc_model *out);

/* Renderers: append the file's bytes to out. 0 or DV_EIO. */
int doc_render_docx(const struct doc_model *m, dv_buf *out);
int doc_render_pdf(const struct doc_model *m, dv_buf *out);

#endif
