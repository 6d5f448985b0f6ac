/* page.c - fills the layout's struct page from the request. */
#include "http/page.h"

#include "core/embedded.h"
#include "core/i18n.h"
#include "org/user.h"

#include <stdlib.h>
#include <string.h>

#define FLASH_COOKIE "dv_flash"

/* Flash messages travel as the msgid's index in this table, never as free text. */
static const char *const flash_msgids[] = {
    N_("Saved."),
    N_("You are signed in."),
    N_("You are signed out."),
    N_("Your password has been changed."),
    N_("The unit has been closed."),
    N_("The account has been disabled."),
    N_("The account has been enabled."),
    N_("The password has been reset."),
    N_("The article has been submitted for review."),
    N_("The article has been published."),
    N_("The article has been scheduled."),
    N_("The article has been returned to its author."),
    N_("The article has been archived."),
    N_("The article has been sent."),
    N_("Periods generated."),
    N_("This indicator already has reported values; it cannot be removed."),
    N_("This category already holds reported values; it cannot be removed."),
    N_("The set has been deleted."),
    N_("Indicators use this set; it cannot be deleted."),
    N_("The token has been revoked."),
};

const char *static_path(const char *name)
{
    for (size_t i = 0; i < dv_static_count; i++)
        if (strcmp(dv_static_files[i].name, name) == 0) return dv_static_files[i].path;
    return "/static/missing";
}

void page_flash_set(dv_req *r, const char *message_msgid)
{
    for (size_t i = 0; i < sizeof flash_msgids / sizeof *flash_msgids; i++) {
        if (strcmp(flash_msgids[i], message_msgid) == 0) {
            res_set_cookie(r, FLASH_COOKIE, arena_printf(r->arena, "%zu", i), 60, 1);
            return;
        }
    }
}

static const char *flash_take(dv_req *r)
{
    const char *v = req_cookie(r, FLASH_COOKIE);
    if (!v || !*v) return NULL;
    res_set_cookie(r, FLASH_COOKIE, "", 0, 1);
    size_t i = (size_t)strtoul(v, NULL, 10);
    if (i >= sizeof flash_msgids / sizeof *flash_msgids) return NULL;
    return _(flash_msgids[i]);
}

/* The main menu: which roles see each item. Areas add their entry here. */
struct menu_entry {
    const char *key;      /* matched against pg->nav */
    const char *href;
    const char *label;    /* msgid */
    unsigned roles;       /* bit (1 << role) for each role that sees it */
};

#define R(x) (1u << (x))
#define ALL_STAFF_ROLES (R(ROLE_ADMIN) | R(ROLE_STAFF) | R(ROLE_OFFICER) | R(ROLE_VIEWER))
static const struct menu_entry menu[] = {
    {"units", "/units", N_("Units"), ALL_STAFF_ROLES | R(ROLE_EDITOR) | R(ROLE_CONTRIBUTOR)},
    {"reports", "/reports", N_("Reports"), R(ROLE_ADMIN) | R(ROLE_STAFF) | R(ROLE_OFFICER)},
    {"dashboard", "/dashboard", N_("Dashboards"), R(ROLE_ADMIN) | R(ROLE_STAFF) | R(ROLE_VIEWER)},
    {"regimes", "/regimes", N_("Reporting regimes"), R(ROLE_ADMIN) | R(ROLE_STAFF)},
    {"category_sets", "/category-sets", N_("Disaggregations"), R(ROLE_ADMIN) | R(ROLE_STAFF)},
    {"users", "/users", N_("Accounts"), R(ROLE_ADMIN) | R(ROLE_STAFF)},
    {"tokens", "/tokens", N_("API tokens"), R(ROLE_ADMIN) | R(ROLE_STAFF)},
    {"desk", "/desk", N_("Portal desk"), R(ROLE_ADMIN) | R(ROLE_EDITOR) | R(ROLE_CONTRIBUTOR)},
    /* the same rule as portal_can_manage_categories() (src/portal/portal_access.c) */
    {"categories", "/desk/categories", N_("Categories"), R(ROLE_ADMIN) | R(ROLE_EDITOR)},
    {"audit", "/audit", N_("Audit log"), R(ROLE_ADMIN)},
};
#undef R

void page_need_csrf(struct page *pg, dv_req *r)
{
    pg->csrf = req_csrf_token(r);
}

const struct nav_item *page_menu(const struct page *pg)
{
    static _Thread_local struct nav_item items[sizeof menu / sizeof *menu + 1];
    size_t k = 0;
    for (size_t i = 0; pg->user && i < sizeof menu / sizeof *menu; i++) {
        if (!(menu[i].roles & (1u << pg->user->role))) continue;
        items[k++] = (struct nav_item){menu[i].href, _(menu[i].label),
                                       pg->nav && strcmp(pg->nav, menu[i].key) == 0};
    }
    items[k] = (struct nav_item){NULL, NULL, 0};
    return items;
}

void page_init(struct page *pg, dv_req *r, const char *title)
{
    memset(pg, 0, sizeof *pg);
    pg->title = title;
    pg->lang = r->lang ? r->lang : "vi";
    pg->csrf = r->csrf_token; /* pages with forms for signed-out visitors: page_need_csrf */
    pg->css = static_path("app.css");
    int en = strcmp(pg->lang, "en") == 0;
    pg->switch_lang_code = en ? "vi" : "en";
    pg->switch_lang_label = en ? "Tiếng Việt" : "English";
    pg->path = r->path;
    pg->user = r->user;
    if (r->user) {
        pg->user_role = role_label(r->user->role);
        pg->is_admin = r->user->role == ROLE_ADMIN;
        pg->can_manage_users = r->user->role == ROLE_ADMIN || r->user->role == ROLE_STAFF;
        /* the same rule as portal_can_use_desk() (src/portal/portal_access.c) */
        pg->can_use_desk = r->user->role == ROLE_ADMIN || r->user->role == ROLE_EDITOR ||
                           r->user->role == ROLE_CONTRIBUTOR;
    }
    if (strcmp(r->method, "GET") == 0) pg->flash = flash_take(r);
}
