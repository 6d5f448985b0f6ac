/* session_store.c - sessions and login-failure counters in SQL. The cookie carries a
 * random token; the table keeps only its BLAKE2b hash, so a copy of the database does not
 * let anyone in. */
#include "org/session_store.h"

#include "core/err.h"

#include <sodium.h>
#include <string.h>

static const char *SQL_SESSION_INSERT =
    "INSERT INTO sessions(token_hash, user_id, created_at, expires_at, ip, user_agent) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *SQL_SESSION_DELETE = "DELETE FROM sessions WHERE token_hash = ?1";
static const char *SQL_SESSION_DELETE_USER = "DELETE FROM sessions WHERE user_id = ?1";
static const char *SQL_SESSION_DELETE_EXPIRED = "DELETE FROM sessions WHERE expires_at <= ?1";
static const char *SQL_SESSION_FIND =
    "SELECT u.id, u.username, u.full_name, u.email, u.unit_id, u.scope_unit_id, u.role, u.lang, s.expires_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0";
static const char *SQL_THROTTLE_GET = "SELECT locked_until FROM login_failures WHERE key = ?1";
static const char *SQL_THROTTLE_FAIL =
    "INSERT INTO login_failures(key, failures, window_start, locked_until) VALUES (?1, 1, ?2, 0) "
    "ON CONFLICT(key) DO UPDATE SET "
    "failures = CASE WHEN login_failures.window_start <= ?2 - ?3 THEN 1 ELSE login_failures.failures + 1 END, "
    "window_start = CASE WHEN login_failures.window_start <= ?2 - ?3 THEN ?2 ELSE login_failures.window_start END";
static const char *SQL_THROTTLE_LOCK =
    "UPDATE login_failures SET locked_until = ?2 + ?4, failures = 0, window_start = ?2 "
    "WHERE key = ?1 AND failures >= ?3";
static const char *SQL_THROTTLE_CLEAR = "DELETE FROM login_failures WHERE key = ?1";
static const char *SQL_THROTTLE_STATE =
    "SELECT CASE WHEN window_start <= ?2 - ?3 THEN 0 ELSE failures END, locked_until FROM login_failures "
    "WHERE key = ?1";
static const char *SQL_THROTTLE_UNDO = "UPDATE login_failures SET failures = failures - 1 WHERE key = ?1 AND failures > 0";
static const char *SQL_LOGIN_KNOWN =
    "SELECT 1 FROM audit_log WHERE user_id = ?1 AND action = 'login' AND ip = ?2 LIMIT 1";

int session_token_valid(const char *s)
{
    if (!s) return 0;
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= SESSION_TOKEN_HEX || !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return i == SESSION_TOKEN_HEX;
}

/* Runs a statement without result rows whose one parameter ?1 is text, or an integer. */
static int exec_text(dv_db *db, const char *sql, const char *v)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, v);
    int rc = db_exec(st);
    return rc < 0 ? rc : DV_OK;
}

static int exec_int(dv_db *db, const char *sql, int64_t v)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, v);
    int rc = db_exec(st);
    return rc < 0 ? rc : DV_OK;
}

static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int session_create(dv_db *db, int64_t user_id, const char *ip, const char *user_agent, int64_t now,
                   int hours, char token_out[SESSION_TOKEN_HEX + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token_out, SESSION_TOKEN_HEX + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    char hash[65];
    token_hash(token_out, hash);
    dv_stmt *st = db_prepare(db, SQL_SESSION_INSERT);
    if (!st) return DV_EDB;
    char ua[256] = "";
    if (user_agent) {
        /* keep it short and cut only at a character boundary */
        size_t n = strlen(user_agent);
        if (n >= sizeof ua) {
            n = sizeof ua - 1;
            while (n && ((unsigned char)user_agent[n] & 0xC0) == 0x80) n--;
        }
        memcpy(ua, user_agent, n);
        ua[n] = 0;
    }
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, now);
    db_bind_int(st, 4, now + (int64_t)hours * 3600);
    db_bind_text(st, 5, ip);
    db_bind_text(st, 6, user_agent ? ua : NULL);
    int rc = db_exec(st);
    return rc < 0 ? rc : DV_OK;
}

int session_delete(dv_db *db, const char *token)
{
    if (!session_token_valid(token)) return DV_OK;
    char hash[65];
    token_hash(token, hash);
    return exec_text(db, SQL_SESSION_DELETE, hash);
}

int session_delete_user(dv_db *db, int64_t user_id)
{
    return exec_int(db, SQL_SESSION_DELETE_USER, user_id);
}

int session_delete_expired(dv_db *db, int64_t now)
{
    return exec_int(db, SQL_SESSION_DELETE_EXPIRED, now);
}

int session_find(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out)
{
    int64_t until;
    return session_find_until(db, a, token, now, out, &until);
}

int session_find_until(dv_db *db, dv_arena *a, const char *token, int64_t now, struct dv_user **out,
                       int64_t *expires_at)
{
    *out = NULL;
    *expires_at = 0;
    if (!session_token_valid(token)) return DV_ENOTFOUND;
    char hash[65];
    token_hash(token, hash);
    dv_stmt *st = db_prepare(db, SQL_SESSION_FIND);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, now);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        struct dv_user *u = arena_alloc(a, sizeof *u);
        u->id = db_col_int(st, 0);
        u->username = arena_strdup(a, db_col_text(st, 1));
        u->full_name = arena_strdup(a, db_col_text(st, 2));
        u->email = arena_strdup(a, db_col_text(st, 3));
        u->unit_id = db_col_int(st, 4);
        u->scope_unit_id = db_col_int(st, 5);
        enum dv_role role = ROLE_VIEWER;
        role_parse(db_col_text(st, 6), &role);
        u->role = role;
        u->lang = arena_strdup(a, db_col_text(st, 7));
        u->disabled = 0;
        *out = u;
        *expires_at = db_col_int(st, 8);
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

int throttle_locked(dv_db *db, const char *key, int64_t now, int *locked)
{
    *locked = 0;
    dv_stmt *st = db_prepare(db, SQL_THROTTLE_GET);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    int rc = db_step(st);
    if (rc == DB_ROW) *locked = db_col_int(st, 0) > now;
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int throttle_fail(dv_db *db, const char *key, int max, int64_t window_s, int64_t lock_s, int64_t now)
{
    dv_stmt *st = db_prepare(db, SQL_THROTTLE_FAIL);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, window_s);
    int rc = db_exec(st);
    if (rc < 0) return rc;
    st = db_prepare(db, SQL_THROTTLE_LOCK);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, max);
    db_bind_int(st, 4, lock_s);
    rc = db_exec(st);
    return rc < 0 ? rc : DV_OK;
}

int throttle_clear(dv_db *db, const char *key)
{
    return exec_text(db, SQL_THROTTLE_CLEAR, key);
}

int throttle_state(dv_db *db, const char *key, int64_t now, int64_t window_s, int *failures, int *locked)
{
    *failures = 0;
    *locked = 0;
    dv_stmt *st = db_prepare(db, SQL_THROTTLE_STATE);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    db_bind_int(st, 2, now);
    db_bind_int(st, 3, window_s);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *failures = (int)db_col_int(st, 0);
        *locked = db_col_int(st, 1) > now;
    }
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}

int throttle_undo(dv_db *db, const char *key)
{
    return exec_text(db, SQL_THROTTLE_UNDO, key);
}

int login_address_known(dv_db *db, int64_t user_id, const char *ip, int *known)
{
    *known = 0;
    if (!ip || user_id <= 0) return DV_OK;
    dv_stmt *st = db_prepare(db, SQL_LOGIN_KNOWN);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, ip);
    int rc = db_step(st);
    *known = rc == DB_ROW;
    db_done(st);
    return rc < 0 ? rc : DV_OK;
}
