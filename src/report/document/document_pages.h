/* document_pages.h - the document part's pages (document_pages.c: XLSX round trip, DOCX and
 * PDF documents, the consolidated report; document_signer_pages.c: who signs), routed by
 * document_routes.c. */
#ifndef DV_DOCUMENT_PAGES_H
#define DV_DOCUMENT_PAGES_H

#include "http/http.h"

void document_page_consolidated_docx(dv_req *r);
void document_page_consolidated_pdf(dv_req *r);
void document_page_document_docx(dv_req *r);
void document_page_document_pdf(dv_req *r);
void document_page_xlsx_page(dv_req *r);
void document_page_form_xlsx(dv_req *r);
void document_page_form_upload(dv_req *r);
void document_page_signer_page(dv_req *r);
void document_page_signer_save(dv_req *r);

#endif
