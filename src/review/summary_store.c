/* summary_store.c - all SQL of summary reports and their narrative versions, and the counts
 * of inspections the summary's tables read (summary.h). */
#include "review/summary.h"

#include "core/err.h"
#include "review/review_store_int.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "report/document/doc_store.h"

#include <stdio.h>
#include <string.h>

const char *const summary_part_codes[SUMMARY_PARTS] = {"situation", "results", "limitations", "lessons", "directions",
                                                       "recommendations"};
const char *const summary_part_titles[SUMMARY_PARTS] = {
    "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
    "II. KẾT QUẢ THỰC HIỆN CỦA CẢ HỆ THỐNG CHÍNH TRỊ",
    "III. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "IV. BÀI HỌC KINH NGHIỆM",
    "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "VI. KIẾN NGHỊ, ĐỀ XUẤT",
};

#define SUM_SQL                                                                                             \
    "SELECT s.id, s.unit_id, COALESCE(s.conference_id,0), COALESCE(s.subject_document_id,0),"              \
    " COALESCE(s.regime_id,0), u.name, s.title, s.status, s.series, s.issued_on, s.from_year, s.to_year,"   \
    " COALESCE(s.issued_version,0), COALESCE(s.number,0) FROM summary_reports s JOIN units u ON u.id = s.unit_id"

static void fill_sum(dv_arena *a, dv_stmt *st, void *item)
{
    struct summary *s = item;
    s->id = db_col_int(st, 0);
    s->unit_id = db_col_int(st, 1);
    s->conference_id = db_col_int(st, 2);
    s->subject_document_id = db_col_int(st, 3);
    s->regime_id = db_col_int(st, 4);
    s->unit_name = rv_col(a, st, 5);
    s->title = rv_col(a, st, 6);
    s->status = rv_col(a, st, 7);
    s->series = rv_col(a, st, 8);
    s->issued_on = rv_col(a, st, 9);
    s->from_year = (int)db_col_int(st, 10);
    s->to_year = (int)db_col_int(st, 11);
    s->issued_version = (int)db_col_int(st, 12);
    s->number = db_col_int(st, 13);
}

int summary_get(dv_db *db, dv_arena *a, int64_t id, struct summary *out)
{
    return rstore_get_by_id(db, a, SUM_SQL " WHERE s.id = ?1", id, fill_sum, out);
}

int summary_list(dv_db *db, dv_arena *a, struct summary **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SUM_SQL " ORDER BY s.id DESC");
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_sum, (void **)out, n);
}

int summary_create(dv_db *db, const struct dv_user *actor, const struct summary_input *in, int64_t *id_out)
{
    if (!in->title || !*in->title || in->from_year < 1990 || in->to_year > 2100 || in->from_year > in->to_year ||
        in->to_year - in->from_year >= 50)
        return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO summary_reports (unit_id, conference_id, subject_document_id, regime_id, title,"
                     " from_year, to_year, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     RINT(in->unit_id), RID0(in->conference_id), RID0(in->subject_document_id), RID0(in->regime_id),
                     RTEXT(in->title), RINT(in->from_year), RINT(in->to_year), RID0(actor && actor->id > 0 ? actor->id : 0));
    int64_t id = rc ? 0 : db_last_id(db);
    if (!rc)
        rc = rstore_exec(db, "INSERT INTO summary_versions (report_id, version, note) VALUES (?1, 1, 'Bản khởi tạo')", RINT(id));
    struct audit_change ch[] = {{"title", NULL, in->title}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "summary_report", id, ch, 1);
    if (!rc && id_out) *id_out = id;
    return rc;
}

int summary_version_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *const parts[SUMMARY_PARTS],
                        const char *note, int *version_out)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM summary_reports WHERE id = ?1 AND status = 'draft'", RINT(id));
    if (rc == DV_ENOTFOUND)
        rc = rstore_exists(db, "SELECT 1 FROM summary_reports WHERE id = ?1", RINT(id)) == 0 ? DV_ECONFLICT : DV_ENOTFOUND;
    int v = 0;
    if (!rc) {
        dv_stmt *st = db_prepare(db, "SELECT COALESCE(max(version), 0) + 1 FROM summary_versions WHERE report_id = ?1");
        if (!st) rc = DV_EDB;
        else {
            db_bind_int(st, 1, id);
            if (db_step(st) == DB_ROW) v = (int)db_col_int(st, 0);
            db_done(st);
        }
    }
    if (!rc)
        rc = rstore_exec(db,
                         "INSERT INTO summary_versions (report_id, version, situation, results, limitations, lessons,"
                         " directions, recommendations, note, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                         RINT(id), RINT(v), RTEXT(parts[0]), RTEXT(parts[1]), RTEXT(parts[2]), RTEXT(parts[3]),
                         RTEXT(parts[4]), RTEXT(parts[5]), RTEXT(note ? note : ""),
                         RID0(actor && actor->id > 0 ? actor->id : 0));
    char vs[16];
    snprintf(vs, sizeof vs, "%d", v);
    struct audit_change ch[] = {{"version", NULL, vs}};
    rc = audit_tx_end(db, rc, actor, NULL, "update", "summary_report", id, ch, 1);
    if (!rc && version_out) *version_out = v;
    return rc;
}

int summary_issue(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date, const char *series,
                  int64_t *number_out)
{
    struct summary s;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = summary_get(db, a, id, &s);
    if (!rc && strcmp(s.status, "draft") != 0) rc = DV_ECONFLICT;
    int64_t n = 0;
    if (!rc) rc = doc_counter_next_tx(db, s.unit_id, "BC", series, &n);
    if (!rc)
        rc = rstore_exec(db,
                         "UPDATE summary_reports SET status = 'issued', number = ?2, series = ?3, issued_on = ?4,"
                         " issued_version = (SELECT max(version) FROM summary_versions WHERE report_id = ?1) WHERE id = ?1",
                         RINT(id), RINT(n), RTEXT(series), RTEXT(date));
    struct audit_change ch[] = {{"number", NULL, rstore_num(a, n)}};
    rc = audit_tx_end(db, rc, actor, NULL, "update", "summary_report", id, ch, 1);
    if (!rc && number_out) *number_out = n;
    return rc;
}

static void fill_ver(dv_arena *a, dv_stmt *st, void *item)
{
    struct summary_version *v = item;
    v->id = db_col_int(st, 0);
    v->version = (int)db_col_int(st, 1);
    for (int k = 0; k < SUMMARY_PARTS; k++) v->parts[k] = rv_col(a, st, 2 + k);
    v->note = rv_col(a, st, 8);
    v->created_at = rv_col(a, st, 9);
    v->author = rv_col(a, st, 10);
}

#define VER_SQL                                                                                             \
    "SELECT v.id, v.version, v.situation, v.results, v.limitations, v.lessons, v.directions, v.recommendations," \
    " v.note, v.created_at, COALESCE(u.full_name, '') FROM summary_versions v LEFT JOIN users u ON u.id = v.created_by"

int summary_versions(dv_db *db, dv_arena *a, int64_t id, struct summary_version **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, VER_SQL " WHERE v.report_id = ?1 ORDER BY v.version DESC", id, sizeof **out,
                                fill_ver, n, &rc);
    return rc;
}

int summary_version_get(dv_db *db, dv_arena *a, int64_t id, int version, struct summary_version *out)
{
    dv_stmt *st = db_prepare(db, VER_SQL " WHERE v.report_id = ?1 AND v.version = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, version);
    int rc = db_step(st);
    if (rc == DB_ROW) fill_ver(a, st, out);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

int summary_inspection_years(dv_db *db, int64_t root_id, struct summary_year *years, size_t n)
{
    (void)root_id; /* the pages keep what the reader may see: the scope's own inspections */
    dv_stmt *st = db_prepare(db,
                             "SELECT y, count(*), count(CASE WHEN status IN ('concluded','closed') THEN 1 END),"
                             " sum(nrec), sum(ndone) FROM"
                             " (SELECT CAST(substr(i.decision_date, 1, 4) AS INTEGER) AS y, i.status,"
                             "   (SELECT count(*) FROM inspection_recommendations r WHERE r.inspection_id = i.id) AS nrec,"
                             "   (SELECT count(*) FROM inspection_recommendations r JOIN tasks t ON t.id = r.task_id"
                             "     WHERE r.inspection_id = i.id AND t.state = 'confirmed') AS ndone"
                             "  FROM inspections i WHERE i.decision_date IS NOT NULL) AS x GROUP BY y");
    if (!st) return DV_EDB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int y = (int)db_col_int(st, 0);
        for (size_t k = 0; k < n; k++)
            if (years[k].year == y) {
                years[k].inspections = (long)db_col_int(st, 1);
                years[k].concluded = (long)db_col_int(st, 2);
                years[k].recommendations = (long)db_col_int(st, 3);
                years[k].recommendations_done = (long)db_col_int(st, 4);
            }
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

int summary_inspected_count(dv_db *db, int64_t unit_id, int from_year, int to_year, long *n)
{
    dv_stmt *st = db_prepare(db, "SELECT count(*) FROM inspection_subjects s JOIN inspections i ON i.id = s.inspection_id"
                                 " WHERE s.unit_id = ?1 AND CAST(substr(i.decision_date, 1, 4) AS INTEGER) BETWEEN ?2 AND ?3");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, from_year);
    db_bind_int(st, 3, to_year);
    int rc = db_step(st);
    *n = rc == DB_ROW ? (long)db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}
