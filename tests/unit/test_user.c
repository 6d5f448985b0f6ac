/* test_user.c - accounts against a real store: argon2id hashing, the password policy,
 * create/duplicate/update, the audit row written in the same transaction as the change
 * (and absent when it is rolled back), sessions (hash only stored, ended on disable and
 * password change) and the login-failure counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "org/audit.h"
#include "org/auth.h"
#include "org/session_store.h"
#include "org/user_store.h"
#include "org_fixture.h"

#include <sodium.h>
#include <time.h>

#define PW "correct horse battery"

static int64_t count(struct fx *f, const char *sql, int64_t arg)
{
    dv_stmt *st = db_prepare(f->db, sql);
    if (arg) db_bind_int(st, 1, arg);
    int64_t n = -1;
    if (db_step(st) == DB_ROW) n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static int64_t audit_rows(struct fx *f, int64_t entity_id)
{
    return count(f, "SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = ?1", entity_id);
}

static struct user_input input(struct fx *f, const char *username)
{
    struct user_input in = {.username = username, .full_name = "Nguyễn Văn An", .email = "an@example.vn",
                            .unit_id = f->A, .role = ROLE_OFFICER};
    return in;
}

static void hash_and_verify(void **state)
{
    (void)state;
    char h[128];
    assert_int_equal(password_hash(PW, h), 0);
    assert_true(strncmp(h, "$argon2id$", 10) == 0);
    assert_null(strstr(h, PW));
    assert_int_equal(password_verify(h, PW), 1);
    assert_int_equal(password_verify(h, "correct horse battery!"), 0);
    assert_int_equal(password_verify(h, ""), 0);
    assert_int_equal(password_verify(NULL, PW), 0);
}

static void policy(void **state)
{
    (void)state;
    assert_non_null(password_policy_error(""));
    assert_non_null(password_policy_error("short"));
    assert_non_null(password_policy_error("123456789"));      /* 9 */
    assert_null(password_policy_error("1234567890"));         /* 10 */
    assert_null(password_policy_error("mật khẩu dài"));      /* 12 code points, more bytes */
    assert_non_null(password_policy_error("ắắắắắắắắ"));      /* 8 code points, 24 bytes */
    assert_non_null(password_policy_error("abc\x01" "defghijk"));
    assert_non_null(password_policy_error("abcdefghij\xff"));
    char longpw[200];
    memset(longpw, 'a', 129);
    longpw[129] = 0;
    assert_non_null(password_policy_error(longpw));
    longpw[128] = 0;
    assert_null(password_policy_error(longpw));
}

static void create_get_and_audit(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "an");
    int64_t id = 0;
    assert_int_equal(user_create(f->db, NULL, "10.0.0.1", &in, PW, &id), 0);
    assert_true(id > 0);
    struct user_record r;
    assert_int_equal(user_get(f->db, f->a, id, &r), 0);
    assert_string_equal(r.u.username, "an");
    assert_string_equal(r.u.full_name, "Nguyễn Văn An");
    assert_int_equal(r.u.unit_id, f->A);
    assert_int_equal(r.u.scope_unit_id, f->A); /* 0 = same as the unit */
    assert_int_equal(r.u.role, ROLE_OFFICER);
    assert_string_equal(r.unit_name, "Xã A");
    assert_string_equal(r.u.lang, "vi");
    assert_int_equal(user_get_by_name(f->db, f->a, "an", &r), 0);
    assert_int_equal(user_get_by_name(f->db, f->a, "nobody", &r), DV_ENOTFOUND);

    assert_int_equal(audit_rows(f, id), 1);
    struct audit_entry *e;
    size_t n;
    assert_int_equal(audit_list(f->db, f->a, "user", id, NULL, 0, 10, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].actor, "cli");
    assert_string_equal(e[0].action, "create");
    assert_string_equal(e[0].ip, "10.0.0.1");
    assert_non_null(strstr(e[0].changes, "\"username\":[null,\"an\"]"));
    assert_non_null(strstr(e[0].changes, "\"password\":[null,\"(set)\"]"));
    assert_null(strstr(e[0].changes, "argon2"));

    /* the stored hash verifies */
    int64_t cid;
    char *hash;
    int disabled;
    assert_int_equal(user_get_credentials(f->db, f->a, "an", &cid, &hash, &disabled), 0);
    assert_int_equal(cid, id);
    assert_int_equal(disabled, 0);
    assert_int_equal(password_verify(hash, PW), 1);
}

static void duplicate_and_bad_unit(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "binh");
    int64_t id;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    int64_t before = count(f, "SELECT count(*) FROM audit_log", 0);
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), DV_ECONFLICT);
    in.username = "binh2";
    in.unit_id = 999999;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), DV_EINVAL);
    in.unit_id = f->A;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, "short", &id), DV_EINVAL);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log", 0), before);
    assert_int_equal(count(f, "SELECT count(*) FROM users", 0), 1);
    /* the store is usable after the rollbacks */
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
}

static void audit_failure_rolls_back_the_change(void **state)
{
    struct fx *f = *state;
    assert_int_equal(db_exec_script(f->db, TEMP_STORE_IS_PG(f)
                                               ? "CREATE OR REPLACE FUNCTION no_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                 "BEGIN RAISE EXCEPTION 'audit refused'; END $$; "
                                                 "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                                                 "FOR EACH ROW EXECUTE FUNCTION no_audit_fn();"
                                               : "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                                                 "BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"),
                     0);
    struct user_input in = input(f, "chi");
    int64_t id;
    assert_true(user_create(f->db, NULL, NULL, &in, PW, &id) < 0);
    assert_int_equal(count(f, "SELECT count(*) FROM users", 0), 0);
    assert_int_equal(db_exec_script(f->db, TEMP_STORE_IS_PG(f) ? "DROP TRIGGER no_audit ON audit_log;" : "DROP TRIGGER no_audit;"), 0);
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    assert_int_equal(db_exec_script(f->db, TEMP_STORE_IS_PG(f)
                                               ? "CREATE OR REPLACE FUNCTION no_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                                 "BEGIN RAISE EXCEPTION 'audit refused'; END $$; "
                                                 "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                                                 "FOR EACH ROW EXECUTE FUNCTION no_audit_fn();"
                                               : "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log "
                                                 "BEGIN SELECT RAISE(ABORT, 'audit refused'); END;"),
                     0);
    assert_true(user_set_disabled(f->db, NULL, NULL, id, 1) < 0);
    struct user_record r;
    assert_int_equal(user_get(f->db, f->a, id, &r), 0);
    assert_int_equal(r.u.disabled, 0);
}

static void update_records_only_changes(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "dung");
    int64_t id;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    struct dv_user admin = {.id = 0, .username = "boss", .role = ROLE_ADMIN};
    in.full_name = "Nguyễn Văn Dũng";
    in.unit_id = f->B;
    in.role = ROLE_VIEWER;
    assert_int_equal(user_update(f->db, &admin, NULL, id, &in, 0), 0);
    struct user_record r;
    assert_int_equal(user_get(f->db, f->a, id, &r), 0);
    assert_string_equal(r.u.full_name, "Nguyễn Văn Dũng");
    assert_int_equal(r.u.unit_id, f->B);
    assert_int_equal(r.u.role, ROLE_VIEWER);
    struct audit_entry *e;
    size_t n;
    assert_int_equal(audit_list(f->db, f->a, "user", id, "boss", 0, 10, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].action, "update");
    assert_non_null(strstr(e[0].changes, "\"role\":[\"officer\",\"viewer\"]"));
    assert_null(strstr(e[0].changes, "email")); /* unchanged fields are left out */
    assert_int_equal(user_update(f->db, &admin, NULL, 424242, &in, 0), DV_ENOTFOUND);
}

static void sessions_end_on_disable_and_password(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "em");
    int64_t id;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    int64_t now = (int64_t)time(NULL);
    char t1[65], t2[65];
    assert_int_equal(session_create(f->db, id, "1.2.3.4", "test", now, 12, t1), 0);
    assert_int_equal(session_create(f->db, id, "1.2.3.4", "test", now, 12, t2), 0);
    assert_int_equal(strlen(t1), 64);
    assert_true(session_token_valid(t1));
    /* only the hash is stored */
    dv_stmt *st = db_prepare(f->db, "SELECT count(*) FROM sessions WHERE token_hash = ?1");
    db_bind_text(st, 1, t1);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 0);
    db_done(st);

    struct dv_user *u;
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), 0);
    assert_int_equal(u->id, id);
    assert_string_equal(u->username, "em");
    assert_int_equal(session_find(f->db, f->a, t1, now + 13 * 3600, &u), DV_ENOTFOUND); /* expired */
    assert_int_equal(session_find(f->db, f->a, "00", now, &u), DV_ENOTFOUND);

    assert_int_equal(user_set_password(f->db, NULL, NULL, id, "another long password"), 0);
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), DV_ENOTFOUND);
    assert_int_equal(session_find(f->db, f->a, t2, now, &u), DV_ENOTFOUND);
    struct audit_entry *e;
    size_t n;
    assert_int_equal(audit_list(f->db, f->a, "user", id, NULL, 0, 1, &e, &n), 0);
    assert_string_equal(e[0].action, "password");
    assert_string_equal(e[0].changes, "{\"password\":[null,\"(changed)\"]}");

    assert_int_equal(session_create(f->db, id, NULL, NULL, now, 12, t1), 0);
    assert_int_equal(user_set_disabled(f->db, NULL, NULL, id, 1), 0);
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), DV_ENOTFOUND);
    /* a disabled account gets no session even from a surviving row */
    assert_int_equal(session_create(f->db, id, NULL, NULL, now, 12, t1), 0);
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), DV_ENOTFOUND);
    assert_int_equal(user_set_disabled(f->db, NULL, NULL, id, 0), 0);
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), 0);
    assert_int_equal(session_delete(f->db, t1), 0);
    assert_int_equal(session_find(f->db, f->a, t1, now, &u), DV_ENOTFOUND);
}

/* The session cache answers from memory for SESSION_RECHECK_S seconds, never past the
 * session's end, and forgets everything when an account write commits. */
static void session_cache_rechecks_and_clears(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "sc");
    int64_t id;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    int64_t now = (int64_t)time(NULL);
    char t[65];
    assert_int_equal(session_create(f->db, id, NULL, NULL, now, 1, t), 0);
    struct dv_user *u;
    assert_int_equal(session_find_cached(f->db, f->a, t, now, &u), 0);
    assert_string_equal(u->username, "sc");
    /* the row goes behind the cache's back (another process): still answered from memory */
    dv_stmt *st = db_prepare(f->db, "DELETE FROM sessions WHERE user_id = ?1");
    db_bind_int(st, 1, id);
    assert_int_equal(db_exec(st), 0);
    assert_int_equal(session_find_cached(f->db, f->a, t, now + SESSION_RECHECK_S - 1, &u), 0);
    assert_int_equal(u->id, id);
    /* ... until the recheck, or the session's end, whichever comes first */
    assert_int_equal(session_find_cached(f->db, f->a, t, now + SESSION_RECHECK_S, &u), DV_ENOTFOUND);
    assert_int_equal(session_create(f->db, id, NULL, NULL, now, 1, t), 0);
    assert_int_equal(session_find_cached(f->db, f->a, t, now, &u), 0);
    assert_int_equal(session_find_cached(f->db, f->a, t, now + 3600, &u), DV_ENOTFOUND);
    /* an account write of this process is seen at once */
    assert_int_equal(session_find_cached(f->db, f->a, t, now, &u), 0);
    assert_int_equal(user_set_disabled(f->db, NULL, NULL, id, 1), 0);
    assert_int_equal(session_find_cached(f->db, f->a, t, now, &u), DV_ENOTFOUND);
    assert_int_equal(session_find_cached(f->db, f->a, "zz", now, &u), DV_ENOTFOUND);
    session_cache_clear();
}

static void throttle_window_and_lock(void **state)
{
    struct fx *f = *state;
    int64_t now = 1000000;
    int locked;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(throttle_fail(f->db, "u:x", 5, 900, 900, now + i), 0);
        assert_int_equal(throttle_locked(f->db, "u:x", now + i, &locked), 0);
        assert_int_equal(locked, 0);
    }
    assert_int_equal(throttle_fail(f->db, "u:x", 5, 900, 900, now + 4), 0);
    assert_int_equal(throttle_locked(f->db, "u:x", now + 5, &locked), 0);
    assert_int_equal(locked, 1);
    assert_int_equal(throttle_locked(f->db, "u:x", now + 4 + 900, &locked), 0);
    assert_int_equal(locked, 0); /* the lock is over */
    /* failures spread over more than the window never lock */
    for (int i = 0; i < 10; i++) assert_int_equal(throttle_fail(f->db, "u:y", 5, 900, 900, now + i * 300), 0);
    assert_int_equal(throttle_locked(f->db, "u:y", now + 3000, &locked), 0);
    assert_int_equal(locked, 0);
    assert_int_equal(throttle_clear(f->db, "u:x"), 0);
}

static void login_flow(void **state)
{
    struct fx *f = *state;
    struct user_input in = input(f, "giang");
    int64_t id;
    assert_int_equal(user_create(f->db, NULL, NULL, &in, PW, &id), 0);
    char tok[65];
    int64_t uid;
    assert_int_equal(auth_login(f->db, "giang", "wrong password", "9.9.9.9", NULL, NULL, tok, &uid), LOGIN_WRONG);
    assert_int_equal(auth_login(f->db, "nobody", PW, "9.9.9.9", NULL, NULL, tok, &uid), LOGIN_WRONG);
    assert_int_equal(auth_login(f->db, "giang", PW, "9.9.9.9", "ua", NULL, tok, &uid), LOGIN_OK);
    assert_int_equal(uid, id);
    assert_true(session_token_valid(tok));
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'login_failed'", 0), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'login' AND user_id = ?1", id), 1);
    /* rotation: a new login from the same browser ends the old session */
    char tok2[65];
    assert_int_equal(auth_login(f->db, "giang", PW, "9.9.9.9", "ua", tok, tok2, &uid), LOGIN_OK);
    struct dv_user *u;
    assert_int_equal(session_find(f->db, f->a, tok, (int64_t)time(NULL), &u), DV_ENOTFOUND);
    assert_int_equal(session_find(f->db, f->a, tok2, (int64_t)time(NULL), &u), 0);
    /* five failures in the window lock the account (the first one above still counts: a
     * success takes back only its own attempt); the next is refused without checking */
    for (int i = 0; i < 4; i++)
        assert_int_equal(auth_login(f->db, "giang", "nope nope nope", "8.8.8.8", NULL, NULL, tok, &uid), LOGIN_WRONG);
    assert_int_equal(auth_login(f->db, "giang", PW, "7.7.7.7", NULL, NULL, tok, &uid), LOGIN_LOCKED);
    /* a disabled account cannot sign in */
    assert_int_equal(user_create(f->db, NULL, NULL, &(struct user_input){.username = "hoa", .full_name = "Hoa",
                                                                         .unit_id = f->B, .role = ROLE_VIEWER},
                                 PW, &id), 0);
    assert_int_equal(user_set_disabled(f->db, NULL, NULL, id, 1), 0);
    assert_int_equal(auth_login(f->db, "hoa", PW, "6.6.6.6", NULL, NULL, tok, &uid), LOGIN_WRONG);
}

static void list_by_subtree(void **state)
{
    struct fx *f = *state;
    int64_t id;
    struct user_input a = input(f, "u-a");
    struct user_input d = input(f, "u-d");
    d.unit_id = f->D;
    struct user_input q = input(f, "u-q");
    q.unit_id = f->Q;
    assert_int_equal(user_create(f->db, NULL, NULL, &a, PW, &id), 0);
    assert_int_equal(user_create(f->db, NULL, NULL, &d, PW, &id), 0);
    assert_int_equal(user_create(f->db, NULL, NULL, &q, PW, &id), 0);
    struct user_record *list;
    size_t n;
    assert_int_equal(user_list(f->db, f->a, 0, &list, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(user_list(f->db, f->a, f->P, &list, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].u.username, "u-a");
    assert_string_equal(list[1].u.username, "u-d");
    assert_int_equal(user_list(f->db, f->a, f->C, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(user_list_unit(f->db, f->a, f->Q, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].u.username, "u-q");
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_and_verify),
        cmocka_unit_test(policy),
        cmocka_unit_test_setup_teardown(create_get_and_audit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(duplicate_and_bad_unit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(audit_failure_rolls_back_the_change, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(update_records_only_changes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(sessions_end_on_disable_and_password, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(session_cache_rechecks_and_clears, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(throttle_window_and_lock, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(login_flow, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(list_by_subtree, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
