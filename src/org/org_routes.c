/* org_routes.c - registers the org area's routes: units (unit_routes.c) and sign-in,
 * accounts, audit (auth_routes_register, in the auth files). */
#include "org/org.h"
#include "core/i18n.h"
#include "http/page.h"
#include "org/access.h"
#include "org/audit.h"
#include "org/unit.h"
#include "org/unit_pages.h"
#include "org/user_store.h"

void auth_routes_register(void);

static int describe_unit(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    (void)href;
    struct unit u;
    if (unit_store_get(db, a, id, &u) != 0) return -1;
    *label = u.name;
    return 0;
}

static int describe_user(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    (void)href;
    struct user_record u;
    if (user_get(db, a, id, &u) != 0) return -1;
    *label = u.u.full_name && *u.u.full_name ? arena_printf(a, "%s (%s)", u.u.full_name, u.u.username) : u.u.username;
    return 0;
}

static const struct menu_entry org_menu[] = {
    {"units", "/units", N_("Units"), 100, access_can_list_units},
    {"users", "/users", N_("Accounts"), 600, access_can_manage_accounts},
    {"tokens", "/tokens", N_("API tokens"), 700, access_can_manage_accounts},
    {"audit", "/audit", N_("Audit log"), 1000, access_can_read_audit},
};

static const char *const org_flash[] = {
    N_("You are signed in."),
    N_("You are signed out."),
    N_("Your password has been changed."),
    N_("The unit has been closed."),
    N_("The account has been disabled."),
    N_("The account has been enabled."),
    N_("The password has been reset."),
    N_("The token has been revoked."),
};

void org_routes_register(void)
{
    page_menu_add(org_menu, sizeof org_menu / sizeof *org_menu);
    page_flash_add(org_flash, sizeof org_flash / sizeof *org_flash);
    unit_routes_register();
    auth_routes_register();
    audit_kind_add("unit", N_("Unit"), "/units/%lld", describe_unit);
    audit_kind_add("user", N_("Account"), "/users/%lld", describe_user);
    audit_kind_add("session", N_("Session"), NULL, NULL);
    audit_kind_add("api_token", N_("API token"), "/tokens", NULL);
    token_routes_register();
}
