/* prefill_store.c - the SQL of what a report keeps of its pre-filled values
 * (report_prefill, 0027_prefill.sql); they are written with the report's values by
 * report_store.c in the save's own transaction. */
#include "report/prefill.h"

#include "core/err.h"
#include "db/store_util.h"
#include "report/report_store_internal.h"

#include <stdlib.h>
#include <string.h>

static void row_fill(dv_arena *a, dv_stmt *st, void *item)
{
    struct report_prefill_row *x = item;
    x->indicator_id = db_col_int(st, 0);
    const char *t = db_col_text(st, 1);
    x->computed = t ? strtod(t, NULL) : 0;
    x->derivation = arena_strdup(a, db_col_text(st, 2));
    x->note = db_col_text(st, 3) ? arena_strdup(a, db_col_text(st, 3)) : NULL;
}

int report_prefill_rows(dv_db *db, dv_arena *a, int64_t report_id, struct report_prefill_row **out, size_t *n)
{
    int rc = 0;
    *out = rstore_collect_by_id(db, a,
                                "SELECT indicator_id, computed, derivation, note FROM report_prefill WHERE report_id = ?1",
                                report_id, sizeof **out, row_fill, n, &rc);
    return rc;
}

int report_prefill_write(dv_db *db, int64_t report_id, int is_new, const struct report_prefill_row *rows, size_t n)
{
    int rc;
    if (!is_new && (rc = rstore_exec(db, "DELETE FROM report_prefill WHERE report_id = ?1", RINT(report_id))))
        return rc;
    if (!n) return 0;
    dv_stmt *st = db_prepare(db, "INSERT INTO report_prefill (report_id, indicator_id, computed, derivation, note) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return DV_EDB;
    for (size_t i = 0; i < n; i++) {
        db_bind_int(st, 1, report_id);
        db_bind_int(st, 2, rows[i].indicator_id);
        db_bind_double(st, 3, rows[i].computed);
        db_bind_text(st, 4, rows[i].derivation ? rows[i].derivation : "");
        db_bind_text(st, 5, rows[i].note && *rows[i].note ? rows[i].note : NULL);
        if ((rc = db_exec(st))) return rc;
    }
    return 0;
}
