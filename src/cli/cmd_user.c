/* cmd_user.c - `danvan user`: add, passwd, list, disable, enable accounts from the shell.
 * Passwords come from the environment (DANVAN_PASSWORD) or one line of standard input,
 * never from the command line (it would show in `ps` and the shell history). */
#include "cli/cli.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "org/unit.h"
#include "org/user_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: danvan user add USERNAME --name \"Full Name\" --unit UNIT_ID|CODE --role ROLE\n"
    "                       [--email E] [--phone P] [--position P] [--scope UNIT_ID|CODE] [--db FILE]\n"
    "       danvan user passwd USERNAME [--db FILE]\n"
    "       danvan user list [--db FILE]\n"
    "       danvan user disable USERNAME [--db FILE]\n"
    "       danvan user enable USERNAME [--db FILE]\n\n"
    "Manage accounts. ROLE is admin, staff, officer, editor, contributor, viewer or inspector.\n"
    "The password is read from the environment variable DANVAN_PASSWORD, else from one line of\n"
    "standard input; it needs 10 to 128 characters.";

static const char USAGE_ADD[] =
    "usage: danvan user add USERNAME --name \"Full Name\" --unit UNIT_ID|CODE --role ROLE\n"
    "                       [--email E] [--phone P] [--position P] [--scope UNIT_ID|CODE] [--db FILE]\n\n"
    "Create an account placed in UNIT (a unit id or an official code) acting on the subtree of\n"
    "SCOPE (default: the unit). ROLE is admin, staff, officer, editor, contributor, viewer or\n"
    "inspector. The password comes from DANVAN_PASSWORD or one line of standard input (10 to\n"
    "128 characters).";
static const char USAGE_PASSWD[] =
    "usage: danvan user passwd USERNAME [--db FILE]\n\n"
    "Set a new password (from DANVAN_PASSWORD or one line of standard input) and end the\n"
    "account's sessions.";
static const char USAGE_LIST[] = "usage: danvan user list [--db FILE]\n\nList every account.";
static const char USAGE_DISABLE[] =
    "usage: danvan user disable USERNAME [--db FILE]\n\nStop the account from signing in and end its sessions.";
static const char USAGE_ENABLE[] = "usage: danvan user enable USERNAME [--db FILE]\n\nLet a disabled account sign in again.";

/* The password: DANVAN_PASSWORD, else one line of stdin (not echoed on a terminal). */
static int read_password(char *out, size_t cap)
{
    const char *env = getenv("DANVAN_PASSWORD");
    if (env && *env) {
        if (strlen(env) >= cap) return DV_EINVAL;
        strcpy(out, env);
        return DV_OK;
    }
    int tty = isatty(0);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "Password: ");
        fflush(stderr);
        if (tcgetattr(0, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(0, TCSAFLUSH, &quiet);
        } else tty = 0;
    }
    char *got = fgets(out, (int)cap, stdin);
    if (tty) {
        tcsetattr(0, TCSAFLUSH, &old);
        fprintf(stderr, "\n");
    }
    if (!got) return DV_EIO;
    size_t n = strlen(out);
    if (n && out[n - 1] == '\n') out[--n] = 0;
    if (n && out[n - 1] == '\r') out[--n] = 0;
    return DV_OK;
}

static int resolve_unit(dv_db *db, const char *s, int64_t *id)
{
    *id = 0;
    if (!s || !*s) return DV_EINVAL;
    char *end;
    long long v = strtoll(s, &end, 10);
    dv_arena *a = arena_new();
    struct unit u;
    /* a code first (codes are digits too: "96" is Cà Mau's), then an id */
    int rc = unit_store_find_open_code(db, s, id);
    if (rc == DV_OK && *id == 0 && !*end && v > 0 && unit_store_get(db, a, v, &u) == DV_OK) *id = v;
    arena_free(a);
    if (rc) return rc;
    return *id ? DV_OK : DV_ENOTFOUND;
}

static int user_add(dv_db *db, const char *username, const char *name, const char *unit,
                    const char *role_s, const char *email, const char *phone, const char *position,
                    const char *scope)
{
    struct user_input in;
    memset(&in, 0, sizeof in);
    in.username = username;
    in.full_name = name;
    in.email = email;
    in.phone = phone;
    in.position = position;
    in.lang = "vi";
    if (!name || !*name || !unit || !role_s) {
        fprintf(stderr, "danvan: user add needs --name, --unit and --role\n");
        return 2;
    }
    if (role_parse(role_s, &in.role)) {
        fprintf(stderr, "danvan: unknown role '%s' (admin, staff, officer, editor, contributor, viewer)\n", role_s);
        return 2;
    }
    if (resolve_unit(db, unit, &in.unit_id)) {
        fprintf(stderr, "danvan: no open unit with id or code '%s'\n", unit);
        return 1;
    }
    if (scope && resolve_unit(db, scope, &in.scope_unit_id)) {
        fprintf(stderr, "danvan: no open unit with id or code '%s'\n", scope);
        return 1;
    }
    size_t ul = strlen(username);
    int ok = ul >= 3 && ul <= 32 && username[0] >= 'a' && username[0] <= 'z';
    for (const char *p = username; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p);
    if (!ok) {
        fprintf(stderr, "danvan: a username has 3 to 32 characters a-z 0-9 . _ -, starting with a letter\n");
        return 2;
    }
    char pw[1100];
    if (read_password(pw, sizeof pw)) {
        fprintf(stderr, "danvan: no password (set DANVAN_PASSWORD or give it on standard input)\n");
        return 2;
    }
    const char *perr = password_policy_error(pw);
    if (perr) {
        fprintf(stderr, "danvan: %s\n", perr);
        return 2;
    }
    int64_t id;
    int rc = user_create(db, NULL, NULL, &in, pw, &id);
    memset(pw, 0, sizeof pw);
    if (rc == DV_ECONFLICT) {
        fprintf(stderr, "danvan: the username '%s' is taken\n", username);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "danvan: cannot create the account: %s\n", dv_strerror(rc));
        return 1;
    }
    printf("created account %s (id %lld, %s)\n", username, (long long)id, role_code(in.role));
    return 0;
}

static int find(dv_db *db, dv_arena *a, const char *username, struct user_record *rec)
{
    int rc = user_get_by_name(db, a, username, rec);
    if (rc == DV_ENOTFOUND) fprintf(stderr, "danvan: no account '%s'\n", username);
    else if (rc) fprintf(stderr, "danvan: cannot read the store: %s\n", dv_strerror(rc));
    return rc;
}

static int user_passwd(dv_db *db, const char *username)
{
    dv_arena *a = arena_new();
    struct user_record rec;
    int rc = find(db, a, username, &rec);
    if (rc) {
        arena_free(a);
        return 1;
    }
    char pw[1100];
    if (read_password(pw, sizeof pw)) {
        fprintf(stderr, "danvan: no password (set DANVAN_PASSWORD or give it on standard input)\n");
        arena_free(a);
        return 2;
    }
    const char *perr = password_policy_error(pw);
    if (perr) {
        fprintf(stderr, "danvan: %s\n", perr);
        arena_free(a);
        return 2;
    }
    rc = user_set_password(db, NULL, NULL, rec.u.id, pw);
    memset(pw, 0, sizeof pw);
    arena_free(a);
    if (rc) {
        fprintf(stderr, "danvan: cannot set the password: %s\n", dv_strerror(rc));
        return 1;
    }
    printf("password of %s changed; its sessions have ended\n", username);
    return 0;
}

static int user_disable(dv_db *db, const char *username, int disabled)
{
    dv_arena *a = arena_new();
    struct user_record rec;
    int rc = find(db, a, username, &rec);
    if (rc == DV_OK) rc = user_set_disabled(db, NULL, NULL, rec.u.id, disabled);
    arena_free(a);
    if (rc) return 1;
    printf("account %s %s\n", username, disabled ? "disabled" : "enabled");
    return 0;
}

static int user_list_all(dv_db *db)
{
    dv_arena *a = arena_new();
    struct user_record *list;
    size_t n;
    int rc = user_list(db, a, 0, &list, &n);
    if (rc == DV_OK) {
        printf("%-6s %-20s %-8s %-9s %s\n", "ID", "USERNAME", "ROLE", "STATUS", "NAME / UNIT");
        for (size_t i = 0; i < n; i++)
            printf("%-6lld %-20s %-8s %-9s %s / %s\n", (long long)list[i].u.id, list[i].u.username,
                   role_code(list[i].u.role), list[i].u.disabled ? "disabled" : "active", list[i].u.full_name,
                   list[i].unit_name ? list[i].unit_name : "?");
    }
    arena_free(a);
    return rc ? 1 : 0;
}

int cmd_user(int argc, char **argv)
{
    if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--help") && strcmp(argv[1], "-h"))) {
        fprintf(stderr, "%s\n", USAGE);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        printf("%s\n", USAGE);
        return 0;
    }
    const char *sub = argv[1];
    const char *name = NULL, *unit = NULL, *role = NULL, *email = NULL, *phone = NULL, *position = NULL,
               *scope = NULL;
    struct cli_opt add_opts[] = {{"name", 1, &name},         {"unit", 1, &unit},   {"role", 1, &role},
                                 {"email", 1, &email},       {"phone", 1, &phone}, {"position", 1, &position},
                                 {"scope", 1, &scope},       {NULL, 0, NULL}};
    const char *usage;
    const struct cli_opt *extra = NULL;
    int needs_name = 1;
    if (!strcmp(sub, "add")) {
        usage = USAGE_ADD;
        extra = add_opts;
    } else if (!strcmp(sub, "passwd")) usage = USAGE_PASSWD;
    else if (!strcmp(sub, "list")) {
        usage = USAGE_LIST;
        needs_name = 0;
    } else if (!strcmp(sub, "disable")) usage = USAGE_DISABLE;
    else if (!strcmp(sub, "enable")) usage = USAGE_ENABLE;
    else {
        fprintf(stderr, "danvan: unknown user command '%s'\n\n%s\n", sub, USAGE);
        return 2;
    }
    struct dv_config cfg;
    int i = cli_parse(argc - 1, argv + 1, &cfg, extra, usage);
    if (i < 0) return i == -2 ? 0 : 2;
    const char *username = NULL;
    if (needs_name) {
        if (i >= argc - 1) {
            fprintf(stderr, "danvan: user %s needs a USERNAME\n\n%s\n", sub, usage);
            return 2;
        }
        username = argv[1 + i];
    }
    log_set_quiet(1);
    dv_db *db;
    if (app_open(&cfg, &db)) return 1;
    int rc;
    if (!strcmp(sub, "add")) rc = user_add(db, username, name, unit, role, email, phone, position, scope);
    else if (!strcmp(sub, "passwd")) rc = user_passwd(db, username);
    else if (!strcmp(sub, "list")) rc = user_list_all(db);
    else rc = user_disable(db, username, !strcmp(sub, "disable"));
    db_thread_close_all();
    return rc;
}
