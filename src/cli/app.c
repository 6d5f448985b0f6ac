/* app.c - start-up shared by the commands: store, secret, i18n, routes, serving until a signal. */
#include "directive/cadre_pages.h"
#include "directive/session_pages.h"
#include "cli/cli.h"

#include "citizen/citizen.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/csrf.h"
#include "http/http.h"
#include "org/auth.h"
#include "org/org.h"
#include "org/session_store.h"
#include "org/unit_tree.h"
#include "org/user_store.h"
#include "portal/desk.h"
#include "portal/portal.h"
#include "report/reminder/reminder.h"
#include "report/report.h"
#include "http/page.h"
#include "report/report_routes.h"
#include "directive/directive_pages.h"
#include "review/review_routes.h"
#include "site/site.h"

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The CSRF key survives restarts so that open forms stay valid; made once per database. */
static int load_secret(dv_db *db)
{
    char hex[65], stored[65];
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    if (db_setting_keep(db, "csrf_key", hex, stored, sizeof stored)) return DV_EDB;
    size_t len = 0;
    int rc = sodium_hex2bin(key, sizeof key, stored, 64, NULL, &len, NULL);
    if (rc || len != sizeof key) return DV_EDB;
    csrf_set_key(key, sizeof key);
    return DV_OK;
}

int app_open(const struct dv_config *cfg, dv_db **out)
{
    *out = NULL;
    if (sodium_init() < 0) {
        log_error("libsodium failed to initialise");
        return DV_EIO;
    }
    if (i18n_init(cfg->locale_dir[0] ? cfg->locale_dir : NULL) != 0)
        log_warn("translations not found; the interface will be in English");
    auth_set_session_hours(cfg->session_hours);
    password_set_concurrency(cfg->hash_concurrency);
    config_activate(cfg);
    struct db_options o = {.path = cfg->db, .busy_ms = 5000, .sync_full = cfg->sync_full};
    db_thread_config(&o);
    dv_db *db = db_thread();
    if (!db) return DV_EDB;
    int rc = DV_OK;
    if (db_detect_read_only(db)) /* a replica: its schema is the primary's */
        log_info("db: the store is read-only (a replica): serving pages, refusing changes");
    else rc = db_migrate(db);
    if (rc == DV_OK) rc = load_secret(db);
    if (rc == DV_OK) *out = db;
    return rc;
}

void app_routes(void)
{
    router_clear();
    page_menu_clear();
    site_routes_register();
    org_routes_register();
    portal_routes_register();
    report_routes_register();
    directive_routes_register();
    cadre_routes_register();
    dissem_routes_register();
    review_routes_register();
    citizen_routes_register();
    http_set_request_hook(auth_request_hook);
}

int app_serve(const struct dv_config *cfg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* the server threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);

    app_routes();
    struct dv_server_options so = {
        .host = cfg->host, .port = cfg->port, .threads = cfg->threads, .workers = cfg->workers,
        .conn_timeout_s = cfg->conn_timeout_s, .head_timeout_s = cfg->head_timeout_s,
        .max_conns_per_ip = cfg->max_conns_per_ip, .conn_limit_exempt = &cfg->conn_limit_exempt,
        .trusted_proxies = &cfg->trusted_proxies,
        .max_body = cfg->max_body,
        .max_header = cfg->max_header, .access_log = cfg->access_log,
        .secure_cookies = cfg->secure_cookies,
    };
    if (db_thread_start_checkpointer()) log_warn("db: no checkpoint thread; commits will checkpoint");
    struct db_options lo = {.path = cfg->db};
    /* a hot standby cannot LISTEN: a replica sees the primary's changes by its counters */
    if (!db_read_only() && db_listen_start(&lo))
        log_warn("db: no LISTEN thread; other servers' changes show within seconds");
    dv_server *srv = NULL;
    if (server_start(&so, &srv)) {
        db_listen_stop();
        db_checkpointer_stop();
        return 1;
    }
    if (!db_read_only()) reminder_thread_start(); /* e-mail digests, hourly (report/reminder.h) */
    printf("danvan is serving on http://%s:%d/\n", cfg->host, cfg->port);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    log_info("received signal %d: finishing requests in flight", sig);
    server_stop(srv, 10);
    unsigned long long saves, batches;
    report_commit_stats(&saves, &batches);
    if (batches)
        log_info("reports: %llu saves committed in %llu batches (%.1f a batch)", saves, batches,
                 (double)saves / (double)batches);
    reminder_thread_stop(); /* joins it before the connections close */
    portal_shutdown();
    unit_tree_free_all();
    session_cache_clear();
    db_listen_stop();
    db_checkpointer_stop();
    db_thread_close_all();
    router_clear();
    log_info("stopped");
    return 0;
}
