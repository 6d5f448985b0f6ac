/* xlsx_form.h - the report form as an XLSX workbook for offline entry, and reading an upload
 * back into the entry form's field keys (report.h: "v_<code>", "v_<code>_<option>",
 * "s_<position>") so it is validated by report_validate exactly as the web form.
 *
 * Workbook layout (format XLSX_FORM_FORMAT):
 *   "Chỉ tiêu"    row 1 the title, row 2 column heads, from row 3 one row per indicator
 *                 (a disaggregated indicator: a heading row, then one row per option):
 *                 A code, B name, C unit of measure, D value (the only unlocked column).
 *   "Thuyết minh" row 1 heads, from row 2 one row per narrative section: A number, B title,
 *                 C text (unlocked).
 *   "_meta"       hidden: A1:B5 format, regime, period, unit, version; from row 7 the map
 *                 A key, B sheet, C cell of every field, so an upload is read back by the
 *                 map it was written with (and rejected when it is another report's).
 * Sheets are protected without a password (a guard against slips, not a security measure). */
#ifndef DV_XLSX_FORM_H
#define DV_XLSX_FORM_H

#include "core/arena.h"
#include "core/buf.h"
#include "report/report.h"

#include <stddef.h>
#include <stdint.h>

#define XLSX_FORM_FORMAT "danvan-form-1"
#define XLSX_SHEET_VALUES "Chỉ tiêu"
#define XLSX_SHEET_TEXT "Thuyết minh"
#define XLSX_SHEET_META "_meta"

struct xlsx_form_input {
    const struct report_def *def;
    int64_t regime_id, period_id, unit_id;
    int version;                 /* the report's version, 0 = no row */
    const char *title;           /* "Báo cáo … — 6 tháng đầu năm 2025 — Phường Bạc Liêu" */
    const struct report_value *values; /* current values to prefill */
    size_t nvalues;
    const struct report_section_body *sections;
    size_t nsections;
};

/* Writes the workbook's bytes into out. 0 or DV_EIO. */
int xlsx_form_write(const struct xlsx_form_input *in, dv_buf *out);

/* One field read back from an upload. */
struct xlsx_field {
    const char *key;     /* "v_I01" … */
    const char *sheet;   /* for messages: "Chỉ tiêu" */
    const char *cell;    /* "D7" */
    const char *raw;     /* as report_value_parse expects it; NULL = empty */
};

struct xlsx_upload {
    int64_t regime_id, period_id, unit_id;
    int version;
    struct xlsx_field *fields;
    size_t nfields;
};

/* Reads an uploaded workbook. DV_EINVAL with *why an untranslated msgid when it is not an
 * XLSX workbook, not a danvan form, or the form of another report (ids differ from the
 * expected ones). */
int xlsx_form_read(dv_arena *a, const struct report_def *def, const void *data, size_t n,
                   int64_t regime_id, int64_t period_id, int64_t unit_id, struct xlsx_upload *out,
                   const char **why);

/* For report_validate's get(): ctx is a struct xlsx_upload *. */
const char *xlsx_upload_get(void *ctx, const char *key);
/* The field of a key, or NULL. */
const struct xlsx_field *xlsx_upload_field(const struct xlsx_upload *u, const char *key);

#endif
