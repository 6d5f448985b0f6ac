/* mail_routes.c - routes of "send this article by e-mail" (handlers in mail_pages.c). */
#include "portal/mail_pages.h"

static const struct dv_route mail_routes[] = {
    ROUTE("GET", "/bai-viet/:slug/gui", mail_page_form, ROUTE_PUBLIC),
    ROUTE("POST", "/bai-viet/:slug/gui", mail_page_send, ROUTE_PUBLIC),
};

void mail_routes_register(void)
{
    router_add(mail_routes, sizeof mail_routes / sizeof *mail_routes);
}
