/* report_routes.h - the route tables of the reporting area, one per part. */
#ifndef DV_REPORT_ROUTES_H
#define DV_REPORT_ROUTES_H

void report_routes_register(void);  /* all of the below */
void regime_routes_register(void);    /* /regimes: regimes, indicators, periods (regime_routes.c) */
void category_set_routes_register(void);  /* /category-sets: disaggregations of indicators (category_set_routes.c) */
void entry_routes_register(void);     /* /reports: what is due, entry, submission, review (entry_routes.c) */
void dashboard_routes_register(void); /* /dashboard and /api/reporting: completeness, timeliness, pivots (dashboard_routes.c) */
void document_routes_register(void);  /* XLSX form round trip, DOCX and PDF documents (document_routes.c) */

#endif
