/* api_write.h - the write API: POST /api/dataValueSets, a report's values and narrative from
 * another system, modelled on DHIS2's dataValueSets (dataSet, period, orgUnit, dataValues of
 * dataElement / categoryOptionCombo / value; an import summary with conflicts). Only for an
 * API token (token_store.h), validated and saved exactly as the web form and the XLSX upload
 * are (report_validate, report_save). README.md shows a curl call. */
#ifndef DV_API_WRITE_H
#define DV_API_WRITE_H

#include "db/db.h"
#include "http/http.h"

#include <stdint.h>

void api_page_data_value_sets(dv_req *r);   /* POST /api/dataValueSets */
void api_write_routes_register(void);

#endif
