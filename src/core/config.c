/* config.c - settings: safe defaults, then the file, then the environment, then flags. */
#include "core/config.h"

#include "core/err.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_PORTAL_NAME "Cổng thông tin Ban Dân vận Tỉnh ủy Cà Mau"
#define DEFAULT_PORTAL_NAME_EN "Ca Mau Mass Mobilization Commission Portal"
#define DEFAULT_BASE_URL "http://127.0.0.1:8080"
#define DEFAULT_REMIND_DAYS 3
/* The demo's values: the Mass Mobilization Commission of the Cà Mau provincial Party
 * committee. A Party agency's portal under Decree 42 needs no licence. */
#define DEFAULT_LEGAL                                                                          \
    {                                                                                          \
        .owner = "Ban Dân vận Tỉnh ủy Cà Mau",                                                 \
        .owner_en = "Mass Mobilization Commission of the Ca Mau Provincial Party Committee",  \
        .responsible = "Trưởng Ban Dân vận Tỉnh ủy Cà Mau",                                    \
        .responsible_en = "Head of the Mass Mobilization Commission of the Ca Mau Provincial Party Committee", \
        .licence = "",                                                                         \
        .address = "Số 02 đường Hùng Vương, phường An Xuyên, tỉnh Cà Mau",                     \
        .phone = "0290 3831 318",                                                              \
        .email = "bandanvan@camau.dangcongsan.vn",                                             \
    }

void config_defaults(struct dv_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->db, sizeof c->db, "danvan.db");
    snprintf(c->host, sizeof c->host, "127.0.0.1");
    c->port = 8080;
    c->conn_timeout_s = 30;
    c->head_timeout_s = 10;
    c->max_conns_per_ip = 64;
    config_parse_addr_set(&c->conn_limit_exempt, "127.0.0.1");
    c->max_body = 8u * 1024 * 1024;
    c->max_header = 16u * 1024;
    snprintf(c->access_log, sizeof c->access_log, "-");
    c->session_hours = 12;
    c->hash_concurrency = 2;
    snprintf(c->smtp_url, sizeof c->smtp_url, "smtp://127.0.0.1:25");
    snprintf(c->mail_from, sizeof c->mail_from, "no-reply@danvan.local");
    snprintf(c->portal_name, sizeof c->portal_name, "%s", DEFAULT_PORTAL_NAME);
    snprintf(c->portal_name_en, sizeof c->portal_name_en, "%s", DEFAULT_PORTAL_NAME_EN);
    snprintf(c->base_url, sizeof c->base_url, "%s", DEFAULT_BASE_URL);
    c->remind_days_before = DEFAULT_REMIND_DAYS;
    c->legal = (struct dv_portal_legal)DEFAULT_LEGAL;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) return DV_EINVAL;
    *out = n;
    return DV_OK;
}

static int parse_listen(struct dv_config *c, const char *v)
{
    const char *colon = strrchr(v, ':');
    long port;
    if (!colon) return parse_int(v, 0, 65535, &port) ? DV_EINVAL : (c->port = (int)port, DV_OK);
    size_t hl = (size_t)(colon - v);
    if (hl == 0 || hl >= sizeof c->host || parse_int(colon + 1, 0, 65535, &port)) return DV_EINVAL;
    memcpy(c->host, v, hl);
    c->host[hl] = '\0';
    c->port = (int)port;
    return DV_OK;
}

/* One "a.b.c.d" or "a.b.c.d/n" into net and mask. */
static int parse_addr_range(const char *tok, unsigned *net, unsigned *mask)
{
    char addr[32];
    long bits = 32;
    const char *slash = strchr(tok, '/');
    size_t al = slash ? (size_t)(slash - tok) : strlen(tok);
    if (al == 0 || al >= sizeof addr || (slash && parse_int(slash + 1, 0, 32, &bits))) return DV_EINVAL;
    memcpy(addr, tok, al);
    addr[al] = '\0';
    struct in_addr in;
    if (inet_pton(AF_INET, addr, &in) != 1) return DV_EINVAL;
    *mask = bits == 0 ? 0u : 0xFFFFFFFFu << (32 - bits);
    *net = ntohl(in.s_addr) & *mask;
    return DV_OK;
}

int config_parse_addr_set(struct dv_addr_set *set, const char *v)
{
    struct dv_addr_set out = {0};
    char buf[512];
    if (strlen(v) >= sizeof buf) return DV_EINVAL;
    snprintf(buf, sizeof buf, "%s", v);
    if (strcmp(buf, "none") != 0) {
        char *save = NULL;
        for (char *tok = strtok_r(buf, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
            if (out.n == DV_ADDR_SET_MAX || parse_addr_range(tok, &out.net[out.n], &out.mask[out.n]))
                return DV_EINVAL;
            out.n++;
        }
    }
    *set = out;
    return DV_OK;
}

int config_addr_in_set(const struct dv_addr_set *set, unsigned a)
{
    for (int i = 0; i < set->n; i++)
        if ((a & set->mask[i]) == set->net[i]) return 1;
    return 0;
}

static int set_str(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap) return DV_EINVAL;
    snprintf(dst, cap, "%s", v);
    return DV_OK;
}

/* An http(s) URL without a trailing slash, query or fragment. */
static int set_base_url(char *dst, size_t cap, const char *v)
{
    size_t n = strlen(v);
    while (n && v[n - 1] == '/') n--;
    if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0) return DV_EINVAL;
    if (n >= cap || n <= 8 || strpbrk(v, "?# \t\r\n\"<>")) return DV_EINVAL;
    memcpy(dst, v, n);
    dst[n] = '\0';
    return DV_OK;
}

static int is_email(const char *v)
{
    return strchr(v, '@') && !strpbrk(v, " \t\r\n<>\"");
}

static int is_phone(const char *v)
{
    return *v && strspn(v, "0123456789 +.-()") == strlen(v);
}

/* The portal's legal settings: which field, and how its value is checked. */
enum legal_check { LEGAL_REQUIRED, LEGAL_OPTIONAL, LEGAL_PHONE, LEGAL_EMAIL };
static const struct {
    const char *key;
    size_t offset, cap;
    enum legal_check check;
} legal_keys[] = {
#define L(k, f, chk) {k, offsetof(struct dv_portal_legal, f), sizeof ((struct dv_portal_legal *)0)->f, chk}
    L("portal_owner", owner, LEGAL_REQUIRED),
    L("portal_owner_en", owner_en, LEGAL_REQUIRED),
    L("portal_responsible", responsible, LEGAL_REQUIRED),
    L("portal_responsible_en", responsible_en, LEGAL_REQUIRED),
    L("portal_licence", licence, LEGAL_OPTIONAL),
    L("portal_address", address, LEGAL_REQUIRED),
    L("portal_phone", phone, LEGAL_PHONE),
    L("portal_email", email, LEGAL_EMAIL),
#undef L
};
#define NLEGAL (sizeof legal_keys / sizeof *legal_keys)

/* 1 when key is a legal setting (then *rc says whether v was taken). */
static int set_legal(struct dv_portal_legal *l, const char *key, const char *v, int *rc)
{
    for (size_t i = 0; i < NLEGAL; i++) {
        if (strcmp(key, legal_keys[i].key) != 0) continue;
        int ok = legal_keys[i].check == LEGAL_OPTIONAL || (legal_keys[i].check == LEGAL_PHONE ? is_phone(v)
                 : legal_keys[i].check == LEGAL_EMAIL ? is_email(v) : *v != '\0');
        *rc = ok ? set_str((char *)l + legal_keys[i].offset, legal_keys[i].cap, v) : DV_EINVAL;
        return 1;
    }
    return 0;
}

int config_set(struct dv_config *c, const char *key, const char *v, char *err, size_t errlen)
{
    long n = 0;
    int rc = DV_EINVAL;
    if (!strcmp(key, "db")) rc = set_str(c->db, sizeof c->db, v);
    else if (!strcmp(key, "listen")) rc = parse_listen(c, v);
    else if (!strcmp(key, "threads")) rc = parse_int(v, 0, 256, &n) ? DV_EINVAL : (c->threads = (int)n, 0);
    else if (!strcmp(key, "workers")) rc = parse_int(v, 0, 1024, &n) ? DV_EINVAL : (c->workers = (int)n, 0);
    else if (!strcmp(key, "timeout")) rc = parse_int(v, 1, 3600, &n) ? DV_EINVAL : (c->conn_timeout_s = (int)n, 0);
    else if (!strcmp(key, "head_timeout")) rc = parse_int(v, 1, 3600, &n) ? DV_EINVAL : (c->head_timeout_s = (int)n, 0);
    else if (!strcmp(key, "max_conns_per_ip")) rc = parse_int(v, 0, 100000, &n) ? DV_EINVAL : (c->max_conns_per_ip = (int)n, 0);
    else if (!strcmp(key, "conn_limit_exempt")) rc = config_parse_addr_set(&c->conn_limit_exempt, v);
    else if (!strcmp(key, "trusted_proxies")) rc = config_parse_addr_set(&c->trusted_proxies, v);
    else if (!strcmp(key, "max_body")) rc = parse_int(v, 1024, 1L << 30, &n) ? DV_EINVAL : (c->max_body = (size_t)n, 0);
    else if (!strcmp(key, "max_header")) rc = parse_int(v, 4096, 1L << 20, &n) ? DV_EINVAL : (c->max_header = (size_t)n, 0);
    else if (!strcmp(key, "access_log")) rc = set_str(c->access_log, sizeof c->access_log, v);
    else if (!strcmp(key, "localedir")) rc = set_str(c->locale_dir, sizeof c->locale_dir, v);
    else if (!strcmp(key, "datadir")) rc = set_str(c->data_dir, sizeof c->data_dir, v);
    else if (!strcmp(key, "secure_cookies")) rc = parse_int(v, 0, 1, &n) ? DV_EINVAL : (c->secure_cookies = (int)n, 0);
    else if (!strcmp(key, "sync")) rc = (!strcmp(v, "full") || !strcmp(v, "normal")) ? (c->sync_full = !strcmp(v, "full"), 0) : DV_EINVAL;
    else if (!strcmp(key, "hash_concurrency")) rc = parse_int(v, 1, 64, &n) ? DV_EINVAL : (c->hash_concurrency = (int)n, 0);
    else if (!strcmp(key, "session_hours")) rc = parse_int(v, 1, 24 * 30, &n) ? DV_EINVAL : (c->session_hours = (int)n, 0);
    else if (!strcmp(key, "smtp_url")) rc = (!strncmp(v, "smtp://", 7) || !strncmp(v, "smtps://", 8)) ? set_str(c->smtp_url, sizeof c->smtp_url, v) : DV_EINVAL;
    else if (!strcmp(key, "mail_from")) rc = is_email(v) ? set_str(c->mail_from, sizeof c->mail_from, v) : DV_EINVAL;
    else if (!strcmp(key, "portal_name")) rc = *v ? set_str(c->portal_name, sizeof c->portal_name, v) : DV_EINVAL;
    else if (!strcmp(key, "portal_name_en")) rc = *v ? set_str(c->portal_name_en, sizeof c->portal_name_en, v) : DV_EINVAL;
    else if (!strcmp(key, "base_url")) rc = set_base_url(c->base_url, sizeof c->base_url, v);
    else if (!strcmp(key, "remind_days")) rc = parse_int(v, 0, 60, &n) ? DV_EINVAL : (c->remind_days_before = (int)n, 0);
    else if (!set_legal(&c->legal, key, v, &rc)) {
        snprintf(err, errlen, "unknown setting '%s'", key);
        return DV_EINVAL;
    }
    if (rc) snprintf(err, errlen, "bad value for '%s': '%s'", key, v);
    return rc;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
    return s;
}

int config_load_file(struct dv_config *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read config file %s", path);
        return DV_EIO;
    }
    char line[1024];
    int lineno = 0, rc = DV_OK;
    while (rc == DV_OK && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            rc = DV_EINVAL;
            break;
        }
        *eq = '\0';
        char msg[256];
        rc = config_set(c, trim(s), trim(eq + 1), msg, sizeof msg);
        if (rc) snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
    }
    fclose(f);
    return rc;
}

static const char *const env_keys[] = {
    "db", "listen", "threads", "workers", "timeout", "head_timeout", "max_conns_per_ip",
    "conn_limit_exempt", "trusted_proxies", "max_body", "max_header", "access_log", "localedir", "datadir",
    "secure_cookies", "sync", "session_hours", "hash_concurrency", "portal_name", "portal_name_en",
    "base_url",
    "smtp_url", "mail_from", "remind_days", "portal_owner", "portal_owner_en", "portal_responsible",
    "portal_responsible_en", "portal_licence", "portal_address", "portal_phone", "portal_email",
};

void config_load_env(struct dv_config *c)
{
    for (size_t i = 0; i < sizeof env_keys / sizeof *env_keys; i++) {
        char name[64] = "DANVAN_";
        for (size_t j = 0; env_keys[i][j] && j < 50; j++)
            name[7 + j] = (char)toupper((unsigned char)env_keys[i][j]);
        const char *v = getenv(name);
        char err[256];
        if (v && *v && config_set(c, env_keys[i], v, err, sizeof err))
            fprintf(stderr, "danvan: ignoring %s: %s\n", name, err);
    }
}

/* The portal's settings as made current by config_activate (written once at start-up,
 * before the server threads exist; read-only afterwards). */
static char active_portal_name[256] = DEFAULT_PORTAL_NAME;
static char active_portal_name_en[256] = DEFAULT_PORTAL_NAME_EN;
static char active_base_url[256] = DEFAULT_BASE_URL;
static char active_smtp_url[256] = "smtp://127.0.0.1:25";
static char active_mail_from[256] = "no-reply@danvan.local";
static int active_remind_days = DEFAULT_REMIND_DAYS;
static struct dv_portal_legal active_legal = DEFAULT_LEGAL;

void config_activate(const struct dv_config *c)
{
    snprintf(active_portal_name, sizeof active_portal_name, "%s", c->portal_name);
    snprintf(active_portal_name_en, sizeof active_portal_name_en, "%s", c->portal_name_en);
    snprintf(active_base_url, sizeof active_base_url, "%s", c->base_url);
    snprintf(active_smtp_url, sizeof active_smtp_url, "%s", c->smtp_url);
    snprintf(active_mail_from, sizeof active_mail_from, "%s", c->mail_from);
    active_remind_days = c->remind_days_before;
    active_legal = c->legal;
}

const char *config_portal_name(void)
{
    return active_portal_name;
}

const char *config_portal_name_en(void)
{
    return active_portal_name_en;
}

const char *config_base_url(void)
{
    return active_base_url;
}

const char *config_smtp_url(void)
{
    return active_smtp_url;
}

const char *config_mail_from(void)
{
    return active_mail_from;
}

int config_remind_days_before(void)
{
    return active_remind_days;
}

const struct dv_portal_legal *config_portal_legal(void)
{
    return &active_legal;
}
