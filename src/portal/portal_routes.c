/* portal_routes.c - registers every route of the portal: the editors' desk and media, the
 * public pages, search and send-by-e-mail. */
#include "core/i18n.h"
#include "http/page.h"
#include "org/audit.h"
#include "portal/portal_access.h"
#include "portal/article.h"
#include "portal/desk.h"
#include "portal/mail_pages.h"
#include "portal/portal.h"
#include "portal/search_pages.h"

/* How the audit log names an article: its title, linked to the desk. */
static int describe_article(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    (void)href;
    struct article art;
    if (article_get(db, a, id, &art) != 0) return -1;
    *label = art.title;
    return 0;
}

static const struct menu_entry portal_menu[] = {
    {"desk", "/desk", N_("Portal desk"), 800, portal_can_use_desk},
    {"categories", "/desk/categories", N_("Categories"), 900, portal_can_manage_categories},
};

static const char *const portal_flash[] = {
    N_("The article has been submitted for review."),
    N_("The article has been published."),
    N_("The article has been scheduled."),
    N_("The article has been returned to its author."),
    N_("The article has been archived."),
    N_("The article has been sent."),
};

void portal_routes_register(void)
{
    page_menu_add(portal_menu, sizeof portal_menu / sizeof *portal_menu);
    page_flash_add(portal_flash, sizeof portal_flash / sizeof *portal_flash);
    audit_kind_add("article", N_("Article"), "/desk/%lld", describe_article);
    audit_kind_add("category", N_("Article category"), "/desk/categories", NULL);
    audit_kind_add("media", N_("Image"), NULL, NULL);
    desk_routes_register();
    public_routes_register();
    search_routes_register();
    mail_routes_register();
}
