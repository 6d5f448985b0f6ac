/* document_routes.c - the routes of the reporting area's document part (document_pages.h). */
#include "report/report_routes.h"
#include "report/document/document_pages.h"

#include "http/http.h"

static const struct dv_route document_routes[] = {
    ROUTE_WHO("GET", "/reports/consolidated/:regime/:period/:unit.docx", document_page_consolidated_docx, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on entry:unit"),
    ROUTE_WHO("GET", "/reports/consolidated/:regime/:period/:unit.pdf", document_page_consolidated_pdf, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on entry:unit"),
    ROUTE_WHO("GET", "/reports/:id/document.docx", document_page_document_docx, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on report:id"),
    ROUTE_WHO("GET", "/reports/:id/document.pdf", document_page_document_pdf, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on report:id"),
    ROUTE_WHO("GET", "/reports/:regime/:period/:unit/xlsx", document_page_xlsx_page, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on entry:unit"),
    ROUTE_WHO("GET", "/reports/:regime/:period/:unit/form.xlsx", document_page_form_xlsx, ROUTE_SLOW,
              "admin | staff@subtree | staff@receiver | officer@own on entry:unit"),
    ROUTE_WHO("POST", "/reports/:regime/:period/:unit/form.xlsx", document_page_form_upload, 0,
              "admin | staff@subtree | officer@own on entry:unit"),
    ROUTE_WHO("GET", "/units/:id/signer", document_page_signer_page, 0,
              "admin | staff@subtree | officer@own on unit:id"),
    ROUTE_WHO("POST", "/units/:id/signer", document_page_signer_save, 0,
              "admin | staff@subtree | officer@own on unit:id"),
};

void document_routes_register(void)
{
    router_add(document_routes, sizeof document_routes / sizeof *document_routes);
}
