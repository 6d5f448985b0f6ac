/* portal_routes.c - registers every route of the portal: the editors' desk and media, the
 * public pages, search and send-by-e-mail. */
#include "portal/desk.h"
#include "portal/mail_pages.h"
#include "portal/portal.h"
#include "portal/search_pages.h"

void portal_routes_register(void)
{
    desk_routes_register();
    public_routes_register();
    search_routes_register();
    mail_routes_register();
}
