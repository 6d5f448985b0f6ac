/* security.c - the headers every response carries: CSP without unsafe-inline, nosniff, framing. */
#include "http/internal.h"

#include <microhttpd.h>

static const char CSP[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

void security_headers_apply(dv_req *r, void *mhd_response)
{
    (void)r;
    struct MHD_Response *resp = mhd_response;
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(resp, "Vary", "Cookie");
}
