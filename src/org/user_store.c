/* user_store.c - accounts in SQL: create, read, update, passwords (argon2id through
 * libsodium) and the disabled flag. Every write runs in its own transaction together with
 * its audit row; password hashes never reach the audit log. */
#include "org/user_store.h"

#include "db/store_util.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "org/audit.h"
#include "org/session_store.h"
#include "org/unit.h"
#include "text/text.h"

#include <malloc.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PASSWORD_MIN 10
#define PASSWORD_MAX 128

static const char *SQL_USER_EXISTS = "SELECT 1 FROM users WHERE username = ?1";
static const char *SQL_UNIT_EXISTS = "SELECT 1 FROM units WHERE id = ?1";
static const char *SQL_USER_INSERT =
    "INSERT INTO users(username, full_name, email, phone, position, unit_id, scope_unit_id, role, "
    "password_hash, lang, password_changed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ','now')) RETURNING id";
#define USER_COLS                                                                                  \
    "u.id, u.username, u.full_name, u.email, u.unit_id, u.scope_unit_id, u.role, u.lang, "         \
    "u.disabled, u.phone, u.position, n.name, u.created_at "
static const char *SQL_USER_GET =
    "SELECT " USER_COLS "FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.id = ?1";
static const char *SQL_USER_GET_BY_NAME =
    "SELECT " USER_COLS "FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.username = ?1";
static const char *SQL_USER_LIST =
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l "
    "JOIN sub ON l.parent_id = sub.id WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR ?2 < l.valid_to)) "
    "SELECT " USER_COLS "FROM users u LEFT JOIN units n ON n.id = u.unit_id "
    "WHERE ?1 = 0 OR u.unit_id IN (SELECT id FROM sub) ORDER BY u.username";
static const char *SQL_USER_LIST_UNIT =
    "SELECT " USER_COLS "FROM users u LEFT JOIN units n ON n.id = u.unit_id "
    "WHERE u.unit_id = ?1 ORDER BY u.full_name, u.username";
static const char *SQL_USER_CREDENTIALS =
    "SELECT id, password_hash, disabled FROM users WHERE username = ?1";
static const char *SQL_USER_SET_PASSWORD =
    "UPDATE users SET password_hash = ?2, password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_USER_SET_DISABLED =
    "UPDATE users SET disabled = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_USER_UPDATE =
    "UPDATE users SET full_name = ?2, email = ?3, phone = ?4, position = ?5, unit_id = ?6, "
    "scope_unit_id = ?7, role = ?8, lang = ?9, disabled = ?10, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";

/* ---- passwords */

static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;
static int hash_max = 2, hash_running;

void password_set_concurrency(int n)
{
    pthread_mutex_lock(&hash_mu);
    if (n >= 1) hash_max = n;
    pthread_cond_broadcast(&hash_cv);
    pthread_mutex_unlock(&hash_mu);
}

static void hash_enter(void)
{
    pthread_mutex_lock(&hash_mu);
    while (hash_running >= hash_max) pthread_cond_wait(&hash_cv, &hash_mu);
    hash_running++;
    pthread_mutex_unlock(&hash_mu);
}

static void hash_leave(void)
{
    pthread_mutex_lock(&hash_mu);
    int last = --hash_running == 0;
    pthread_cond_signal(&hash_cv);
    pthread_mutex_unlock(&hash_mu);
    if (last) malloc_trim(0); /* a burst of sign-ins leaves no arenas of freed pages behind */
}

int password_hash(const char *password, char out[128])
{
    hash_enter();
    int rc = crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
    hash_leave();
    if (rc != 0) {
        log_error("password: hashing failed (out of memory?)");
        return DV_EIO;
    }
    return DV_OK;
}

int password_verify(const char *hash, const char *password)
{
    if (!hash || !password) return 0;
    hash_enter();
    int ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    hash_leave();
    return ok;
}

const char *password_policy_error(const char *password)
{
    if (!password || !*password) return N_("Enter a password.");
    size_t n = strlen(password);
    if (!text_valid_utf8(password, n)) return N_("The password contains invalid characters.");
    for (const unsigned char *p = (const unsigned char *)password; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return N_("The password contains invalid characters.");
    size_t len = text_length(password);
    if (len < PASSWORD_MIN) return N_("The password must be at least 10 characters long.");
    if (len > PASSWORD_MAX) return N_("The password must be at most 128 characters long.");
    return NULL;
}

/* ---- reading */

static void read_record(dv_stmt *st, dv_arena *a, struct user_record *r)
{
    memset(r, 0, sizeof *r);
    r->u.id = db_col_int(st, 0);
    r->u.username = arena_strdup(a, db_col_text(st, 1));
    r->u.full_name = arena_strdup(a, db_col_text(st, 2));
    r->u.email = arena_strdup(a, db_col_text(st, 3));
    r->u.unit_id = db_col_int(st, 4);
    r->u.scope_unit_id = db_col_int(st, 5);
    enum dv_role role = ROLE_VIEWER;
    role_parse(db_col_text(st, 6), &role);
    r->u.role = role;
    r->u.lang = arena_strdup(a, db_col_text(st, 7));
    r->u.disabled = (int)db_col_int(st, 8);
    r->phone = arena_strdup(a, db_col_text(st, 9));
    r->position = arena_strdup(a, db_col_text(st, 10));
    r->unit_name = arena_strdup(a, db_col_text(st, 11));
    r->created_at = arena_strdup(a, db_col_text(st, 12));
}

static int get_one(dv_stmt *st, dv_arena *a, struct user_record *out)
{
    int rc = db_step(st);
    if (rc == DB_ROW) read_record(st, a, out);
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

int user_get(dv_db *db, dv_arena *a, int64_t id, struct user_record *out)
{
    dv_stmt *st = db_prepare(db, SQL_USER_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    return get_one(st, a, out);
}

int user_get_by_name(dv_db *db, dv_arena *a, const char *username, struct user_record *out)
{
    dv_stmt *st = db_prepare(db, SQL_USER_GET_BY_NAME);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, username);
    return get_one(st, a, out);
}

int user_get_credentials(dv_db *db, dv_arena *a, const char *username, int64_t *id, char **hash,
                         int *disabled)
{
    dv_stmt *st = db_prepare(db, SQL_USER_CREDENTIALS);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, username);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        *hash = arena_strdup(a, db_col_text(st, 1));
        *disabled = (int)db_col_int(st, 2);
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? DV_OK : DV_ENOTFOUND;
}

static void fill_record(dv_arena *a, dv_stmt *st, void *item)
{
    read_record(st, a, item);
}

static int list_rows(dv_stmt *st, dv_arena *a, struct user_record **out, size_t *n)
{
    return rstore_collect(st, a, sizeof **out, fill_record, (void **)out, n);
}

int user_list(dv_db *db, dv_arena *a, int64_t root_unit_id, struct user_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_USER_LIST);
    if (!st) return DV_EDB;
    char today[11];
    unit_today(today);
    db_bind_int(st, 1, root_unit_id > 0 ? root_unit_id : 0);
    db_bind_text(st, 2, today);
    return list_rows(st, a, out, n);
}

int user_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct user_record **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_USER_LIST_UNIT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    return list_rows(st, a, out, n);
}

/* ---- writing */

static int exists(dv_db *db, const char *sql, const char *text, int64_t id)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    if (text) db_bind_text(st, 1, text);
    else db_bind_int(st, 1, id);
    int rc = db_step(st);
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW;
}

static const char *nz(const char *s)
{
    return s && *s ? s : NULL;
}

static const char *lang_of(const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? "en" : "vi";
}

/* Whether the account's unit and scope unit exist: DV_OK, DV_EINVAL or a store error. */
static int placement_ok(dv_db *db, int64_t unit_id, int64_t scope)
{
    int rc = exists(db, SQL_UNIT_EXISTS, NULL, unit_id);
    if (rc == 1 && scope != unit_id) rc = exists(db, SQL_UNIT_EXISTS, NULL, scope);
    return rc == 1 ? DV_OK : rc == 0 ? DV_EINVAL : rc;
}

/* Binds what SQL_USER_INSERT and SQL_USER_UPDATE share, ?2 to ?8: the person and placement. */
static void bind_profile(dv_stmt *st, const struct user_input *in, int64_t scope)
{
    db_bind_text(st, 2, in->full_name);
    db_bind_text(st, 3, nz(in->email));
    db_bind_text(st, 4, nz(in->phone));
    db_bind_text(st, 5, nz(in->position));
    db_bind_int(st, 6, in->unit_id);
    db_bind_int(st, 7, scope);
    db_bind_text(st, 8, role_code(in->role));
}

/* Runs st, a write of the account's own row: DV_ENOTFOUND when no row changed. */
static int exec_account_row(dv_db *db, dv_stmt *st)
{
    int rc = db_exec(st);
    if (rc > 0) rc = DV_OK;
    if (rc == DV_OK && db_changes(db) == 0) rc = DV_ENOTFOUND;
    return rc;
}

/* Ends the transaction: commit on rc == 0, else roll back. */
/* Commits an account write; signed-in requests then see the account as it now is. */
static int finish(dv_db *db, int rc)
{
    if (rc == DV_OK && db_commit(db) != 0) rc = DV_EDB;
    if (rc != DV_OK) db_rollback(db);
    else session_cache_clear();
    return rc;
}

int user_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct user_input *in,
                const char *password, int64_t *id_out)
{
    if (id_out) *id_out = 0;
    if (!in->username || !*in->username || !in->full_name || !*in->full_name || in->unit_id <= 0)
        return DV_EINVAL;
    if (password_policy_error(password)) return DV_EINVAL;
    char hash[128];
    int rc = password_hash(password, hash); /* slow: before taking the write lock */
    if (rc) return rc;
    int64_t scope = in->scope_unit_id > 0 ? in->scope_unit_id : in->unit_id;
    const char *lang = lang_of(in->lang);
    if (db_begin(db)) return DV_EDB;

    rc = exists(db, SQL_USER_EXISTS, in->username, 0);
    if (rc == 1) rc = DV_ECONFLICT;
    if (rc == 0) rc = placement_ok(db, in->unit_id, scope);
    int64_t id = 0;
    if (rc == DV_OK) {
        dv_stmt *st = db_prepare(db, SQL_USER_INSERT);
        if (!st) rc = DV_EDB;
        else {
            db_bind_text(st, 1, in->username);
            bind_profile(st, in, scope);
            db_bind_text(st, 9, hash);
            db_bind_text(st, 10, lang);
            rc = db_exec_id(st, &id);
            if (rc > 0) rc = DV_OK;
        }
    }
    if (rc == DV_OK) {
        char unit[24], scope_s[24];
        snprintf(unit, sizeof unit, "%lld", (long long)in->unit_id);
        snprintf(scope_s, sizeof scope_s, "%lld", (long long)scope);
        struct audit_change ch[] = {
            {"username", NULL, in->username},
            {"full_name", NULL, in->full_name},
            {"email", NULL, nz(in->email)},
            {"phone", NULL, nz(in->phone)},
            {"position", NULL, nz(in->position)},
            {"unit_id", NULL, unit},
            {"scope_unit_id", NULL, scope_s},
            {"role", NULL, role_code(in->role)},
            {"lang", NULL, lang},
            {"password", NULL, "(set)"},
        };
        rc = audit_write(db, actor, ip, "create", "user", id, ch, sizeof ch / sizeof *ch);
    }
    sodium_memzero(hash, sizeof hash);
    rc = finish(db, rc);
    if (rc == DV_OK && id_out) *id_out = id;
    return rc;
}

int user_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                const struct user_input *in, int disabled)
{
    if (!in->full_name || !*in->full_name || in->unit_id <= 0) return DV_EINVAL;
    int64_t scope = in->scope_unit_id > 0 ? in->scope_unit_id : in->unit_id;
    dv_arena *a = arena_new();
    if (db_begin(db)) {
        arena_free(a);
        return DV_EDB;
    }
    struct user_record old;
    int rc = user_get(db, a, id, &old);
    if (rc == DV_OK) rc = placement_ok(db, in->unit_id, scope);
    const char *lang = in->lang ? lang_of(in->lang) : old.u.lang;
    if (rc == DV_OK) {
        dv_stmt *st = db_prepare(db, SQL_USER_UPDATE);
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, id);
            bind_profile(st, in, scope);
            db_bind_text(st, 9, lang);
            db_bind_int(st, 10, disabled ? 1 : 0);
            rc = db_exec(st);
            if (rc > 0) rc = DV_OK;
        }
    }
    if (rc == DV_OK) {
        struct audit_change ch[] = {
            {"full_name", old.u.full_name, in->full_name},
            {"email", nz(old.u.email), nz(in->email)},
            {"phone", nz(old.phone), nz(in->phone)},
            {"position", nz(old.position), nz(in->position)},
            {"unit_id", arena_printf(a, "%lld", (long long)old.u.unit_id), arena_printf(a, "%lld", (long long)in->unit_id)},
            {"scope_unit_id", arena_printf(a, "%lld", (long long)old.u.scope_unit_id), arena_printf(a, "%lld", (long long)scope)},
            {"role", role_code(old.u.role), role_code(in->role)},
            {"lang", old.u.lang, lang},
            {"disabled", old.u.disabled ? "1" : "0", disabled ? "1" : "0"},
        };
        rc = audit_write(db, actor, ip, "update", "user", id, ch, sizeof ch / sizeof *ch);
    }
    if (rc == DV_OK && disabled && !old.u.disabled) rc = session_delete_user(db, id);
    rc = finish(db, rc);
    arena_free(a);
    return rc;
}

int user_set_password(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *password)
{
    if (password_policy_error(password)) return DV_EINVAL;
    char hash[128];
    int rc = password_hash(password, hash);
    if (rc) return rc;
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_USER_SET_PASSWORD);
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, hash);
        rc = exec_account_row(db, st);
    }
    sodium_memzero(hash, sizeof hash);
    if (rc == DV_OK) {
        struct audit_change ch[] = {{"password", NULL, "(changed)"}};
        rc = audit_write(db, actor, ip, "password", "user", id, ch, 1);
    }
    if (rc == DV_OK) rc = session_delete_user(db, id);
    return finish(db, rc);
}

int user_set_disabled(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, int disabled)
{
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_USER_SET_DISABLED);
    int rc;
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, disabled ? 1 : 0);
        rc = exec_account_row(db, st);
    }
    if (rc == DV_OK) {
        struct audit_change ch[] = {{"disabled", disabled ? "0" : "1", disabled ? "1" : "0"}};
        rc = audit_write(db, actor, ip, disabled ? "disable" : "enable", "user", id, ch, 1);
    }
    if (rc == DV_OK && disabled) rc = session_delete_user(db, id);
    return finish(db, rc);
}
