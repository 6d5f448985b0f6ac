/* petition_store.c - petitions in SQL (petition.h): the public submission with its rate
 * limits, duplicate check, deadlines and tracking code; reading one petition, its history
 * and files; the staff's moves between states and the petitioner's reopening. Each write is
 * one transaction with its audit row (a citizen's as the actor "citizen"). */
#include "citizen/petition.h"
#include "citizen/citizen_internal.h"

#include "core/clock.h"
#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"
#include "text/text.h"

#include <ctype.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Atomic uint64_t generation = 1;

uint64_t petition_generation(void)
{
    return atomic_load(&generation);
}

void petition_changed(void)
{
    atomic_fetch_add(&generation, 1);
}

static const char *SQL_GET = "SELECT " PETITION_COLS PETITION_FROM "WHERE p.id = ?1";
static const char *SQL_BY_CODE = "SELECT " PETITION_COLS PETITION_FROM "WHERE p.code = ?1";
/* The rate counts stop at the limit: a flood costs each new request at most that many
 * index entries, not the whole flood so far. */
static const char *SQL_RATE_IP = "SELECT count(*) FROM (SELECT 1 FROM petitions WHERE ip = ?1 AND received_at > ?2 "
                                 "LIMIT ?3) AS recent";
static const char *SQL_RATE_CONTACT = "SELECT count(*) FROM (SELECT 1 FROM petitions WHERE contact_key = ?1 "
                                      "AND received_at > ?2 LIMIT ?3) AS recent";
static const char *SQL_DUP =
    "SELECT 1 FROM petitions WHERE content_hash = ?1 AND received_at > ?2 AND status <> 'refused'";
static const char *SQL_CAT_DAYS = "SELECT answer_days FROM petition_categories WHERE id = ?1";
static const char *SQL_COMMUNE =
    "SELECT 1 FROM units WHERE id = ?1 AND type IN ('commune', 'ward', 'special_zone') AND valid_to IS NULL";
static const char *SQL_INSERT =
    "INSERT INTO petitions(code, category_id, commune_id, content, name, email, phone, anonymous, ip, "
    "contact_key, content_hash, received_at, received_day, notice_due, transfer_due, answer_due, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?12)";
static const char *SQL_EVENT =
    "INSERT INTO petition_events(petition_id, status, public_note, internal_note, actor, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
static const char *SQL_FILE =
    "INSERT INTO petition_files(petition_id, name, type, sha256, data) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *SQL_EVENTS =
    "SELECT at, status, public_note, internal_note, actor FROM petition_events WHERE petition_id = ?1 ORDER BY id";
static const char *SQL_FILES =
    "SELECT id, name, type, length(data) FROM petition_files WHERE petition_id = ?1 ORDER BY id";
static const char *SQL_FILE_GET = "SELECT petition_id, name, type, data FROM petition_files WHERE id = ?1";

/* --- helpers --- */

static const char *dup_col(dv_arena *a, dv_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

/* The rows of key since then, counted up to limit. */
static int count_of(dv_db *db, const char *sql, const char *key, const char *since, int64_t limit, int64_t *n)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, since);
    db_bind_int(st, 3, limit);
    int rc = db_step(st);
    *n = rc == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    return rc == DB_ROW ? DV_OK : DV_EDB;
}

static int int_of(dv_db *db, const char *sql, int64_t id, int64_t *v)
{
    dv_stmt *st = db_prepare(db, sql);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) *v = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static void iso_ago(long long seconds, char out[21])
{
    clock_iso_utc((long long)time(NULL) - seconds, out);
}

/* The e-mail lowercased, else the phone's digits, else NULL. */
static const char *contact_key(dv_arena *a, const struct petition_input *in)
{
    if (in->email && *in->email) {
        char *k = arena_strdup(a, in->email);
        for (char *p = k; *p; p++) *p = (char)tolower((unsigned char)*p);
        return k;
    }
    if (in->phone && *in->phone) {
        char *k = arena_alloc(a, strlen(in->phone) + 1);
        size_t n = 0;
        for (const char *p = in->phone; *p; p++)
            if (isdigit((unsigned char)*p)) k[n++] = *p;
        k[n] = 0;
        return n ? k : NULL;
    }
    return NULL;
}

static void content_hash(const char *content, const char *contact, char out[65])
{
    char *f = text_fold(content);
    crypto_hash_sha256_state s;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&s);
    crypto_hash_sha256_update(&s, (const unsigned char *)(f ? f : content), strlen(f ? f : content));
    crypto_hash_sha256_update(&s, (const unsigned char *)"\n", 1);
    if (contact) crypto_hash_sha256_update(&s, (const unsigned char *)contact, strlen(contact));
    crypto_hash_sha256_final(&s, h);
    free(f);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static int event_add(dv_db *db, int64_t id, enum petition_status s, const char *pub, const char *internal,
                     const char *actor)
{
    return rstore_exec(db, SQL_EVENT, RINT(id), RTEXT(petition_status_code(s)), RTEXT(pub), RTEXT(internal),
                       RTEXT(actor));
}

/* --- submission --- */

/* Rate limits and duplicates, inside the transaction: DV_OK or the refusal. */
static int submit_checks(dv_db *db, const struct petition_input *in, const char *contact, const char *hash,
                         enum petition_refusal *why)
{
    struct citizen_settings cs;
    if (citizen_settings_get(db, &cs)) return DV_EDB;
    char hour[21], day[21], month[21];
    iso_ago(3600, hour);
    iso_ago(86400, day);
    iso_ago(30 * 86400, month);
    int64_t n = 0;
    if (count_of(db, SQL_RATE_IP, in->ip ? in->ip : "", hour, cs.rate_ip_hour, &n)) return DV_EDB;
    if (n >= cs.rate_ip_hour) return *why = PR_RATE_IP, DV_EBUSY;
    if (contact && count_of(db, SQL_RATE_CONTACT, contact, day, cs.rate_contact_day, &n)) return DV_EDB;
    if (contact && n >= cs.rate_contact_day) return *why = PR_RATE_CONTACT, DV_EBUSY;
    int rc = rstore_exists(db, SQL_DUP, RTEXT(hash), RTEXT(month));
    if (rc == DV_OK) return *why = PR_DUPLICATE, DV_ECONFLICT;
    return rc == DV_ENOTFOUND ? DV_OK : rc;
}

struct deadlines {
    char today[11], notice[11], transfer[11], answer[11];
};

static int deadlines_of(dv_db *db, int answer_days, const char *day, struct deadlines *d)
{
    dv_arena *a = arena_new();
    struct work_cal cal;
    int rc = citizen_calendar_load(db, a, &cal);
    if (day) snprintf(d->today, sizeof d->today, "%s", day);
    else clock_vn_today(d->today);
    if (rc == DV_OK) {
        workday_add_iso(&cal, d->today, PETITION_NOTICE_DAYS, d->notice);
        workday_add_iso(&cal, d->today, PETITION_TRANSFER_DAYS, d->transfer);
        workday_add_iso(&cal, d->today, answer_days, d->answer);
    }
    arena_free(a);
    return rc;
}

static int insert_row(dv_db *db, const struct petition_input *in, const char *contact, const char *hash,
                      const struct deadlines *d, char code[PETITION_CODE_LEN + 1], int64_t *id)
{
    char now[21];
    long day;
    if (in->received_day && workday_parse(in->received_day, &day) == 0) {
        int y, m, dd;
        clock_civil_from_days(day, &y, &m, &dd);
        clock_iso_utc(clock_vn_instant(y, m, dd, 9, 0), now);
    } else clock_iso_utc((long long)time(NULL), now);
    int rc = DV_ECONFLICT;
    for (int attempt = 0; attempt < 5 && rc == DV_ECONFLICT; attempt++) {
        petition_code_new(code);
        rc = rstore_exec(db, SQL_INSERT, RTEXT(code), RINT(in->category_id), RINT(in->commune_id), RTEXT(in->content),
                         RTEXT(in->anonymous ? NULL : in->name), RTEXT(in->anonymous ? NULL : in->email),
                         RTEXT(in->anonymous ? NULL : in->phone), RINT(in->anonymous ? 1 : 0),
                         RTEXT(in->ip ? in->ip : ""), RTEXT(contact), RTEXT(hash), RTEXT(now), RTEXT(d->today),
                         RTEXT(d->notice), RTEXT(d->transfer), RTEXT(d->answer));
    }
    *id = rc == DV_OK ? db_last_id(db) : 0;
    return rc;
}

static int insert_files(dv_db *db, int64_t id, const struct petition_input *in)
{
    for (size_t i = 0; i < in->nfiles; i++) {
        const struct petition_file_in *f = &in->files[i];
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[65];
        crypto_hash_sha256(h, f->data, f->len);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        dv_stmt *st = db_prepare(db, SQL_FILE);
        if (!st) return DV_EDB;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, f->name);
        db_bind_text(st, 3, f->type);
        db_bind_text(st, 4, hex);
        db_bind_blob(st, 5, f->data, f->len);
        int rc = db_exec(st);
        if (rc < 0) return rc;
    }
    return DV_OK;
}

int petition_submit(dv_db *db, const struct petition_input *in, char code_out[PETITION_CODE_LEN + 1],
                    int64_t *id_out, enum petition_refusal *why)
{
    *why = PR_NONE;
    *id_out = 0;
    code_out[0] = 0;
    if (!in->content || !*in->content || in->nfiles > PETITION_MAX_FILES) return DV_EINVAL;
    dv_arena *a = arena_new();
    const char *contact = in->anonymous ? NULL : contact_key(a, in);
    char hash[65];
    content_hash(in->content, contact, hash);
    int64_t days = 0;
    struct deadlines d;
    int rc = db_begin(db) ? DV_EDB : DV_OK;
    if (rc == DV_OK) rc = submit_checks(db, in, contact, hash, why);
    if (rc == DV_OK) rc = int_of(db, SQL_CAT_DAYS, in->category_id, &days);
    if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    if (rc == DV_OK) {
        rc = rstore_exists(db, SQL_COMMUNE, RINT(in->commune_id));
        if (rc == DV_ENOTFOUND) rc = DV_EINVAL;
    }
    if (rc == DV_OK) rc = deadlines_of(db, (int)days, in->received_day, &d);
    int64_t id = 0;
    if (rc == DV_OK) rc = insert_row(db, in, contact, hash, &d, code_out, &id);
    if (rc == DV_OK) rc = event_add(db, id, PS_RECEIVED, NULL, NULL, "citizen");
    if (rc == DV_OK) rc = insert_files(db, id, in);
    if (rc == DV_OK) {
        char nf[8];
        snprintf(nf, sizeof nf, "%zu", in->nfiles);
        struct audit_change ch[] = {{"code", NULL, code_out}, {"files", NULL, nf}};
        rc = audit_write_named(db, 0, "citizen", in->ip, "create", "petition", id, ch, 2);
    }
    if (rc == DV_OK && db_commit(db)) rc = DV_EDB;
    if (rc != DV_OK && db_writing(db)) db_rollback(db);
    arena_free(a);
    if (rc != DV_OK) {
        code_out[0] = 0;
        return rc;
    }
    petition_changed();
    *id_out = id;
    return DV_OK;
}

/* --- reading --- */

static void petition_row(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition *p = item;
    p->id = db_col_int(st, 0);
    p->code = dup_col(a, st, 1);
    petition_status_parse(db_col_text(st, 2), &p->status);
    p->category_id = db_col_int(st, 3);
    p->category_name = dup_col(a, st, 4);
    p->category_code = dup_col(a, st, 5);
    p->commune_id = db_col_int(st, 6);
    p->commune_name = dup_col(a, st, 7);
    p->assigned_unit_id = db_col_int(st, 8);
    p->assigned_unit_name = dup_col(a, st, 9);
    p->content = dup_col(a, st, 10);
    p->summary = dup_col(a, st, 11);
    p->name = dup_col(a, st, 12);
    p->email = dup_col(a, st, 13);
    p->phone = dup_col(a, st, 14);
    p->anonymous = (int)db_col_int(st, 15);
    const char **s[] = {&p->received_at, &p->received_day, &p->notice_due, &p->transfer_due, &p->answer_due,
                        &p->noticed_on, &p->closed_on, &p->duplicate_code, &p->transferred_to,
                        &p->refusal_reason, &p->answer};
    for (int i = 0; i < 11; i++) *s[i] = dup_col(a, st, 16 + i);
    p->drafted_by = db_col_int(st, 27);
    p->approved_by = db_col_int(st, 28);
    p->published_at = dup_col(a, st, 29);
    p->updated_at = dup_col(a, st, 30);
}

void petition_fill_row(dv_arena *a, dv_stmt *st, void *item)
{
    petition_row(a, st, item);
}

int petition_get(dv_db *db, dv_arena *a, int64_t id, struct petition *out)
{
    memset(out, 0, sizeof *out);
    return rstore_get_by_id(db, a, SQL_GET, id, petition_row, out);
}

int petition_by_code(dv_db *db, dv_arena *a, const char *code, struct petition *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, SQL_BY_CODE);
    if (!st) return DV_EDB;
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW) petition_row(a, st, out);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}

static void fill_event(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition_event *e = item;
    e->at = dup_col(a, st, 0);
    petition_status_parse(db_col_text(st, 1), &e->status);
    e->public_note = dup_col(a, st, 2);
    e->internal_note = dup_col(a, st, 3);
    e->actor = dup_col(a, st, 4);
}

int petition_events(dv_db *db, dv_arena *a, int64_t id, struct petition_event **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, SQL_EVENTS, id, sizeof **out, fill_event, n, &rc);
    return rc;
}

static void fill_file(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition_file *f = item;
    f->id = db_col_int(st, 0);
    f->name = dup_col(a, st, 1);
    f->type = dup_col(a, st, 2);
    f->len = (size_t)db_col_int(st, 3);
}

int petition_files(dv_db *db, dv_arena *a, int64_t id, struct petition_file **out, size_t *n)
{
    int rc;
    *out = rstore_collect_by_id(db, a, SQL_FILES, id, sizeof **out, fill_file, n, &rc);
    return rc;
}

int petition_file_get(dv_db *db, dv_arena *a, int64_t file_id, int64_t *petition_id, const char **name,
                      const char **type, const void **data, size_t *len)
{
    dv_stmt *st = db_prepare(db, SQL_FILE_GET);
    if (!st) return DV_EDB;
    db_bind_int(st, 1, file_id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *petition_id = db_col_int(st, 0);
        *name = dup_col(a, st, 1);
        *type = dup_col(a, st, 2);
        size_t n = 0;
        const void *p = db_col_blob(st, 3, &n);
        void *copy = arena_alloc(a, n + 1);
        if (p) memcpy(copy, p, n);
        *data = copy;
        *len = n;
    }
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
