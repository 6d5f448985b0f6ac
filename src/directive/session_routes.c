/* session_routes.c - the routes of dissemination sessions (session_pages.c,
 * session_form_pages.c), their flash messages, audit kind and pre-fill sources. */
#include "directive/session_pages.h"

#include "directive/dissem_api.h"
#include "core/i18n.h"
#include "directive/session.h"
#include "http/page.h"
#include "org/audit.h"

/* Who may (HACKING.md "Route access"): sessions are read by whoever sees their unit and
 * recorded by those acting for it (session_access.h). */
#define VIEW "admin | staff@subtree | officer@unit | editor@subtree | contributor@subtree | viewer@subtree | inspector@subtree"
#define ACT "admin | staff@subtree | officer@own"

static const struct dv_route dissem_routes[] = {
    ROUTE_WHO("GET", "/units/:id/sessions", dissem_page_unit, 0, VIEW " on unit:id"),
    ROUTE_WHO("GET", "/units/:id/sessions/new", dissem_page_new, 0, ACT " on unit:id"),
    ROUTE_WHO("POST", "/units/:id/sessions", dissem_page_create, 0, ACT " on unit:id"),
    ROUTE_WHO("GET", "/documents/:id/sessions", dissem_page_document, 0, "signed-in on document:id"),
    ROUTE_WHO("GET", "/sessions/:id", dissem_page_show, 0, VIEW " on session:id"),
    ROUTE_WHO("GET", "/sessions/:id/edit", dissem_page_edit, 0, ACT " on session:id"),
    ROUTE_WHO("POST", "/sessions/:id", dissem_page_update, 0, ACT " on session:id"),
    ROUTE_WHO("GET", "/api/sessions", dissem_api_sessions, 0, "admin | staff | officer | editor | contributor | viewer | inspector"),
    ROUTE_WHO("GET", "/api/sessions/:id", dissem_api_session, 0, VIEW " on session:id"),
    /* a token, not a cookie: no CSRF to check (the handler refuses any request without one) */
    ROUTE_WHO("POST", "/api/sessions", dissem_api_session_create, ROUTE_PUBLIC | ROUTE_NO_CSRF, "token"),
};

static const char *const dissem_flash[] = {
    N_("The session was recorded."),
    N_("The session was recorded and the task submitted as done with it as evidence."),
    N_("The session was recorded, but the task could not be submitted as done."),
    N_("The session was saved."),
};

static int describe_session(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct dissem_session s;
    if (dissem_session_get(db, a, id, &s)) return -1;
    *label = arena_printf(a, "%s · %s", s.unit_name, s.document_title);
    *href = arena_printf(a, "/sessions/%lld", (long long)id);
    return 0;
}

void dissem_routes_register(void)
{
    router_add(dissem_routes, sizeof dissem_routes / sizeof *dissem_routes);
    page_flash_add(dissem_flash, sizeof dissem_flash / sizeof *dissem_flash);
    audit_kind_add("dissem_session", N_("Dissemination session"), "/sessions/%lld", describe_session);
    dissem_prefill_register();
}
