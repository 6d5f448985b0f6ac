/* directive_pages.h - the handlers of the directive area (routes in directive_routes.c). */
#ifndef DV_DIRECTIVE_PAGES_H
#define DV_DIRECTIVE_PAGES_H

#include "http/http.h"

void directive_page_documents(dv_req *r);        /* GET  /documents */
void directive_page_documents_csv(dv_req *r);    /* GET  /documents.csv */
void directive_page_document_new(dv_req *r);     /* GET  /documents/new */
void directive_page_document_create(dv_req *r);  /* POST /documents */
void directive_page_document_show(dv_req *r);    /* GET  /documents/:id */
void directive_page_document_file(dv_req *r);    /* GET  /documents/:id/file */
void directive_page_document_relate(dv_req *r);  /* POST /documents/:id/relations */
void directive_page_document_assign(dv_req *r);  /* POST /documents/:id/tasks */
void directive_page_tasks(dv_req *r);            /* GET  /tasks */
void directive_page_my_tasks(dv_req *r);         /* GET  /tasks/mine */
void directive_page_board(dv_req *r);            /* GET  /tasks/board */
void directive_page_settings(dv_req *r);         /* GET  /tasks/settings */
void directive_page_settings_save(dv_req *r);    /* POST /tasks/settings */
void directive_page_task_show(dv_req *r);        /* GET  /tasks/:id */
void directive_page_task_evidence(dv_req *r);    /* GET  /tasks/evidence/:id */
void directive_page_task_complete(dv_req *r);    /* POST /tasks/:id/complete */
void directive_page_task_decide(dv_req *r);      /* POST /tasks/:id/decide */
void directive_page_task_deadline(dv_req *r);    /* POST /tasks/:id/deadline */
void directive_page_task_explain(dv_req *r);     /* POST /tasks/:id/explain */
void directive_page_task_cascade(dv_req *r);     /* POST /tasks/:id/cascade */
void directive_api_tasks(dv_req *r);             /* GET  /api/tasks */
void directive_api_task(dv_req *r);              /* GET  /api/tasks/:id */
void directive_api_task_create(dv_req *r);       /* POST /api/tasks */
void directive_api_task_complete(dv_req *r);     /* POST /api/tasks/:id/completions */

void directive_routes_register(void);
/* The escalated tasks in the reminder digests (directive_reminder.c). */
void directive_reminder_register(void);

#endif
