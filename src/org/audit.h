/* audit.h - the audit log: who changed which record, when, and what changed.
 * Callers write the audit row inside the same transaction as the change. */
#ifndef DV_AUDIT_H
#define DV_AUDIT_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

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

/* Finish a write transaction with its audit row: when rc is 0, audit_write(), then commit;
 * on any error roll back. Returns the outcome. */
int audit_tx_end(dv_db *db, int rc, const struct dv_user *actor, const char *ip, const char *action,
                 const char *entity, int64_t entity_id, const struct audit_change *ch, size_t n);

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

/* The audit log page's filter: every member may be NULL/0. from/to are ISO UTC instants
 * (at >= from, at < to). */
struct audit_filter {
    const char *entity;
    int64_t entity_id;
    const char *actor;
    const char *action;
    const char *from, *to;
    int64_t before_id;
};
int audit_list_filtered(dv_db *db, dv_arena *a, const struct audit_filter *f, size_t limit,
                        struct audit_entry **out, size_t *n);

/* The address of the request this thread is answering (set per request by the request
 * hook, copied): what audit_write records when its caller passes ip NULL, so that every
 * action taken through the web - the portal's too - keeps its address. NULL clears it. */
void audit_request_addr(const char *ip);

/* How the audit log names a record of an area and links it (audit_ref.c): each area
 * registers its record kinds at start-up. describe may be NULL (the label and "#id"); it
 * fills *label (the record's name) and *href, or returns non-zero when it cannot. */
typedef int (*audit_describe_fn)(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href);
void audit_kind_add(const char *entity, const char *label_msgid, const char *href_fmt, audit_describe_fn describe);
/* The registered kind of entity: its translated label (the code when unknown), and the
 * record's name and link (both NULL when none). */
const char *audit_kind_label(const char *entity);
void audit_record_describe(dv_db *db, dv_arena *a, const char *entity, int64_t id, const char **name,
                           const char **href);
/* The registered kinds, in registration order: the code of the i-th, NULL past the end. */
const char *audit_kind_code(size_t i);

#endif
