/* config.h - settings from defaults, a config file, DANVAN_* environment variables and flags. */
#ifndef DV_CONFIG_H
#define DV_CONFIG_H

#include <stddef.h>

/* What Decree 42/2022/NĐ-CP asks a state portal to show about itself (the public footer and
 * the About/Contact pages). Vietnamese values, with English names for /en/about. */
struct dv_portal_legal {
    char owner[256];          /* portal_owner: the agency that owns the portal */
    char owner_en[256];       /* portal_owner_en: its English name */
    char responsible[256];    /* portal_responsible: who is responsible for the content */
    char responsible_en[256]; /* portal_responsible_en */
    char licence[256];        /* portal_licence: the licence, "" when the portal needs none */
    char address[256];        /* portal_address */
    char phone[64];           /* portal_phone */
    char email[256];          /* portal_email */
};

/* IPv4 addresses and networks (host byte order): an address a is in the set when
 * (a & mask[i]) == net[i] for some i. */
#define DV_ADDR_SET_MAX 16
struct dv_addr_set {
    int n;
    unsigned net[DV_ADDR_SET_MAX];
    unsigned mask[DV_ADDR_SET_MAX];
};

struct dv_config {
    char db[512];          /* DANVAN_DB, --db: the SQLite file */
    char host[64];         /* DANVAN_LISTEN, --listen HOST:PORT */
    int port;
    int threads;           /* DANVAN_THREADS: I/O threads, 0 = number of usable cores */
    int workers;           /* DANVAN_WORKERS: threads for writes and slow pages, 0 = 64 */
    int conn_timeout_s;    /* DANVAN_TIMEOUT */
    int head_timeout_s;    /* DANVAN_HEAD_TIMEOUT: seconds a request head may take to arrive */
    int max_conns_per_ip;  /* DANVAN_MAX_CONNS_PER_IP: open connections per client address, 0 = no limit */
    struct dv_addr_set conn_limit_exempt; /* DANVAN_CONN_LIMIT_EXEMPT: addresses it does not apply to */
    struct dv_addr_set trusted_proxies; /* DANVAN_TRUSTED_PROXIES: reverse proxies whose
                                           X-Forwarded-For names the client (none by default) */
    size_t max_body;       /* DANVAN_MAX_BODY bytes */
    size_t max_header;     /* DANVAN_MAX_HEADER bytes */
    char access_log[512];  /* DANVAN_ACCESS_LOG: path, "-" or "off" */
    char locale_dir[512];  /* DANVAN_LOCALEDIR */
    char data_dir[512];    /* DANVAN_DATADIR: where vn-admin-units-2025.tsv lives */
    int secure_cookies;    /* DANVAN_SECURE_COOKIES=1 behind TLS */
    int sync_full;         /* DANVAN_SYNC=full */
    int session_hours;     /* DANVAN_SESSION_HOURS */
    int hash_concurrency;  /* DANVAN_HASH_CONCURRENCY: password hashes (64 MiB each) running at once */
    char smtp_url[256];    /* DANVAN_SMTP_URL: where "send this article" mail goes */
    char mail_from[256];   /* DANVAN_MAIL_FROM: the sender address of that mail */
    char portal_name[256]; /* DANVAN_PORTAL_NAME: the public portal's name */
    char portal_name_en[256]; /* DANVAN_PORTAL_NAME_EN: its English form (English pages) */
    char base_url[256];    /* DANVAN_BASE_URL: absolute URL prefix for canonical links, feeds */
    int remind_days_before; /* DANVAN_REMIND_DAYS: e-mail reminders this many days before a deadline */
    struct dv_portal_legal legal; /* DANVAN_PORTAL_OWNER, … */
};

void config_defaults(struct dv_config *c);
/* Apply "key = value" lines of a file (keys as the env names without DANVAN_, lower case). */
int config_load_file(struct dv_config *c, const char *path, char *err, size_t errlen);
void config_load_env(struct dv_config *c);
/* Parses "127.0.0.1 10.0.0.0/8, 192.168.1.7" (spaces or commas; "none" for the empty set). */
int config_parse_addr_set(struct dv_addr_set *set, const char *v);
/* 1 when the IPv4 address a (host byte order) is in the set. */
int config_addr_in_set(const struct dv_addr_set *set, unsigned a);
/* One setting by key ("db", "listen", …); 0 ok, DV_EINVAL with a message. */
int config_set(struct dv_config *c, const char *key, const char *value, char *err, size_t errlen);

/* The settings the public portal reads at request time: config_activate(cfg) at start-up
 * makes them current for the process; before that the getters give the defaults.
 * config_base_url() never ends with '/'. */
void config_activate(const struct dv_config *c);
const char *config_portal_name(void);
const char *config_portal_name_en(void); /* "Ca Mau Mass Mobilization Commission Portal" */
const char *config_base_url(void);
const char *config_smtp_url(void);   /* "smtp://127.0.0.1:25" */
const char *config_mail_from(void);  /* "no-reply@danvan.local" */
int config_remind_days_before(void); /* 3 */
const struct dv_portal_legal *config_portal_legal(void);

#endif
