/* completeness_store.c - the SQL of completeness and pivots (completeness.h): the dated
 * tree under a unit on a day (with the units merged into it before that day's merger),
 * a period's reports and one indicator's values. */
#include "report/completeness/completeness.h"

#include "core/err.h"
#include "db/store_util.h"

#include <stdlib.h>
#include <string.h>

#define OPEN_AT(al, d) al ".valid_from <= " d " AND (" al ".valid_to IS NULL OR " al ".valid_to > " d ")"

/* The subtree of ?1 on day ?2 and, on a day before a merger into ?1, the predecessors it
 * succeeded (unit_successions with on_date > ?2, open on ?2) as its children with their own
 * subtrees: the history of the units merged into it stays theirs, shown under it. */
static const char *SQL_TREE_AT =
    "WITH RECURSIVE down(id, parent, lvl) AS ("
    "SELECT id, 0, 0 FROM units WHERE id = ?1 UNION ALL "
    "SELECT s.predecessor_id, s.successor_id, 1 FROM unit_successions s JOIN units pu ON pu.id = s.predecessor_id "
    "WHERE s.successor_id = ?1 AND s.on_date > ?2 AND " OPEN_AT("pu", "?2") " UNION ALL "
    "SELECT l.child_id, down.id, down.lvl + 1 FROM down JOIN unit_links l ON l.parent_id = down.id "
    "JOIN units cu ON cu.id = l.child_id "
    "WHERE " OPEN_AT("l", "?2") " AND " OPEN_AT("cu", "?2") " AND down.lvl < 64) "
    "SELECT down.id, down.parent, down.lvl, u.code, u.name, u.type FROM down JOIN units u ON u.id = down.id";

/* num is REAL: read through its text form (db.h has no double accessor). */
static double col_num(dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? strtod(s, NULL) : 0;
}

static void node_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_node *x = item;
    x->id = db_col_int(st, 0);
    x->parent_id = db_col_int(st, 1);
    x->depth = (int)db_col_int(st, 2);
    x->code = arena_strdup(a, db_col_text(st, 3));
    x->name = arena_strdup(a, db_col_text(st, 4));
    x->type = arena_strdup(a, db_col_text(st, 5));
}

static void report_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_report *x = item;
    x->id = db_col_int(st, 0);
    x->unit_id = db_col_int(st, 1);
    x->status = arena_strdup(a, db_col_text(st, 2));
    x->first_submitted_at = arena_strdup(a, db_col_text(st, 3));
    x->submitted_at = arena_strdup(a, db_col_text(st, 4));
}

static void value_row(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    struct compl_value *x = item;
    x->unit_id = db_col_int(st, 0);
    x->num = col_num(st, 1);
}

static void period_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_period *x = item;
    x->id = db_col_int(st, 0);
    x->label = arena_strdup(a, db_col_text(st, 1));
    x->close_start = arena_strdup(a, db_col_text(st, 2));
    x->close_end = arena_strdup(a, db_col_text(st, 3));
}

static void choice_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_choice *x = item;
    x->id = db_col_int(st, 0);
    x->code = arena_strdup(a, db_col_text(st, 1));
    x->name = arena_strdup(a, db_col_text(st, 2));
    x->set_id = db_col_int(st, 3);
}

static void sum_row(dv_arena *a, dv_stmt *st, void *item)
{
    (void)a;
    struct compl_sum *x = item;
    x->unit_id = db_col_int(st, 0);
    x->indicator_id = db_col_int(st, 1);
    /* integers (most values) without the REAL → text → double round trip */
    x->total = db_col_int(st, 3) ? col_num(st, 4) : (double)db_col_int(st, 2);
}

static void year_period_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_year_period *x = item;
    x->id = db_col_int(st, 0);
    x->year = (int)db_col_int(st, 1);
    x->close_end = arena_strdup(a, db_col_text(st, 2));
    x->version = db_col_int(st, 3);
}

int compl_store_tree_at(dv_db *db, dv_arena *a, int64_t root_id, const char *date, struct compl_node **out,
                        size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_TREE_AT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, root_id);
    db_bind_text(st, 2, date);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, node_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_REPORTS =
    "SELECT id, unit_id, status, first_submitted_at, submitted_at FROM reports "
    "WHERE period_id = ?1 AND regime_id = ?2 ORDER BY unit_id";

int compl_store_reports(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id, struct compl_report **out,
                        size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_REPORTS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, regime_id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, report_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_VALUES =
    "SELECT r.unit_id, v.num FROM reports r JOIN report_values v ON v.report_id = r.id "
    "WHERE r.regime_id = (SELECT regime_id FROM periods WHERE id = ?1) AND r.period_id = ?1 "
    "AND r.status IN ('submitted','approved') AND v.indicator_id = ?2 "
    "AND v.option_id = ?3 AND v.num IS NOT NULL ORDER BY r.unit_id";

int compl_store_values(dv_db *db, dv_arena *a, int64_t period_id, int64_t indicator_id, int64_t option_id,
                       struct compl_value **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_VALUES);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    db_bind_int(st, 2, indicator_id);
    db_bind_int(st, 3, option_id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, value_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_PERIODS =
    "SELECT id, label, close_start, close_end FROM periods WHERE regime_id = ?1 ORDER BY close_end, id";

int compl_store_periods(dv_db *db, dv_arena *a, int64_t regime_id, struct compl_period **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_PERIODS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, period_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static int choices(dv_db *db, dv_arena *a, const char *sql, int64_t id, struct compl_choice **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, choice_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_INDICATORS =
    "SELECT id, code, name, COALESCE(category_set_id, 0) FROM indicators WHERE regime_id = ?1 "
    "AND type IN ('int','decimal','percent','bool') ORDER BY position, id";
static const char *SQL_OPTIONS =
    "SELECT id, code, name, set_id FROM category_options WHERE set_id = ?1 ORDER BY position, id";

int compl_store_indicators(dv_db *db, dv_arena *a, int64_t regime_id, struct compl_choice **out, size_t *n)
{
    return choices(db, a, SQL_INDICATORS, regime_id, out, n);
}

int compl_store_options(dv_db *db, dv_arena *a, int64_t set_id, struct compl_choice **out, size_t *n)
{
    return choices(db, a, SQL_OPTIONS, set_id, out, n);
}

static const char *SQL_REGIMES = "SELECT id, code, name, receiver_unit_id FROM regimes WHERE ?1 = ?1 ORDER BY code, id";

int compl_store_regimes(dv_db *db, dv_arena *a, struct compl_choice **out, size_t *n)
{
    return choices(db, a, SQL_REGIMES, 0, out, n);
}

static const char *SQL_FOREST_AT =
    "WITH RECURSIVE down(id, parent, lvl) AS ("
    "SELECT u.id, CAST(0 AS BIGINT), 0 FROM units u WHERE " OPEN_AT("u", "?1")
    " AND NOT EXISTS (SELECT 1 FROM unit_links l WHERE l.child_id = u.id AND " OPEN_AT("l", "?1") ") UNION ALL "
    "SELECT l.child_id, down.id, down.lvl + 1 FROM down JOIN unit_links l ON l.parent_id = down.id "
    "JOIN units cu ON cu.id = l.child_id "
    "WHERE " OPEN_AT("l", "?1") " AND " OPEN_AT("cu", "?1") " AND down.lvl < 64) "
    "SELECT down.id, down.parent, down.lvl, u.code, u.name, u.type FROM down JOIN units u ON u.id = down.id";

int compl_store_forest_at(dv_db *db, dv_arena *a, const char *date, struct compl_node **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_FOREST_AT);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, date);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, node_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_SUMS =
    "SELECT r.unit_id, v.indicator_id, CAST(v.num AS INTEGER), v.num <> CAST(v.num AS INTEGER), v.num FROM reports r "
    "JOIN report_values v ON v.report_id = r.id "
    "WHERE r.regime_id = (SELECT regime_id FROM periods WHERE id = ?1) AND r.period_id = ?1 "
    "AND r.status IN ('submitted','approved') AND v.option_id = 0 AND v.num IS NOT NULL";

int compl_store_sums(dv_db *db, dv_arena *a, int64_t period_id, struct compl_sum **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_SUMS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, period_id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, sum_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

static const char *SQL_PERIODS_YEARS =
    "SELECT p.id, p.year, p.close_end, COALESCE(v.v, 0) FROM periods p "
    "LEFT JOIN compl_period_versions v ON v.period_id = p.id "
    "WHERE p.regime_id = ?1 AND p.year BETWEEN ?2 AND ?3 ORDER BY p.close_end, p.id";

int compl_store_periods_years(dv_db *db, dv_arena *a, int64_t regime_id, int from_year, int to_year,
                              struct compl_year_period **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_PERIODS_YEARS);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, from_year);
    db_bind_int(st, 3, to_year);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, year_period_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}


int compl_store_version(dv_db *db, int64_t *out)
{
    int rc = db_counter_get(db, "reporting_version", out);
    return rc == DV_ENOTFOUND ? 0 : rc;
}

/* ---- the stored tallies of the year table (0018) ---- */

static const char *SQL_TALLIES =
    "SELECT period_id, version, pversion, computed_on, settled, tally FROM compl_tallies "
    "WHERE regime_id = ?1 AND root_id = ?2";

static const char *SQL_TALLY_PUT =
    "INSERT INTO compl_tallies(regime_id, root_id, period_id, version, pversion, computed_on, settled, tally) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(regime_id, root_id, period_id) DO UPDATE SET "
    "version = excluded.version, pversion = excluded.pversion, computed_on = excluded.computed_on, "
    "settled = excluded.settled, tally = excluded.tally";

static void tally_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct compl_tally *x = item;
    x->period_id = db_col_int(st, 0);
    x->version = db_col_int(st, 1);
    x->pversion = db_col_int(st, 2);
    x->computed_on = arena_strdup(a, db_col_text(st, 3));
    x->settled = (int)db_col_int(st, 4);
    size_t len = 0;
    const void *b = db_col_blob(st, 5, &len);
    void *copy = arena_alloc(a, len ? len : 1);
    if (b && len) memcpy(copy, b, len);
    x->blob = copy;
    x->len = b ? len : 0;
}

int compl_store_tallies(dv_db *db, dv_arena *a, int64_t regime_id, int64_t root_id, struct compl_tally **out,
                        size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_stmt *st = db_prepare(db, SQL_TALLIES);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, root_id);
    void *v;
    int rc = rstore_collect(st, a, sizeof **out, tally_row, &v, n);
    if (rc == 0) *out = v;
    return rc;
}

int compl_store_tally_put(dv_db *db, int64_t regime_id, int64_t root_id, const struct compl_tally *t)
{
    dv_stmt *st = db_prepare(db, SQL_TALLY_PUT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, regime_id);
    db_bind_int(st, 2, root_id);
    db_bind_int(st, 3, t->period_id);
    db_bind_int(st, 4, t->version);
    db_bind_int(st, 5, t->pversion);
    db_bind_text(st, 6, t->computed_on);
    db_bind_int(st, 7, t->settled);
    db_bind_blob(st, 8, t->blob, t->len);
    int rc = db_exec(st);
    return rc > 0 ? 0 : rc;
}
