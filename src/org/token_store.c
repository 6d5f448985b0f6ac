/* token_store.c - API tokens in SQL (token_store.h): create, revoke, list, and the lookup of
 * a request's bearer secret by its SHA-256. Creating and revoking write their audit row in
 * the same transaction; the last-used time is bookkeeping, written without one. */
#include "org/token_store.h"

#include "db/store_util.h"
#include "core/clock.h"
#include "core/err.h"
#include "org/audit.h"
#include "org/unit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TOKEN_COLS                                                                                 \
    "t.id, t.name, t.hint, t.unit_id, n.name, t.role, t.lang, u.username, t.created_at, "          \
    "t.last_used_at, t.revoked_at "
#define TOKEN_FROM "FROM api_tokens t LEFT JOIN units n ON n.id = t.unit_id LEFT JOIN users u ON u.id = t.created_by "

static const char *SQL_TOKEN_INSERT =
    "INSERT INTO api_tokens(name, secret_hash, hint, unit_id, role, lang, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char *SQL_TOKEN_REVOKE =
    "UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), revoked_by = ?2 "
    "WHERE id = ?1 AND revoked_at IS NULL";
static const char *SQL_TOKEN_GET = "SELECT " TOKEN_COLS TOKEN_FROM "WHERE t.id = ?1";
static const char *SQL_TOKEN_LIST =
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l "
    "JOIN sub ON l.parent_id = sub.id WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR ?2 < l.valid_to)) "
    "SELECT " TOKEN_COLS TOKEN_FROM "WHERE ?1 = 0 OR t.unit_id IN (SELECT id FROM sub) ORDER BY t.id DESC";
static const char *SQL_TOKEN_BY_HASH =
    "SELECT t.id, t.name, t.unit_id, t.role, t.lang, "
    "t.last_used_at IS NULL OR t.last_used_at < strftime('%Y-%m-%dT%H:%M:%SZ','now','-60 seconds') "
    "FROM api_tokens t WHERE t.secret_hash = ?1 AND t.revoked_at IS NULL";
static const char *SQL_TOKEN_TOUCH =
    "UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_UNIT_EXISTS = "SELECT 1 FROM units WHERE id = ?1";

static void hash_hex(const char *secret, char out[crypto_hash_sha256_BYTES * 2 + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
    sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof h);
}

static int role_allowed(enum dv_role role)
{
    return role == ROLE_OFFICER || role == ROLE_STAFF || role == ROLE_VIEWER;
}

static int unit_exists(dv_db *db, int64_t id)
{
    dv_stmt *st = db_prepare(db, SQL_UNIT_EXISTS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    db_done(st);
    return rc < 0 ? rc : rc == DB_ROW ? 1 : 0;
}

int token_create(dv_db *db, const struct dv_user *actor, const char *ip, const char *name, int64_t unit_id,
                 enum dv_role role, const char *lang, char secret_out[TOKEN_SECRET_LEN + 1], int64_t *id_out)
{
    secret_out[0] = 0;
    if (id_out) *id_out = 0;
    if (!name || !*name || unit_id <= 0 || !role_allowed(role)) return DV_EINVAL;
    lang = lang && !strcmp(lang, "en") ? "en" : "vi";
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    memcpy(secret_out, TOKEN_PREFIX, 4);
    sodium_bin2hex(secret_out + 4, TOKEN_SECRET_LEN - 4 + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    hash_hex(secret_out, hash);
    const char *hint = secret_out + TOKEN_SECRET_LEN - 4;

    if (db_begin(db)) return DV_EDB;
    int rc = unit_exists(db, unit_id);
    rc = rc == 1 ? DV_OK : rc == 0 ? DV_EINVAL : rc;
    int64_t id = 0;
    if (rc == DV_OK) {
        dv_stmt *st = db_prepare(db, SQL_TOKEN_INSERT);
        if (!st) rc = DV_EDB;
        else {
            db_bind_text(st, 1, name);
            db_bind_text(st, 2, hash);
            db_bind_text(st, 3, hint);
            db_bind_int(st, 4, unit_id);
            db_bind_text(st, 5, role_code(role));
            db_bind_text(st, 6, lang);
            if (actor && actor->id > 0) db_bind_int(st, 7, actor->id);
            else db_bind_null(st, 7);
            rc = db_exec_id(st, &id);
            if (rc > 0) rc = DV_OK;
        }
    }
    if (rc == DV_OK) {
        char unit[24];
        snprintf(unit, sizeof unit, "%lld", (long long)unit_id);
        struct audit_change ch[] = {
            {"name", NULL, name}, {"unit_id", NULL, unit}, {"role", NULL, role_code(role)}, {"lang", NULL, lang},
            {"secret", NULL, "(set)"},
        };
        rc = audit_write(db, actor, ip, "create", "api_token", id, ch, sizeof ch / sizeof *ch);
    }
    if (rc == DV_OK && db_commit(db) != 0) rc = DV_EDB;
    if (rc != DV_OK) {
        db_rollback(db);
        sodium_memzero(secret_out, TOKEN_SECRET_LEN + 1);
        secret_out[0] = 0;
        return rc;
    }
    if (id_out) *id_out = id;
    return DV_OK;
}

int token_revoke(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id)
{
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_TOKEN_REVOKE);
    int rc = st ? DV_OK : DV_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        if (actor && actor->id > 0) db_bind_int(st, 2, actor->id);
        else db_bind_null(st, 2);
        rc = db_exec(st);
        if (rc > 0) rc = DV_OK;
        if (rc == DV_OK && db_changes(db) == 0) rc = DV_ENOTFOUND;
    }
    if (rc == DV_OK) {
        struct audit_change ch[] = {{"revoked", NULL, "yes"}};
        rc = audit_write(db, actor, ip, "revoke", "api_token", id, ch, 1);
    }
    if (rc == DV_OK && db_commit(db) != 0) rc = DV_EDB;
    if (rc != DV_OK) db_rollback(db);
    return rc;
}

static const char *dup_col(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

static void token_row(dv_arena *a, dv_stmt *st, struct api_token *t)
{
    t->id = db_col_int(st, 0);
    t->name = dup_col(a, st, 1);
    t->hint = dup_col(a, st, 2);
    t->unit_id = db_col_int(st, 3);
    t->unit_name = dup_col(a, st, 4);
    enum dv_role role = ROLE_VIEWER;
    role_parse(db_col_text(st, 5), &role);
    t->role = role;
    t->lang = dup_col(a, st, 6);
    t->created_by = dup_col(a, st, 7);
    t->created_at = dup_col(a, st, 8);
    t->last_used_at = dup_col(a, st, 9);
    t->revoked_at = dup_col(a, st, 10);
}

int token_get(dv_db *db, dv_arena *a, int64_t id, struct api_token *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, SQL_TOKEN_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) token_row(a, st, out);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static void fill_token(dv_arena *a, dv_stmt *st, void *item)
{
    token_row(a, st, item);
}

int token_list(dv_db *db, dv_arena *a, int64_t root_unit_id, struct api_token **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_TOKEN_LIST);
    if (!st) return DV_EDB;
    char today[11];
    clock_vn_today(today);
    db_bind_int(st, 1, root_unit_id);
    db_bind_text(st, 2, today);
    return rstore_collect(st, a, sizeof **out, fill_token, (void **)out, n);
}

int token_authenticate(dv_db *db, dv_arena *a, const char *secret, struct dv_user **user_out, int64_t *token_id)
{
    *user_out = NULL;
    *token_id = 0;
    if (!secret || strlen(secret) != TOKEN_SECRET_LEN || strncmp(secret, TOKEN_PREFIX, 4) != 0) return DV_ENOTFOUND;
    char hash[crypto_hash_sha256_BYTES * 2 + 1];
    hash_hex(secret, hash);
    dv_stmt *st = db_prepare(db, SQL_TOKEN_BY_HASH);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, hash);
    int rc = db_step(st);
    if (rc != DB_ROW) {
        db_done(st);
        return rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
    }
    struct dv_user *u = arena_alloc(a, sizeof *u);
    memset(u, 0, sizeof *u);
    int64_t id = db_col_int(st, 0);
    u->username = arena_printf(a, "api:%s", db_col_text(st, 1));
    u->full_name = arena_strdup(a, db_col_text(st, 1));
    u->unit_id = u->scope_unit_id = db_col_int(st, 2);
    enum dv_role role = ROLE_VIEWER;
    role_parse(db_col_text(st, 3), &role);
    u->role = role;
    u->lang = arena_strdup(a, db_col_text(st, 4));
    int touch = (int)db_col_int(st, 5);
    db_done(st);
    if (touch && !db_in_transaction(db) && db_begin(db) == 0) { /* bookkeeping: no audit row */
        dv_stmt *t = db_prepare(db, SQL_TOKEN_TOUCH);
        int trc = t ? DV_OK : DV_EDB;
        if (t) {
            db_bind_int(t, 1, id);
            trc = db_exec(t);
        }
        if (trc < 0 || db_commit(db) != 0) db_rollback(db);
    }
    *user_out = u;
    *token_id = id;
    return DV_OK;
}
