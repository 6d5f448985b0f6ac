/* audit_store.c - writing and reading the audit log. Changes are stored as a JSON object
 * {"field": [old, new]} built with jansson; the caller owns the transaction. */
#include "org/audit.h"

#include "core/err.h"
#include "core/log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SQL_AUDIT_INSERT =
    "INSERT INTO audit_log(user_id, actor, action, entity, entity_id, changes, ip) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char *SQL_AUDIT_FILTER =
    "SELECT id, at, actor, action, entity, entity_id, changes, ip FROM audit_log "
    "WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2) "
    "AND (?3 IS NULL OR actor = ?3) AND (?4 = 0 OR id < ?4) AND (?6 IS NULL OR action = ?6) "
    "AND (?7 IS NULL OR at >= ?7) AND (?8 IS NULL OR at < ?8) "
    "ORDER BY id DESC LIMIT ?5";

static _Thread_local char request_ip[64];

void audit_request_addr(const char *ip)
{
    if (!ip) {
        request_ip[0] = 0;
        return;
    }
    snprintf(request_ip, sizeof request_ip, "%s", ip);
}

static int same(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

int audit_write_named(dv_db *db, int64_t user_id, const char *actor_name, const char *ip,
                      const char *action, const char *entity, int64_t entity_id,
                      const struct audit_change *changes, size_t n)
{
    char *json = NULL;
    if (n) {
        json_t *obj = json_object();
        for (size_t i = 0; i < n; i++) {
            if (same(changes[i].old_value, changes[i].new_value)) continue;
            json_t *pair = json_array();
            json_array_append_new(pair, jstr(changes[i].old_value));
            json_array_append_new(pair, jstr(changes[i].new_value));
            json_object_set_new(obj, changes[i].field, pair);
        }
        if (json_object_size(obj)) json = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(obj);
    }
    dv_stmt *st = db_prepare(db, SQL_AUDIT_INSERT);
    if (!st) {
        free(json);
        return DV_EDB;
    }
    if (user_id > 0) db_bind_int(st, 1, user_id);
    else db_bind_null(st, 1);
    db_bind_text(st, 2, actor_name ? actor_name : "system");
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, entity);
    if (entity_id > 0) db_bind_int(st, 5, entity_id);
    else db_bind_null(st, 5);
    db_bind_text(st, 6, json);
    db_bind_text(st, 7, ip ? ip : request_ip[0] ? request_ip : NULL);
    int rc = db_exec(st);
    free(json);
    if (rc < 0) {
        log_error("audit: cannot write %s %s", action, entity);
        return rc;
    }
    return DV_OK;
}

int audit_write(dv_db *db, const struct dv_user *actor, const char *ip, const char *action,
                const char *entity, int64_t entity_id, const struct audit_change *changes, size_t n)
{
    return audit_write_named(db, actor ? actor->id : 0, actor ? actor->username : "cli", ip, action,
                             entity, entity_id, changes, n);
}

int audit_list(dv_db *db, dv_arena *a, const char *entity, int64_t entity_id, const char *actor,
               int64_t before_id, size_t limit, struct audit_entry **out, size_t *n)
{
    struct audit_filter f = {entity, entity_id, actor, NULL, NULL, NULL, before_id};
    return audit_list_filtered(db, a, &f, limit, out, n);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

int audit_list_filtered(dv_db *db, dv_arena *a, const struct audit_filter *f, size_t limit,
                        struct audit_entry **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (limit == 0 || limit > 1000) limit = 1000;
    dv_stmt *st = db_prepare(db, SQL_AUDIT_FILTER);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, nonempty(f->entity));
    db_bind_int(st, 2, f->entity_id > 0 ? f->entity_id : 0);
    db_bind_text(st, 3, nonempty(f->actor));
    db_bind_int(st, 4, f->before_id > 0 ? f->before_id : 0);
    db_bind_int(st, 5, (int64_t)limit);
    db_bind_text(st, 6, nonempty(f->action));
    db_bind_text(st, 7, nonempty(f->from));
    db_bind_text(st, 8, nonempty(f->to));
    struct audit_entry *list = arena_alloc(a, limit * sizeof *list);
    size_t k = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW && k < limit) {
        struct audit_entry *e = &list[k++];
        e->id = db_col_int(st, 0);
        e->at = arena_strdup(a, db_col_text(st, 1));
        e->actor = arena_strdup(a, db_col_text(st, 2));
        e->action = arena_strdup(a, db_col_text(st, 3));
        e->entity = arena_strdup(a, db_col_text(st, 4));
        e->entity_id = db_col_int(st, 5);
        e->changes = arena_strdup(a, db_col_text(st, 6));
        e->ip = arena_strdup(a, db_col_text(st, 7));
    }
    db_done(st);
    if (rc < 0) return rc;
    *out = list;
    *n = k;
    return DV_OK;
}

int audit_tx_end(dv_db *db, int rc, const struct dv_user *actor, const char *ip, const char *action,
                 const char *entity, int64_t entity_id, const struct audit_change *ch, size_t n)
{
    if (rc == 0) rc = audit_write(db, actor, ip, action, entity, entity_id, ch, n);
    if (rc == 0) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}
