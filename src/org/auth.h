/* auth.h - signing in and out: the domain side of the sign-in pages (no HTTP here). */
#ifndef DV_AUTH_H
#define DV_AUTH_H

#include "db/db.h"
#include "org/session_store.h"
#include "core/principal.h"

#include <stdint.h>

#define LOGIN_WINDOW_S (15 * 60)
#define LOGIN_LOCK_S (15 * 60)
#define LOGIN_MAX_PER_ACCOUNT 5
#define LOGIN_MAX_PER_ADDRESS 20
/* A locked account's attempt from an address it knows waits this long (ms) first. */
#define LOGIN_GUARDED_DELAY_MS 1000

enum login_result {
    LOGIN_OK,
    LOGIN_WRONG,  /* unknown user, wrong password or disabled account: one answer for all */
    LOGIN_LOCKED, /* too many failures for this account or address */
    LOGIN_ERROR,  /* the store failed */
};

/* Session length in hours (env DANVAN_SESSION_HOURS, default 12). */
int auth_session_hours(void);
/* From the configuration (session_hours), at start-up. */
void auth_set_session_hours(int hours);

/* Counts the attempt against the account and the address before hashing (refusing it over
 * their limits; a locked account still admits, slowed, an address it has signed in from
 * that has no failures of its own), verifies the password (against a dummy hash for an unknown user),
 * records the failure or starts a session (ending old_token's) with an audit row. */
enum login_result auth_login(dv_db *db, const char *username, const char *password, const char *ip,
                             const char *user_agent, const char *old_token,
                             char token_out[SESSION_TOKEN_HEX + 1], int64_t *user_id);
/* Ends the session with an audit row. */
int auth_logout(dv_db *db, const struct dv_user *u, const char *token, const char *ip);
/* Verifies a signed-in user's own password (for changing it); a wrong one counts as a
 * failed sign-in of the account. Returns LOGIN_OK, LOGIN_WRONG, LOGIN_LOCKED or LOGIN_ERROR. */
enum login_result auth_check_password(dv_db *db, const struct dv_user *u, const char *password, const char *ip);
/* A fresh session for user_id (after the user changed their own password). */
int auth_new_session(dv_db *db, int64_t user_id, const char *ip, const char *user_agent,
                     char token_out[SESSION_TOKEN_HEX + 1]);

#endif
