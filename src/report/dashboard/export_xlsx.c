/* export_xlsx.c - a table as an XLSX workbook with libxlsxwriter (see export_table.h).
 * libxlsxwriter 1.1.4 writes to a file only: a private temporary file, read back, removed. */
#include "report/dashboard/export_table.h"

#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static int read_file(const char *path, dv_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return DV_EIO;
    char tmp[16384];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_append(out, tmp, n);
    int err = ferror(f);
    fclose(f);
    return err ? DV_EIO : 0;
}

int export_xlsx(const struct xt_table *t, dv_buf *out)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char path[512];
    snprintf(path, sizeof path, "%s/danvan-xlsx-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) return DV_EIO;
    close(fd);
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) {
        unlink(path);
        return DV_EIO;
    }
    char sheet[32];
    snprintf(sheet, sizeof sheet, "%s", t->sheet && *t->sheet ? t->sheet : "Sheet1");
    for (char *p = sheet; *p; p++)
        if (strchr("[]:*?/\\", *p)) *p = ' ';
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0.##");
    lxw_format *numb = workbook_add_format(wb);
    format_set_num_format(numb, "#,##0.##");
    format_set_bold(numb);
    lxw_format *ind[8];
    for (int i = 0; i < 8; i++) {
        ind[i] = workbook_add_format(wb);
        format_set_indent(ind[i], (uint8_t)i);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->header[c] ? t->header[c] : "", head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c < (size_t)t->freeze_cols ? 32 : 14, NULL);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const struct xt_cell *x = &t->cells[r * t->ncols + c];
            lxw_row_t row = (lxw_row_t)(r + 1);
            if (x->is_num) {
                worksheet_write_number(ws, row, (lxw_col_t)c, x->num, x->bold ? numb : num);
            } else if (x->text) {
                lxw_format *f = x->bold ? bold : x->indent > 0 ? ind[x->indent < 8 ? x->indent : 7] : NULL;
                worksheet_write_string(ws, row, (lxw_col_t)c, x->text, f);
            }
        }
    }
    worksheet_freeze_panes(ws, 1, (lxw_col_t)(t->freeze_cols > 0 ? t->freeze_cols : 0));
    lxw_error e = workbook_close(wb);
    int rc = e == LXW_NO_ERROR ? read_file(path, out) : DV_EIO;
    unlink(path);
    return rc;
}
