/* config.h - settings from defaults, a config file, DANVAN_* environment variables and flags. */
#ifndef DV_CONFIG_H
#define DV_CONFIG_H

#include <stddef.h>

struct dv_config {
    char db[512];          /* DANVAN_DB, --db: the SQLite file */
    char host[64];         /* DANVAN_LISTEN, --listen HOST:PORT */
    int port;
    int threads;           /* DANVAN_THREADS: 0 = number of cores */
    int conn_timeout_s;    /* DANVAN_TIMEOUT */
    size_t max_body;       /* DANVAN_MAX_BODY bytes */
    size_t max_header;     /* DANVAN_MAX_HEADER bytes */
    char access_log[512];  /* DANVAN_ACCESS_LOG: path, "-" or "off" */
    char locale_dir[512];  /* DANVAN_LOCALEDIR */
    char data_dir[512];    /* DANVAN_DATADIR: where vn-admin-units-2025.tsv lives */
    int secure_cookies;    /* DANVAN_SECURE_COOKIES=1 behind TLS */
    int sync_full;         /* DANVAN_SYNC=full */
    int session_hours;     /* DANVAN_SESSION_HOURS */
};

void config_defaults(struct dv_config *c);
/* Apply "key = value" lines of a file (keys as the env names without DANVAN_, lower case). */
int config_load_file(struct dv_config *c, const char *path, char *err, size_t errlen);
void config_load_env(struct dv_config *c);
/* One setting by key ("db", "listen", …); 0 ok, DV_EINVAL with a message. */
int config_set(struct dv_config *c, const char *key, const char *value, char *err, size_t errlen);

#endif
