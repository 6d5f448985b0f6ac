/* xlsx_read.h - a small reader of XLSX workbooks (libzip + libxml2): sheet names, cell values
 * (shared strings, inline strings, numbers, booleans, formula results as cached). Enough to
 * read back the forms xlsx_form.c writes, after Excel or LibreOffice saved them. */
#ifndef DV_XLSX_READ_H
#define DV_XLSX_READ_H

#include "core/arena.h"

#include <stddef.h>

enum xlsx_kind { XLSX_EMPTY, XLSX_STR, XLSX_NUM, XLSX_BOOL, XLSX_ERR };

struct xlsx_cell {
    int row, col;          /* 1-based */
    enum xlsx_kind kind;
    const char *text;      /* STR: the string; NUM: the number as written; BOOL: "0"/"1" */
    double num;            /* NUM, BOOL */
};

struct xlsx_sheet {
    const char *name;
    struct xlsx_cell *cells; /* in document order */
    size_t ncells;
};

struct xlsx_book {
    struct xlsx_sheet *sheets; /* in workbook order */
    size_t nsheets;
};

/* Limits: a bigger part or workbook is refused (a zip bomb guard). */
#define XLSX_PART_MAX (16u << 20)
#define XLSX_CELLS_MAX 200000

/* Reads the workbook. On failure returns DV_EINVAL with *why an untranslated msgid:
 * "The file is not an XLSX workbook (not a zip archive)." or
 * "The file is not an XLSX workbook (no workbook part)." */
int xlsx_read(dv_arena *a, const void *data, size_t n, struct xlsx_book *out, const char **why);

const struct xlsx_sheet *xlsx_sheet_find(const struct xlsx_book *b, const char *name);
const struct xlsx_cell *xlsx_cell_at(const struct xlsx_sheet *s, int row, int col);

/* "D7" <-> (7, 4). xlsx_ref_parse returns 0 or -1. */
int xlsx_ref_parse(const char *ref, int *row, int *col);
const char *xlsx_ref(dv_arena *a, int row, int col);

/* An Excel date serial (1900 system) as ISO "YYYY-MM-DD" into out[11]; -1 when out of range. */
int xlsx_serial_to_iso(double serial, char out[11]);
double xlsx_iso_to_serial(int y, int m, int d);

#endif
