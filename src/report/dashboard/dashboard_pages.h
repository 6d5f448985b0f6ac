/* dashboard_pages.h - handlers of the reporting dashboards (dashboard_pages.c). */
#ifndef DV_DASHBOARD_PAGES_H
#define DV_DASHBOARD_PAGES_H

#include "http/http.h"

void dashboard_page_matrix(dv_req *r);      /* GET /dashboard */
void dashboard_matrix_csv(dv_req *r);       /* GET /dashboard.csv */
void dashboard_matrix_xlsx(dv_req *r);      /* GET /dashboard.xlsx */
void dashboard_page_pivot(dv_req *r);       /* GET /dashboard/pivot */
void dashboard_pivot_csv(dv_req *r);        /* GET /dashboard/pivot.csv */
void dashboard_pivot_xlsx(dv_req *r);       /* GET /dashboard/pivot.xlsx */
void dashboard_page_api_completeness(dv_req *r); /* GET /api/reporting/completeness */
void dashboard_page_api_pivot(dv_req *r);        /* GET /api/reporting/pivot */
void dashboard_page_api_years(dv_req *r);        /* GET /api/reporting/years */

#endif
