/* session_store.h - sign-in sessions (only a BLAKE2b hash of the cookie token is stored)
 * and the login-failure counters behind sign-in throttling. None of these functions opens
 * a transaction: callers group them with the audit row. */
#ifndef DV_SESSION_STORE_H
#define DV_SESSION_STORE_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stdint.h>

#define SESSION_TOKEN_HEX 64 /* 32 random bytes, hex */

/* 1 if s looks like a session token (64 lowercase hex digits). */
int session_token_valid(const char *s);
/* A new random token into token_out and its row (expires now + hours). */
int session_create(dv_db *db, int64_t user_id, const char *ip, const char *user_agent, int64_t now,
                   int hours, char token_out[SESSION_TOKEN_HEX + 1]);
int session_delete(dv_db *db, const char *token);
int session_delete_user(dv_db *db, int64_t user_id);
int session_delete_expired(dv_db *db, int64_t now);
/* The enabled account behind a live session, allocated in a; DV_ENOTFOUND otherwise. */
int session_find(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out);
/* The same, with when the session ends (unix seconds). */
int session_find_until(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out,
                       int64_t *expires_at);

/* Sessions in memory (session_cache.c): the account behind a token as session_find gives
 * it, from memory when this process has checked it in the last SESSION_RECHECK_S seconds.
 * session_cache_clear() after every commit that ends sessions or changes accounts (and at
 * shutdown, to free the cache). */
#define SESSION_RECHECK_S 5
int session_find_cached(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out);
void session_cache_clear(void);

/* Throttling: *locked = 1 while key is locked at now. */
int throttle_locked(dv_db *db, const char *key, int64_t now, int *locked);
/* Count one failure in key's window (window_s); reaching max locks it for lock_s. */
int throttle_fail(dv_db *db, const char *key, int max, int64_t window_s, int64_t lock_s, int64_t now);
int throttle_clear(dv_db *db, const char *key);
/* key's failures in the current window and whether it is locked at now. */
int throttle_state(dv_db *db, const char *key, int64_t now, int64_t window_s, int *failures, int *locked);
/* Takes back one failure counted ahead of a password check that turned out right. */
int throttle_undo(dv_db *db, const char *key);
/* *known = 1 when user_id has signed in from ip before (its audit rows say so). */
int login_address_known(dv_db *db, int64_t user_id, const char *ip, int *known);

#endif
