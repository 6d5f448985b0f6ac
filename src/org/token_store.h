/* token_store.h - API tokens (0021_api_tokens.sql): created and revoked by an admin or staff
 * member (token_pages.c), each write audited; a request carrying "Authorization: Bearer
 * dvt_…" on /api/ acts as the token's unit and role (auth.c). The secret is returned once
 * by token_create and only its SHA-256 is stored. */
#ifndef DV_TOKEN_STORE_H
#define DV_TOKEN_STORE_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stdint.h>

#define TOKEN_PREFIX "dvt_"
#define TOKEN_SECRET_LEN (4 + 64) /* "dvt_" + 32 random bytes in hex */
#define TOKEN_NAME_MAX 100         /* code points */

struct api_token {
    int64_t id;
    const char *name;
    const char *hint;             /* last four characters of the secret */
    int64_t unit_id;
    const char *unit_name;
    enum dv_role role;
    const char *lang;
    const char *created_by;       /* username, or NULL */
    const char *created_at, *last_used_at, *revoked_at; /* ISO UTC, NULL when not */
};

/* Creates a token; secret_out receives the secret (shown once). Roles: officer, staff, viewer
 * (DV_EINVAL otherwise, or for an empty name or unknown unit). */
int token_create(dv_db *db, const struct dv_user *actor, const char *ip, const char *name, int64_t unit_id,
                 enum dv_role role, const char *lang, char secret_out[TOKEN_SECRET_LEN + 1], int64_t *id_out);
/* Revokes it (DV_ENOTFOUND when there is no such token, or it is already revoked). */
int token_revoke(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id);
int token_get(dv_db *db, dv_arena *a, int64_t id, struct api_token *out);
/* The tokens whose unit is in root's subtree today (root 0: all), newest first. */
int token_list(dv_db *db, dv_arena *a, int64_t root_unit_id, struct api_token **out, size_t *n);
/* The live token behind a secret, as the account it acts as: id 0 (no users row), username
 * "api:<name>" (what the audit log records), the token's unit as unit and scope, its role
 * and language. Records the use (last_used_at, at most once a minute). DV_ENOTFOUND for an
 * unknown or revoked secret. */
int token_authenticate(dv_db *db, dv_arena *a, const char *secret, struct dv_user **user_out, int64_t *token_id);

#endif
