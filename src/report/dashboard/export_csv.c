/* export_csv.c - a table as CSV for Excel (see export_table.h for the exact format). */
#include "report/dashboard/export_table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void put_field(dv_buf *out, const char *s, int indent)
{
    if (!s) s = "";
    int quote = indent > 0 || strpbrk(s, ";\"\r\n") != NULL || s[0] == ' ';
    int guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (quote) buf_putc(out, '"');
    for (int i = 0; i < indent; i++) buf_puts(out, "  ");
    if (guard) buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_putc(out, '"');
        buf_putc(out, *p);
    }
    if (quote) buf_putc(out, '"');
}

static void put_num(dv_buf *out, double v)
{
    if (!isfinite(v)) return;
    char tmp[64];
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(tmp, sizeof tmp, "%.0f", v);
    } else {
        snprintf(tmp, sizeof tmp, "%.10g", v);
        char *dot = strchr(tmp, '.');
        if (dot) *dot = ',';
    }
    buf_puts(out, tmp);
}

void export_csv(const struct xt_table *t, dv_buf *out)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) buf_putc(out, ';');
        put_field(out, t->header[c], 0);
    }
    buf_puts(out, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c) buf_putc(out, ';');
            const struct xt_cell *x = &t->cells[r * t->ncols + c];
            if (x->is_num) put_num(out, x->num);
            else if (x->text) put_field(out, x->text, x->indent);
        }
        buf_puts(out, "\r\n");
    }
}
