/* conference_store.c - all SQL of review conferences, their invitees, agenda, presentations,
 * minutes, conclusions (tasks) and awards (conference.h). One transaction per write, with
 * its audit row. */
#include "review/conference.h"

#include "core/err.h"
#include "review/review_store_int.h"
#include "db/store_util.h"
#include "directive/task.h"
#include "org/audit.h"
#include "report/document/doc_store.h"
#include "text/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t by(const struct dv_user *actor)
{
    return actor && actor->id > 0 ? actor->id : 0;
}

/* ---- rules ---- */

const char *award_achievement_key(dv_arena *a, const char *achievement)
{
    char *f = text_fold(achievement ? achievement : ""); /* đ→d, no marks, lower case */
    size_t n = f ? strlen(f) : 0, k = 0;
    char *out = arena_alloc(a, n + 1);
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (!word) {
            gap = k > 0;
            continue;
        }
        if (gap) out[k++] = ' ';
        gap = 0;
        out[k++] = (char)c;
    }
    out[k] = 0;
    free(f);
    return out;
}

const char *award_recipient_key(dv_arena *a, const char *kind, int64_t unit_id, const char *person_name)
{
    if (kind && strcmp(kind, "collective") == 0) return arena_printf(a, "u:%lld", (long long)unit_id);
    return arena_printf(a, "p:%s|%lld", award_achievement_key(a, person_name), (long long)unit_id);
}

int conf_can_close(const char *status, const char *minutes)
{
    return status && strcmp(status, "held") == 0 && minutes && *minutes;
}

int conf_is_time(const char *s)
{
    return s && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
           s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

/* ---- conferences ---- */

#define CONF_COLS                                                                                         \
    "c.id, c.unit_id, COALESCE(c.subject_document_id,0), COALESCE(c.guidance_document_id,0),"           \
    " COALESCE(c.regime_id,0), COALESCE(c.period_id,0), COALESCE(c.article_id,0), u.name, c.kind, c.title," \
    " sd.code, gd.code, gd.title, c.years, c.online, c.held_on, c.starts_at, c.place, c.chair, c.status,"   \
    " c.minutes, c.minutes_by, c.closed_on, c.article_title, c.article_lead, c.article_body, c.article_author," \
    " COALESCE(c.invitation_number,0), c.invitation_series, c.invitation_date"                           \
    " FROM conferences c JOIN units u ON u.id = c.unit_id LEFT JOIN documents sd ON sd.id = c.subject_document_id" \
    " LEFT JOIN documents gd ON gd.id = c.guidance_document_id"

static void fill_conf(dv_arena *a, dv_stmt *st, void *item)
{
    struct conference *c = item;
    c->id = db_col_int(st, 0);
    c->unit_id = db_col_int(st, 1);
    c->subject_document_id = db_col_int(st, 2);
    c->guidance_document_id = db_col_int(st, 3);
    c->regime_id = db_col_int(st, 4);
    c->period_id = db_col_int(st, 5);
    c->article_id = db_col_int(st, 6);
    c->unit_name = rv_col(a, st, 7);
    c->kind = rv_col(a, st, 8);
    c->title = rv_col(a, st, 9);
    c->subject_code = rv_col(a, st, 10);
    c->guidance_code = rv_col(a, st, 11);
    c->guidance_title = rv_col(a, st, 12);
    c->years = (int)db_col_int(st, 13);
    c->online = (int)db_col_int(st, 14);
    c->held_on = rv_col(a, st, 15);
    c->starts_at = rv_col(a, st, 16);
    c->place = rv_col(a, st, 17);
    c->chair = rv_col(a, st, 18);
    c->status = rv_col(a, st, 19);
    c->minutes = rv_col(a, st, 20);
    c->minutes_by = rv_col(a, st, 21);
    c->closed_on = rv_col(a, st, 22);
    c->article_title = rv_col(a, st, 23);
    c->article_lead = rv_col(a, st, 24);
    c->article_body = rv_col(a, st, 25);
    c->article_author = rv_col(a, st, 26);
    c->invitation_number = db_col_int(st, 27);
    c->invitation_series = rv_col(a, st, 28);
    c->invitation_date = rv_col(a, st, 29);
}

int conf_get(dv_db *db, dv_arena *a, int64_t id, struct conference *out)
{
    return rstore_get_by_id(db, a, "SELECT " CONF_COLS " WHERE c.id = ?1", id, fill_conf, out);
}

int conf_list(dv_db *db, dv_arena *a, struct conference **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, "SELECT " CONF_COLS " ORDER BY c.held_on DESC, c.id DESC");
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_conf, (void **)out, n);
}

int conf_create(dv_db *db, const struct dv_user *actor, const struct conf_input *in, int64_t *id_out)
{
    if (!in->kind || (strcmp(in->kind, "interim") && strcmp(in->kind, "final")) || !in->title || !*in->title ||
        !rv_is_date(in->held_on) || !conf_is_time(in->starts_at) || !in->place || !*in->place || in->years < 1 ||
        in->years > 50)
        return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO conferences (unit_id, kind, title, subject_document_id, years, guidance_document_id,"
                     " regime_id, period_id, held_on, starts_at, place, chair, online, created_by)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                     RINT(in->unit_id), RTEXT(in->kind), RTEXT(in->title), RID0(in->subject_document_id),
                     RINT(in->years), RID0(in->guidance_document_id), RID0(in->regime_id), RID0(in->period_id),
                     RTEXT(in->held_on), RTEXT(in->starts_at), RTEXT(in->place), RTEXT(in->chair ? in->chair : ""),
                     RINT(in->online ? 1 : 0), RID0(by(actor)));
    int64_t id = rc ? 0 : db_last_id(db);
    struct audit_change ch[] = {{"title", NULL, in->title}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "conference", id, ch, 1);
    if (!rc && id_out) *id_out = id;
    return rc;
}

/* Begins a write on a conference that is not closed (or in status want when given). */
static int begin_open(dv_db *db, int64_t id, const char *want)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = want ? rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1 AND status = ?2", RINT(id), RTEXT(want))
              : rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1 AND status <> 'closed'", RINT(id));
    if (rc == DV_ENOTFOUND) rc = rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1", RINT(id)) == 0
                                     ? DV_ECONFLICT : DV_ENOTFOUND;
    if (rc) db_rollback(db);
    return rc;
}

static int end_change(dv_db *db, int rc, const struct dv_user *actor, int64_t id, const char *field, const char *value)
{
    struct audit_change ch[] = {{field, NULL, value}};
    return audit_tx_end(db, rc, actor, NULL, "update", "conference", id, ch, 1);
}

int conf_bridge_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *place)
{
    if (!place || !*place) return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    rc = rstore_exec(db, "INSERT INTO conference_bridges (conference_id, place) VALUES (?1, ?2)", RINT(id), RTEXT(place));
    return end_change(db, rc, actor, id, "bridge", place);
}

static void new_code(char out[9])
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* no 0/O, 1/I */
    for (int k = 0; k < 8; k++) out[k] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[8] = 0;
}

int conf_invitee_add(dv_db *db, const struct dv_user *actor, int64_t id, int64_t unit_id, const char *name,
                     const char *position, int64_t *invitee_out)
{
    if (unit_id <= 0 && (!name || !*name)) return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    char code[9];
    for (int tries = 0; tries < 5; tries++) {
        new_code(code);
        rc = rstore_exec(db,
                         "INSERT INTO conference_invitees (conference_id, unit_id, person_name, position, code)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         RINT(id), RID0(unit_id), RTEXT(name ? name : ""), RTEXT(position ? position : ""), RTEXT(code));
        if (rc != DV_ECONFLICT) break;
    }
    int64_t iid = rc ? 0 : db_last_id(db);
    rc = end_change(db, rc, actor, id, "invitee", name && *name ? name : code);
    if (!rc && invitee_out) *invitee_out = iid;
    return rc;
}

static int checkin(dv_db *db, const struct dv_user *actor, int64_t id, int64_t invitee_id, const char *how)
{
    int rc = rstore_exists(db, "SELECT 1 FROM conference_invitees WHERE id = ?1 AND conference_id = ?2", RINT(invitee_id),
                           RINT(id));
    if (!rc && rstore_exists(db, "SELECT 1 FROM conference_invitees WHERE id = ?1 AND checked_in_at IS NOT NULL",
                             RINT(invitee_id)) == 0)
        rc = DV_ECONFLICT;
    if (!rc)
        rc = rstore_exec(db,
                         "UPDATE conference_invitees SET checked_in_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                         " checked_in_how = ?2 WHERE id = ?1",
                         RINT(invitee_id), RTEXT(how));
    struct audit_change ch[] = {{"checked_in", NULL, how}};
    return audit_tx_end(db, rc, actor, NULL, "update", "conference", id, ch, 1);
}

int conf_checkin_staff(dv_db *db, const struct dv_user *actor, int64_t id, int64_t invitee_id)
{
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    return checkin(db, actor, id, invitee_id, "staff");
}

int conf_checkin_code(dv_db *db, const struct dv_user *actor, int64_t id, const char *code, int64_t *invitee_out)
{
    if (!code || strlen(code) != 8) return DV_ENOTFOUND;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, "SELECT id FROM conference_invitees WHERE conference_id = ?1 AND code = upper(?2)");
    int64_t iid = 0;
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, code);
        if (db_step(st) == DB_ROW) iid = db_col_int(st, 0);
        db_done(st);
    }
    if (!iid) {
        db_rollback(db);
        return st ? DV_ENOTFOUND : DV_EDB;
    }
    rc = checkin(db, actor, id, iid, "code");
    if (invitee_out) *invitee_out = iid;
    return rc;
}

int conf_agenda_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *from, const char *to,
                    const char *title, const char *presenter)
{
    if (!conf_is_time(from) || !conf_is_time(to) || strcmp(from, to) >= 0 || !title || !*title) return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO conference_agenda (conference_id, starts_at, ends_at, title, presenter)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                     RINT(id), RTEXT(from), RTEXT(to), RTEXT(title), RTEXT(presenter ? presenter : ""));
    return end_change(db, rc, actor, id, "agenda", title);
}

int conf_presentation_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *author, int64_t unit_id,
                          const char *title, const char *mode, const char *file_name, const char *mime,
                          const void *file, size_t len)
{
    if (!author || !*author || !title || !*title || !mode || (strcmp(mode, "spoken") && strcmp(mode, "written")))
        return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    dv_stmt *st = db_prepare(db, "INSERT INTO conference_presentations (conference_id, author, unit_id, title, mode,"
                                 " file_name, file_mime, file) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!st) rc = DV_EDB;
    else {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, author);
        if (unit_id > 0) db_bind_int(st, 3, unit_id);
        else db_bind_null(st, 3);
        db_bind_text(st, 4, title);
        db_bind_text(st, 5, mode);
        db_bind_text(st, 6, len ? file_name : NULL);
        db_bind_text(st, 7, len ? mime : NULL);
        if (len) db_bind_blob(st, 8, file, len);
        else db_bind_null(st, 8);
        rc = db_exec(st);
    }
    return end_change(db, rc, actor, id, "presentation", title);
}

int conf_minutes_set(dv_db *db, const struct dv_user *actor, int64_t id, const char *minutes, const char *who)
{
    if (!minutes || !*minutes) return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    rc = rstore_exec(db, "UPDATE conferences SET minutes = ?2, minutes_by = ?3, status = 'held' WHERE id = ?1", RINT(id),
                     RTEXT(minutes), RTEXT(who ? who : ""));
    return end_change(db, rc, actor, id, "minutes", minutes);
}

int conf_conclusion_add(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *text,
                        int64_t lead_unit_id, const char *deadline, int64_t *task_out)
{
    struct conference c;
    if (!text || !*text || !rv_is_date(deadline)) return DV_EINVAL;
    int rc = begin_open(db, id, NULL);
    if (rc) return rc;
    rc = conf_get(db, a, id, &c);
    if (!rc && strcmp(deadline, c.held_on) < 0) rc = DV_EINVAL;
    int64_t task = 0;
    if (!rc) {
        struct task_input t = {.actor = actor, .title = text, .assigner_unit_id = c.unit_id,
                               .lead_unit_id = lead_unit_id, .product_kind = "activity", .assigned_on = c.held_on,
                               .deadline = deadline, .description = c.title};
        rc = task_create_tx(db, &t, TASK_SOURCE_CONFERENCE, id, &task);
    }
    if (!rc)
        rc = rstore_exec(db,
                         "INSERT INTO conference_conclusions (conference_id, text, lead_unit_id, deadline, task_id)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                         RINT(id), RTEXT(text), RINT(lead_unit_id), RTEXT(deadline), RINT(task));
    rc = end_change(db, rc, actor, id, "conclusion", text);
    if (!rc && task_out) *task_out = task;
    return rc;
}

int conf_close(dv_db *db, const struct dv_user *actor, int64_t id, const char *date, const char *art_title,
               const char *art_lead, const char *art_body, const char *art_author)
{
    if (!rv_is_date(date)) return DV_EINVAL;
    int rc = begin_open(db, id, "held");
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1 AND minutes <> ''", RINT(id));
    if (rc == DV_ENOTFOUND) rc = DV_ECONFLICT;
    if (!rc)
        rc = rstore_exec(db,
                         "UPDATE conferences SET status = 'closed', closed_on = ?2, article_title = ?3, article_lead = ?4,"
                         " article_body = ?5, article_author = ?6 WHERE id = ?1",
                         RINT(id), RTEXT(date), RTEXT(art_title), RTEXT(art_lead), RTEXT(art_body), RTEXT(art_author));
    return end_change(db, rc, actor, id, "status", "closed");
}

int conf_article_set(dv_db *db, const struct dv_user *actor, int64_t id, int64_t article_id)
{
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db, "UPDATE conferences SET article_id = ?2 WHERE id = ?1 AND status = 'closed' AND article_id IS NULL",
                     RINT(id), RINT(article_id));
    if (!rc && db_changes(db) == 0) rc = DV_ECONFLICT;
    struct audit_change ch[] = {{"article_id", NULL, NULL}};
    return audit_tx_end(db, rc, actor, NULL, "update", "conference", id, ch, 1);
}

int conf_invitation_number(dv_db *db, const struct dv_user *actor, int64_t id, const char *date, const char *series,
                           int64_t *number_out)
{
    dv_arena *a = arena_new();
    struct conference c;
    int rc = db_begin(db);
    if (!rc) {
        rc = conf_get(db, a, id, &c);
        if (!rc && c.invitation_number) *number_out = c.invitation_number;
        else if (!rc) {
            rc = doc_counter_next_tx(db, c.unit_id, "GM", series, number_out);
            if (!rc)
                rc = rstore_exec(db,
                                 "UPDATE conferences SET invitation_number = ?2, invitation_series = ?3, invitation_date = ?4"
                                 " WHERE id = ?1",
                                 RINT(id), RINT(*number_out), RTEXT(series), RTEXT(date));
            rc = end_change(db, rc, actor, id, "invitation_number", rstore_num(a, *number_out));
            arena_free(a);
            return rc;
        }
        db_rollback(db);
    }
    arena_free(a);
    return rc;
}

int award_add(dv_db *db, dv_arena *a, const struct dv_user *actor, const struct award_input *in, int64_t *id_out)
{
    int coll = in->recipient_kind && strcmp(in->recipient_kind, "collective") == 0;
    int indiv = in->recipient_kind && strcmp(in->recipient_kind, "individual") == 0;
    if ((!coll && !indiv) || (coll && in->unit_id <= 0) || (indiv && (!in->person_name || !*in->person_name)) ||
        !in->achievement || !*in->achievement || !in->decision_number || !*in->decision_number || !rv_is_date(in->decided_on))
        return DV_EINVAL;
    const char *rk = award_recipient_key(a, in->recipient_kind, in->unit_id, in->person_name);
    const char *ak = award_achievement_key(a, in->achievement);
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exec(db,
                     "INSERT INTO awards (conference_id, recipient_kind, unit_id, person_name, recipient_key, achievement,"
                     " achievement_key, form, decision_number, decided_on, created_by)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                     RID0(in->conference_id), RTEXT(in->recipient_kind), RID0(in->unit_id),
                     RTEXT(in->person_name ? in->person_name : ""), RTEXT(rk), RTEXT(in->achievement), RTEXT(ak),
                     RTEXT(in->form ? in->form : ""), RTEXT(in->decision_number), RTEXT(in->decided_on), RID0(by(actor)));
    int64_t id = rc ? 0 : db_last_id(db);
    struct audit_change ch[] = {{"achievement", NULL, in->achievement}, {"decision_number", NULL, in->decision_number}};
    rc = audit_tx_end(db, rc, actor, NULL, "create", "award", id, ch, 2);
    if (!rc && id_out) *id_out = id;
    return rc;
}

/* ---- reads ---- */

static void fill_str(dv_arena *a, dv_stmt *st, void *item)
{
    *(const char **)item = rv_col(a, st, 0);
}

int conf_bridges(dv_db *db, dv_arena *a, int64_t id, const char ***out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, "SELECT place FROM conference_bridges WHERE conference_id = ?1 ORDER BY id", id,
                                sizeof **out, fill_str, n, &rc);
    return rc;
}

static void fill_invitee(dv_arena *a, dv_stmt *st, void *item)
{
    struct conf_invitee *v = item;
    v->id = db_col_int(st, 0);
    v->unit_id = db_col_int(st, 1);
    v->name = rv_col(a, st, 2);
    v->position = rv_col(a, st, 3);
    v->code = rv_col(a, st, 4);
    v->checked_in_at = rv_col(a, st, 5);
    v->checked_in_how = rv_col(a, st, 6);
}

#define INV_SQL                                                                                             \
    "SELECT i.id, COALESCE(i.unit_id, 0), CASE WHEN i.person_name <> '' THEN i.person_name ELSE u.name END,"   \
    " i.position, i.code, i.checked_in_at, i.checked_in_how FROM conference_invitees i"                    \
    " LEFT JOIN units u ON u.id = i.unit_id"

int conf_invitees(dv_db *db, dv_arena *a, int64_t id, struct conf_invitee **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, INV_SQL " WHERE i.conference_id = ?1 ORDER BY i.id", id, sizeof **out,
                                fill_invitee, n, &rc);
    return rc;
}

int conf_invitee_get(dv_db *db, dv_arena *a, int64_t id, int64_t invitee_id, struct conf_invitee *out)
{
    int rc = rstore_get_by_id(db, a, INV_SQL " WHERE i.id = ?1", invitee_id, fill_invitee, out);
    if (rc) return rc;
    return rstore_exists(db, "SELECT 1 FROM conference_invitees WHERE id = ?1 AND conference_id = ?2", RINT(invitee_id),
                         RINT(id));
}

static void fill_agenda(dv_arena *a, dv_stmt *st, void *item)
{
    struct conf_agenda_item *g = item;
    g->id = db_col_int(st, 0);
    g->starts_at = rv_col(a, st, 1);
    g->ends_at = rv_col(a, st, 2);
    g->title = rv_col(a, st, 3);
    g->presenter = rv_col(a, st, 4);
}

int conf_agenda(dv_db *db, dv_arena *a, int64_t id, struct conf_agenda_item **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT id, starts_at, ends_at, title, presenter FROM conference_agenda"
                                " WHERE conference_id = ?1 ORDER BY starts_at, id",
                                id, sizeof **out, fill_agenda, n, &rc);
    return rc;
}

static void fill_pres(dv_arena *a, dv_stmt *st, void *item)
{
    struct conf_presentation *p = item;
    p->id = db_col_int(st, 0);
    p->unit_id = db_col_int(st, 1);
    p->author = rv_col(a, st, 2);
    p->unit_name = rv_col(a, st, 3);
    p->title = rv_col(a, st, 4);
    p->mode = rv_col(a, st, 5);
    p->file_name = rv_col(a, st, 6);
}

int conf_presentations(dv_db *db, dv_arena *a, int64_t id, struct conf_presentation **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT p.id, COALESCE(p.unit_id, 0), p.author, COALESCE(u.name, ''), p.title, p.mode,"
                                " p.file_name FROM conference_presentations p LEFT JOIN units u ON u.id = p.unit_id"
                                " WHERE p.conference_id = ?1 ORDER BY p.id",
                                id, sizeof **out, fill_pres, n, &rc);
    return rc;
}

int conf_presentation_file(dv_db *db, dv_arena *a, int64_t id, int64_t pid, const void **data, size_t *len)
{
    return rv_store_file(db, a, "SELECT NULL, NULL, file FROM conference_presentations WHERE id = ?1 AND conference_id = ?2"
                                " AND file IS NOT NULL", pid, id, NULL, NULL, data, len);
}

static void fill_concl(dv_arena *a, dv_stmt *st, void *item)
{
    struct conf_conclusion *c = item;
    c->id = db_col_int(st, 0);
    c->text = rv_col(a, st, 1);
    c->lead_unit_id = db_col_int(st, 2);
    c->lead_name = rv_col(a, st, 3);
    c->deadline = rv_col(a, st, 4);
    c->task_id = db_col_int(st, 5);
    c->task_state = rv_col(a, st, 6);
}

int conf_conclusions(dv_db *db, dv_arena *a, int64_t id, struct conf_conclusion **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT c.id, c.text, c.lead_unit_id, u.name, t.deadline, c.task_id, t.state"
                                " FROM conference_conclusions c JOIN units u ON u.id = c.lead_unit_id"
                                " JOIN tasks t ON t.id = c.task_id WHERE c.conference_id = ?1 ORDER BY c.id",
                                id, sizeof **out, fill_concl, n, &rc);
    return rc;
}

static void fill_award(dv_arena *a, dv_stmt *st, void *item)
{
    struct award *w = item;
    w->id = db_col_int(st, 0);
    w->unit_id = db_col_int(st, 1);
    w->recipient_kind = rv_col(a, st, 2);
    w->recipient = rv_col(a, st, 3);
    w->achievement = rv_col(a, st, 4);
    w->form = rv_col(a, st, 5);
    w->decision_number = rv_col(a, st, 6);
    w->decided_on = rv_col(a, st, 7);
}

int conf_awards(dv_db *db, dv_arena *a, int64_t id, struct award **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT w.id, COALESCE(w.unit_id, 0), w.recipient_kind,"
                                " CASE WHEN w.person_name <> '' THEN w.person_name || COALESCE(' (' || u.name || ')', '')"
                                " ELSE u.name END, w.achievement, w.form, w.decision_number, w.decided_on"
                                " FROM awards w LEFT JOIN units u ON u.id = w.unit_id WHERE w.conference_id = ?1 ORDER BY w.id",
                                id, sizeof **out, fill_award, n, &rc);
    return rc;
}

/* ---- photos ---- */

int conf_photo_add(dv_db *db, const struct dv_user *actor, int64_t id, int64_t media_id, const char *caption,
                   const char *alt)
{
    if (media_id <= 0 || !alt || !*alt) return DV_EINVAL;
    int rc = db_begin(db);
    if (rc) return rc;
    rc = rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1 AND article_id IS NULL", RINT(id));
    if (rc == DV_ENOTFOUND)
        rc = rstore_exists(db, "SELECT 1 FROM conferences WHERE id = ?1", RINT(id)) == 0 ? DV_ECONFLICT : DV_ENOTFOUND;
    if (!rc && rstore_exists(db, "SELECT 1 FROM conference_photos WHERE conference_id = ?1 AND media_id = ?2", RINT(id),
                             RINT(media_id)) == 0)
        rc = DV_ECONFLICT;
    if (rc) {
        db_rollback(db);
        return rc;
    }
    rc = rstore_exec(db, "INSERT INTO conference_photos (conference_id, media_id, caption, alt, created_by)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                     RINT(id), RINT(media_id), RTEXT(caption ? caption : ""), RTEXT(alt), RID0(by(actor)));
    return end_change(db, rc, actor, id, "photo", alt);
}

static void fill_photo(dv_arena *a, dv_stmt *st, void *item)
{
    struct conf_photo *p = item;
    p->id = db_col_int(st, 0);
    p->media_id = db_col_int(st, 1);
    p->caption = rv_col(a, st, 2);
    p->alt = rv_col(a, st, 3);
}

int conf_photos(dv_db *db, dv_arena *a, int64_t id, struct conf_photo **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a,
                                "SELECT id, media_id, caption, alt FROM conference_photos WHERE conference_id = ?1 ORDER BY id",
                                id, sizeof **out, fill_photo, n, &rc);
    return rc;
}

int conf_photo_get(dv_db *db, dv_arena *a, int64_t id, int64_t photo_id, struct conf_photo *out)
{
    dv_stmt *st = db_prepare(db, "SELECT id, media_id, caption, alt FROM conference_photos"
                                 " WHERE conference_id = ?1 AND id = ?2");
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, photo_id);
    int rc = db_step(st);
    if (rc == DB_ROW) fill_photo(a, st, out);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
