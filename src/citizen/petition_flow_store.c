/* petition_flow_store.c - the staff's moves of a petition between states and the
 * petitioner's reopening (petition.h), each with its history row and audit row in one
 * transaction. What a state needs is checked here: a summary to classify, a unit to
 * assign, an answer to draft, another reviewer to approve, an approval to publish, the
 * competent body to transfer, the other petition's code for a duplicate, a reason to refuse. */
#include "citizen/petition.h"
#include "citizen/citizen_internal.h"

#include "core/clock.h"
#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


static const char *SQL_STATE =
    "SELECT status, drafted_by, received_day, approved_by, published_at FROM petitions WHERE id = ?1";
static const char *SQL_CAT_DAYS = "SELECT answer_days FROM petition_categories WHERE id = ?1";
static const char *SQL_UNIT = "SELECT 1 FROM units WHERE id = ?1";
static const char *SQL_DUP_ID = "SELECT id FROM petitions WHERE code = ?1 AND id <> ?2";
static const char *SQL_ACT =
    "UPDATE petitions SET status = ?2, category_id = COALESCE(?3, category_id), "
    "answer_due = COALESCE(?4, answer_due), summary = COALESCE(?5, summary), "
    "assigned_unit_id = COALESCE(?6, assigned_unit_id), answer = COALESCE(?7, answer), "
    "drafted_by = COALESCE(?8, drafted_by), "
    "approved_by = CASE WHEN ?2 = 'approved' THEN ?9 WHEN ?2 IN ('in_progress', 'drafted') THEN NULL "
    "ELSE approved_by END, published_at = COALESCE(?10, published_at), "
    "transferred_to = COALESCE(?11, transferred_to), duplicate_of = COALESCE(?12, duplicate_of), "
    "refusal_reason = COALESCE(?13, refusal_reason), noticed_on = COALESCE(noticed_on, ?14), "
    "closed_on = ?15, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";
static const char *SQL_EVENT =
    "INSERT INTO petition_events(petition_id, status, public_note, internal_note, actor) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *SQL_BY_CODE = "SELECT id, status, published_at FROM petitions WHERE code = ?1";
static const char *SQL_REOPEN =
    "UPDATE petitions SET status = 'in_progress', approved_by = NULL, closed_on = NULL, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1";

struct state {
    enum petition_status status;
    int64_t drafted_by, approved_by;
    char received_day[11];
};

static int read_state(dv_db *db, int64_t id, struct state *s)
{
    dv_stmt *st = db_prepare(db, SQL_STATE);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        petition_status_parse(db_col_text(st, 0), &s->status);
        s->drafted_by = db_col_int(st, 1);
        snprintf(s->received_day, sizeof s->received_day, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
        s->approved_by = db_col_int(st, 3);
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static int id_of(dv_db *db, const char *sql, const struct rstore_arg *args, size_t n, int64_t *out)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    for (size_t i = 0; i < n; i++) {
        if (args[i].kind == RA_TEXT) db_bind_text(st, (int)i + 1, args[i].s);
        else db_bind_int(st, (int)i + 1, args[i].i);
    }
    int rc = db_step(st);
    if (rc == DB_ROW) *out = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static int blank(const char *s)
{
    return !s || !*s;
}

/* What the move needs, checked and resolved: the new answer deadline when the category
 * changes, the duplicate's id. */
static int check_needs(dv_db *db, int64_t id, const struct dv_user *actor, const struct state *s,
                       const struct petition_action *act, char answer_due[11], int64_t *dup_id)
{
    answer_due[0] = 0;
    switch (act->to) {
    case PS_CLASSIFIED:
        if (blank(act->summary)) return DV_EINVAL;
        if (act->category_id > 0) {
            int64_t days = 0;
            int rc = id_of(db, SQL_CAT_DAYS, (struct rstore_arg[]){RINT(act->category_id)}, 1, &days);
            if (rc) return rc == DV_ENOTFOUND ? DV_EINVAL : rc;
            dv_arena *a = arena_new();
            struct work_cal cal;
            rc = citizen_calendar_load(db, a, &cal);
            if (rc == DV_OK) workday_add_iso(&cal, s->received_day, (int)days, answer_due);
            arena_free(a);
            if (rc) return rc;
        }
        return DV_OK;
    case PS_ASSIGNED: {
        if (act->unit_id <= 0) return DV_EINVAL;
        int rc = rstore_exists(db, SQL_UNIT, RINT(act->unit_id));
        return rc == DV_ENOTFOUND ? DV_EINVAL : rc;
    }
    case PS_DRAFTED: return blank(act->answer) ? DV_EINVAL : DV_OK;
    case PS_APPROVED: return actor && actor->id > 0 && actor->id == s->drafted_by ? DV_EDENIED : DV_OK;
    case PS_PUBLISHED: return s->approved_by ? DV_OK : DV_ECONFLICT;
    case PS_TRANSFERRED: return blank(act->transferred_to) ? DV_EINVAL : DV_OK;
    case PS_REFUSED: return blank(act->reason) ? DV_EINVAL : DV_OK;
    case PS_DUPLICATE: {
        if (blank(act->duplicate_code)) return DV_EINVAL;
        int rc = id_of(db, SQL_DUP_ID, (struct rstore_arg[]){RTEXT(act->duplicate_code), RINT(id)}, 2, dup_id);
        return rc == DV_ENOTFOUND ? DV_EINVAL : rc;
    }
    default: return DV_OK;
    }
}

/* The line the public page shows for the move. */
static const char *public_note(const struct petition_action *act)
{
    if (!blank(act->public_note)) return act->public_note;
    switch (act->to) {
    case PS_TRANSFERRED: return act->transferred_to;
    case PS_REFUSED: return act->reason;
    case PS_DUPLICATE: return act->duplicate_code;
    default: return NULL;
    }
}

int petition_act(dv_db *db, const struct dv_user *actor, int64_t id, const struct petition_action *act)
{
    if (db_begin(db)) return DV_EDB;
    struct state s;
    memset(&s, 0, sizeof s);
    int rc = read_state(db, id, &s);
    if (rc == DV_OK && !petition_can_move(s.status, act->to)) rc = DV_ECONFLICT;
    char answer_due[11];
    int64_t dup_id = 0;
    if (rc == DV_OK) rc = check_needs(db, id, actor, &s, act, answer_due, &dup_id);
    char today[11], now[21];
    clock_vn_today(today);
    clock_iso_utc((long long)time(NULL), now);
    const char *to = petition_status_code(act->to);
    int64_t actor_id = actor && actor->id > 0 ? actor->id : 0;
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_ACT, RINT(id), RTEXT(to), RID0(act->to == PS_CLASSIFIED ? act->category_id : 0),
                         RTEXT(answer_due[0] ? answer_due : NULL),
                         RTEXT(act->to == PS_CLASSIFIED ? act->summary : NULL),
                         RID0(act->to == PS_ASSIGNED ? act->unit_id : 0),
                         RTEXT(act->to == PS_DRAFTED ? act->answer : NULL), RID0(act->to == PS_DRAFTED ? actor_id : 0),
                         RID0(actor_id), RTEXT(act->to == PS_PUBLISHED ? now : NULL),
                         RTEXT(act->to == PS_TRANSFERRED ? act->transferred_to : NULL), RID0(dup_id),
                         RTEXT(act->to == PS_REFUSED ? act->reason : NULL),
                         RTEXT(act->to == PS_CLASSIFIED ? today : NULL),
                         RTEXT(petition_is_closed(act->to) ? today : NULL));
    const char *who = actor && actor->username ? actor->username : "cli";
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_EVENT, RINT(id), RTEXT(to), RTEXT(public_note(act)),
                         RTEXT(act->to == PS_IN_PROGRESS || act->to == PS_ASSIGNED ? act->reason : NULL), RTEXT(who));
    struct audit_change ch[] = {{"status", petition_status_code(s.status), to}};
    rc = audit_tx_end(db, rc, actor, NULL, "update", "petition", id, ch, 1);
    if (rc == DV_OK) petition_changed();
    return rc;
}

int petition_reopen(dv_db *db, const char *code, const char *reason, const char *ip)
{
    if (blank(reason)) return DV_EINVAL;
    struct citizen_settings cs;
    if (citizen_settings_get(db, &cs)) return DV_EDB;
    if (db_begin(db)) return DV_EDB;
    dv_stmt *st = db_prepare(db, SQL_BY_CODE);
    int rc = st ? DV_OK : DV_EDB;
    int64_t id = 0;
    long long published = 0;
    enum petition_status status = PS_RECEIVED;
    if (st) {
        db_bind_text(st, 1, code);
        int s = db_step(st);
        if (s == DB_ROW) {
            id = db_col_int(st, 0);
            petition_status_parse(db_col_text(st, 1), &status);
            if (clock_parse_iso_utc(db_col_text(st, 2) ? db_col_text(st, 2) : "", &published)) published = 0;
        }
        rc = s == DB_ROW ? DV_OK : s == DB_DONE ? DV_ENOTFOUND : DV_EDB;
        db_done(st);
    }
    if (rc == DV_OK && (status != PS_PUBLISHED || (long long)time(NULL) > published + (long long)cs.reopen_days * 86400))
        rc = DV_ECONFLICT;
    if (rc == DV_OK) rc = rstore_exec(db, SQL_REOPEN, RINT(id));
    if (rc == DV_OK)
        rc = rstore_exec(db, SQL_EVENT, RINT(id), RTEXT("in_progress"), RTEXT(reason), RTEXT("reopened"),
                         RTEXT("citizen"));
    struct audit_change ch[] = {{"status", "published", "in_progress"}};
    if (rc == DV_OK) rc = audit_write_named(db, 0, "citizen", ip, "reopen", "petition", id, ch, 1);
    rc = rstore_tx_end(db, rc);
    if (rc == DV_OK) petition_changed();
    return rc;
}
