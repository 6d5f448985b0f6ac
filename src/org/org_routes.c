/* org_routes.c - registers the org area's routes: units (unit_routes.c) and sign-in,
 * accounts, audit (auth_routes_register, in the auth files). */
#include "org/org.h"
#include "org/unit_pages.h"

void auth_routes_register(void);

void org_routes_register(void)
{
    unit_routes_register();
    auth_routes_register();
    token_routes_register();
}
