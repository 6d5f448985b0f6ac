/* petition.h - citizens' petitions and feedback (kiến nghị, phản ánh): the tracking code,
 * the states and who moves them, and the store (petition_store.c, petition_query_store.c,
 * citizen_settings_store.c). A petition comes in through the public form with no account;
 * its tracking code is the only public handle, and the public side never shows who sent it.
 *
 * States: received → classified → assigned → in_progress → drafted → approved → published;
 * from received/classified/assigned also transferred (to the competent body), duplicate
 * (of another petition) or refused (with a reason). drafted → in_progress returns a draft;
 * a reviewer other than its author approves it; published → in_progress when the
 * petitioner reopens it within citizen.reopen_days. */
#ifndef DV_CITIZEN_PETITION_H
#define DV_CITIZEN_PETITION_H

#include "citizen/workday.h"
#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

enum petition_status {
    PS_RECEIVED, PS_CLASSIFIED, PS_ASSIGNED, PS_IN_PROGRESS, PS_DRAFTED, PS_APPROVED, PS_PUBLISHED,
    PS_TRANSFERRED, PS_DUPLICATE, PS_REFUSED, PS_COUNT
};
const char *petition_status_code(enum petition_status s);            /* "received" … */
int petition_status_parse(const char *code, enum petition_status *out); /* 0 / DV_EINVAL */
const char *petition_status_label(enum petition_status s);           /* translated */
/* 1 when the store allows from → to (the reopening is petition_reopen's own). */
int petition_can_move(enum petition_status from, enum petition_status to);
/* 1 for published, transferred, duplicate and refused. */
int petition_is_closed(enum petition_status s);

/* Tracking codes: "KN-" then 8 characters of PETITION_ALPHABET in two groups of four
 * ("KN-7HQ4-MX2P"), drawn with libsodium. No 0/O, 1/I/L, 5/S, 8/B, U/V look-alikes. */
#define PETITION_ALPHABET "ACDEFGHJKMNPQRTWXY234679"
#define PETITION_CODE_LEN 12
void petition_code_new(char out[PETITION_CODE_LEN + 1]);
/* A code as a person typed it ("kn 7hq4mx2p", "7HQ4-MX2P") normalised to the canonical form:
 * 0, or DV_EINVAL when it cannot be one. */
int petition_code_normalize(const char *in, char out[PETITION_CODE_LEN + 1]);

/* Deadlines counted from the day received (in working days). */
#define PETITION_NOTICE_DAYS 10   /* Quy định 11-QĐi/TW: written notice of receipt */
#define PETITION_TRANSFER_DAYS 5  /* Nghị định 20/2008: transfer to the competent body */

/* --- settings (citizen_settings_store.c) --- */
struct citizen_settings {
    int anonymous_allowed;   /* a petition may be sent without name and contact */
    int reopen_days;         /* calendar days after publication the petitioner may reopen */
    int rate_ip_hour;        /* petitions per address per hour */
    int rate_contact_day;    /* petitions per e-mail or phone per 24 hours */
    int reception_min_province, reception_min_commune; /* reception days a month */
};
int citizen_settings_get(dv_db *db, struct citizen_settings *out);
int citizen_settings_save(dv_db *db, const struct dv_user *actor, const struct citizen_settings *s);

/* The operator's province (the root of the communes petitions concern). DV_ENOTFOUND. */
int citizen_province_id(dv_db *db, int64_t *id);

/* The calendar (work_calendar): loaded into the arena. */
int citizen_calendar_load(dv_db *db, dv_arena *a, struct work_cal *out);
struct cal_day {
    const char *day, *kind, *name;
};
int citizen_calendar_list(dv_db *db, dv_arena *a, int year, struct cal_day **out, size_t *n);
/* kind "holiday" or "workday"; replaces the day's entry. DV_EINVAL. */
int citizen_calendar_put(dv_db *db, const struct dv_user *actor, const char *day, const char *kind, const char *name);
int citizen_calendar_delete(dv_db *db, const struct dv_user *actor, const char *day);

struct petition_category {
    int64_t id;
    const char *code, *name, *description;
    int answer_days;
};
int petition_categories(dv_db *db, dv_arena *a, struct petition_category **out, size_t *n);
int petition_category_set_days(dv_db *db, const struct dv_user *actor, int64_t id, int days);

/* --- a petition --- */
struct petition_file_in {
    const char *name;
    const char *type;        /* sniffed */
    const void *data;
    size_t len;
};
#define PETITION_MAX_FILES 3
#define PETITION_FILE_MAX (2u * 1024 * 1024)

struct petition_input {
    int64_t category_id, commune_id;
    const char *content;
    const char *name, *email, *phone; /* NULL when not given */
    int anonymous;
    const char *ip;
    const struct petition_file_in *files;
    size_t nfiles;
    const char *received_day; /* ISO: a petition received on paper earlier (the demo, a
                                 reception day's); NULL = today */
};

/* Why a submission was refused (petition_submit's DV_EBUSY / DV_ECONFLICT). */
enum petition_refusal { PR_NONE, PR_RATE_IP, PR_RATE_CONTACT, PR_DUPLICATE };

/* Records a new petition (code, deadlines, first event, files, audit row) in one
 * transaction. DV_EBUSY over a rate limit, DV_ECONFLICT a duplicate (same content and
 * contact within 30 days), DV_EINVAL unknown category or commune; *why says which. */
int petition_submit(dv_db *db, const struct petition_input *in, char code_out[PETITION_CODE_LEN + 1],
                    int64_t *id_out, enum petition_refusal *why);

struct petition {
    int64_t id;
    const char *code;
    enum petition_status status;
    int64_t category_id;
    const char *category_name, *category_code;
    int64_t commune_id, assigned_unit_id;
    const char *commune_name, *assigned_unit_name;
    const char *content, *summary;
    const char *name, *email, *phone;
    int anonymous;
    const char *received_at, *received_day;
    const char *notice_due, *transfer_due, *answer_due;
    const char *noticed_on, *closed_on;
    const char *duplicate_code, *transferred_to, *refusal_reason;
    const char *answer;
    int64_t drafted_by, approved_by;
    const char *published_at, *updated_at;
};

struct petition_event {
    const char *at;
    enum petition_status status;
    const char *public_note, *internal_note, *actor;
};

struct petition_file {
    int64_t id;
    const char *name, *type;
    size_t len;
};

int petition_get(dv_db *db, dv_arena *a, int64_t id, struct petition *out);
int petition_by_code(dv_db *db, dv_arena *a, const char *code, struct petition *out);
int petition_events(dv_db *db, dv_arena *a, int64_t id, struct petition_event **out, size_t *n);
int petition_files(dv_db *db, dv_arena *a, int64_t id, struct petition_file **out, size_t *n);
/* One file's bytes (with its petition, for the access check). */
int petition_file_get(dv_db *db, dv_arena *a, int64_t file_id, int64_t *petition_id, const char **name,
                      const char **type, const void **data, size_t *len);

/* A staff action on a petition: moves it to `to` with what that state needs. */
struct petition_action {
    enum petition_status to;
    int64_t category_id;       /* classify: may change the category (0 keeps it) */
    const char *summary;       /* classify: the public summary */
    int64_t unit_id;           /* assign */
    const char *answer;        /* draft */
    const char *transferred_to;/* transfer */
    const char *duplicate_code;/* duplicate */
    const char *reason;        /* refuse; the note of a return */
    const char *public_note;   /* shown on the public page */
};
/* DV_ECONFLICT when the move is not allowed from the current state (or an approval by the
 * draft's own author), DV_EINVAL when what the state needs is missing, DV_ENOTFOUND. */
int petition_act(dv_db *db, const struct dv_user *actor, int64_t id, const struct petition_action *act);
/* The petitioner reopens a published petition (by its code) within reopen_days: back to
 * in_progress with the reason. DV_ECONFLICT when it is not published or too late. */
int petition_reopen(dv_db *db, const char *code, const char *reason, const char *ip);

/* --- lists and counts (petition_query_store.c) --- */
struct petition_filter {
    int64_t root;              /* the scope: petitions whose commune or assigned unit is in it (0: all) */
    int status;                /* enum petition_status, or -1 for any */
    int64_t category_id;       /* 0: any */
    int overdue_only;
    int open_only;
    const char *today;         /* ISO, for the overdue flags */
    size_t limit, offset;
};
struct petition_row {
    int64_t id;
    const char *code, *category_name, *commune_name, *assigned_unit_name, *received_day, *answer_due,
        *notice_due, *summary;
    enum petition_status status;
    int overdue_notice, overdue_answer;
};
int petition_list(dv_db *db, dv_arena *a, const struct petition_filter *f, struct petition_row **out, size_t *n);

/* Published answers whose summary or answer matches q (folded: no diacritics needed). */
struct petition_answer_hit {
    const char *code, *category_name, *commune_name, *published_at, *summary, *answer;
};
int petition_search_answers(dv_db *db, dv_arena *a, const char *q, size_t limit, struct petition_answer_hit **out,
                            size_t *n);

/* Petitions received / resolved (published, transferred or refused) whose commune or
 * assigned unit is in unit_id's subtree, over [from, to] (ISO, inclusive). */
int petition_count_received(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n);
int petition_count_resolved(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n);
/* Open petitions of unit_id's subtree past a deadline on today. */
int petition_count_overdue(dv_db *db, int64_t unit_id, const char *today, int64_t *n);

/* Open311 GeoReport v2 requests (newest first, at most limit): the public fields only. */
struct open311_filter {
    const char *codes;         /* comma-separated tracking codes, or NULL */
    const char *service_code;  /* or NULL */
    const char *start, *end;   /* ISO UTC bounds of received_at, or NULL */
    const char *status;        /* "open" / "closed" / NULL */
    size_t limit;
};
int petition_open311(dv_db *db, dv_arena *a, const struct open311_filter *f, struct petition **out, size_t *n);

/* The cache of the public status pages is stamped with this: bumped by every petition write. */
uint64_t petition_generation(void);

#endif
