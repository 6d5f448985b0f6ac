/* html.h - escaping by context, the runtime of the compiled templates. */
#ifndef DV_HTML_H
#define DV_HTML_H

#include "core/buf.h"

/* HTML that is already safe: only trusted code (a sanitiser, a template) makes one. */
typedef struct dv_html {
    const char *s;
} dv_html;

void html_text(dv_buf *out, const char *s);    /* element content */
void html_attr(dv_buf *out, const char *s);    /* a quoted attribute value */
void html_url(dv_buf *out, const char *s);     /* a whole URL in an attribute; unsafe → "#" */
void html_urlpart(dv_buf *out, const char *s); /* a piece inside a URL: percent-encoded */
void html_int(dv_buf *out, long long v);
void html_raw(dv_buf *out, dv_html h);
int html_url_is_safe(const char *s);           /* http(s), mailto, relative */

#endif
