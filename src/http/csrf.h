/* csrf.h - the server key behind CSRF tokens, and re-binding after sign-in. */
#ifndef DV_CSRF_H
#define DV_CSRF_H

#include "http/http.h"

#include <stddef.h>

#define DV_SESSION_COOKIE "dv_session"

void csrf_set_key(const unsigned char *key, size_t len);
/* After a new session starts in this request, forms on the answer use the new token. */
void csrf_rebind(dv_req *r, const char *session_token);

#endif
