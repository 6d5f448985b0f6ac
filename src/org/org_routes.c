/* org_routes.c - registers the org area's routes: units (unit_routes.c) and sign-in,
 * accounts, audit (auth_routes_register, in the auth files). */
#include "org/org.h"
#include "core/i18n.h"
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

void org_routes_register(void)
{
    unit_routes_register();
    auth_routes_register();
    audit_kind_add("unit", N_("Unit"), "/units/%lld", describe_unit);
    audit_kind_add("user", N_("Account"), "/users/%lld", describe_user);
    audit_kind_add("session", N_("Session"), NULL, NULL);
    audit_kind_add("api_token", N_("API token"), "/tokens", NULL);
    token_routes_register();
}
