/* dissem_demo_store.c - the lookups the dissemination demo (dissem_demo.c) makes: a unit
 * by code (closed ones too), a document of the registry by its code, a regime by code. */
#include "demo/dissem_demo.h"

#include "core/err.h"
#include "db/db.h"

static int64_t one_id(dv_db *db, const char *sql, const char *text)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return 0;
    db_bind_text(st, 1, text);
    int64_t id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return id;
}

int64_t dissem_demo_unit(dv_db *db, const char *code)
{
    return one_id(db, "SELECT id FROM units WHERE code = ?1 ORDER BY valid_from DESC LIMIT 1", code);
}

int64_t dissem_demo_document(dv_db *db, const char *code)
{
    return one_id(db, "SELECT id FROM documents WHERE code = ?1 ORDER BY issued_on LIMIT 1", code);
}

int64_t dissem_demo_regime(dv_db *db, const char *code)
{
    return one_id(db, "SELECT id FROM regimes WHERE code = ?1", code);
}
