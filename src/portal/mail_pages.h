/* mail_pages.h - the "send this article by e-mail" form: GET/POST /bai-viet/:slug/gui. */
#ifndef DV_MAIL_PAGES_H
#define DV_MAIL_PAGES_H

#include "http/form_view.h"
#include "http/http.h"

#include <stddef.h>

/* What templates/portal/mail_form.html shows. */
struct mail_view {
    const char *title;         /* the article's title */
    const char *article_href;  /* "/bai-viet/<slug>" */
    const char *action;        /* "/bai-viet/<slug>/gui" */
    const char *general;       /* a message about the whole form (SMTP failure, limit), or NULL */
    struct field_view f_name, f_to, f_message;
    const struct field_view *errors[3];
    size_t nerrors;
};

void mail_page_form(dv_req *r);  /* GET /bai-viet/:slug/gui */
void mail_page_send(dv_req *r);  /* POST /bai-viet/:slug/gui */

/* Register the routes above (public; the router checks CSRF on the POST). */
void mail_routes_register(void);

#endif
