/* audit.h - the audit log: who changed which record, when, and what changed.
 * Callers write the audit row inside the same transaction as the change. */
#ifndef DV_AUDIT_H
#define DV_AUDIT_H

#include "core/arena.h"
#include "db/db.h"
#include "org/user.h"

#include <stddef.h>
#include <stdint.h>

struct audit_change {
    const char *field;
    const char *old_value; /* NULL = absent */
    const char *new_value;
};

/* actor NULL means the command line ("cli"). Only fields whose values differ are kept. */
int audit_write(dv_db *db, const struct dv_user *actor, const char *ip, const char *action,
                const char *entity, int64_t entity_id, const struct audit_change *changes, size_t n);

/* The same with an explicit actor: user_id 0 = none (e.g. a failed sign-in by name). */
int audit_write_named(dv_db *db, int64_t user_id, const char *actor_name, const char *ip,
                      const char *action, const char *entity, int64_t entity_id,
                      const struct audit_change *changes, size_t n);

struct audit_entry {
    int64_t id;
    const char *at;        /* ISO UTC */
    const char *actor;
    const char *action;
    const char *entity;
    int64_t entity_id;
    const char *changes;   /* JSON */
    const char *ip;
};
/* Newest first; filters may be NULL/0. */
int audit_list(dv_db *db, dv_arena *a, const char *entity, int64_t entity_id, const char *actor,
               int64_t before_id, size_t limit, struct audit_entry **out, size_t *n);

#endif
