/* expected_store.c - THE EXPECTED SET of a period (see expected.h for the definition): one
 * recursive SQL query over the dated unit links as they were on the period's close_end. */
#include "report/completeness/expected.h"

#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 = period id. Yields unit id, code, name, type, parent on D, deadline; by unit id.
 * The recursion descends from each root (the root of a 'subtree' rule; the root of a
 * 'type' rule: its unit_id or else the receiver) through links valid on D to children
 * open on D. */
#define EXPECTED_CTE                                                                               \
    "WITH RECURSIVE "                                                                              \
    "p(pid, rid, d, recv) AS (SELECT p.id, p.regime_id, p.close_end, r.receiver_unit_id "          \
    "  FROM periods p JOIN regimes r ON r.id = p.regime_id WHERE p.id = ?1), "                     \
    "a(kind, unit_id, unit_type, root) AS (SELECT ra.kind, ra.unit_id, ra.unit_type, "             \
    "  CASE WHEN ra.kind = 'type' THEN COALESCE(ra.unit_id, p.recv) ELSE ra.unit_id END "          \
    "  FROM regime_assignments ra, p WHERE ra.regime_id = p.rid AND ra.valid_from <= p.d "         \
    "  AND (ra.valid_to IS NULL OR p.d < ra.valid_to)), "                                          \
    "down(root, uid) AS (SELECT DISTINCT root, root FROM a WHERE kind IN ('subtree','type') "      \
    "  UNION SELECT down.root, l.child_id FROM down CROSS JOIN p"                                     \
    "  JOIN unit_links l ON l.parent_id = down.uid "                                               \
    "  JOIN units c ON c.id = l.child_id "                                                         \
    "  WHERE l.valid_from <= p.d AND (l.valid_to IS NULL OR p.d < l.valid_to) "                    \
    "  AND c.valid_from <= p.d AND (c.valid_to IS NULL OR p.d < c.valid_to)), "                    \
    "cand(uid) AS (SELECT unit_id FROM a WHERE kind = 'unit' "                                     \
    "  UNION SELECT down.uid FROM down JOIN a ON a.kind = 'subtree' AND a.root = down.root "       \
    "  UNION SELECT down.uid FROM down JOIN a ON a.kind = 'type' AND a.root = down.root "          \
    "  JOIN units t ON t.id = down.uid WHERE down.uid <> down.root AND t.type = a.unit_type) "

static const char *SQL_EXPECTED =
    EXPECTED_CTE
    "SELECT u.id, u.code, u.name, u.type, "
    "  COALESCE((SELECT l.parent_id FROM unit_links l WHERE l.child_id = u.id AND l.valid_from <= p.d "
    "    AND (l.valid_to IS NULL OR p.d < l.valid_to) ORDER BY l.valid_from DESC LIMIT 1), 0), "
    "  COALESCE((SELECT pd.deadline FROM period_deadlines pd WHERE pd.period_id = p.pid "
    "    AND pd.level IN (u.type, '*') ORDER BY pd.level = '*' LIMIT 1), '') "
    "FROM cand CROSS JOIN p CROSS JOIN units u "
    "WHERE u.id = cand.uid AND u.valid_from <= p.d AND (u.valid_to IS NULL OR p.d < u.valid_to) "
    "ORDER BY u.id";

static const char *SQL_PERIOD_EXISTS = "SELECT 1 FROM periods WHERE id = ?1";

static int period_exists(dv_db *db, int64_t period_id)
{
    dv_stmt *st = db_prepare(db, SQL_PERIOD_EXISTS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int expected_units(dv_db *db, dv_arena *a, int64_t period_id, struct expected_unit **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int rc = period_exists(db, period_id);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, SQL_EXPECTED);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    size_t cap = 0;
    struct expected_unit *v = NULL;
    while ((rc = db_step(st)) == DB_ROW) {
        v = arena_grow(a, v, *n, &cap, sizeof *v);
        struct expected_unit *e = &v[(*n)++];
        e->unit_id = db_col_int(st, 0);
        e->code = arena_strdup(a, db_col_text(st, 1));
        e->name = arena_strdup(a, db_col_text(st, 2));
        e->type = arena_strdup(a, db_col_text(st, 3));
        e->parent_id = db_col_int(st, 4);
        const char *dl = db_col_text(st, 5);
        snprintf(e->deadline, sizeof e->deadline, "%s", dl ? dl : "");
    }
    db_done(st);
    if (rc != DB_DONE) {
        *n = 0;
        return DV_EDB;
    }
    *out = v;
    return 0;
}

static const char *SQL_EXPECTED_ONE =
    EXPECTED_CTE
    "SELECT COALESCE((SELECT pd.deadline FROM period_deadlines pd WHERE pd.period_id = p.pid "
    "    AND pd.level IN (u.type, '*') ORDER BY pd.level = '*' LIMIT 1), '') "
    "FROM cand CROSS JOIN p CROSS JOIN units u "
    "WHERE u.id = cand.uid AND cand.uid = ?2 AND u.valid_from <= p.d AND (u.valid_to IS NULL OR p.d < u.valid_to) LIMIT 1";

int expected_is(dv_db *db, int64_t period_id, int64_t unit_id, char deadline_out[11])
{
    if (deadline_out) deadline_out[0] = 0;
    dv_stmt *st = db_prepare(db, SQL_EXPECTED_ONE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, unit_id);
    int rc = db_step(st);
    if (rc == DB_ROW && deadline_out) {
        const char *dl = db_col_text(st, 0);
        snprintf(deadline_out, 11, "%s", dl ? dl : "");
    }
    db_done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : DV_EDB;
}

static const char *SQL_EXPECTED_COUNT =
    EXPECTED_CTE
    "SELECT COUNT(*) FROM cand CROSS JOIN p CROSS JOIN units u "
    "WHERE u.id = cand.uid AND u.valid_from <= p.d AND (u.valid_to IS NULL OR p.d < u.valid_to)";

int expected_count(dv_db *db, int64_t period_id, size_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_EXPECTED_COUNT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    int rc = db_step(st);
    if (rc == DB_ROW) *n = (size_t)db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : DV_EDB;
}

const struct expected_unit *expected_find(const struct expected_unit *v, size_t n, int64_t unit_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].unit_id == unit_id) return &v[mid];
        if (v[mid].unit_id < unit_id) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
