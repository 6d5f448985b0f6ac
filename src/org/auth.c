/* auth.c - sign-in, sign-out and the request hook that turns the session cookie into
 * r->user. The hook runs on every request: one prepared SELECT joining sessions and users. */
#include "org/auth.h"

#include "core/err.h"
#include "core/log.h"
#include "http/csrf.h"
#include "org/audit.h"
#include "org/org.h"
#include "org/token_store.h"
#include "org/user_store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define LANG_COOKIE "dv_lang"

static int session_hours = 12;

void auth_set_session_hours(int hours)
{
    if (hours >= 1 && hours <= 24 * 30) session_hours = hours;
}

int auth_session_hours(void)
{
    return session_hours;
}

/* An integration's request: "Authorization: Bearer dvt_…" on an /api/ path (all of which run
 * on the worker pool, so the last-used write never stalls an I/O thread). Its language is
 * the token's, or what Accept-Language asks first. */
static void api_token_hook(dv_req *r)
{
    if (strncmp(r->path, "/api/", 5) != 0) return;
    const char *h = req_header(r, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0) return;
    const char *secret = h + 7;
    while (*secret == ' ') secret++;
    dv_db *db = db_thread();
    struct dv_user *u = NULL;
    int64_t id = 0;
    if (!db || token_authenticate(db, r->arena, secret, &u, &id) != DV_OK) return;
    r->user = u;
    r->api_token_id = id;
    const char *al = req_header(r, "Accept-Language");
    if (al && !strncasecmp(al, "en", 2)) r->lang = "en";
    else if (al && !strncasecmp(al, "vi", 2)) r->lang = "vi";
    else r->lang = u->lang && !strcmp(u->lang, "en") ? "en" : "vi";
}

void auth_request_hook(dv_req *r)
{
    audit_request_addr(r->remote_addr); /* what this thread's audit rows record */
    const char *token = req_cookie(r, DV_SESSION_COOKIE);
    struct dv_user *u = NULL;
    if (token && session_token_valid(token)) {
        dv_db *db = db_thread();
        int rc = db ? session_find_cached(db, r->arena, token, (int64_t)time(NULL), &u) : DV_EDB;
        if (rc == DV_OK) {
            r->user = u;
            r->session_token = arena_strdup(r->arena, token);
        } else if (rc != DV_ENOTFOUND) {
            r->session_unreadable = 1; /* a store failure does not sign anyone out */
            return;
        }
    }
    if (!u) {
        api_token_hook(r);
        if (r->user) return;
    }
    const char *lc = req_cookie(r, LANG_COOKIE);
    if (lc && strcmp(lc, "en") == 0) r->lang = "en";
    else if (lc && strcmp(lc, "vi") == 0) r->lang = "vi";
    else if (u && u->lang && strcmp(u->lang, "en") == 0) r->lang = "en";
    else r->lang = "vi";
}

/* A hash to verify against when the account does not exist, so that the answer takes
 * about as long as for a real account. */
static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    if (password_hash("not-a-real-password-dummy", dummy_hash) != 0) dummy_hash[0] = 0;
}

static void key_of(char *out, size_t cap, char kind, const char *v)
{
    snprintf(out, cap, "%c:%s", kind, v ? v : "");
}

/* How an attempt may go on, decided before its password is hashed. */
enum admit { ADMIT_REFUSED, ADMIT_NORMAL, ADMIT_GUARDED };

/* Decides, in one write transaction (so concurrent attempts are counted one after the
 * other), whether an attempt may check its password, and counts it as a failure before the
 * ~60 ms hash: an attempt that turns out right takes its count back. An address over its
 * limit is refused. A locked account still lets through, one at a time and slowed down,
 * an address that has signed in to it before and has no failures of its own: a stranger
 * who guesses wrong five times cannot lock the owner out, while guessing from many
 * addresses still stops at LOGIN_MAX_PER_ACCOUNT. */
static int admit(dv_db *db, const char *ukey, const char *akey, int64_t user_id, const char *ip, int64_t now,
                 enum admit *out)
{
    *out = ADMIT_REFUSED;
    if (db_begin(db)) return DV_EDB;
    int afail = 0, alock = 0, ufail = 0, ulock = 0, known = 0;
    int rc = akey ? throttle_state(db, akey, now, LOGIN_WINDOW_S, &afail, &alock) : DV_OK;
    if (rc == DV_OK) rc = throttle_state(db, ukey, now, LOGIN_WINDOW_S, &ufail, &ulock);
    if (rc == DV_OK && ulock && akey && !alock && afail == 0) rc = login_address_known(db, user_id, ip, &known);
    enum admit mode = alock ? ADMIT_REFUSED : !ulock ? ADMIT_NORMAL : known ? ADMIT_GUARDED : ADMIT_REFUSED;
    if (rc == DV_OK && mode == ADMIT_NORMAL)
        rc = throttle_fail(db, ukey, LOGIN_MAX_PER_ACCOUNT, LOGIN_WINDOW_S, LOGIN_LOCK_S, now);
    if (rc == DV_OK && mode != ADMIT_REFUSED && akey)
        rc = throttle_fail(db, akey, LOGIN_MAX_PER_ADDRESS, LOGIN_WINDOW_S, LOGIN_LOCK_S, now);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) {
        db_rollback(db);
        return rc;
    }
    *out = mode;
    return DV_OK;
}

/* The audit row of a failure (already counted by admit). */
static int record_failure(dv_db *db, int64_t user_id, const char *actor, const char *ip)
{
    if (db_begin(db)) return DV_EDB;
    int rc = audit_write_named(db, user_id, actor, ip, "login_failed", "session", 0, NULL, 0);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) db_rollback(db);
    return rc;
}

/* A locked account's attempts from a known address run one at a time, each after a pause. */
static pthread_mutex_t guarded_mu = PTHREAD_MUTEX_INITIALIZER;

static int verify_guarded(const char *hash, const char *password)
{
    pthread_mutex_lock(&guarded_mu);
    struct timespec ts = {LOGIN_GUARDED_DELAY_MS / 1000, (LOGIN_GUARDED_DELAY_MS % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) continue;
    int ok = password_verify(hash, password);
    pthread_mutex_unlock(&guarded_mu);
    return ok;
}

/* What the audit log names a failed sign-in by: the typed name when it could be one. */
static const char *actor_name(const char *username)
{
    size_t n = strlen(username);
    if (n == 0 || n > 32) return "(unknown)";
    for (const char *p = username; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p))) return "(unknown)";
    return username;
}

enum login_result auth_login(dv_db *db, const char *username, const char *password, const char *ip,
                             const char *user_agent, const char *old_token,
                             char token_out[SESSION_TOKEN_HEX + 1], int64_t *user_id)
{
    *user_id = 0;
    token_out[0] = 0;
    int64_t now = (int64_t)time(NULL);
    char ukey[80], akey[80];
    key_of(ukey, sizeof ukey, 'u', strlen(username) > 64 ? "(long)" : username);
    key_of(akey, sizeof akey, 'a', ip);
    dv_arena *a = arena_new();
    int64_t id = 0;
    char *hash = NULL;
    int disabled = 0;
    int rc = user_get_credentials(db, a, username, &id, &hash, &disabled);
    enum admit mode = ADMIT_REFUSED;
    if ((rc != DV_OK && rc != DV_ENOTFOUND) || admit(db, ukey, ip ? akey : NULL, id, ip, now, &mode)) {
        arena_free(a);
        return LOGIN_ERROR;
    }
    if (mode == ADMIT_REFUSED) {
        arena_free(a);
        return LOGIN_LOCKED;
    }
    int ok;
    if (rc == DV_ENOTFOUND) {
        pthread_once(&dummy_once, make_dummy);
        password_verify(dummy_hash, password);
        ok = 0;
    } else if (mode == ADMIT_GUARDED) {
        ok = verify_guarded(hash, password) && !disabled;
    } else {
        ok = password_verify(hash, password) && !disabled;
    }
    arena_free(a);

    if (!ok) {
        if (record_failure(db, id, actor_name(username), ip)) return LOGIN_ERROR;
        return mode == ADMIT_GUARDED ? LOGIN_LOCKED : LOGIN_WRONG;
    }
    if (db_begin(db)) return LOGIN_ERROR;
    /* take back this attempt's counts; other failures stay until their window ends, so
     * the owner signing in does not give a guesser a fresh allowance */
    rc = mode == ADMIT_NORMAL ? throttle_undo(db, ukey) : DV_OK;
    if (rc == DV_OK && ip) rc = throttle_undo(db, akey);
    if (rc == DV_OK && old_token) rc = session_delete(db, old_token);
    if (rc == DV_OK) rc = session_delete_expired(db, now);
    if (rc == DV_OK) rc = session_create(db, id, ip, user_agent, now, auth_session_hours(), token_out);
    if (rc == DV_OK) rc = audit_write_named(db, id, username, ip, "login", "session", 0, NULL, 0);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) {
        db_rollback(db);
        token_out[0] = 0;
        return LOGIN_ERROR;
    }
    if (old_token) session_cache_clear(); /* the replaced session ends now */
    *user_id = id;
    return LOGIN_OK;
}

int auth_logout(dv_db *db, const struct dv_user *u, const char *token, const char *ip)
{
    if (db_begin(db)) return DV_EDB;
    int rc = session_delete(db, token);
    if (rc == DV_OK && u) rc = audit_write(db, u, ip, "logout", "session", 0, NULL, 0);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) db_rollback(db);
    else session_cache_clear(); /* the session ends now, not at the cache's next check */
    return rc;
}

enum login_result auth_check_password(dv_db *db, const struct dv_user *u, const char *password, const char *ip)
{
    int64_t now = (int64_t)time(NULL);
    char ukey[80];
    key_of(ukey, sizeof ukey, 'u', u->username);
    enum admit mode = ADMIT_REFUSED;
    if (admit(db, ukey, NULL, u->id, ip, now, &mode)) return LOGIN_ERROR;
    if (mode == ADMIT_REFUSED) return LOGIN_LOCKED;
    dv_arena *a = arena_new();
    int64_t id = 0;
    char *hash = NULL;
    int disabled = 0;
    int rc = user_get_credentials(db, a, u->username, &id, &hash, &disabled);
    int ok = rc == DV_OK && password_verify(hash, password);
    arena_free(a);
    if (rc != DV_OK) return LOGIN_ERROR;
    if (!ok) {
        if (record_failure(db, u->id, u->username, ip)) return LOGIN_ERROR;
        return LOGIN_WRONG;
    }
    if (db_begin(db)) return LOGIN_ERROR;
    rc = throttle_undo(db, ukey);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) {
        db_rollback(db);
        return LOGIN_ERROR;
    }
    return LOGIN_OK;
}

int auth_new_session(dv_db *db, int64_t user_id, const char *ip, const char *user_agent,
                     char token_out[SESSION_TOKEN_HEX + 1])
{
    if (db_begin(db)) return DV_EDB;
    int rc = session_create(db, user_id, ip, user_agent, (int64_t)time(NULL), auth_session_hours(), token_out);
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc) db_rollback(db);
    return rc;
}
