/* dissem_api.h - the JSON API of dissemination sessions and cadres (dissem_api.c). */
#ifndef DV_DIRECTIVE_DISSEM_API_H
#define DV_DIRECTIVE_DISSEM_API_H

#include "http/http.h"

void dissem_api_sessions(dv_req *r);        /* GET  /api/sessions?unit= */
void dissem_api_session(dv_req *r);         /* GET  /api/sessions/:id */
void dissem_api_session_create(dv_req *r);  /* POST /api/sessions (token) */
void dissem_api_cadres(dv_req *r);          /* GET  /api/cadres?unit=&date= */
void dissem_api_cadre_create(dv_req *r);    /* POST /api/cadres (token) */

#endif
