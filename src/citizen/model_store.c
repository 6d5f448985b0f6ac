/* model_store.c - the Dân vận khéo registry in SQL (model.h): models, their photos and
 * files, and the counts that pre-fill report indicators. Each write in a transaction with
 * its audit row; every write also drops the area's cached public pages. */
#include "citizen/model.h"
#include "citizen/citizen_internal.h"

#include "core/clock.h"
#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define MODEL_COLS                                                                                   \
    "m.id, m.kind, m.name, m.unit_id, u.name, m.field, m.year_from, m.year_to, m.method, m.results, " \
    "m.replication, m.status, m.recog_level, m.recog_form, m.recog_decision, m.recog_date, "          \
    "m.registered_on, m.effective_on, m.updated_at, "                                                 \
    "(SELECT min(f.id) FROM dvk_files f WHERE f.model_id = m.id AND f.thumb IS NOT NULL) "
#define SUBTREE                                                                                       \
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON "     \
    "l.parent_id = sub.id WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR ?2 < l.valid_to)) "

static const char *SQL_GET = "SELECT " MODEL_COLS "FROM dvk_models m JOIN units u ON u.id = m.unit_id WHERE m.id = ?1";
static const char *SQL_LIST =
    SUBTREE "SELECT " MODEL_COLS "FROM dvk_models m JOIN units u ON u.id = m.unit_id "
            "WHERE (?1 = 0 OR m.unit_id IN (SELECT id FROM sub)) AND (?3 IS NULL OR m.field = ?3) "
            "ORDER BY m.id DESC LIMIT ?4";
static const char *SQL_INSERT =
    "INSERT INTO dvk_models(kind, name, unit_id, field, year_from, year_to, method, results, replication, status, "
    "recog_level, recog_form, recog_decision, recog_date, registered_on, effective_on) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char *SQL_UPDATE =
    "UPDATE dvk_models SET kind = ?2, name = ?3, unit_id = ?4, field = ?5, year_from = ?6, year_to = ?7, "
    "method = ?8, results = ?9, replication = ?10, status = ?11, recog_level = ?12, recog_form = ?13, "
    "recog_decision = ?14, recog_date = ?15, effective_on = CASE WHEN ?11 = 'effective' THEN "
    "COALESCE(effective_on, ?16) ELSE NULL END, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_STATUS = "SELECT status FROM dvk_models WHERE id = ?1";
static const char *SQL_UNIT = "SELECT 1 FROM units WHERE id = ?1";
static const char *SQL_FILE_INSERT =
    "INSERT INTO dvk_files(model_id, name, type, caption, sha256, data, thumb, thumb_type) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char *SQL_FILES =
    "SELECT id, name, type, caption, thumb IS NOT NULL FROM dvk_files WHERE model_id = ?1 ORDER BY id";
static const char *SQL_FILE_GET = "SELECT model_id, type, data, thumb_type, thumb FROM dvk_files WHERE id = ?1";
static const char *SQL_COUNT_REG =
    SUBTREE "SELECT count(*) FROM dvk_models m WHERE (?1 = 0 OR m.unit_id IN (SELECT id FROM sub)) "
            "AND m.registered_on BETWEEN ?3 AND ?4";
static const char *SQL_COUNT_EFF =
    SUBTREE "SELECT count(*) FROM dvk_models m WHERE (?1 = 0 OR m.unit_id IN (SELECT id FROM sub)) "
            "AND m.status = 'effective' AND m.effective_on BETWEEN ?3 AND ?4";

static int one_of(const char *const *codes, const char *s)
{
    for (size_t i = 0; s && codes[i]; i++)
        if (!strcmp(codes[i], s)) return 1;
    return 0;
}

static int input_ok(const struct model_input *in)
{
    return one_of(model_kinds, in->kind) && in->name && *in->name && in->unit_id > 0 &&
           one_of(model_fields, in->field) && one_of(model_statuses, in->status) && in->year_from >= 1990 &&
           in->year_from <= 2100 && (in->year_to == 0 || in->year_to >= in->year_from);
}

static const char *dup_col(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

static void fill_model(dv_arena *a, dv_stmt *st, void *item)
{
    struct dvk_model *m = item;
    m->id = db_col_int(st, 0);
    m->kind = dup_col(a, st, 1);
    m->name = dup_col(a, st, 2);
    m->unit_id = db_col_int(st, 3);
    m->unit_name = dup_col(a, st, 4);
    m->field = dup_col(a, st, 5);
    m->year_from = (int)db_col_int(st, 6);
    m->year_to = (int)db_col_int(st, 7);
    const char **s[] = {&m->method, &m->results, &m->replication, &m->status, &m->recog_level, &m->recog_form,
                        &m->recog_decision, &m->recog_date, &m->registered_on, &m->effective_on, &m->updated_at};
    for (int i = 0; i < 11; i++) *s[i] = dup_col(a, st, 8 + i);
    m->cover_id = db_col_int(st, 19);
}

static struct audit_change *changes(const struct model_input *in, size_t *n)
{
    static __thread struct audit_change ch[4];
    ch[0] = (struct audit_change){"name", NULL, in->name};
    ch[1] = (struct audit_change){"status", NULL, in->status};
    ch[2] = (struct audit_change){"field", NULL, in->field};
    ch[3] = (struct audit_change){"recog_decision", NULL, in->recog_decision};
    *n = 4;
    return ch;
}

int model_create(dv_db *db, const struct dv_user *actor, const struct model_input *in, int64_t *id_out)
{
    *id_out = 0;
    if (!input_ok(in) || (strcmp(in->status, "registered") && strcmp(in->status, "implementing"))) return DV_EINVAL;
    char today[11];
    clock_vn_today(today);
    if (db_begin(db)) return DV_EDB;
    int rc = rstore_exists(db, SQL_UNIT, RINT(in->unit_id));
    if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_INSERT, RTEXT(in->kind), RTEXT(in->name), RINT(in->unit_id), RTEXT(in->field),
                         RINT(in->year_from), RID0(in->year_to), RTEXT(in->method ? in->method : ""),
                         RTEXT(in->results ? in->results : ""), RTEXT(in->replication ? in->replication : ""),
                         RTEXT(in->status), RTEXT(in->recog_level), RTEXT(in->recog_form), RTEXT(in->recog_decision),
                         RTEXT(in->recog_date), RTEXT(today), RTEXT(NULL));
    int64_t id = rc == DV_OK ? db_last_id(db) : 0;
    size_t n;
    struct audit_change *ch = changes(in, &n);
    rc = audit_tx_end(db, rc, actor, NULL, "create", "dvk_model", id, ch, n);
    if (rc == DV_OK) {
        *id_out = id;
        petition_changed();
    }
    return rc;
}

int model_update(dv_db *db, const struct dv_user *actor, int64_t id, const struct model_input *in)
{
    if (!input_ok(in)) return DV_EINVAL;
    char today[11];
    clock_vn_today(today);
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_STATUS);
    int rc = st ? DV_OK : DV_EDB;
    char old[24] = "";
    if (st) {
        db_bind_int(st, 1, id);
        int s = db_step(st);
        if (s == DB_ROW) snprintf(old, sizeof old, "%s", db_col_text(st, 0));
        rc = s == DB_ROW ? DV_OK : s == DB_DONE ? DV_ENOTFOUND : DV_EDB;
        db_done(st);
    }
    if (rc == DV_OK && !model_status_can_move(old, in->status)) rc = DV_EINVAL;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_UPDATE, RINT(id), RTEXT(in->kind), RTEXT(in->name), RINT(in->unit_id),
                         RTEXT(in->field), RINT(in->year_from), RID0(in->year_to), RTEXT(in->method ? in->method : ""),
                         RTEXT(in->results ? in->results : ""), RTEXT(in->replication ? in->replication : ""),
                         RTEXT(in->status), RTEXT(in->recog_level), RTEXT(in->recog_form), RTEXT(in->recog_decision),
                         RTEXT(in->recog_date), RTEXT(today));
    size_t n;
    struct audit_change *ch = changes(in, &n);
    ch[1].old_value = old;
    rc = audit_tx_end(db, rc, actor, NULL, "update", "dvk_model", id, ch, n);
    if (rc == DV_OK) petition_changed();
    return rc;
}

int model_get(dv_db *db, dv_arena *a, int64_t id, struct dvk_model *out)
{
    memset(out, 0, sizeof *out);
    return rstore_get_by_id(db, a, SQL_GET, id, fill_model, out);
}

int model_list(dv_db *db, dv_arena *a, const struct model_filter *f, struct dvk_model **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_LIST);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, f->root);
    db_bind_text(st, 2, f->today);
    db_bind_text(st, 3, f->field);
    db_bind_int(st, 4, (int64_t)(f->limit ? f->limit : 200));
    return rstore_collect(st, a, sizeof **out, fill_model, (void **)out, n);
}

int model_file_add(dv_db *db, const struct dv_user *actor, int64_t model_id, const char *name, const char *type,
                   const char *caption, const void *data, size_t len, const void *thumb, size_t thumb_len,
                   const char *thumb_type)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_FILE_INSERT);
    int rc = st ? DV_OK : DV_EDB;
    if (st) {
        db_bind_int(st, 1, model_id);
        db_bind_text(st, 2, name);
        db_bind_text(st, 3, type);
        db_bind_text(st, 4, caption ? caption : "");
        db_bind_text(st, 5, hex);
        db_bind_blob(st, 6, data, len);
        if (thumb) db_bind_blob(st, 7, thumb, thumb_len);
        else db_bind_null(st, 7);
        db_bind_text(st, 8, thumb_type);
        rc = db_exec(st);
    }
    struct audit_change ch[] = {{"file", NULL, name}, {"sha256", NULL, hex}};
    rc = audit_tx_end(db, rc, actor, NULL, "attach", "dvk_model", model_id, ch, 2);
    if (rc == DV_OK) petition_changed();
    return rc;
}

static void fill_file(dv_arena *a, dv_stmt *st, void *item)
{
    struct model_file *f = item;
    f->id = db_col_int(st, 0);
    f->name = dup_col(a, st, 1);
    f->type = dup_col(a, st, 2);
    f->caption = dup_col(a, st, 3);
    f->is_image = (int)db_col_int(st, 4);
}

int model_files(dv_db *db, dv_arena *a, int64_t model_id, struct model_file **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, SQL_FILES, model_id, sizeof **out, fill_file, n, &rc);
    return rc;
}

int model_file_get(dv_db *db, dv_arena *a, int64_t file_id, int thumb, int64_t *model_id, const char **type,
                   const void **data, size_t *len)
{
    dv_stmt *st = db_prepare(db, SQL_FILE_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, file_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        int col = thumb && !db_col_is_null(st, 4) ? 4 : 2;
        *model_id = db_col_int(st, 0);
        *type = dup_col(a, st, col == 4 ? 3 : 1);
        size_t n = 0;
        const void *p = db_col_blob(st, col, &n);
        void *copy = arena_alloc(a, n + 1);
        if (p) memcpy(copy, p, n);
        *data = copy;
        *len = n;
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static int count(dv_db *db, const char *sql, int64_t unit, const char *from, const char *to, int64_t *n)
{
    *n = 0;
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    int rc = db_step(st);
    if (rc == DB_ROW) *n = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int model_count_registered(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n)
{
    return count(db, SQL_COUNT_REG, unit_id, from, to, n);
}

int model_count_effective(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n)
{
    return count(db, SQL_COUNT_EFF, unit_id, from, to, n);
}
