/* export_table.h - a small table model and its two file formats, for the dashboard's
 * downloads (matrix and pivot) and for anyone else who needs a plain sheet:
 *
 *   CSV  (export_csv.c): UTF-8 with a byte order mark (so Excel reads Vietnamese text),
 *        fields separated by ';' (the list separator of Vietnamese Windows, where ',' is the
 *        decimal mark), CRLF line ends, RFC 4180 quoting, numbers with a decimal COMMA and
 *        no thousands separator ("87,5"), integers as digits; a text field starting with
 *        = + - @ gets a leading apostrophe (no formula injection).
 *   XLSX (export_xlsx.c, libxlsxwriter): one sheet, the header row bold, panes frozen below
 *        the header and right of the first freeze_cols columns, numbers stored as numbers,
 *        text indented by cell indent levels (tree order in pivots). */
#ifndef DV_EXPORT_TABLE_H
#define DV_EXPORT_TABLE_H

#include "core/buf.h"

#include <stddef.h>

struct xt_cell {
    const char *text;   /* NULL with is_num = 0: an empty cell */
    double num;
    int is_num;
    int indent;         /* text indent level (XLSX), or "  " per level (CSV) */
    int bold;           /* XLSX only */
};

struct xt_table {
    const char *sheet;          /* sheet name (XLSX), at most 31 characters */
    size_t ncols;
    const char *const *header;  /* ncols column titles */
    const struct xt_cell *cells; /* nrows × ncols, row-major */
    size_t nrows;
    int freeze_cols;            /* columns kept in view when scrolling right */
};

void export_csv(const struct xt_table *t, dv_buf *out);
/* 0, or DV_EIO when the workbook could not be written. */
int export_xlsx(const struct xt_table *t, dv_buf *out);

#endif
