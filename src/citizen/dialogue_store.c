/* dialogue_store.c - dialogues, their commitments and reception days in SQL (dialogue.h).
 * Each write in a transaction with its audit row; writes drop the cached public pages. */
#include "citizen/dialogue.h"
#include "citizen/citizen_internal.h"

#include "citizen/workday.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

#include <stdio.h>
#include <string.h>

#define SUBTREE                                                                                       \
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON "     \
    "l.parent_id = sub.id WHERE l.valid_from <= ?2 AND (l.valid_to IS NULL OR ?2 < l.valid_to)) "
#define DIALOGUE_COLS                                                                                 \
    "d.id, d.unit_id, u.name, d.leader, d.topic, d.place, d.held_on, d.held_time, d.participants, "   \
    "d.questions, d.results, d.announced_on, d.results_on FROM dialogues d JOIN units u ON u.id = d.unit_id "

static const char *SQL_INSERT =
    "INSERT INTO dialogues(unit_id, leader, topic, place, held_on, held_time, participants, announced_on, created_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char *SQL_UNIT = "SELECT 1 FROM units WHERE id = ?1";
static const char *SQL_HELD = "SELECT held_on FROM dialogues WHERE id = ?1";
static const char *SQL_RESULTS =
    "UPDATE dialogues SET questions = ?2, results = ?3, results_on = COALESCE(results_on, ?4) WHERE id = ?1";
static const char *SQL_COMMIT_INSERT =
    "INSERT INTO dialogue_commitments(dialogue_id, text, unit_id, due, task_id) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *SQL_GET = "SELECT " DIALOGUE_COLS "WHERE d.id = ?1";
static const char *SQL_LIST =
    SUBTREE "SELECT " DIALOGUE_COLS "WHERE ?1 = 0 OR d.unit_id IN (SELECT id FROM sub) ORDER BY d.held_on DESC, d.id DESC";
static const char *SQL_COMMITMENTS =
    "SELECT c.id, c.unit_id, c.task_id, c.text, u.name, c.due FROM dialogue_commitments c "
    "JOIN units u ON u.id = c.unit_id WHERE c.dialogue_id = ?1 ORDER BY c.id";
static const char *SQL_COUNT =
    SUBTREE "SELECT count(*) FROM dialogues d WHERE (?1 = 0 OR d.unit_id IN (SELECT id FROM sub)) "
            "AND d.held_on BETWEEN ?3 AND ?4 AND d.held_on <= ?5";
static const char *SQL_REC_INSERT =
    "INSERT INTO reception_days(unit_id, secretary, day, place, citizens, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *SQL_REC_LIST =
    SUBTREE "SELECT r.id, r.unit_id, u.name, r.secretary, r.day, r.place, r.notes, r.citizens FROM reception_days r "
            "JOIN units u ON u.id = r.unit_id WHERE (?1 = 0 OR r.unit_id IN (SELECT id FROM sub)) "
            "AND r.day BETWEEN ?3 AND ?4 ORDER BY r.day, r.id";
static const char *SQL_TALLY =
    SUBTREE "SELECT u.id, u.name, (u.type IN ('commune', 'ward', 'special_zone') OR EXISTS (SELECT 1 FROM unit_links l "
            "JOIN units p ON p.id = l.parent_id WHERE l.child_id = u.id AND l.valid_to IS NULL AND p.type IN "
            "('commune', 'ward', 'special_zone'))), (SELECT count(*) FROM reception_days r WHERE r.unit_id = u.id "
            "AND r.day BETWEEN ?3 AND ?4) FROM units u WHERE u.id IN (SELECT id FROM sub) AND u.valid_to IS NULL "
            "AND u.type IN ('party_committee', 'commune', 'ward', 'special_zone') ORDER BY u.type <> 'party_committee', "
            "u.name COLLATE vi";

static const char *dup_col(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

static long day_of(const char *iso)
{
    long d = 0;
    workday_parse(iso, &d);
    return d;
}

static long today_n(void)
{
    char t[11];
    clock_vn_today(t);
    return day_of(t);
}

static int unit_ok(dv_db *db, int64_t id)
{
    int rc = rstore_exists(db, SQL_UNIT, RINT(id));
    return rc == DV_ENOTFOUND ? DV_EINVAL : rc;
}

int dialogue_create(dv_db *db, const struct dv_user *actor, const struct dialogue_input *in, int64_t *id_out)
{
    *id_out = 0;
    long held;
    if (!in->leader || !*in->leader || !in->topic || !*in->topic || !in->place || !*in->place ||
        workday_parse(in->held_on, &held))
        return DV_EINVAL;
    char today[11];
    if (in->announced_on) snprintf(today, sizeof today, "%s", in->announced_on);
    else clock_vn_today(today);
    if (held < day_of(today) + DIALOGUE_NOTICE_DAYS) return DV_ETOOBIG;
    if (db_begin(db)) return DV_EDB;
    int rc = unit_ok(db, in->unit_id);
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_INSERT, RINT(in->unit_id), RTEXT(in->leader), RTEXT(in->topic), RTEXT(in->place),
                         RTEXT(in->held_on), RTEXT(in->held_time && *in->held_time ? in->held_time : "08:00"),
                         RTEXT(in->participants ? in->participants : ""), RTEXT(today),
                         RID0(actor && actor->id > 0 ? actor->id : 0));
    int64_t id = rc == DV_OK ? db_last_id(db) : 0;
    struct audit_change ch[] = {{"topic", NULL, in->topic}, {"held_on", NULL, in->held_on}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "dialogue", id, ch, 2);
    if (rc == DV_OK) {
        *id_out = id;
        petition_changed();
    }
    return rc;
}

int dialogue_results(dv_db *db, const struct dv_user *actor, int64_t id, const char *questions, const char *results,
                     const char *on)
{
    if (!results || !*results) return DV_EINVAL;
    char today[11];
    if (on) snprintf(today, sizeof today, "%s", on);
    else clock_vn_today(today);
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_HELD);
    int rc = st ? DV_OK : DV_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        int s = db_step(st);
        if (s == DB_ROW && day_of(db_col_text(st, 0)) > day_of(today)) rc = DV_ECONFLICT;
        else if (s != DB_ROW) rc = s == DB_DONE ? DV_ENOTFOUND : DV_EDB;
        db_done(st);
    }
    if (rc == DV_OK) rc = rstore_exec(db, SQL_RESULTS, RINT(id), RTEXT(questions ? questions : ""), RTEXT(results), RTEXT(today));
    struct audit_change ch[] = {{"results", NULL, results}};
    rc = audit_tx_end(db, rc, actor, NULL, "update", "dialogue", id, ch, 1);
    if (rc == DV_OK) petition_changed();
    return rc;
}

int dialogue_commitment_add(dv_db *db, const struct dv_user *actor, int64_t dialogue_id, const char *text,
                            int64_t unit_id, const char *due, int64_t task_id, int64_t *id_out)
{
    long d;
    if (!text || !*text || workday_parse(due, &d)) return DV_EINVAL;
    int own = !db_writing(db); /* the caller may hold the transaction (the task made with it) */
    if (own && db_begin(db)) return DV_EDB;
    int rc = unit_ok(db, unit_id);
    if (rc == DV_OK) rc = rstore_exec(db, SQL_COMMIT_INSERT, RINT(dialogue_id), RTEXT(text), RINT(unit_id), RTEXT(due), RID0(task_id));
    int64_t id = rc == DV_OK ? db_last_id(db) : 0;
    struct audit_change ch[] = {{"commitment", NULL, text}, {"due", NULL, due}};
    if (rc == DV_OK) rc = audit_write(db, actor, NULL, "update", "dialogue", dialogue_id, ch, 2);
    if (own) rc = rstore_tx_end(db, rc);
    if (rc == DV_OK) {
        *id_out = id;
        petition_changed();
    }
    return rc;
}

static void fill_dialogue(dv_arena *a, dv_stmt *st, void *item)
{
    struct dialogue *d = item;
    d->id = db_col_int(st, 0);
    d->unit_id = db_col_int(st, 1);
    const char **s[] = {&d->unit_name, &d->leader, &d->topic, &d->place, &d->held_on, &d->held_time,
                        &d->participants, &d->questions, &d->results, &d->announced_on, &d->results_on};
    for (int i = 0; i < 11; i++) *s[i] = dup_col(a, st, 2 + i);
    long held = day_of(d->held_on), now = today_n();
    d->held = held <= now;
    d->late = d->results_on ? day_of(d->results_on) > held + DIALOGUE_RESULT_DAYS : now > held + DIALOGUE_RESULT_DAYS;
}

int dialogue_get(dv_db *db, dv_arena *a, int64_t id, struct dialogue *out)
{
    memset(out, 0, sizeof *out);
    return rstore_get_by_id(db, a, SQL_GET, id, fill_dialogue, out);
}

int dialogue_list(dv_db *db, dv_arena *a, int64_t root, struct dialogue **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_LIST);
    if (!st) return DV_EDB;
    char today[11];
    clock_vn_today(today);
    db_bind_int(st, 1, root);
    db_bind_text(st, 2, today);
    return rstore_collect(st, a, sizeof **out, fill_dialogue, (void **)out, n);
}

static void fill_commitment(dv_arena *a, dv_stmt *st, void *item)
{
    struct commitment *c = item;
    c->id = db_col_int(st, 0);
    c->unit_id = db_col_int(st, 1);
    c->task_id = db_col_int(st, 2);
    c->text = dup_col(a, st, 3);
    c->unit_name = dup_col(a, st, 4);
    c->due = dup_col(a, st, 5);
}

int dialogue_commitments(dv_db *db, dv_arena *a, int64_t id, struct commitment **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, SQL_COMMITMENTS, id, sizeof **out, fill_commitment, n, &rc);
    return rc;
}

int dialogue_count_held(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n)
{
    *n = 0;
    char today[11];
    clock_vn_today(today);
    dv_stmt *st = db_prepare(db, SQL_COUNT);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    db_bind_text(st, 5, today);
    int rc = db_step(st);
    if (rc == DB_ROW) *n = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

int reception_create(dv_db *db, const struct dv_user *actor, const struct reception_input *in, int64_t *id_out)
{
    *id_out = 0;
    long d;
    if (!in->secretary || !*in->secretary || !in->place || !*in->place || workday_parse(in->day, &d) || in->citizens < 0)
        return DV_EINVAL;
    if (db_begin(db)) return DV_EDB;
    int rc = unit_ok(db, in->unit_id);
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_REC_INSERT, RINT(in->unit_id), RTEXT(in->secretary), RTEXT(in->day), RTEXT(in->place),
                         RINT(in->citizens), RTEXT(in->notes ? in->notes : ""));
    int64_t id = rc == DV_OK ? db_last_id(db) : 0;
    struct audit_change ch[] = {{"secretary", NULL, in->secretary}, {"day", NULL, in->day}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "reception_day", id, ch, 2);
    if (rc == DV_OK) {
        *id_out = id;
        petition_changed();
    }
    return rc;
}

static void fill_reception(dv_arena *a, dv_stmt *st, void *item)
{
    struct reception *r = item;
    r->id = db_col_int(st, 0);
    r->unit_id = db_col_int(st, 1);
    r->unit_name = dup_col(a, st, 2);
    r->secretary = dup_col(a, st, 3);
    r->day = dup_col(a, st, 4);
    r->place = dup_col(a, st, 5);
    r->notes = dup_col(a, st, 6);
    r->citizens = (int)db_col_int(st, 7);
}

static dv_stmt *ranged(dv_db *db, const char *sql, int64_t root, const char *from, const char *to)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return NULL;
    db_bind_int(st, 1, root);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, from);
    db_bind_text(st, 4, to);
    return st;
}

int reception_list(dv_db *db, dv_arena *a, int64_t root, const char *from, const char *to, struct reception **out,
                   size_t *n)
{
    dv_stmt *st = ranged(db, SQL_REC_LIST, root, from, to);
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_reception, (void **)out, n);
}

static void fill_tally(dv_arena *a, dv_stmt *st, void *item)
{
    struct reception_tally *t = item;
    t->unit_id = db_col_int(st, 0);
    t->unit_name = dup_col(a, st, 1);
    t->commune_level = (int)db_col_int(st, 2);
    t->days = (int)db_col_int(st, 3);
}

int reception_tallies(dv_db *db, dv_arena *a, int64_t root, const char *from, const char *to,
                      struct reception_tally **out, size_t *n)
{
    dv_stmt *st = ranged(db, SQL_TALLY, root, from, to);
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_tally, (void **)out, n);
}
