/* xlsx_form.c - writes the report form as an XLSX workbook (libxlsxwriter) and reads an
 * upload of it back into the entry form's field keys (see xlsx_form.h). */
#include "report/entry/xlsx_form.h"
#include "core/form_check.h"
#include "text/decimal.h"

#include "core/err.h"
#include "core/i18n.h"
#include "report/report_validate.h"
#include "report/entry/xlsx_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define META_MAP_ROW 7 /* 1-based row of the first key in _meta */

static const struct report_value *find_value(const struct xlsx_form_input *in, int64_t ind, int64_t opt)
{
    for (size_t i = 0; i < in->nvalues; i++)
        if (in->values[i].indicator_id == ind && in->values[i].option_id == opt) return &in->values[i];
    return NULL;
}

static const char *find_section(const struct xlsx_form_input *in, int pos)
{
    for (size_t i = 0; i < in->nsections; i++)
        if (in->sections[i].position == pos) return in->sections[i].body;
    return NULL;
}

struct fmts {
    lxw_format *title, *head, *locked, *wrap, *value, *date, *group;
};

static void validation_for(lxw_worksheet *ws, int row, int col, enum report_ind_type t)
{
    static char *yes_no[] = {"Có", "Không", NULL};
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.error_title = "Giá trị không hợp lệ";
    switch (t) {
    case RIT_INT:
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "Nhập số nguyên không âm.";
        break;
    case RIT_DECIMAL:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "Nhập số không âm.";
        break;
    case RIT_PERCENT:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = 100;
        dv.error_message = "Nhập tỷ lệ phần trăm từ 0 đến 100.";
        break;
    case RIT_BOOL:
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = yes_no;
        dv.error_message = "Chọn Có hoặc Không.";
        break;
    case RIT_DATE:
        dv.validate = LXW_VALIDATION_TYPE_DATE_NUMBER;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = xlsx_iso_to_serial(1900, 3, 1);
        dv.maximum_number = xlsx_iso_to_serial(9999, 12, 31);
        dv.error_message = "Nhập ngày dạng dd/mm/yyyy.";
        break;
    case RIT_TEXT:
        dv.validate = LXW_VALIDATION_TYPE_LENGTH;
        dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        dv.value_number = REPORT_TEXT_MAX;
        dv.error_message = "Nội dung quá dài.";
        break;
    }
    worksheet_data_validation_cell(ws, (lxw_row_t)row, (lxw_col_t)col, &dv);
}

static void write_value(lxw_worksheet *ws, int row, enum report_ind_type t, const struct report_value *v,
                        const struct fmts *f)
{
    lxw_format *fmt = t == RIT_DATE ? f->date : f->value;
    if (!v) {
        worksheet_write_blank(ws, (lxw_row_t)row, 3, fmt);
        return;
    }
    if (t == RIT_TEXT) {
        worksheet_write_string(ws, (lxw_row_t)row, 3, v->text ? v->text : "", fmt);
    } else if (!v->has_num) {
        worksheet_write_blank(ws, (lxw_row_t)row, 3, fmt);
    } else if (t == RIT_BOOL) {
        worksheet_write_string(ws, (lxw_row_t)row, 3, v->num != 0 ? "Có" : "Không", fmt);
    } else if (t == RIT_DATE) {
        long ymd = (long)v->num;
        worksheet_write_number(ws, (lxw_row_t)row, 3,
                               xlsx_iso_to_serial((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100)), fmt);
    } else {
        worksheet_write_number(ws, (lxw_row_t)row, 3, v->num, fmt);
    }
}

/* Appends one map row of _meta (row index 0-based). */
static void map_row(lxw_worksheet *meta, int *mrow, const char *key, const char *sheet, int row0, int col0)
{
    char cell[16];
    int col = col0 + 1;
    char letters[4] = {0};
    if (col <= 26) letters[0] = (char)('A' + col - 1);
    snprintf(cell, sizeof cell, "%s%d", letters, row0 + 1);
    worksheet_write_string(meta, (lxw_row_t)*mrow, 0, key, NULL);
    worksheet_write_string(meta, (lxw_row_t)*mrow, 1, sheet, NULL);
    worksheet_write_string(meta, (lxw_row_t)*mrow, 2, cell, NULL);
    (*mrow)++;
}

/* The cell formats of the form. */
static struct fmts formats(lxw_workbook *wb)
{
    struct fmts f;
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 13);
    f.head = workbook_add_format(wb);
    format_set_bold(f.head);
    format_set_border(f.head, LXW_BORDER_THIN);
    format_set_bg_color(f.head, 0xDDE6F0);
    format_set_text_wrap(f.head);
    f.locked = workbook_add_format(wb);
    format_set_border(f.locked, LXW_BORDER_THIN);
    f.wrap = workbook_add_format(wb);
    format_set_border(f.wrap, LXW_BORDER_THIN);
    format_set_text_wrap(f.wrap);
    f.group = workbook_add_format(wb);
    format_set_border(f.group, LXW_BORDER_THIN);
    format_set_bold(f.group);
    format_set_text_wrap(f.group);
    f.value = workbook_add_format(wb);
    format_set_unlocked(f.value);
    format_set_border(f.value, LXW_BORDER_THIN);
    format_set_bg_color(f.value, 0xFFFBE6);
    format_set_text_wrap(f.value);
    f.date = workbook_add_format(wb);
    format_set_unlocked(f.date);
    format_set_border(f.date, LXW_BORDER_THIN);
    format_set_bg_color(f.date, 0xFFFBE6);
    format_set_num_format(f.date, "dd/mm/yyyy");

    return f;
}

/* _meta: the identity of the report; the map of fields follows from META_MAP_ROW. */
static void write_meta(lxw_worksheet *meta, const struct xlsx_form_input *in)
{
    worksheet_write_string(meta, 0, 0, "format", NULL);
    worksheet_write_string(meta, 0, 1, XLSX_FORM_FORMAT, NULL);
    worksheet_write_string(meta, 1, 0, "regime", NULL);
    worksheet_write_number(meta, 1, 1, (double)in->regime_id, NULL);
    worksheet_write_string(meta, 2, 0, "period", NULL);
    worksheet_write_number(meta, 2, 1, (double)in->period_id, NULL);
    worksheet_write_string(meta, 3, 0, "unit", NULL);
    worksheet_write_number(meta, 3, 1, (double)in->unit_id, NULL);
    worksheet_write_string(meta, 4, 0, "version", NULL);
    worksheet_write_number(meta, 4, 1, (double)in->version, NULL);

}

/* Chỉ tiêu: one row per indicator, or a group row and one per option of a disaggregated one. */
static void write_values(lxw_worksheet *ws, lxw_worksheet *meta, int *mrow, const struct xlsx_form_input *in,
                         const struct fmts *fp, dv_arena *a)
{
    struct fmts f = *fp;
    worksheet_set_column(ws, 0, 0, 10, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_set_column(ws, 2, 2, 14, NULL);
    worksheet_set_column(ws, 3, 3, 22, NULL);
    worksheet_write_string(ws, 0, 0, in->title ? in->title : "", f.title);
    worksheet_write_string(ws, 1, 0, "Mã", f.head);
    worksheet_write_string(ws, 1, 1, "Chỉ tiêu", f.head);
    worksheet_write_string(ws, 1, 2, "Đơn vị tính", f.head);
    worksheet_write_string(ws, 1, 3, "Giá trị", f.head);
    worksheet_freeze_panes(ws, 2, 0);
    int row = 2;
    const struct report_def *d = in->def;
    for (size_t i = 0; i < d->nindicators; i++) {
        const struct report_def_indicator *ind = &d->indicators[i];
        const char *name = ind->required ? arena_printf(a, "%s (*)", ind->name) : ind->name;
        if (ind->noptions == 0) {
            worksheet_write_string(ws, (lxw_row_t)row, 0, ind->code, f.locked);
            worksheet_write_string(ws, (lxw_row_t)row, 1, name, f.wrap);
            worksheet_write_string(ws, (lxw_row_t)row, 2, ind->unit_of_measure ? ind->unit_of_measure : "", f.locked);
            write_value(ws, row, ind->type, find_value(in, ind->id, 0), &f);
            validation_for(ws, row, 3, ind->type);
            map_row(meta, mrow, report_field_key(a, ind, NULL), XLSX_SHEET_VALUES, row, 3);
            row++;
            continue;
        }
        worksheet_write_string(ws, (lxw_row_t)row, 0, ind->code, f.group);
        worksheet_write_string(ws, (lxw_row_t)row, 1, name, f.group);
        worksheet_write_string(ws, (lxw_row_t)row, 2, ind->unit_of_measure ? ind->unit_of_measure : "", f.locked);
        worksheet_write_blank(ws, (lxw_row_t)row, 3, f.locked);
        row++;
        for (size_t k = 0; k < ind->noptions; k++) {
            const struct report_def_option *o = &ind->options[k];
            worksheet_write_string(ws, (lxw_row_t)row, 0, arena_printf(a, "%s.%s", ind->code, o->code), f.locked);
            worksheet_write_string(ws, (lxw_row_t)row, 1, arena_printf(a, "    - %s", o->name), f.wrap);
            worksheet_write_string(ws, (lxw_row_t)row, 2, ind->unit_of_measure ? ind->unit_of_measure : "", f.locked);
            write_value(ws, row, ind->type, find_value(in, ind->id, o->id), &f);
            validation_for(ws, row, 3, ind->type);
            map_row(meta, mrow, report_field_key(a, ind, o), XLSX_SHEET_VALUES, row, 3);
            row++;
        }
    }

}

/* Thuyết minh: one row per narrative section. */
static void write_sections(lxw_worksheet *wt, lxw_worksheet *meta, int *mrow, const struct xlsx_form_input *in,
                           const struct fmts *fp, dv_arena *a)
{
    struct fmts f = *fp;
    const struct report_def *d = in->def;
    worksheet_set_column(wt, 0, 0, 6, NULL);
    worksheet_set_column(wt, 1, 1, 36, NULL);
    worksheet_set_column(wt, 2, 2, 90, NULL);
    worksheet_write_string(wt, 0, 0, "STT", f.head);
    worksheet_write_string(wt, 0, 1, "Nội dung", f.head);
    worksheet_write_string(wt, 0, 2, "Thuyết minh", f.head);
    for (size_t i = 0; i < d->nsections; i++) {
        const struct report_def_section *s = &d->sections[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_number(wt, r, 0, s->position, f.locked);
        worksheet_write_string(wt, r, 1, s->title, f.wrap);
        const char *body = find_section(in, s->position);
        if (body && *body)
            worksheet_write_string(wt, r, 2, body, f.value);
        else
            worksheet_write_blank(wt, r, 2, f.value);
        worksheet_set_row(wt, r, 90, NULL);
        map_row(meta, mrow, arena_printf(a, "s_%d", s->position), XLSX_SHEET_TEXT, (int)r, 2);
    }

}

int xlsx_form_write(const struct xlsx_form_input *in, dv_buf *out)
{
    const char *tmpdir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/danvan-form-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return DV_EIO;
    close(fd);

    dv_arena *a = arena_new();
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        arena_free(a);
        return DV_EIO;
    }
    struct fmts f = formats(wb);

    lxw_worksheet *ws = workbook_add_worksheet(wb, XLSX_SHEET_VALUES);
    lxw_worksheet *wt = workbook_add_worksheet(wb, XLSX_SHEET_TEXT);
    lxw_worksheet *meta = workbook_add_worksheet(wb, XLSX_SHEET_META);

    write_meta(meta, in);
    int mrow = META_MAP_ROW - 1;
    write_values(ws, meta, &mrow, in, &f, a);
    write_sections(wt, meta, &mrow, in, &f, a);

    /* printed on A4, one page wide, the heads repeated */
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 1, 1);
    worksheet_set_paper(wt, 9);
    worksheet_set_landscape(wt);
    worksheet_fit_to_pages(wt, 1, 0);

    lxw_protection prot;
    memset(&prot, 0, sizeof prot);
    prot.format_columns = 1; /* widths and heights may be changed */
    prot.format_rows = 1;
    worksheet_protect(ws, NULL, &prot);
    worksheet_protect(wt, NULL, &prot);
    worksheet_protect(meta, NULL, NULL);
    worksheet_hide(meta);
    worksheet_activate(ws);

    lxw_error e = workbook_close(wb);
    arena_free(a);
    int rc = DV_EIO;
    if (e == LXW_NO_ERROR) {
        FILE *fp = fopen(path, "rb");
        if (fp) {
            char chunk[65536];
            size_t k;
            while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(out, chunk, k);
            rc = ferror(fp) ? DV_EIO : 0;
            fclose(fp);
        }
    }
    unlink(path);
    return rc;
}

/* ---- reading an upload back ---- */

static const char *meta_text(const struct xlsx_sheet *m, int row, int col)
{
    const struct xlsx_cell *c = xlsx_cell_at(m, row, col);
    return c && c->kind != XLSX_EMPTY ? c->text : NULL;
}

static int64_t meta_id(const struct xlsx_sheet *m, int row)
{
    const struct xlsx_cell *c = xlsx_cell_at(m, row, 2);
    if (!c) return -1;
    if (c->kind == XLSX_NUM) return (int64_t)c->num;
    long long v;
    if (c->kind == XLSX_STR && c->text && form_parse_ll(c->text, &v)) return v;
    return -1;
}

/* How many fields the form has: value cells and sections. */
static size_t d_nkeys(const struct report_def *d)
{
    size_t n = d->nsections;
    for (size_t i = 0; i < d->nindicators; i++) n += d->indicators[i].noptions ? d->indicators[i].noptions : 1;
    return n;
}

/* A cell as the web form would have sent it. */
static const char *raw_of(dv_arena *a, const struct xlsx_cell *c, int type)
{
    if (!c || c->kind == XLSX_EMPTY) return NULL;
    if (c->kind == XLSX_NUM) {
        if (type == RIT_DATE) {
            char iso[11];
            if (xlsx_serial_to_iso(c->num, iso) == 0)
                return arena_printf(a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
        }
        if (type == RIT_BOOL) return c->num != 0 ? "1" : "0";
        char buf[64];
        dec_format_exact(buf, sizeof buf, c->num);
        return arena_strdup(a, buf);
    }
    return c->text;
}

int xlsx_form_read(dv_arena *a, const struct report_def *def, const void *data, size_t n, int64_t regime_id,
                   int64_t period_id, int64_t unit_id, struct xlsx_upload *out, const char **why)
{
    memset(out, 0, sizeof *out);
    struct xlsx_book b;
    int rc = xlsx_read(a, data, n, &b, why);
    if (rc != 0) return rc;
    const struct xlsx_sheet *m = xlsx_sheet_find(&b, XLSX_SHEET_META);
    const char *fmt = m ? meta_text(m, 1, 2) : NULL;
    if (!m || !fmt || strcmp(fmt, XLSX_FORM_FORMAT) != 0) {
        *why = N_("The workbook is not a report form downloaded from this site.");
        return DV_EINVAL;
    }
    out->regime_id = meta_id(m, 2);
    out->period_id = meta_id(m, 3);
    out->unit_id = meta_id(m, 4);
    out->version = (int)meta_id(m, 5);
    if (out->regime_id != regime_id || out->period_id != period_id || out->unit_id != unit_id) {
        *why = N_("The workbook is the form of another report (another regime, period or unit).");
        return DV_EINVAL;
    }
    /* the form's own keys, with their types (-1: a section) */
    size_t nkeys = d_nkeys(def);
    const char **keys = arena_alloc(a, (nkeys + 1) * sizeof *keys);
    int *types = arena_alloc(a, (nkeys + 1) * sizeof *types);
    size_t k = 0;
    for (size_t i = 0; i < def->nindicators; i++) {
        const struct report_def_indicator *ind = &def->indicators[i];
        size_t ncells = ind->noptions ? ind->noptions : 1;
        for (size_t c = 0; c < ncells; c++) {
            keys[k] = report_field_key(a, ind, ind->noptions ? &ind->options[c] : NULL);
            types[k++] = (int)ind->type;
        }
    }
    for (size_t i = 0; i < def->nsections; i++) {
        keys[k] = arena_printf(a, "s_%d", def->sections[i].position);
        types[k++] = -1;
    }
    out->fields = arena_alloc(a, (nkeys + 1) * sizeof *out->fields);

    /* one pass over _meta: a row's cells are contiguous, in column order; a map longer
     * than the form could be is not read further */
    for (size_t i = 0; i < m->ncells; i++) {
        const struct xlsx_cell *kc = &m->cells[i];
        if (kc->row >= META_MAP_ROW + (int)(2 * nkeys + 16)) break;
        if (kc->col != 1 || kc->row < META_MAP_ROW || kc->kind != XLSX_STR) continue;
        const char *sheet = NULL, *cell = NULL;
        for (size_t j = i + 1; j < m->ncells && j <= i + 2 && m->cells[j].row == kc->row; j++) {
            if (m->cells[j].kind != XLSX_STR) continue;
            if (m->cells[j].col == 2) sheet = m->cells[j].text;
            if (m->cells[j].col == 3) cell = m->cells[j].text;
        }
        int r, c;
        if (!sheet || !cell || xlsx_ref_parse(cell, &r, &c) != 0) continue;
        size_t which = nkeys;
        for (size_t q = 0; q < nkeys; q++)
            if (strcmp(keys[q], kc->text) == 0) which = q;
        if (which == nkeys) continue;                        /* not a field of this regime */
        if (xlsx_upload_field(out, kc->text)) continue;      /* listed twice */
        const struct xlsx_sheet *sh = xlsx_sheet_find(&b, sheet);
        if (!sh) {
            *why = N_("The workbook is missing a sheet of the form.");
            return DV_EINVAL;
        }
        struct xlsx_field *f = &out->fields[out->nfields++];
        f->key = keys[which];
        f->sheet = sh->name;
        f->cell = cell;
        f->raw = raw_of(a, xlsx_cell_at(sh, r, c), types[which]);
    }
    *why = NULL;
    return 0;
}

const struct xlsx_field *xlsx_upload_field(const struct xlsx_upload *u, const char *key)
{
    for (size_t i = 0; i < u->nfields; i++)
        if (strcmp(u->fields[i].key, key) == 0) return &u->fields[i];
    return NULL;
}

const char *xlsx_upload_get(void *ctx, const char *key)
{
    const struct xlsx_field *f = xlsx_upload_field(ctx, key);
    return f ? f->raw : NULL;
}
