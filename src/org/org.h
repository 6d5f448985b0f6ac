/* org.h - what the org area offers the rest of the program: routes, sessions, data loading. */
#ifndef DV_ORG_H
#define DV_ORG_H

#include "db/db.h"
#include "http/http.h"

#include <stddef.h>

/* Register the routes of units, users, sign-in, audit. */
void org_routes_register(void);
void token_routes_register(void); /* /tokens: API tokens (token_pages.c) */
/* The request hook: session cookie → r->user, r->session_token, r->lang. */
void auth_request_hook(dv_req *r);

/* Import the national table of units (TSV: province_code, province_name, commune_code,
 * commune_name). Idempotent; all or nothing; errors name the line. progress: print a
 * progress line to stderr on long runs. */
int units_import_tsv(dv_db *db, const char *path, int progress, char *err, size_t errlen);

/* Load the demo province (its units, provincial bodies and demo users) into an empty store.
 * tsv_path is the national table. Returns DV_ECONFLICT when demo data is already there. */
int demo_load(dv_db *db, const char *tsv_path, char *err, size_t errlen);

/* The demo accounts, for printing: username, password, role description (English). */
struct demo_login {
    const char *username;
    const char *password;
    const char *what;
};
extern const struct demo_login demo_logins[];
extern const size_t demo_login_count;

#endif
