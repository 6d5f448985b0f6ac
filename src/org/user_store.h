/* user_store.h - accounts: create, read, update, passwords (argon2id), disable. */
#ifndef DV_USER_STORE_H
#define DV_USER_STORE_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stddef.h>
#include <stdint.h>

struct user_record {
    struct dv_user u;
    const char *phone;
    const char *position;
    const char *unit_name;
    const char *created_at;
};

struct user_input {
    const char *username;
    const char *full_name;
    const char *email;     /* may be NULL */
    const char *phone;
    const char *position;
    int64_t unit_id;
    int64_t scope_unit_id; /* 0 = same as unit_id */
    enum dv_role role;
    const char *lang;      /* NULL = "vi" */
};

/* Creates the account in its own transaction with an audit row. DV_ECONFLICT if the
 * username is taken. actor NULL = the command line. */
int user_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct user_input *in,
                const char *password, int64_t *id_out);
int user_get(dv_db *db, dv_arena *a, int64_t id, struct user_record *out);
int user_get_by_name(dv_db *db, dv_arena *a, const char *username, struct user_record *out);
/* Change name, contacts, unit, scope, role and the disabled flag (in->username is ignored),
 * with an audit row of what changed; disabling ends the account's sessions. */
int user_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                const struct user_input *in, int disabled);
/* For signing in: the account's id, stored hash and disabled flag. DV_ENOTFOUND. */
int user_get_credentials(dv_db *db, dv_arena *a, const char *username, int64_t *id, char **hash,
                         int *disabled);
/* Both end every session of the account (a self-service change starts a new one). */
int user_set_password(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *password);
int user_set_disabled(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, int disabled);
/* Accounts placed in root's subtree (root 0 = all), by username. */
int user_list(dv_db *db, dv_arena *a, int64_t root_unit_id, struct user_record **out, size_t *n);
/* People of one unit (for the unit page). */
int user_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct user_record **out, size_t *n);
/* The same from memory when read in the last SESSION_RECHECK_S seconds (people_cache.c);
 * session_cache_clear() clears it too (people_cache_clear()). */
int user_list_unit_cached(dv_db *db, dv_arena *a, int64_t unit_id, int64_t now, struct user_record **out, size_t *n);
void people_cache_clear(void);

/* argon2id through libsodium. */
/* Argon2id takes 64 MiB per hash: at most n (default 2) run at once, the rest wait their
 * turn; when the last running one ends, freed heap goes back to the system. */
void password_set_concurrency(int n);
int password_hash(const char *password, char out[128]);
int password_verify(const char *hash, const char *password); /* 1 = matches */
/* Policy: 10–128 characters. Returns NULL when fine, or an English msgid (N_) explaining. */
const char *password_policy_error(const char *password);

#endif
