/* org_fixture.h - a temporary SQLite store with a small tree of units, for test_user.c and
 * test_access.c:  province P ─┬─ commune A
 *                             ├─ commune B
 *                             └─ commission C ─ office D        other province Q */
#ifndef DV_TEST_ORG_FIXTURE_H
#define DV_TEST_ORG_FIXTURE_H

#include "core/arena.h"
#include "db/db.h"
#include "org/unit_tree.h"
#include "org/user_store.h"
#include "temp_store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
    int64_t P, A, B, C, D, Q;
};

static int64_t fx_unit(struct fx *f, const char *code, const char *name, const char *type, int64_t parent)
{
    dv_stmt *st = db_prepare(f->db, "INSERT INTO units(code, name, name_fold, type, valid_from) VALUES (?1, ?2, ?2, ?3, '2000-01-01')");
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, type);
    if (db_exec(st) != 0) return 0;
    int64_t id = db_last_id(f->db);
    if (parent) {
        st = db_prepare(f->db, "INSERT INTO unit_links(child_id, parent_id, valid_from) VALUES (?1, ?2, '2000-01-01')");
        db_bind_int(st, 1, id);
        db_bind_int(st, 2, parent);
        if (db_exec(st) != 0) return 0;
    }
    unit_tree_invalidate(); /* plain SQL bypasses unit_tree_commit */
    return id;
}

/* A user of commission C with the given role (tests of the stores that check roles). */
static inline struct dv_user fx_user(struct fx *f, const char *name, enum dv_role role)
{
    struct user_input in = {.username = name, .full_name = name, .unit_id = f->C, .role = role};
    int64_t id = 0;
    if (user_create(f->db, NULL, NULL, &in, "long enough password", &id) != 0) id = 0;
    return (struct dv_user){.id = id, .username = name, .full_name = name, .unit_id = f->C,
                            .scope_unit_id = f->C, .role = role, .lang = "vi"};
}

static int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (TEMP_STORE_OPEN(f, "org", 1)) return -1;
    f->a = arena_new();
    f->P = fx_unit(f, "96", "Tỉnh P", "province", 0);
    f->A = fx_unit(f, "0001", "Xã A", "commune", f->P);
    f->B = fx_unit(f, "0002", "Xã B", "commune", f->P);
    f->C = fx_unit(f, "C", "Ban Dân vận", "party_commission", f->P);
    f->D = fx_unit(f, "D", "Phòng D", "department", f->C);
    f->Q = fx_unit(f, "97", "Tỉnh Q", "province", 0);
    if (!f->P || !f->A || !f->B || !f->C || !f->D || !f->Q) return -1;
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    arena_free(f->a);
    TEMP_STORE_REMOVE(f);
    free(f);
    return 0;
}

#endif
