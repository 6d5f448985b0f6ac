/* citizen_settings_store.c - the operator's settings of the citizens' area (settings rows
 * "citizen.*"), the working-day calendar (work_calendar) and the petition categories with
 * their answer deadlines. Every write in a transaction with its audit row. */
#include "citizen/petition.h"

#include "core/err.h"
#include "db/store_util.h"
#include "org/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SQL_SETTINGS = "SELECT key, value FROM settings WHERE key LIKE 'citizen.%'";
static const char *SQL_SETTING_PUT =
    "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char *SQL_CAL_ALL = "SELECT day, kind FROM work_calendar ORDER BY day";
static const char *SQL_CAL_YEAR =
    "SELECT day, kind, name FROM work_calendar WHERE substr(day, 1, 4) = ?1 ORDER BY day";
static const char *SQL_CAL_PUT =
    "INSERT INTO work_calendar(day, kind, name) VALUES (?1, ?2, ?3) "
    "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name";
static const char *SQL_CAL_DEL = "DELETE FROM work_calendar WHERE day = ?1";
static const char *SQL_CATS =
    "SELECT id, code, name, description, answer_days FROM petition_categories ORDER BY position, id";
static const char *SQL_CAT_DAYS = "UPDATE petition_categories SET answer_days = ?2 WHERE id = ?1";

static const struct {
    const char *key;
    size_t off;
} setting_keys[] = {
    {"citizen.anonymous_allowed", offsetof(struct citizen_settings, anonymous_allowed)},
    {"citizen.reopen_days", offsetof(struct citizen_settings, reopen_days)},
    {"citizen.rate_ip_hour", offsetof(struct citizen_settings, rate_ip_hour)},
    {"citizen.rate_contact_day", offsetof(struct citizen_settings, rate_contact_day)},
    {"citizen.reception_min_province", offsetof(struct citizen_settings, reception_min_province)},
    {"citizen.reception_min_commune", offsetof(struct citizen_settings, reception_min_commune)},
};
#define NKEYS (sizeof setting_keys / sizeof *setting_keys)

int citizen_settings_get(dv_db *db, struct citizen_settings *out)
{
    *out = (struct citizen_settings){1, 30, 10, 5, 1, 2};
    dv_stmt *st = db_prepare(db, SQL_SETTINGS);
    if (!st) return DV_EDB;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *k = db_col_text(st, 0), *v = db_col_text(st, 1);
        for (size_t i = 0; i < NKEYS; i++)
            if (k && v && !strcmp(k, setting_keys[i].key)) *(int *)((char *)out + setting_keys[i].off) = atoi(v);
    }
    db_done(st);
    return rc == DB_DONE ? DV_OK : DV_EDB;
}

int citizen_settings_save(dv_db *db, const struct dv_user *actor, const struct citizen_settings *s)
{
    struct citizen_settings old;
    if (citizen_settings_get(db, &old)) return DV_EDB;
    if (db_begin(db)) return DV_EDB;
    int rc = DV_OK;
    struct audit_change ch[NKEYS];
    char oldv[NKEYS][16], newv[NKEYS][16];
    for (size_t i = 0; i < NKEYS && rc == DV_OK; i++) {
        snprintf(oldv[i], 16, "%d", *(const int *)((const char *)&old + setting_keys[i].off));
        snprintf(newv[i], 16, "%d", *(const int *)((const char *)s + setting_keys[i].off));
        ch[i] = (struct audit_change){setting_keys[i].key, oldv[i], newv[i]};
        rc = rstore_exec(db, SQL_SETTING_PUT, RTEXT(setting_keys[i].key), RTEXT(newv[i]));
    }
    return audit_tx_end(db, rc, actor, NULL, "update", "citizen_settings", 0, ch, NKEYS);
}

int citizen_calendar_load(dv_db *db, dv_arena *a, struct work_cal *out)
{
    memset(out, 0, sizeof *out);
    dv_stmt *st = db_prepare(db, SQL_CAL_ALL);
    if (!st) return DV_EDB;
    long *hol = NULL, *work = NULL;
    size_t nh = 0, nw = 0, ch = 0, cw = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        long day;
        if (workday_parse(db_col_text(st, 0), &day)) continue;
        const char *kind = db_col_text(st, 1);
        if (kind && kind[0] == 'h') {
            hol = arena_grow(a, hol, nh + 1, &ch, sizeof *hol);
            hol[nh++] = day;
        } else {
            work = arena_grow(a, work, nw + 1, &cw, sizeof *work);
            work[nw++] = day;
        }
    }
    db_done(st);
    if (rc != DB_DONE) return DV_EDB;
    *out = (struct work_cal){hol, nh, work, nw};
    return DV_OK;
}

static void fill_day(dv_arena *a, dv_stmt *st, void *item)
{
    struct cal_day *d = item;
    d->day = arena_strdup(a, db_col_text(st, 0));
    d->kind = arena_strdup(a, db_col_text(st, 1));
    d->name = arena_strdup(a, db_col_text(st, 2));
}

int citizen_calendar_list(dv_db *db, dv_arena *a, int year, struct cal_day **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_CAL_YEAR);
    if (!st) return DV_EDB;
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    db_bind_text(st, 1, y);
    return rstore_collect(st, a, sizeof **out, fill_day, (void **)out, n);
}

int citizen_calendar_put(dv_db *db, const struct dv_user *actor, const char *day, const char *kind, const char *name)
{
    long d;
    if (workday_parse(day, &d) || !kind || (strcmp(kind, "holiday") && strcmp(kind, "workday")) || !name || !*name)
        return DV_EINVAL;
    if (db_begin(db)) return DV_EDB;
    int rc = rstore_exec(db, SQL_CAL_PUT, RTEXT(day), RTEXT(kind), RTEXT(name));
    struct audit_change ch[] = {{"day", NULL, day}, {"kind", NULL, kind}, {"name", NULL, name}};
    return audit_tx_end(db, rc, actor, NULL, "update", "work_calendar", 0, ch, 3);
}

int citizen_calendar_delete(dv_db *db, const struct dv_user *actor, const char *day)
{
    if (db_begin(db)) return DV_EDB;
    int rc = rstore_exec(db, SQL_CAL_DEL, RTEXT(day));
    if (rc == DV_OK && db_changes(db) == 0) rc = DV_ENOTFOUND;
    struct audit_change ch[] = {{"day", day, NULL}};
    return audit_tx_end(db, rc, actor, NULL, "delete", "work_calendar", 0, ch, 1);
}

static void fill_cat(dv_arena *a, dv_stmt *st, void *item)
{
    struct petition_category *c = item;
    c->id = db_col_int(st, 0);
    c->code = arena_strdup(a, db_col_text(st, 1));
    c->name = arena_strdup(a, db_col_text(st, 2));
    c->description = arena_strdup(a, db_col_text(st, 3));
    c->answer_days = (int)db_col_int(st, 4);
}

int petition_categories(dv_db *db, dv_arena *a, struct petition_category **out, size_t *n)
{
    dv_stmt *st = db_prepare(db, SQL_CATS);
    if (!st) return DV_EDB;
    return rstore_collect(st, a, sizeof **out, fill_cat, (void **)out, n);
}

int petition_category_set_days(dv_db *db, const struct dv_user *actor, int64_t id, int days)
{
    if (days < 1 || days > 90) return DV_EINVAL;
    if (db_begin(db)) return DV_EDB;
    int rc = rstore_exec(db, SQL_CAT_DAYS, RINT(id), RINT(days));
    if (rc == DV_OK && db_changes(db) == 0) rc = DV_ENOTFOUND;
    char v[16];
    snprintf(v, sizeof v, "%d", days);
    struct audit_change ch[] = {{"answer_days", NULL, v}};
    return audit_tx_end(db, rc, actor, NULL, "update", "petition_category", id, ch, 1);
}

/* The operator's province: the open province whose tree holds its political system's bodies
 * (a Party committee among its children). */
static const char *SQL_PROVINCE =
    "SELECT p.id FROM units p WHERE p.type = 'province' AND p.valid_to IS NULL AND EXISTS (SELECT 1 "
    "FROM unit_links l JOIN units c ON c.id = l.child_id WHERE l.parent_id = p.id AND l.valid_to IS NULL "
    "AND c.type = 'party_committee') ORDER BY p.id LIMIT 1";

int citizen_province_id(dv_db *db, int64_t *id)
{
    *id = 0;
    dv_stmt *st = db_prepare(db, SQL_PROVINCE);
    if (!st) return DV_EDB;
    int rc = db_step(st);
    if (rc == DB_ROW) *id = db_col_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? DV_OK : rc == DB_DONE ? DV_ENOTFOUND : DV_EDB;
}
