/* document_view.h - what templates/report/xlsx_upload.html is given: plain, translated
 * strings prepared by document_routes.c. */
#ifndef DV_DOCUMENT_VIEW_H
#define DV_DOCUMENT_VIEW_H

#include <stddef.h>

struct xlsx_value_row {
    const char *code;
    const char *name;
    const char *value;
};

struct xlsx_upload_view {
    const char *regime_name;
    const char *period_label;
    const char *unit_name;
    const char *status_label;
    const char *form_href;       /* the web form of the same report */
    const char *download_href;   /* the form as XLSX */
    const char *action;          /* POST the filled form here */
    const char *docx_href, *pdf_href; /* the report as a document, NULL before the first save */
    const char *signer_href;     /* who signs the unit's documents, NULL when not the user's to set */
    const char *locked;          /* why entry is closed, NULL when open */
    const char *general_error;   /* a wrong file, a refused save */
    const char *const *errors;   /* "Chỉ tiêu!D7: …", nothing saved */
    size_t nerrors;
    const struct xlsx_value_row *rows; /* the values saved now */
    size_t nrows;
};

#endif
