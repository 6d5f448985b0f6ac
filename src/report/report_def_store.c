/* report_def_store.c - the SQL of a regime's definition as entry needs it: the regime,
 * its indicators with their disaggregation options, its sections and its rules
 * (report_def_read; report_def_cache.c keeps the result in memory). */
#include "report/report.h"

#include "core/err.h"
#include "db/store_util.h"

#include <string.h>

static const char *SQL_DEF_REGIME =
    "SELECT id, code, name, frequency, receiver_unit_id, grace_days FROM regimes WHERE id = ?1";
static const char *SQL_DEF_INDICATORS =
    "SELECT id, code, name, type, unit_of_measure, required, COALESCE(category_set_id, 0), prefill_source "
    "FROM indicators WHERE regime_id = ?1 ORDER BY position, id";
/* options of every set the regime uses, in one query */
static const char *SQL_DEF_OPTIONS =
    "SELECT o.set_id, o.id, o.code, o.name FROM category_options o WHERE o.set_id IN "
    "(SELECT category_set_id FROM indicators WHERE regime_id = ?1) ORDER BY o.set_id, o.position, o.id";
static const char *SQL_DEF_SECTIONS =
    "SELECT position, title, guidance FROM regime_sections WHERE regime_id = ?1 ORDER BY position";
static const char *SQL_DEF_RULES =
    "SELECT left_code, op, right_operand, message FROM indicator_rules WHERE regime_id = ?1 ORDER BY id";

static enum report_ind_type type_of(const char *s)
{
    if (!s) return RIT_TEXT;
    if (!strcmp(s, "int")) return RIT_INT;
    if (!strcmp(s, "decimal")) return RIT_DECIMAL;
    if (!strcmp(s, "percent")) return RIT_PERCENT;
    if (!strcmp(s, "bool")) return RIT_BOOL;
    if (!strcmp(s, "date")) return RIT_DATE;
    return RIT_TEXT;
}

static void regime_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct report_def *out = item;
    out->regime_id = db_col_int(st, 0);
    out->code = arena_strdup(a, db_col_text(st, 1));
    out->name = arena_strdup(a, db_col_text(st, 2));
    out->frequency = arena_strdup(a, db_col_text(st, 3));
    out->receiver_unit_id = db_col_int(st, 4);
    out->grace_days = (int)db_col_int(st, 5);
}

struct ind_row {
    struct report_def_indicator d;
    int64_t set; /* its category set, 0 = none */
};

static void ind_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct ind_row *x = item;
    memset(x, 0, sizeof *x);
    x->d.id = db_col_int(st, 0);
    x->d.code = arena_strdup(a, db_col_text(st, 1));
    x->d.name = arena_strdup(a, db_col_text(st, 2));
    x->d.type_code = arena_strdup(a, db_col_text(st, 3));
    x->d.type = type_of(x->d.type_code);
    x->d.unit_of_measure = arena_strdup(a, db_col_text(st, 4));
    x->d.required = (int)db_col_int(st, 5);
    x->set = db_col_int(st, 6);
    x->d.prefill_source = arena_strdup(a, db_col_text(st, 7));
}

struct opt_row {
    int64_t set;
    struct report_def_option o;
};

static void opt_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct opt_row *x = item;
    x->set = db_col_int(st, 0);
    x->o.id = db_col_int(st, 1);
    x->o.code = arena_strdup(a, db_col_text(st, 2));
    x->o.name = arena_strdup(a, db_col_text(st, 3));
}

static void section_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct report_def_section *s = item;
    s->position = (int)db_col_int(st, 0);
    s->title = arena_strdup(a, db_col_text(st, 1));
    s->guidance = arena_strdup(a, db_col_text(st, 2));
}

static void rule_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct report_def_rule *r = item;
    r->left_code = arena_strdup(a, db_col_text(st, 0));
    r->op = arena_strdup(a, db_col_text(st, 1));
    r->right = arena_strdup(a, db_col_text(st, 2));
    r->message = arena_strdup(a, db_col_text(st, 3));
}

/* The indicators in position order, each with the options of its category set. */
static int read_indicators(dv_db *db, dv_arena *a, int64_t regime_id, struct report_def *out)
{
    size_t n, on;
    int rc;
    struct ind_row *rows = rstore_collect_by_id(db, a, SQL_DEF_INDICATORS, regime_id, sizeof *rows, ind_fill, &n, &rc);
    if (rc) return rc;
    struct opt_row *opts = rstore_collect_by_id(db, a, SQL_DEF_OPTIONS, regime_id, sizeof *opts, opt_fill, &on, &rc);
    if (rc) return rc;
    struct report_def_indicator *inds = n ? arena_alloc(a, n * sizeof *inds) : NULL;
    for (size_t i = 0; i < n; i++) {
        inds[i] = rows[i].d;
        if (!rows[i].set) continue;
        size_t cnt = 0;
        for (size_t k = 0; k < on; k++) cnt += opts[k].set == rows[i].set;
        if (!cnt) continue;
        struct report_def_option *o = arena_alloc(a, cnt * sizeof *o);
        size_t j = 0;
        for (size_t k = 0; k < on; k++)
            if (opts[k].set == rows[i].set) o[j++] = opts[k].o;
        inds[i].options = o;
        inds[i].noptions = cnt;
    }
    out->indicators = inds;
    out->nindicators = n;
    return 0;
}

int report_def_read(dv_db *db, dv_arena *a, int64_t regime_id, struct report_def *out)
{
    memset(out, 0, sizeof *out);
    int rc = rstore_get_by_id(db, a, SQL_DEF_REGIME, regime_id, regime_fill, out);
    if (rc) return rc;
    if ((rc = read_indicators(db, a, regime_id, out)) != 0) return rc;
    out->sections = rstore_collect_by_id(db, a, SQL_DEF_SECTIONS, regime_id, sizeof *out->sections, section_fill,
                                         &out->nsections, &rc);
    if (rc) return rc;
    out->rules = rstore_collect_by_id(db, a, SQL_DEF_RULES, regime_id, sizeof *out->rules, rule_fill, &out->nrules, &rc);
    return rc;
}
